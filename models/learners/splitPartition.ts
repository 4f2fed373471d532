import type { RowSplit } from './splitFitting';

/**
 * Fold labels of K-fold cross-fitting splits: when the test sets partition the rows 0…n−1 and each
 * training set is exactly its test set's complement, returns label[i] = k for i ∈ test_k; otherwise
 * (gaps around test rows, rows in no or several test sets) null.
 *
 * A training set is the complement when it has n − |test_k| distinct rows, none of them in test_k.
 * Distinctness is free for strictly increasing training sets (as `foldsFromAssignment` makes them);
 * others are checked with one mark per row. Cost O(K·n) integer reads, no allocation beyond n labels.
 * Indices are assumed in range (checked by `assertSplitRows`).
 *
 * Example: n = 4, tests {0, 2} and {1, 3}, trains {1, 3} and {0, 2} → [0, 1, 0, 1].
 */
export function partitionLabels(rows: number, splits: readonly RowSplit[]): Int32Array | null {
  const labels = new Int32Array(rows).fill(-1);
  for (let k = 0; k < splits.length; k++) {
    const test = splits[k].test;
    for (let r = 0; r < test.length; r++) {
      if (labels[test[r]] !== -1) return null;
      labels[test[r]] = k;
    }
  }
  for (let i = 0; i < rows; i++) if (labels[i] === -1) return null;
  let marks: Int32Array | null = null;
  for (let k = 0; k < splits.length; k++) {
    const { train, test } = splits[k];
    if (train.length + test.length !== rows) return null;
    let increasing = true;
    let previous = -1;
    for (let r = 0; r < train.length; r++) {
      const row = train[r];
      if (labels[row] === k) return null;
      if (row <= previous) increasing = false;
      previous = row;
    }
    if (!increasing) {
      marks ??= new Int32Array(rows).fill(-1);
      for (let r = 0; r < train.length; r++) {
        if (marks[train[r]] === k) return null;
        marks[train[r]] = k;
      }
    }
  }
  return labels;
}
