import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { normalQuantile } from './normalDistribution';
import {
  analyseSensitivity,
  sensitivityBounds,
  sensitivityElements,
  type SensitivitySplit,
} from './sensitivity';

/** A split with given θ, σ², ν² and zero score fluctuations (so σ± = 0: θ bounds = CI bounds). */
function degenerateSplit(theta: number, sigma2: number, nu2: number, n = 10): SensitivitySplit {
  const zero = new Float64Array(n);
  return { theta, scaledScores: zero, sigma2, nu2, psiSigma2: zero, psiNu2: zero };
}

describe('omitted-confounding sensitivity (PLR)', () => {
  it('doc example: θ± = θ ± √(σ²ν²)·|ρ|√(cf_y cf_d/(1 − cf_d))', () => {
    const bounds = sensitivityBounds([degenerateSplit(1, 1, 1)], 0.5, 0.5, 1, 0.95);
    expect(bounds.thetaLower).toBeCloseTo(1 - Math.SQRT1_2, 14);
    expect(bounds.thetaUpper).toBeCloseTo(1 + Math.SQRT1_2, 14);
    const scaled = sensitivityBounds([degenerateSplit(2, 4, 0.25)], 0.1, 0.2, -0.5, 0.95);
    const half = 0.5 * Math.sqrt((0.1 * 0.2) / 0.8); // √(σ²ν²) = 1
    expect(scaled.thetaUpper - 2).toBeCloseTo(half, 14);
  });

  it('robustness value: the closed form c = (−a + √(a² + 4a))/2, a = (θ/S)², and its edge cases', () => {
    for (const [theta, sigma2, nu2] of [
      [0.3, 1, 1],
      [-1.2, 2, 0.7],
      [0.05, 3, 5],
    ]) {
      const a = (theta * theta) / (sigma2 * nu2);
      const expected = (-a + Math.sqrt(a * a + 4 * a)) / 2;
      const result = analyseSensitivity([degenerateSplit(theta, sigma2, nu2)], theta, {
        cfY: 0.03,
        cfD: 0.03,
        rho: 1,
      });
      expect(result.robustnessValue).toBeCloseTo(expected, 10);
      // With zero score noise the CI bound equals the θ bound, so RVa = RV.
      expect(result.robustnessValueAdjusted).toBeCloseTo(expected, 10);
      const bounds = sensitivityBounds(
        [degenerateSplit(theta, sigma2, nu2)],
        expected,
        expected,
        1,
        0.95,
      );
      expect(theta > 0 ? bounds.thetaLower : bounds.thetaUpper).toBeCloseTo(0, 9);
    }
    expect(
      analyseSensitivity([degenerateSplit(0, 1, 1)], 0, { cfY: 0.03, cfD: 0.03, rho: 1 })
        .robustnessValue,
    ).toBe(0);
    expect(
      analyseSensitivity([degenerateSplit(1, 1, 1)], 1, { cfY: 0.03, cfD: 0.03, rho: 0 })
        .robustnessValue,
    ).toBe(0.9999);
  });

  it('elements from data: σ² = mean residual², ν² = 1/mean (D − m̂)², ψ_σ, ψ_ν centred; CI widens by q·σ±', () => {
    const rng = createRng(2);
    const n = 400;
    const treatment = Float64Array.from({ length: n }, () => rng.normal());
    const outcome = treatment.map((d) => 0.5 * d + rng.normal());
    const zero = new Float64Array(n);
    let dd = 0;
    let dy = 0;
    for (let i = 0; i < n; i++) {
      dd += treatment[i] ** 2;
      dy += treatment[i] * outcome[i];
    }
    const theta = dy / dd;
    const jacobian = -dd / n;
    const scores = treatment.map((d, i) => (outcome[i] - theta * d) * d);
    const split = sensitivityElements({
      score: 'partialling-out',
      theta,
      jacobian,
      scores,
      outcome,
      treatment,
      outcomePrediction: zero,
      treatmentPrediction: zero,
      gPrediction: null,
    });
    const residual2 = outcome.map((y, i) => (y - theta * treatment[i]) ** 2);
    expect(split.sigma2).toBeCloseTo(residual2.reduce((s, v) => s + v, 0) / n, 12);
    expect(split.nu2).toBeCloseTo(n / dd, 12);
    expect(Math.abs(split.psiSigma2.reduce((s, v) => s + v, 0))).toBeLessThan(1e-9);
    expect(Math.abs(split.psiNu2.reduce((s, v) => s + v, 0))).toBeLessThan(1e-9);
    const at0 = sensitivityBounds([split], 0, 0, 1, 0.95);
    const se = Math.sqrt(split.scaledScores.reduce((s, v) => s + v * v, 0) / n / n);
    // No confounding: θ bounds collapse to θ̂ and the CI is θ̂ ± Φ⁻¹(0.95)·se (one-sided level, as DoubleML).
    expect(at0.thetaLower).toBeCloseTo(theta, 14);
    expect(at0.ciLower).toBeCloseTo(theta - normalQuantile(0.95) * se, 12);
    expect(at0.ciUpper).toBeCloseTo(theta + normalQuantile(0.95) * se, 12);
  });

  it('rejects parameters outside their domains', () => {
    const split = degenerateSplit(1, 1, 1);
    expect(() => analyseSensitivity([split], 1, { cfY: 1, cfD: 0.1, rho: 1 })).toThrow(/cf_y/);
    expect(() => analyseSensitivity([split], 1, { cfY: 0.1, cfD: -0.1, rho: 1 })).toThrow(/cf_d/);
    expect(() => analyseSensitivity([split], 1, { cfY: 0.1, cfD: 0.1, rho: 1.5 })).toThrow(/ρ/);
  });
});
