import { describe, expect, it } from 'vitest';
import { createRng } from '../../models/random/rng';
import { apportionCents, spreadByShares } from './contributionSpread';

describe('spreadByShares and apportionCents', () => {
  it('reproduces the documented example: 0.10 over three equal shares is 4, 3, 3 cents', () => {
    const amounts = spreadByShares(0.1, Float64Array.of(1, 1, 1), new Float64Array(3));
    expect(Array.from(apportionCents(amounts))).toEqual([4, 3, 3]);
  });

  it('sums back exactly and keeps every cell within a cent of its exact share', () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 200; trial++) {
      const cells = 1 + rng.int(40);
      const weights = new Float64Array(cells).map(() => (rng.uniform() < 0.2 ? 0 : rng.uniform()));
      weights[0] += 0.01;
      const amount = rng.uniform() * 1e6;
      const exact = spreadByShares(amount, weights, new Float64Array(cells));
      const exactSum = exact.reduce((total, value) => total + value, 0);
      expect(exactSum).toBeCloseTo(amount, 6);
      const cents = apportionCents(exact);
      expect(cents.reduce((total, value) => total + value, 0)).toBe(Math.round(amount * 100));
      for (let cell = 0; cell < cells; cell++) {
        expect(Number.isInteger(cents[cell])).toBe(true);
        expect(Math.abs(cents[cell] - exact[cell] * 100)).toBeLessThan(1);
        if (weights[cell] === 0) expect(cents[cell]).toBe(0);
      }
    }
  });

  it('rejects negative or all-zero weights', () => {
    expect(() => spreadByShares(1, Float64Array.of(1, -1), new Float64Array(2))).toThrow(
      /negative/,
    );
    expect(() => spreadByShares(1, new Float64Array(3), new Float64Array(3))).toThrow(/all zero/);
  });
});
