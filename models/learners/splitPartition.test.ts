import { describe, expect, it } from 'vitest';
import type { RowSplit } from './splitFitting';
import { partitionLabels } from './splitPartition';

const split = (train: number[], test: number[]): RowSplit => ({
  train: Int32Array.from(train),
  test: Int32Array.from(test),
});

describe('partitionLabels', () => {
  it('doc example: complementary splits give each row its test fold', () => {
    const labels = partitionLabels(4, [split([1, 3], [0, 2]), split([0, 2], [1, 3])]);
    expect(labels && Array.from(labels)).toEqual([0, 1, 0, 1]);
  });

  it('accepts unsorted training rows when they are the complement', () => {
    const labels = partitionLabels(5, [split([4, 2, 3], [0, 1]), split([1, 0], [2, 3, 4])]);
    expect(labels && Array.from(labels)).toEqual([0, 0, 1, 1, 1]);
  });

  it.each([
    ['a gap: a row left out of training', [split([3], [0, 1]), split([0, 1], [2, 3])]],
    ['a row in no test set', [split([2, 3], [0, 1]), split([0, 1], [2])]],
    ['a row in two test sets', [split([2, 3], [0, 1]), split([0], [1, 2, 3])]],
    ['a test row in training instead of another', [split([1, 2], [0, 1]), split([0, 1], [2, 3])]],
    ['a repeated training row (unsorted)', [split([3, 3], [0, 1]), split([0, 1], [2, 3])]],
    ['a repeated training row (sorted)', [split([2, 2], [0, 1]), split([0, 1], [2, 3])]],
  ])('%s: not a partition (null)', (_, splits) => {
    expect(partitionLabels(4, splits)).toBeNull();
  });
});
