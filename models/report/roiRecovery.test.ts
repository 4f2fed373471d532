import { describe, expect, it } from 'vitest';
import { roiRecovery } from './roiRecovery';

describe('roiRecovery', () => {
  it('matches the documented example', () => {
    const result = roiRecovery(
      [
        { name: 'a', mean: 2, lo: 1.5, hi: 2.5 },
        { name: 'b', mean: 4, lo: 3, hi: 5 },
      ],
      [1, 4],
      [1, 3],
    );
    expect(result.weightedAbsoluteError).toBeCloseTo(0.25, 12);
    // weighted mean truth = (1 + 12) / 4 = 3.25
    expect(result.relativeError).toBeCloseTo(1 / 13, 12);
    expect(result.coverage).toBe(0.5);
    expect(result.channels.map((c) => c.covered)).toEqual([false, true]);
  });

  it('rejects mismatched lengths and zero spend', () => {
    expect(() => roiRecovery([{ name: 'a', mean: 1, lo: 0, hi: 2 }], [1, 2], [1])).toThrow(
      /1 estimates but 2 true/,
    );
    expect(() => roiRecovery([{ name: 'a', mean: 1, lo: 0, hi: 2 }], [1], [0])).toThrow(
      /total spend is 0/,
    );
  });
});
