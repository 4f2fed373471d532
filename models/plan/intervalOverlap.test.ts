import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpolate, intervalOverlap } from './intervalOverlap';

const iv = (lo: number, hi: number) => ({ mean: (lo + hi) / 2, lo, hi });

describe('intervalOverlap', () => {
  it('follows its formula on hand cases', () => {
    expect(intervalOverlap(iv(1, 3), iv(2, 6))).toBe(0.5);
    expect(intervalOverlap(iv(1, 3), iv(4, 6))).toBe(0);
    expect(intervalOverlap(iv(0, 10), iv(2, 3))).toBe(1);
    expect(intervalOverlap(iv(2, 2), iv(1, 3))).toBe(1);
    expect(intervalOverlap(iv(5, 5), iv(1, 3))).toBe(0);
  });

  it('is symmetric and within [0, 1]', () => {
    const interval = fc
      .tuple(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
      )
      .map(([lo, width]) => iv(lo, lo + width));
    fc.assert(
      fc.property(interval, interval, (a, b) => {
        const o = intervalOverlap(a, b);
        expect(o).toBeGreaterThanOrEqual(0);
        expect(o).toBeLessThanOrEqual(1);
        expect(intervalOverlap(b, a)).toBe(o);
      }),
    );
  });
});

describe('interpolate', () => {
  const xs = [0, 1, 2, 4];
  const line = xs.map((x) => 3 * x - 1);

  it('is exact on a straight line and at the grid points', () => {
    for (const x of [0, 0.25, 1, 1.5, 3, 4])
      expect(interpolate(xs, line, x)).toBeCloseTo(3 * x - 1, 12);
    expect(interpolate(xs, [5, 7, 2, 9], 2)).toBe(2);
  });

  it('is null outside the grid, and the one value of a one-point grid', () => {
    expect(interpolate(xs, line, -0.1)).toBeNull();
    expect(interpolate(xs, line, 4.1)).toBeNull();
    expect(interpolate(xs, line, Number.NaN)).toBeNull();
    expect(interpolate([2], [7], 2)).toBe(7);
    expect(interpolate([], [], 0)).toBeNull();
  });
});
