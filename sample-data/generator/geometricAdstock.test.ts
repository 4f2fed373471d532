import { describe, expect, it } from 'vitest';
import { adstockWeights, geometricAdstock } from './geometricAdstock';

describe('geometricAdstock (truth reference)', () => {
  it('passes an impulse as αˡ / Σαᵏ for l < L and 0 after', () => {
    for (const decay of [0, 0.1, 0.5, 0.8]) {
      const maxLag = 8;
      const impulse = new Float64Array(12);
      impulse[2] = 1;
      const output = geometricAdstock(impulse, decay, maxLag);
      // Σ_{k<L} αᵏ in closed form: (1 − α^L)/(1 − α).
      const normaliser = decay === 0 ? 1 : (1 - decay ** maxLag) / (1 - decay);
      for (let week = 0; week < 12; week++) {
        const lag = week - 2;
        const expected = lag >= 0 && lag < maxLag ? decay ** lag / normaliser : 0;
        expect(output[week]).toBeCloseTo(expected, 14);
      }
    }
  });

  it('reproduces the documented example', () => {
    expect(Array.from(geometricAdstock(Float64Array.of(1, 0, 0, 0), 0.5, 3))).toEqual([
      4 / 7,
      2 / 7,
      1 / 7,
      0,
    ]);
  });

  it('keeps a constant input once L weeks have passed and treats earlier weeks as zero', () => {
    const output = geometricAdstock(new Float64Array(20).fill(3), 0.6, 8);
    for (let week = 7; week < 20; week++) expect(output[week]).toBeCloseTo(3, 12);
    expect(output[0]).toBeCloseTo(3 * adstockWeights(0.6, 8)[0], 14);
    expect(output[0]).toBeLessThan(output[1]);
  });

  it('is linear: adstock of a sum is the sum of adstocks', () => {
    const left = Float64Array.of(1, 5, 0, 2, 0, 0, 7, 1, 3, 0);
    const right = Float64Array.of(0, 2, 2, 9, 1, 0, 0, 4, 0, 1);
    const sum = left.map((value, index) => value + right[index]);
    const adstockSum = geometricAdstock(sum, 0.4, 8);
    const sumAdstocks = geometricAdstock(left, 0.4, 8).map(
      (value, index) => value + geometricAdstock(right, 0.4, 8)[index],
    );
    for (let week = 0; week < 10; week++)
      expect(adstockSum[week]).toBeCloseTo(sumAdstocks[week], 12);
  });

  it('handles empty input and rejects bad parameters', () => {
    expect(geometricAdstock(new Float64Array(0), 0.5, 8)).toHaveLength(0);
    expect(() => geometricAdstock(new Float64Array(3), 1, 8)).toThrow(/decay/);
    expect(() => geometricAdstock(new Float64Array(3), Number.NaN, 8)).toThrow(/decay/);
    expect(() => geometricAdstock(new Float64Array(3), 0.5, 0)).toThrow(/max lag/);
  });
});
