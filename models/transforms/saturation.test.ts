import { describe, expect, it } from 'vitest';
import { saturationDerivativeError } from '../testing/kernelChecks';
import { hillSaturation, hillSaturationKernel, hillScaledSums } from './hillSaturation';
import { logisticSaturation, logisticSaturationKernel } from './logisticSaturation';
import {
  michaelisMentenSaturation,
  michaelisMentenSaturationKernel,
} from './michaelisMentenSaturation';

const apply = (
  fn: (x: Float64Array, n: number, v: Float64Array, dx: Float64Array, dp: Float64Array) => void,
  xs: number[],
) => {
  const x = Float64Array.from(xs);
  const v = new Float64Array(x.length);
  fn(x, x.length, v, new Float64Array(x.length), new Float64Array(2 * x.length));
  return Array.from(v);
};
const inputs = Float64Array.from([0.01, 0.2, 0.5, 0.9, 1.7, 4]);

describe('hillSaturation', () => {
  const hill =
    (K: number, S: number) =>
    (x: Float64Array, n: number, v: Float64Array, dx: Float64Array, dp: Float64Array) =>
      hillSaturation(x, n, K, S, v, dx, dp, n);
  it('is ½ at K and matches xˢ/(xˢ+Kˢ)', () => {
    expect(apply(hill(0.37, 2.4), [0.37])[0]).toBeCloseTo(0.5, 15);
    const values = apply(hill(0.5, 2), [0.25, 1, 3]);
    [0.25, 1, 3].forEach((x, i) => expect(values[i]).toBeCloseTo(x ** 2 / (x ** 2 + 0.25), 14));
  });
  it('is 0 at 0, → 1 for huge x, and propagates NaN', () => {
    expect(apply(hill(0.5, 3), [0, 1e200, Number.NaN])).toEqual([0, 1, Number.NaN]);
  });
  it('has exact derivatives', () => {
    for (const [K, S] of [
      [0.3, 0.7],
      [0.5, 2],
      [1.2, 4],
    ]) {
      expect(saturationDerivativeError(hillSaturationKernel, [K, S], inputs)).toBeLessThan(1e-7);
    }
  });
});

describe('logisticSaturation', () => {
  const logistic =
    (rate: number) =>
    (x: Float64Array, n: number, v: Float64Array, dx: Float64Array, dp: Float64Array) =>
      logisticSaturation(x, n, rate, v, dx, dp);
  it('is 0 at 0, ½ at ln 3/λ, → 1, and matches (1−e^(−λx))/(1+e^(−λx))', () => {
    const values = apply(logistic(2), [0, Math.log(3) / 2, 50, 0.3]);
    expect(values[0]).toBe(0);
    expect(values[1]).toBeCloseTo(0.5, 15);
    expect(values[2]).toBe(1);
    expect(values[3]).toBeCloseTo((1 - Math.exp(-0.6)) / (1 + Math.exp(-0.6)), 15);
    expect(Number.isNaN(apply(logistic(2), [Number.NaN])[0])).toBe(true);
  });
  it('has exact derivatives', () => {
    for (const rate of [0.5, 3, 8])
      expect(saturationDerivativeError(logisticSaturationKernel, [rate], inputs)).toBeLessThan(
        1e-7,
      );
  });
});

describe('michaelisMentenSaturation', () => {
  const mm =
    (K: number) =>
    (x: Float64Array, n: number, v: Float64Array, dx: Float64Array, dp: Float64Array) =>
      michaelisMentenSaturation(x, n, K, v, dx, dp);
  it('is ½ at K, 0 at 0 and matches x/(K+x)', () => {
    expect(apply(mm(0.25), [0.25, 0, 0.75])).toEqual([0.5, 0, 0.75]);
    expect(Number.isNaN(apply(mm(0.25), [Number.NaN])[0])).toBe(true);
  });
  it('has exact derivatives', () => {
    for (const K of [0.1, 0.5, 2])
      expect(saturationDerivativeError(michaelisMentenSaturationKernel, [K], inputs)).toBeLessThan(
        1e-7,
      );
  });
});

describe('hillScaledSums', () => {
  it('equals Σ h(m·x) from the element-wise Hill, x = 0, huge x and NaN included', () => {
    const x = Float64Array.from([0, 0.01, 0.2, 0.5, 0.9, 1.7, 4, 1e200]);
    const multipliers = Float64Array.of(0, 0.25, 1, 1.01, 3);
    for (const [K, S] of [
      [0.3, 0.7],
      [0.5, 2],
      [1.2, 4],
    ]) {
      const out = new Float64Array(multipliers.length);
      hillScaledSums(x, x.length, K, S, multipliers, out);
      multipliers.forEach((m, k) => {
        const scaled = x.map((v) => v * m);
        const values = new Float64Array(x.length);
        hillSaturation(
          scaled,
          x.length,
          K,
          S,
          values,
          new Float64Array(x.length),
          new Float64Array(2 * x.length),
          x.length,
        );
        const expected = values.reduce((a, b) => a + b, 0);
        if (m === 0) expect(out[k]).toBe(0);
        else expect(Math.abs(out[k] - expected)).toBeLessThan(1e-13 * expected);
      });
    }
    const withNaN = new Float64Array(2);
    hillScaledSums(Float64Array.of(0.5, Number.NaN), 2, 0.5, 2, Float64Array.of(0, 1), withNaN);
    expect(Array.from(withNaN)).toEqual([Number.NaN, Number.NaN]);
  });
});
