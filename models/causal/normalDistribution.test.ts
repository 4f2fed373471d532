import { describe, expect, it } from 'vitest';
import golden from './fixtures/plr_golden.json';
import { normalCdf, normalQuantile, normalUpperTail } from './normalDistribution';

// scipy.stats.norm values in the golden file are written by bench/python/plr_reference.py.

describe('standard normal', () => {
  it('Φ and 1 − Φ match scipy to ~1e-14 relative', () => {
    for (const [x, expected] of Object.entries(
      golden.normal as Record<string, { cdf: number; sf: number }>,
    )) {
      expect(Math.abs(normalCdf(Number(x)) - expected.cdf)).toBeLessThanOrEqual(
        1e-14 * expected.cdf + 1e-300,
      );
      expect(Math.abs(normalUpperTail(Number(x)) - expected.sf)).toBeLessThanOrEqual(
        1e-13 * expected.sf,
      );
    }
  });

  it('Φ⁻¹ matches scipy and inverts Φ', () => {
    for (const [p, expected] of Object.entries(golden.quantiles as Record<string, number>)) {
      expect(Math.abs(normalQuantile(Number(p)) - expected)).toBeLessThanOrEqual(
        1e-12 * Math.max(1, Math.abs(expected)),
      );
    }
    for (const x of [-5, -1.3, 0.2, 2.7]) expect(normalQuantile(normalCdf(x))).toBeCloseTo(x, 11);
  });

  it('edges: NaN, ±∞, out-of-range probabilities', () => {
    expect(normalCdf(NaN)).toBeNaN();
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(1.5)).toThrow(/\[0, 1\]/);
  });
});
