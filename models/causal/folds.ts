import type { Rng } from '../random/rng';

/**
 * Sample splits for cross-fitting (Chernozhukov et al. 2018, Definition 3.1): K disjoint test sets
 * covering all n observations; each nuisance model is fitted on `train` and predicts `test`.
 *
 * Schemes (observations are assumed in time order):
 * - `random`: a seeded shuffle cut into K parts of sizes ⌈n/K⌉ or ⌊n/K⌋ (first n mod K folds get the
 *   extra one), as scikit-learn's `KFold(shuffle=True)` used by DoubleML.
 * - `blocked`: K contiguous blocks in time, same sizes, unshuffled; with `gap` = g the g observations
 *   on each side of the test block are dropped from the training set ("h-block" cross-validation,
 *   Burman, Chow & Nolan 1994), so serial dependence leaks less from train into test.
 * - `neighbours-left-out`: random test sets as `random`, then every observation within `gap` steps of
 *   any test observation is removed from the training set (|i − j| ≤ g for some test j).
 *
 * Test index sets are sorted ascending. Throws when K < 2, n < 2K, or a training set would keep
 * fewer than 2 observations.
 *
 * Example: n = 10, K = 5, blocked, gap = 1 → fold 2 tests {4, 5} and trains on {0, 1, 2, 7, 8, 9}.
 */
export type FoldScheme = 'random' | 'blocked' | 'neighbours-left-out';

export const foldSchemes: readonly FoldScheme[] = ['random', 'blocked', 'neighbours-left-out'];

export interface Fold {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

export interface FoldOptions {
  readonly observations: number;
  readonly folds: number;
  readonly scheme: FoldScheme;
  /** Observations removed from training on each side of test observations (default 0). */
  readonly gap?: number;
  /** Needed by `random` and `neighbours-left-out`. */
  readonly rng?: Rng;
}

/** Fold sizes as scikit-learn's KFold: the first n mod K folds get ⌊n/K⌋ + 1. */
function foldSizes(observations: number, folds: number): number[] {
  const base = Math.floor(observations / folds);
  const extra = observations % folds;
  return Array.from({ length: folds }, (_, k) => base + (k < extra ? 1 : 0));
}

/** Fisher–Yates shuffle of 0…n−1 driven by `rng`. */
export function permutation(size: number, rng: Rng): Int32Array {
  const order = new Int32Array(size);
  for (let i = 0; i < size; i++) order[i] = i;
  for (let i = size - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

/** Folds from a test-fold label per observation (labels 0…K−1); training = all other labels. */
export function foldsFromAssignment(assignment: ArrayLike<number>, folds: number, gap = 0): Fold[] {
  const observations = assignment.length;
  const sizes = new Int32Array(folds);
  for (let i = 0; i < observations; i++) {
    const label = assignment[i];
    if (label >= 0 && label < folds) sizes[label] += 1;
  }
  const tests = Array.from(sizes, (size) => new Int32Array(size));
  sizes.fill(0);
  for (let i = 0; i < observations; i++) {
    const label = assignment[i];
    if (label >= 0 && label < folds) tests[label][sizes[label]++] = i;
  }
  if (gap > 0) return tests.map((test, k) => makeFold(observations, test, gap, k));
  // No gap: fold k trains on the runs of rows between its (ascending) test rows.
  return tests.map((test, k) => {
    checkFoldSizes(observations, test.length, observations - test.length, gap, k);
    const train = new Int32Array(observations - test.length);
    let kept = 0;
    let next = 0;
    for (let r = 0; r < test.length; r++) {
      const end = test[r];
      while (next < end) train[kept++] = next++;
      next = end + 1;
    }
    while (next < observations) train[kept++] = next++;
    return { train, test };
  });
}

function checkFoldSizes(
  observations: number,
  tests: number,
  kept: number,
  gap: number,
  foldIndex: number,
): void {
  if (tests === 0) throw new Error(`folds: fold ${foldIndex + 1} has no test observations`);
  if (kept < 2) {
    throw new Error(
      `folds: fold ${foldIndex + 1} keeps ${kept} training observation(s) (n = ${observations}, gap = ${gap}); use fewer folds or a smaller gap`,
    );
  }
}

/** Train = complement of the test set, minus observations within `gap` of any test observation. */
function makeFold(observations: number, test: Int32Array, gap: number, foldIndex: number): Fold {
  const excluded = new Uint8Array(observations);
  for (let t = 0; t < test.length; t++) {
    const from = Math.max(0, test[t] - gap);
    const to = Math.min(observations - 1, test[t] + gap);
    for (let j = from; j <= to; j++) excluded[j] = 1;
  }
  let kept = 0;
  for (let i = 0; i < observations; i++) kept += 1 - excluded[i];
  checkFoldSizes(observations, test.length, kept, gap, foldIndex);
  const train = new Int32Array(kept);
  kept = 0;
  for (let i = 0; i < observations; i++) if (!excluded[i]) train[kept++] = i;
  return { train, test };
}

export function createFolds(options: FoldOptions): Fold[] {
  const { observations, folds, scheme } = options;
  const gap = options.gap ?? 0;
  if (!Number.isInteger(folds) || folds < 2)
    throw new Error(`folds: need an integer number of folds ≥ 2, got ${folds}`);
  if (!Number.isInteger(gap) || gap < 0)
    throw new Error(`folds: gap must be a non-negative integer, got ${gap}`);
  if (!Number.isInteger(observations) || observations < 2 * folds) {
    throw new Error(
      `folds: ${observations} observations are too few for ${folds} folds (need at least ${2 * folds})`,
    );
  }
  const sizes = foldSizes(observations, folds);
  const assignment = new Int32Array(observations);
  if (scheme === 'blocked') {
    let start = 0;
    sizes.forEach((size, k) => {
      assignment.fill(k, start, start + size);
      start += size;
    });
    return foldsFromAssignment(assignment, folds, gap);
  }
  if (scheme !== 'random' && scheme !== 'neighbours-left-out')
    throw new Error(`folds: unknown scheme '${String(scheme)}'`);
  if (!options.rng) throw new Error(`folds: scheme '${scheme}' needs a seeded rng`);
  const order = permutation(observations, options.rng);
  let start = 0;
  sizes.forEach((size, k) => {
    for (let i = start; i < start + size; i++) assignment[order[i]] = k;
    start += size;
  });
  return foldsFromAssignment(assignment, folds, scheme === 'random' ? 0 : gap);
}
