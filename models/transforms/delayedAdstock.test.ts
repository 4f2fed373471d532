import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { adstockDerivativeError } from '../testing/kernelChecks';
import { createDelayedAdstock, delayedAdstockWeights } from './delayedAdstock';

describe('delayedAdstock', () => {
  it('matches the closed form α^((l−θ)²) normalised and peaks at θ', () => {
    const alpha = 0.4;
    const peak = 2.3;
    const maxLag = 8;
    const weights = new Float64Array(maxLag);
    delayedAdstockWeights(alpha, peak, maxLag, weights, new Float64Array(2 * maxLag));
    const raw = Array.from({ length: maxLag }, (_, l) => alpha ** ((l - peak) ** 2));
    const total = raw.reduce((a, b) => a + b);
    raw.forEach((r, l) => expect(weights[l]).toBeCloseTo(r / total, 14));
    expect(weights.indexOf(Math.max(...weights))).toBe(2);
  });

  it('reproduces the worked example', () => {
    const weights = new Float64Array(3);
    delayedAdstockWeights(0.5, 1, 3, weights, new Float64Array(6));
    expect(Array.from(weights)).toEqual([0.25, 0.5, 0.25].map((w) => expect.closeTo(w, 15)));
  });

  it('concentrates on the nearest lag as α → 0 and spreads evenly at α = 1', () => {
    const weights = new Float64Array(5);
    delayedAdstockWeights(0, 1.2, 5, weights, new Float64Array(10));
    expect(Array.from(weights)).toEqual([0, 1, 0, 0, 0].map((w) => expect.closeTo(w, 15)));
    delayedAdstockWeights(1, 1.2, 5, weights, new Float64Array(10));
    weights.forEach((w) => expect(w).toBeCloseTo(0.2, 15));
  });

  it('has exact derivatives in α and θ', () => {
    const rng = createRng(5);
    const kernel = createDelayedAdstock(8);
    for (const [alpha, peak] of [
      [0.2, 0.5],
      [0.6, 3.1],
      [0.9, 6.5],
    ]) {
      expect(adstockDerivativeError(kernel, [alpha, peak], 8, rng)).toBeLessThan(1e-7);
    }
  });
});
