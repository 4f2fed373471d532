import type { Rng } from '../random/rng';
import type { Learner, Matrix } from './types';
import { assertPredictionMatrix } from './validateInput';

/** One sample split of the rows of a feature matrix: fit on `train`, predict `test` (row indices). */
export interface RowSplit {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

/**
 * One learner fitted on the training rows of several splits of the same feature matrix, for any
 * number of targets (cross-fitting fits K splits × 2–3 targets on one X):
 *
 *   fitPredict(k, target, rng) = learner.fit(X[train_k], target[train_k], rng).predict(X[test_k]).
 *
 * Implementations share the work that does not depend on the target — cross products of X per
 * split for linear learners, binned features per split for forests — so they compute exactly (to
 * rounding for linear learners, bit for bit for forests) what the separate fits would.
 */
export interface SplitFitter {
  /** Predictions for split k's test rows, in the order of `test`. */
  fitPredict(split: number, target: Float64Array, rng: Rng): Float64Array;
  /**
   * All splits of several targets at once, in row order: out[t][i] = fitPredict(k, targets[t], ·)
   * at i's place in test_k, for the k whose test set holds i. Offered only when the test sets
   * partition the rows (each training set the complement of its test set) and the fits use no
   * randomness, so passes over the rows are shared by the targets and no fold is gathered.
   */
  outOfFoldPredictions?(targets: readonly Float64Array[]): Float64Array[];
}

/** A learner with a faster path over the splits of one feature matrix. */
export interface SplitLearner extends Learner {
  prepareSplits(X: Matrix, splits: readonly RowSplit[]): SplitFitter;
}

export function isSplitLearner(learner: Learner): learner is SplitLearner {
  return typeof (learner as Partial<SplitLearner>).prepareSplits === 'function';
}

/** The learner's own split fitter when it has one, else separate fits (`separateSplitFitter`). */
export function prepareSplitFitter(
  learner: Learner,
  X: Matrix,
  splits: readonly RowSplit[],
): SplitFitter {
  return isSplitLearner(learner)
    ? learner.prepareSplits(X, splits)
    : separateSplitFitter(learner, X, splits);
}

/** Split fitting by one `learner.fit` per call; the row subsets of X are copied once per split. */
export function separateSplitFitter(
  learner: Learner,
  X: Matrix,
  splits: readonly RowSplit[],
): SplitFitter {
  const matrices = splits.map(() => null as { train: Matrix; test: Matrix } | null);
  return {
    fitPredict(split, target, rng) {
      const rows = splits[split];
      const cached = (matrices[split] ??= {
        train: selectRows(X, rows.train),
        test: selectRows(X, rows.test),
      });
      return learner.fit(cached.train, selectValues(target, rows.train), rng).predict(cached.test);
    },
  };
}

/** Rows `indices` of a row-major matrix, as a new matrix. */
export function selectRows(matrix: Matrix, indices: Int32Array): Matrix {
  const { cols } = matrix;
  const source = matrix.data;
  const data = new Float64Array(indices.length * cols);
  for (let r = 0; r < indices.length; r++) {
    const from = indices[r] * cols;
    const to = r * cols;
    for (let j = 0; j < cols; j++) data[to + j] = source[from + j];
  }
  return { rows: indices.length, cols, data };
}

/** values[indices] as a new array. */
export function selectValues(values: Float64Array, indices: Int32Array): Float64Array {
  const out = new Float64Array(indices.length);
  for (let r = 0; r < indices.length; r++) out[r] = values[indices[r]];
  return out;
}

/**
 * Checks the splits against the matrix (indices in range, non-empty training sets) and, once, that
 * X is finite; `learner` names the caller in messages.
 */
export function assertSplits(learner: string, X: Matrix, splits: readonly RowSplit[]): void {
  assertPredictionMatrix(learner, X, X.cols);
  assertSplitRows(learner, X.rows, splits);
}

/** Checks that every split has training rows and that its indices lie in 0…rows−1. */
export function assertSplitRows(learner: string, rows: number, splits: readonly RowSplit[]): void {
  splits.forEach((split, k) => {
    if (split.train.length < 1) throw new Error(`${learner}: split ${k + 1} has no training rows`);
    for (const indices of [split.train, split.test]) {
      for (let r = 0; r < indices.length; r++) {
        if (!(indices[r] >= 0 && indices[r] < rows))
          throw new Error(
            `${learner}: split ${k + 1} refers to row ${indices[r]}, outside 0…${rows - 1}`,
          );
      }
    }
  });
}

/** Throws naming the first non-finite target value among `rows`. */
export function assertFiniteTarget(learner: string, target: Float64Array, rows: Int32Array): void {
  for (let r = 0; r < rows.length; r++) {
    const value = target[rows[r]];
    if (!Number.isFinite(value))
      throw new Error(`${learner}: y[${rows[r]}] is ${value}; values must be finite`);
  }
}
