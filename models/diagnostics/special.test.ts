import { describe, expect, it } from 'vitest';
import special from './fixtures/special.json';
import { betaQuantile, logGamma, regularisedIncompleteBeta } from './incompleteBeta';
import { normalQuantile } from './normalQuantile';

describe('special functions against R (fixtures/special.R)', () => {
  it('normalQuantile matches qnorm to 1e-14 relative', () => {
    for (const { p, q } of special.qnorm) {
      expect(Math.abs(normalQuantile(p) - q)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(q)));
    }
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(1.5)).toBeNaN();
  });

  it('regularisedIncompleteBeta matches pbeta and betaQuantile matches qbeta', () => {
    for (const { a, b, x, pbeta, qbeta } of special.beta) {
      expect(Math.abs(regularisedIncompleteBeta(x, a, b) - pbeta)).toBeLessThanOrEqual(1e-12);
      expect(Math.abs(betaQuantile(x, a, b) - qbeta)).toBeLessThanOrEqual(1e-10);
    }
  });

  it('logGamma matches factorials', () => {
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
  });
});
