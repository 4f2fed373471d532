import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { hdi } from './hdi';
import { normalQuantile } from './normalQuantile';

describe('hdi', () => {
  it('picks the narrowest window of ⌈prob·N⌉ sorted draws', () => {
    expect(hdi(Float64Array.of(10, 1, 2, 3, 4, 5, 6, 7, 8, 9), 0.5)).toEqual({
      lower: 1,
      upper: 5,
    });
    expect(hdi(Float64Array.of(0, 0.1, 0.2, 5, 9), 0.6)).toEqual({ lower: 0, upper: 0.2 });
  });

  it('approaches the central interval ±Φ⁻¹(0.95) for a normal and [0, −log 0.1] for an exponential', () => {
    const rng = createRng(4);
    const normal = Float64Array.from({ length: 100_000 }, () => rng.normal());
    const z = normalQuantile(0.95);
    const a = hdi(normal, 0.9);
    // The narrowest window's width is stable; its position wanders by sampling noise.
    expect(Math.abs(a.upper - a.lower - 2 * z)).toBeLessThan(0.03);
    expect(Math.abs(a.lower + z)).toBeLessThan(0.1);
    expect(Math.abs(a.upper - z)).toBeLessThan(0.1);
    // For a decreasing density the HDI starts at the mode 0: [0, F⁻¹(0.9)].
    const exponential = Float64Array.from({ length: 100_000 }, () => -Math.log(1 - rng.uniform()));
    const b = hdi(exponential, 0.9);
    expect(b.lower).toBeLessThan(0.01);
    expect(b.upper).toBeCloseTo(-Math.log(0.1), 1);
  });

  it('rejects a probability outside (0, 1] and empty draws', () => {
    expect(() => hdi(Float64Array.of(1, 2), 0)).toThrow(/probability must be in \(0, 1\], got 0/);
    expect(() => hdi(new Float64Array(0), 0.9)).toThrow(/no draws/);
    expect(hdi(Float64Array.of(1, 2, 3), 1)).toEqual({ lower: 1, upper: 3 });
  });
});

/** The estimator as written before selection: sort all draws, scan every window of k. */
function fullSortHdi(draws: Float64Array, probability: number): { lower: number; upper: number } {
  const sorted = Float64Array.from(draws).sort();
  if (Number.isNaN(sorted[sorted.length - 1])) return { lower: Number.NaN, upper: Number.NaN };
  const n = sorted.length;
  const k = Math.min(n, Math.max(1, Math.ceil(probability * n - 1e-9)));
  let best = 0;
  for (let i = 1; i + k - 1 < n; i++)
    if (sorted[i + k - 1] - sorted[i] < sorted[best + k - 1] - sorted[best]) best = i;
  return { lower: sorted[best], upper: sorted[best + k - 1] };
}

/** Equal as numbers (+0 and −0 alike, NaN equal to NaN). */
const same = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

describe('hdi by selection', () => {
  it('equals the full-sort HDI on any draws, ties and NaN included', () => {
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
          const expected = fullSortHdi(draws, probability);
          const actual = hdi(draws, probability, new Float64Array(draws.length + 5));
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
      expect(hdi(draws, 0.9, scratch)).toEqual(fullSortHdi(draws, 0.9));
    }
  });
});
