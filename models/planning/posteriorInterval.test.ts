import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hdi } from '../diagnostics/hdi';
import { createRng } from '../random/rng';
import { intervalOf, selectedHdi } from './posteriorInterval';

/** Equal as numbers (+0 and −0 alike, NaN equal to NaN). */
const same = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

describe('selectedHdi', () => {
  it('follows the example: 1 … 10 at 0.5 → [1, 5]', () => {
    const draws = Float64Array.from({ length: 10 }, (_, i) => 10 - i);
    expect(selectedHdi(draws, 0.5)).toEqual({ lower: 1, upper: 5 });
  });

  it('equals the full-sort HDI (diagnostics/hdi.ts) on any draws, ties and NaN included', () => {
    const value = fc.oneof(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.constantFrom(0, 1, 2.5, Number.NaN),
    );
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 3000, size: 'max' }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (values, probability) => {
          const draws = Float64Array.from(values);
          const copy = Float64Array.from(draws);
          const expected = hdi(draws, probability);
          const actual = selectedHdi(draws, probability, new Float64Array(draws.length + 5));
          expect(same(actual.lower, expected.lower) && same(actual.upper, expected.upper)).toBe(
            true,
          );
          expect(draws).toEqual(copy); // the draws are left as they were
        },
      ),
      { numRuns: 300, seed: 12 },
    );
  });

  it('equals the full-sort HDI at 90% on 2000 skewed draws, seed 5, reusing one scratch', () => {
    const rng = createRng(5);
    const scratch = new Float64Array(2000);
    for (let trial = 0; trial < 20; trial++) {
      const draws = Float64Array.from({ length: 2000 }, () => Math.exp(rng.normal() * trial * 0.1));
      expect(selectedHdi(draws, 0.9, scratch)).toEqual(hdi(draws, 0.9));
    }
  });

  it('refuses an empty sample and a probability outside (0, 1]', () => {
    expect(() => selectedHdi(new Float64Array(0), 0.9)).toThrow('no draws');
    expect(() => selectedHdi(Float64Array.of(1), 0)).toThrow('(0, 1]');
  });
});

describe('intervalOf', () => {
  it('is the mean with the 90% HDI', () => {
    const draws = Float64Array.from({ length: 20 }, (_, i) => i * i);
    const interval = intervalOf(draws);
    expect(interval.mean).toBeCloseTo(123.5, 12);
    expect({ lo: interval.lo, hi: interval.hi }).toEqual({ lo: 0, hi: 289 });
  });
});
