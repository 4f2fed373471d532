import type { Rng } from '../random/rng';

/**
 * Random K-fold assignment: a uniformly random permutation (Fisher–Yates with `rng`) dealt round
 * robin, so fold sizes differ by at most one. Returns fold[i] ∈ {0, …, K−1} for each row.
 *
 * Example: n = 5, K = 2 gives three rows in one fold and two in the other.
 */
export function kFoldAssignment(
  rows: number,
  folds: number,
  rng: Rng,
  learner = 'cross-validation',
): Int32Array {
  if (!Number.isInteger(folds) || folds < 2) {
    throw new Error(`${learner}: folds must be an integer ≥ 2, got ${folds}`);
  }
  if (rows < folds) {
    throw new Error(
      `${learner}: cross-validation with ${folds} folds needs at least ${folds} rows, got ${rows}; ` +
        'pass a fixed alpha or fewer folds',
    );
  }
  const order = new Int32Array(rows);
  for (let i = 0; i < rows; i++) order[i] = i;
  for (let i = rows - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const swap = order[i];
    order[i] = order[j];
    order[j] = swap;
  }
  const fold = new Int32Array(rows);
  for (let position = 0; position < rows; position++) fold[order[position]] = position % folds;
  return fold;
}
