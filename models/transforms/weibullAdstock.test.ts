import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { adstockDerivativeError } from '../testing/kernelChecks';
import {
  createWeibullCdfAdstock,
  createWeibullPdfAdstock,
  weibullAdstockWeights,
} from './weibullAdstock';

/** Independent references: the Weibull survival and density written from their definitions. */
const survival = (t: number, k: number, lambda: number) => Math.exp(-Math.pow(t / lambda, k));
const density = (t: number, k: number, lambda: number) =>
  (k / lambda) * Math.pow(t / lambda, k - 1) * survival(t, k, lambda);

describe('weibull adstocks', () => {
  it.each([
    ['cdf', survival],
    ['pdf', density],
  ] as const)(
    '%s weights are the normalised Weibull function at t = l + 1 and sum to 1',
    (form, reference) => {
      const maxLag = 10;
      for (const [k, lambda] of [
        [0.7, 2],
        [2.5, 4],
        [5, 1.5],
      ]) {
        const weights = new Float64Array(maxLag);
        weibullAdstockWeights(form, k, lambda, maxLag, weights, new Float64Array(2 * maxLag));
        const raw = Array.from({ length: maxLag }, (_, l) => reference(l + 1, k, lambda));
        const total = raw.reduce((a, b) => a + b);
        raw.forEach((r, l) => expect(weights[l]).toBeCloseTo(r / total, 13));
        expect(weights.reduce((a, b) => a + b)).toBeCloseTo(1, 14);
      }
    },
  );

  it('reproduces the worked example (CDF, k = λ = 1)', () => {
    const weights = new Float64Array(2);
    weibullAdstockWeights('cdf', 1, 1, 2, weights, new Float64Array(4));
    expect(weights[0]).toBeCloseTo(Math.exp(-1) / (Math.exp(-1) + Math.exp(-2)), 15);
  });

  it('stays finite when every raw weight underflows (tiny scale)', () => {
    const weights = new Float64Array(4);
    weibullAdstockWeights('cdf', 3, 0.01, 4, weights, new Float64Array(8));
    expect(Array.from(weights)).toEqual([1, 0, 0, 0]);
  });

  it('has exact derivatives in shape and scale', () => {
    const rng = createRng(9);
    for (const kernel of [createWeibullCdfAdstock(8), createWeibullPdfAdstock(8)]) {
      for (const [k, lambda] of [
        [0.8, 1.5],
        [2, 3],
        [4, 6],
      ]) {
        expect(adstockDerivativeError(kernel, [k, lambda], 8, rng)).toBeLessThan(1e-7);
      }
    }
  });
});
