import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { adstockDerivativeError } from '../testing/kernelChecks';
import { convolveLags } from './convolveLags';
import {
  geometricAdstock,
  geometricAdstockSeries,
  geometricAdstockWeights,
} from './geometricAdstock';

describe('geometricAdstock', () => {
  it('sends an impulse through as αˡ normalised', () => {
    const alpha = 0.6;
    const maxLag = 8;
    const weights = new Float64Array(maxLag);
    geometricAdstockWeights(alpha, maxLag, weights, new Float64Array(maxLag));
    const impulse = new Float64Array(12);
    impulse[2] = 1;
    const out = new Float64Array(12);
    convolveLags(impulse, 12, weights, 0, maxLag, out, 0);
    const total = (1 - alpha ** maxLag) / (1 - alpha);
    for (let t = 0; t < 12; t++) {
      const lag = t - 2;
      const expected = lag >= 0 && lag < maxLag ? alpha ** lag / total : 0;
      expect(out[t]).toBeCloseTo(expected, 14);
    }
  });

  it('matches the worked example and keeps total spend', () => {
    const weights = new Float64Array(3);
    geometricAdstockWeights(0.5, 3, weights, new Float64Array(3));
    expect(Array.from(weights)).toEqual([4 / 7, 2 / 7, 1 / 7].map((w) => expect.closeTo(w, 15)));
    const spend = Float64Array.from([3, 1, 4, 1, 5, 0, 0]);
    const out = new Float64Array(7);
    convolveLags(spend, 7, weights, 0, 3, out, 0);
    expect(out.reduce((a, b) => a + b)).toBeCloseTo(14, 12);
  });

  it('handles α = 0 (no carry-over), α = 1 (even) and zero spend', () => {
    const weights = new Float64Array(4);
    const derivatives = new Float64Array(4);
    geometricAdstockWeights(0, 4, weights, derivatives);
    expect(Array.from(weights)).toEqual([1, 0, 0, 0]);
    expect(Array.from(derivatives)).toEqual([-1, 1, 0, 0]); // one-sided limit of the exact formula
    geometricAdstockWeights(1, 4, weights, derivatives);
    expect(Array.from(weights)).toEqual([0.25, 0.25, 0.25, 0.25]);
    const out = new Float64Array(5);
    convolveLags(new Float64Array(5), 5, weights, 0, 4, out, 0);
    expect(Array.from(out)).toEqual([0, 0, 0, 0, 0]);
  });

  it('handles an empty series and propagates NaN', () => {
    const weights = Float64Array.from([0.5, 0.5]);
    convolveLags(new Float64Array(0), 0, weights, 0, 2, new Float64Array(0), 0);
    const out = new Float64Array(3);
    convolveLags(Float64Array.from([1, Number.NaN, 1]), 3, weights, 0, 2, out, 0);
    expect(out[0]).toBe(0.5);
    expect(Number.isNaN(out[1]) && Number.isNaN(out[2])).toBe(true);
  });

  it('has the exact derivative in α', () => {
    const rng = createRng(11);
    for (const alpha of [0.05, 0.3, 0.7, 0.95]) {
      expect(adstockDerivativeError(geometricAdstock, [alpha], 8, rng)).toBeLessThan(1e-7);
    }
  });

  it('series recursion equals the O(T·L) convolution of the weights and of their derivative', () => {
    const rng = createRng(12);
    for (const [alpha, maxLag, length] of [
      [0, 8, 30],
      [0.3, 1, 20],
      [0.5, 2, 4],
      [0.7, 8, 156],
      [0.95, 13, 260],
      [1, 8, 50],
    ] as const) {
      const x = Float64Array.from({ length }, () =>
        rng.uniform() < 0.2 ? 0 : 1e3 * rng.uniform(),
      );
      const weights = new Float64Array(maxLag);
      const derivatives = new Float64Array(maxLag);
      geometricAdstockWeights(alpha, maxLag, weights, derivatives);
      const direct = new Float64Array(length);
      const directDerivative = new Float64Array(length);
      convolveLags(x, length, weights, 0, maxLag, direct, 0);
      convolveLags(x, length, derivatives, 0, maxLag, directDerivative, 0);
      const series = new Float64Array(length);
      const seriesDerivative = new Float64Array(length);
      geometricAdstockSeries(alpha, maxLag, x, length, series, seriesDerivative);
      for (let t = 0; t < length; t++) {
        expect(Math.abs(series[t] - direct[t])).toBeLessThan(1e-12 * 1e3 * maxLag);
        expect(Math.abs(seriesDerivative[t] - directDerivative[t])).toBeLessThan(
          1e-11 * 1e3 * maxLag * maxLag,
        );
      }
    }
    // The documented example.
    const out = new Float64Array(4);
    geometricAdstockSeries(0.5, 2, Float64Array.of(1, 0, 0, 0), 4, out, new Float64Array(4));
    expect(Array.from(out).map((v) => Number(v.toFixed(12)))).toEqual([
      0.666666666667, 0.333333333333, 0, 0,
    ]);
  });
});
