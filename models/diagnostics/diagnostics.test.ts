import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import {
  bulkEffectiveSampleSize,
  effectiveSampleSize,
  meanEffectiveSampleSize,
  quantileEffectiveSampleSize,
  tailEffectiveSampleSize,
} from './ess';
import { drawCases } from './fixtures/drawCases';
import reference from './fixtures/reference.json';
import { mcseMean, mcseQuantile } from './mcse';
import { median } from './median';
import { quantile } from './quantile';
import { potentialScaleReduction, splitRhat } from './rhat';
import { splitChains } from './splitChains';

type Reference = Record<string, number>;
const cases = reference.cases as Record<string, Reference>;

function expectRelative(actual: number, expected: number, tolerance = 1e-9): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    tolerance * Math.max(1, Math.abs(expected)),
  );
}

describe('diagnostics against rstan 2.21 (fixtures/reference.R)', () => {
  it('uses the draws rstan saw', () => {
    const csv = readFileSync(new URL('./fixtures/draws.csv', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .slice(1);
    const fromCsv = new Map<string, number[][]>();
    for (const line of csv) {
      const [name, chain, , value] = line.split(',');
      const chains = fromCsv.get(name) ?? [];
      (chains[Number(chain) - 1] ??= []).push(Number(value));
      fromCsv.set(name, chains);
    }
    for (const c of drawCases()) expect(fromCsv.get(c.name)).toEqual(c.chains);
    expect(Object.keys(cases).sort()).toEqual(
      drawCases()
        .map((c) => c.name)
        .sort(),
    );
  });

  for (const drawCase of drawCases()) {
    it(`matches Rhat, ess_bulk, ess_tail, ESS and MCSE on '${drawCase.name}'`, () => {
      const chains = drawCase.chains.map((c) => Float64Array.from(c));
      const r = cases[drawCase.name];
      expectRelative(splitRhat(chains), r.rhat);
      expectRelative(bulkEffectiveSampleSize(chains), r.essBulk);
      expectRelative(tailEffectiveSampleSize(chains), r.essTail);
      expectRelative(meanEffectiveSampleSize(chains), r.essMean);
      expectRelative(quantileEffectiveSampleSize(chains, 0.05), r.essQuantile05);
      expectRelative(potentialScaleReduction(splitChains(chains)), r.classicRhat);
      expectRelative(mcseMean(chains), r.mcseMean);
      expectRelative(mcseQuantile(chains, 0.05), r.mcseQ05);
      expectRelative(mcseQuantile(chains, 0.5), r.mcseQ50);
      expectRelative(mcseQuantile(chains, 0.95), r.mcseQ95);
      expectRelative(quantile(Float64Array.from(drawCase.chains.flat()), 0.05), r.q05);
      expectRelative(median(chains), r.median);
    });
  }
});

describe('diagnostics: analytic and edge cases', () => {
  it('gives ESS ≈ M·N for independent draws and ≈ N(1−φ)/(1+φ) for AR(1)', () => {
    const rng = createRng(8);
    const iid = [0, 1, 2, 3].map(() => Float64Array.from({ length: 2000 }, () => rng.normal()));
    const ess = bulkEffectiveSampleSize(iid);
    expect(ess).toBeGreaterThan(7000);
    expect(ess).toBeLessThan(9000);
    const phi = 0.8;
    const ar = [0, 1, 2, 3].map(() => {
      let x = 0;
      return Float64Array.from({ length: 5000 }, () => (x = phi * x + rng.normal()));
    });
    const expected = (4 * 5000 * (1 - phi)) / (1 + phi);
    expect(Math.abs(meanEffectiveSampleSize(ar) / expected - 1)).toBeLessThan(0.15);
  });

  it('flags chains stuck in different places and chains with different scales', () => {
    const rng = createRng(9);
    const shifted = [0, 1, 2, 3].map((c) =>
      Float64Array.from({ length: 500 }, () => rng.normal() + (c === 3 ? 1 : 0)),
    );
    expect(splitRhat(shifted)).toBeGreaterThan(1.05);
    // Same location, one chain 3× wider: only the folded (tail) R-hat sees it.
    const scaled = [0, 1, 2, 3].map((c) =>
      Float64Array.from({ length: 1000 }, () => rng.normal() * (c === 3 ? 3 : 1)),
    );
    expect(potentialScaleReduction(scaled)).toBeLessThan(1.01);
    expect(splitRhat(scaled)).toBeGreaterThan(1.05);
  });

  it('returns NaN for constant or non-finite draws and fewer than 3 draws, and names mismatched chains', () => {
    expect(effectiveSampleSize([Float64Array.of(1, 1, 1, 1)])).toBeNaN();
    expect(splitRhat([Float64Array.of(1, 1, 1, 1), Float64Array.of(1, 1, 1, 1)])).toBeNaN();
    expect(effectiveSampleSize([Float64Array.of(1, Number.NaN, 2, 3)])).toBeNaN();
    expect(effectiveSampleSize([Float64Array.of(1, 2)])).toBeNaN();
    expect(() => splitRhat([Float64Array.of(1, 2, 3), Float64Array.of(1, 2)])).toThrow(
      /chain 1 has 2 draws, chain 0 has 3/,
    );
  });
});
