import { describe, expect, it } from 'vitest';
import { aggregateIntervals, aggregateRepetitions, median } from './aggregateRepetitions';

describe('aggregation over repeated splits (DoubleML ≥ 0.10)', () => {
  it('median θ and SE from the median upper bound', () => {
    expect(aggregateRepetitions([1, 2, 4], [1, 1, 1])).toEqual({ theta: 2, se: 1 });
    // Upper bounds 1 + 1.96·3, 2 + 1.96, 4 + 1.96·0.5 → median 4.98 → se = (4.98 − 2)/1.96.
    const { theta, se } = aggregateRepetitions([1, 2, 4], [3, 1, 0.5]);
    expect(theta).toBe(2);
    expect(se).toBeCloseTo((4.98 - 2) / 1.96, 14);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(aggregateIntervals([1, 3], [1, 1], [2, 2])).toEqual({ lo: 0, hi: 4 });
  });
});
