import { describe, expect, it } from 'vitest';
import { gradientCheck } from '../testing/gradientCheck';
import { logGamma, type Prior, priorLogDensity } from './distributions';

describe('logGamma', () => {
  it('matches Γ at known points', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(10.5)).toBeCloseTo(13.940625219403763, 11); // log Γ(10.5), from R's lgamma
  });
});

describe('priorLogDensity', () => {
  const cases: [Prior, number, number][] = [
    // [prior, x, closed-form density at x]
    [
      { distribution: 'normal', mean: 1, sd: 2 },
      0.3,
      Math.exp(-0.5 * (0.7 / 2) ** 2) / (2 * Math.sqrt(2 * Math.PI)),
    ],
    [
      { distribution: 'halfNormal', sd: 0.5 },
      0.2,
      (2 * Math.exp(-0.5 * 0.4 ** 2)) / (0.5 * Math.sqrt(2 * Math.PI)),
    ],
    [
      { distribution: 'logNormal', mu: 0.2, sigma: 0.9 },
      1.5,
      Math.exp(-0.5 * ((Math.log(1.5) - 0.2) / 0.9) ** 2) / (1.5 * 0.9 * Math.sqrt(2 * Math.PI)),
    ],
    [{ distribution: 'gamma', shape: 3, rate: 1 }, 2, (2 * 2 * Math.exp(-2)) / 2],
    [{ distribution: 'beta', alpha: 2, beta: 2 }, 0.3, 6 * 0.3 * 0.7],
  ];
  it.each(cases)('%o at x matches the closed form and its derivative', (prior, x, density) => {
    const derivative = new Float64Array(1);
    expect(priorLogDensity(prior, x, derivative, 0)).toBeCloseTo(Math.log(density), 12);
    const check = gradientCheck(
      (p, g) => priorLogDensity(prior, p[0], g, 0),
      [Float64Array.from([x])],
    );
    expect(check.maxRelativeError).toBeLessThan(1e-8);
  });
  it('is −∞ outside the support', () => {
    const d = new Float64Array(1);
    expect(priorLogDensity({ distribution: 'beta', alpha: 2, beta: 2 }, 1.2, d, 0)).toBe(-Infinity);
    expect(priorLogDensity({ distribution: 'gamma', shape: 3, rate: 1 }, -1, d, 0)).toBe(-Infinity);
    expect(priorLogDensity({ distribution: 'logNormal', mu: 0, sigma: 1 }, Number.NaN, d, 0)).toBe(
      -Infinity,
    );
  });
});
