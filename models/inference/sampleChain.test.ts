import { describe, expect, it } from 'vitest';
import { coordinateChains } from '../diagnostics/summary';
import { mcseMean } from '../diagnostics/mcse';
import { quantile } from '../diagnostics/quantile';
import { pooled } from '../diagnostics/splitChains';
import { createRng } from '../random/rng';
import { isAbortError } from './cancellation';
import { sampleChain, type ChainProgress, type ChainResult } from './sampleChain';
import { createFunnelTarget } from './testTargets/funnelTarget';
import { laplaceInverseMassMatrix } from './laplaceInverseMassMatrix';
import { createGaussianTarget } from './testTargets/gaussianTarget';
import type { Target } from './types';

function runChains(
  target: Target,
  options: {
    chains: number;
    warmup: number;
    draws: number;
    seed: number;
    targetAcceptance?: number;
    metric?: 'diagonal' | 'dense';
  },
): ChainResult[] {
  return Array.from({ length: options.chains }, (_, chainId) =>
    sampleChain({
      target,
      warmup: options.warmup,
      draws: options.draws,
      seed: options.seed,
      chainId,
      targetAcceptance: options.targetAcceptance,
      metric: options.metric,
    }),
  );
}

/** Checks E[θᵢ] = μᵢ and E[(θᵢ − μᵢ)²] = σᵢ² within 4 Monte Carlo standard errors. */
function expectMoments(results: ChainResult[], mean: number[], variance: number[]): void {
  const d = mean.length;
  for (let i = 0; i < d; i++) {
    const chains = coordinateChains(
      results.map((r) => r.draws),
      d,
      i,
    );
    const estimate = pooled(chains).reduce((a, b) => a + b, 0) / (chains.length * chains[0].length);
    expect(Math.abs(estimate - mean[i])).toBeLessThan(4 * mcseMean(chains));
    const squares = chains.map((c) => c.map((x) => (x - mean[i]) ** 2));
    const second = pooled(squares).reduce((a, b) => a + b, 0) / (chains.length * chains[0].length);
    expect(Math.abs(second - variance[i])).toBeLessThan(4 * mcseMean(squares));
  }
}

describe('sampleChain (NUTS with Stan warmup)', () => {
  it('recovers mean and variance of a 2-D Gaussian with correlation 0.9', () => {
    const sd = [1, 2];
    const rho = 0.9;
    const target = createGaussianTarget({
      kind: 'gaussian',
      mean: [1, -2],
      covariance: [
        [sd[0] ** 2, rho * sd[0] * sd[1]],
        [rho * sd[0] * sd[1], sd[1] ** 2],
      ],
    });
    const results = runChains(target, { chains: 4, warmup: 500, draws: 1000, seed: 2024 });
    expectMoments(results, [1, -2], [1, 4]);
    // The correlation itself: E[(θ₁−μ₁)(θ₂−μ₂)] = ρ σ₁ σ₂ = 1.8.
    const all = results.flatMap((r) =>
      Array.from({ length: r.numDraws }, (_, k) => (r.draws[2 * k] - 1) * (r.draws[2 * k + 1] + 2)),
    );
    expect(all.reduce((a, b) => a + b, 0) / all.length).toBeCloseTo(1.8, 0);
    for (const r of results) expect(r.stats.divergences).toBe(0);
  });

  it('recovers a 10-D Gaussian with scales from 0.01 to 100 and adapts M⁻¹ to the variances', () => {
    const scales = [0.01, 0.1, 0.5, 1, 2, 5, 10, 20, 50, 100];
    const mean = scales.map((_, i) => i - 4);
    const target = createGaussianTarget({ kind: 'gaussian', mean, scales });
    const results = runChains(target, {
      chains: 4,
      warmup: 500,
      draws: 1000,
      seed: 99,
      metric: 'diagonal',
    });
    expectMoments(
      results,
      mean,
      scales.map((s) => s * s),
    );
    for (const r of results) {
      expect(r.stats.divergences).toBe(0);
      expect(r.stats.treeDepthSaturations).toBe(0);
      scales.forEach((s, i) => {
        const ratio = Math.sqrt(r.stats.inverseMassMatrix[i]) / s;
        expect(ratio).toBeGreaterThan(0.7);
        expect(ratio).toBeLessThan(1.3);
      });
      // Well adapted: a few leapfrog steps per draw, not hundreds.
      expect(r.stats.meanTreeDepth).toBeLessThan(4);
    }
  });

  it('dense metric: adapts M⁻¹ to a strongly correlated covariance and needs far fewer gradients than diagonal', () => {
    // Σ = D R D with scales 0.1 … 10 and correlations ρ^|i−j|, ρ = 0.95: a narrow, tilted valley.
    const d = 6;
    const scales = [0.1, 0.5, 1, 2, 5, 10];
    const covariance = scales.map((si, i) =>
      scales.map((sj, j) => si * sj * 0.95 ** Math.abs(i - j)),
    );
    const mean = scales.map((_, i) => 2 - i);
    const target = createGaussianTarget({ kind: 'gaussian', mean, covariance });
    const dense = runChains(target, {
      chains: 4,
      warmup: 1000,
      draws: 1000,
      seed: 17,
      metric: 'dense',
    });
    const diagonal = runChains(target, {
      chains: 4,
      warmup: 1000,
      draws: 1000,
      seed: 17,
      metric: 'diagonal',
    });
    expectMoments(
      dense,
      mean,
      scales.map((s) => s * s),
    );
    expectMoments(
      diagonal,
      mean,
      scales.map((s) => s * s),
    );
    for (const r of dense) {
      expect(r.stats.divergences).toBe(0);
      expect(r.stats.inverseMassMatrix.length).toBe(d * d);
      // The adapted M⁻¹ estimates Σ from the last window's draws: correlations within ±0.05.
      for (let i = 0; i < d; i++)
        for (let j = 0; j < d; j++) {
          const m = r.stats.inverseMassMatrix;
          const correlation = m[i * d + j] / Math.sqrt(m[i * d + i] * m[j * d + j]);
          expect(Math.abs(correlation - 0.95 ** Math.abs(i - j))).toBeLessThan(0.05);
        }
    }
    const gradients = (rs: ChainResult[]) =>
      rs.reduce((n, r) => n + r.stats.gradientEvaluations, 0);
    // Round level sets allow ~4× longer steps (measured: ε ≈ 0.69 vs 0.17, 34k vs 53k gradients per chain).
    expect(gradients(dense)).toBeLessThan(0.75 * gradients(diagonal));
    for (let c = 0; c < 4; c++)
      expect(dense[c].stats.stepSize).toBeGreaterThan(2.5 * diagonal[c].stats.stepSize);
  });

  it("Neal's funnel: centred diverges and misses the neck, non-centred recovers v ~ N(0, 3²)", () => {
    const centred = runChains(
      createFunnelTarget({ kind: 'funnel', width: 9, parameterisation: 'centred' }),
      {
        chains: 2,
        warmup: 500,
        draws: 1000,
        seed: 5,
      },
    );
    const nonCentred = runChains(
      createFunnelTarget({ kind: 'funnel', width: 9, parameterisation: 'noncentred' }),
      {
        chains: 2,
        warmup: 500,
        draws: 1000,
        seed: 5,
      },
    );
    const vCentred = pooled(
      coordinateChains(
        centred.map((r) => r.draws),
        10,
        0,
      ),
    );
    const vNonCentred = pooled(
      coordinateChains(
        nonCentred.map((r) => r.draws),
        10,
        0,
      ),
    ).map((x) => 3 * x);
    const trueQ05 = -3 * 1.6448536269514722;
    expect(centred.reduce((s, r) => s + r.stats.divergences, 0)).toBeGreaterThan(0);
    expect(nonCentred.reduce((s, r) => s + r.stats.divergences, 0)).toBe(0);
    // Centred chains cannot enter the narrow neck (v ≪ 0): the 5 % quantile is far too high.
    expect(quantile(vCentred, 0.05)).toBeGreaterThan(trueQ05 + 1);
    expect(Math.abs(quantile(vNonCentred, 0.05) - trueQ05)).toBeLessThan(0.5);
    const mean = vNonCentred.reduce((a, b) => a + b, 0) / vNonCentred.length;
    const variance =
      vNonCentred.reduce((a, x) => a + (x - mean) ** 2, 0) / (vNonCentred.length - 1);
    expect(Math.abs(mean)).toBeLessThan(0.3);
    expect(Math.sqrt(variance)).toBeGreaterThan(2.7);
    expect(Math.sqrt(variance)).toBeLessThan(3.3);
  });

  it('is deterministic: the same seed and chain give bit-identical draws; another chain id differs', () => {
    const target = createFunnelTarget({ kind: 'funnel', width: 3, parameterisation: 'centred' });
    const a = sampleChain({ target, warmup: 100, draws: 100, seed: 42, chainId: 1 });
    const b = sampleChain({ target, warmup: 100, draws: 100, seed: 42, chainId: 1 });
    const c = sampleChain({ target, warmup: 100, draws: 100, seed: 42, chainId: 2 });
    expect(b.draws).toEqual(a.draws);
    expect(b.logDensity).toEqual(a.logDensity);
    expect(b.stats.stepSize).toBe(a.stats.stepSize);
    expect(c.draws).not.toEqual(a.draws);
  });

  it('thins, reports throttled progress ending at the total, and counts gradients', () => {
    const target = createGaussianTarget({ kind: 'gaussian', mean: [0, 0, 0] });
    const progress: ChainProgress[] = [];
    const r = sampleChain({
      target,
      warmup: 200,
      draws: 301,
      seed: 1,
      chainId: 0,
      thin: 3,
      onProgress: (p) => progress.push(p),
      progressIntervalMs: 0,
    });
    expect(r.numDraws).toBe(101);
    expect(r.draws.length).toBe(303);
    expect(progress.length).toBe(501);
    expect(progress[0]).toMatchObject({ phase: 'warmup', iteration: 1, total: 501 });
    expect(progress[progress.length - 1]).toMatchObject({
      phase: 'sampling',
      iteration: 501,
      etaSeconds: 0,
    });
    expect(r.stats.gradientEvaluations).toBeGreaterThan(500);
    const throttled: ChainProgress[] = [];
    sampleChain({
      target,
      warmup: 200,
      draws: 300,
      seed: 1,
      chainId: 0,
      onProgress: (p) => throttled.push(p),
    });
    expect(throttled.length).toBeLessThan(20);
    expect(throttled[throttled.length - 1].iteration).toBe(500);
  });

  it('stops with an AbortError inside a long tree when cancelled', () => {
    // Without warmup ε = 1 on sd 10⁴: every tree runs to depth 10 (1023 steps). Cancel after 1000 calls.
    const inner = createGaussianTarget({ kind: 'gaussian', mean: [0, 0], scales: [1e4, 1e4] });
    let calls = 0;
    const target: Target = {
      ...inner,
      logDensityAndGradient: (p, g) => (calls++, inner.logDensityAndGradient(p, g)),
    };
    let cancelled = false;
    let error: unknown;
    try {
      sampleChain({
        target,
        warmup: 0,
        draws: 10,
        seed: 3,
        chainId: 0,
        isCancelled: () => (calls > 1000 ? (cancelled = true) : false),
      });
    } catch (e) {
      error = e;
    }
    expect(cancelled).toBe(true);
    expect(isAbortError(error)).toBe(true);
    expect(calls).toBeLessThan(1000 + 300);
  });

  it('names bad input', () => {
    const target = createGaussianTarget({ kind: 'gaussian', mean: [0] });
    expect(() => sampleChain({ target, warmup: -1, draws: 10, seed: 1, chainId: 0 })).toThrow(
      /warmup must be an integer ≥ 0, got -1/,
    );
    expect(() =>
      sampleChain({
        target,
        warmup: 0,
        draws: 10,
        seed: 1,
        chainId: 0,
        initialPosition: Float64Array.of(0, 1),
      }),
    ).toThrow(/length 2.*dimension 1/);
  });
});

describe('sampleChain with a target-supplied initial M⁻¹', () => {
  // Scales 10⁻³…10: under the unit metric the first fast window needs ε ≲ 10⁻³, so trees are deep.
  const scales = [1e-3, 1e-2, 0.1, 1, 10];
  const mean = [3, -1, 0.5, 2, -7];
  const gaussian = createGaussianTarget({ kind: 'gaussian', mean, scales });

  /** Runs chains on `target`, returning them and each chain's gradient evaluations during warmup. */
  function run(
    target: Target,
    chains: number,
  ): { results: ChainResult[]; warmupEvaluations: number[] } {
    const warmupEvaluations: number[] = [];
    const results = Array.from({ length: chains }, (_, chainId) => {
      let calls = 0;
      const counted: Target = {
        ...target,
        logDensityAndGradient: (p, g) => (calls++, target.logDensityAndGradient(p, g)),
      };
      return sampleChain({
        target: counted,
        warmup: 300,
        draws: 600,
        seed: 17,
        chainId,
        progressIntervalMs: 0,
        onProgress: (p) => {
          if (p.iteration === 300) warmupEvaluations.push(calls);
        },
      });
    });
    return { results, warmupEvaluations };
  }

  it('cuts warmup gradient evaluations, still recovers the moments, and is deterministic', () => {
    const starts: Float64Array[] = [];
    const laplaceTarget: Target = {
      ...gaussian,
      initialInverseMassMatrix: (start) => (
        starts.push(Float64Array.from(start)),
        laplaceInverseMassMatrix(gaussian, Float64Array.from(mean))
      ),
    };
    const unit = run(gaussian, 1);
    const laplace = run(laplaceTarget, 2);
    // The hook is asked once per chain, at the chain's start.
    expect(starts.length).toBe(2);
    [0, 1].forEach((chainId) =>
      expect(starts[chainId]).toEqual(gaussian.initialPosition(createRng(17).fork(chainId))),
    );
    expectMoments(
      laplace.results,
      mean,
      scales.map((s) => s * s),
    );
    // Measured: ≈ 8 100 vs 66 400 gradient evaluations in 300 warmup iterations (8×).
    expect(laplace.warmupEvaluations[0] * 3).toBeLessThan(unit.warmupEvaluations[0]);
    const again = run(laplaceTarget, 1).results[0];
    expect(again.draws).toEqual(laplace.results[0].draws);
    expect(again.stats.stepSize).toBe(laplace.results[0].stats.stepSize);
  });

  it('names an initial M⁻¹ of the wrong length', () => {
    const target: Target = { ...gaussian, initialInverseMassMatrix: () => Float64Array.of(1, 1) };
    expect(() => sampleChain({ target, warmup: 10, draws: 10, seed: 1, chainId: 0 })).toThrow(
      /initialInverseMassMatrix has 2 entries, expected 5/,
    );
  });
});
