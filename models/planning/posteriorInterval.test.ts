import { describe, expect, it } from 'vitest';
import { intervalOf } from './posteriorInterval';

describe('intervalOf', () => {
  it('is the mean with the 90% HDI', () => {
    const draws = Float64Array.from({ length: 20 }, (_, i) => i * i);
    const interval = intervalOf(draws);
    expect(interval.mean).toBeCloseTo(123.5, 12);
    expect({ lo: interval.lo, hi: interval.hi }).toEqual({ lo: 0, hi: 289 });
  });
});
