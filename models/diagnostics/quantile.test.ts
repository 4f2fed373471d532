import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quantile, quantileSorted, quantilesInPlace } from './quantile';

describe('quantilesInPlace', () => {
  it('gives the sorted type-7 quantiles exactly, ties and NaN included', () => {
    const value = fc.oneof(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.constantFrom(0, 1, 2), // ties
      fc.constant(Number.NaN),
    );
    const levels = fc
      .array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 })
      .map((ps) => ps.sort((a, b) => a - b));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 60 }), levels, (values, ps) => {
        const sorted = Float64Array.from(values).sort();
        const expected = ps.map((p) => quantileSorted(sorted, p));
        const got = quantilesInPlace(Float64Array.from(values), ps);
        // Object.is, but −0 and +0 may swap places in a selection (equal as numbers).
        got.forEach((q, i) => expect(q === expected[i] || Object.is(q, expected[i])).toBe(true));
      }),
      { seed: 17, numRuns: 400 },
    );
  });

  it('matches the documented example and an empty input', () => {
    expect(quantile(Float64Array.of(1, 2, 3, 4), 0.5)).toBe(2.5);
    expect(quantilesInPlace(Float64Array.of(4, 1, 3, 2), [0.05, 0.5, 0.95])).toEqual([
      1.15, 2.5, 3.8499999999999996,
    ]);
    expect(quantilesInPlace(new Float64Array(0), [0.5])).toEqual([Number.NaN]);
  });
});
