import type { Rng } from '../random/rng';
import {
  accumulateFeatureProducts,
  accumulateTargetProducts,
  emptyCrossProducts,
  subtractCrossProducts,
  sumCrossProducts,
  type CrossProducts,
} from './crossProducts';
import {
  assertSplits,
  selectRows,
  selectValues,
  type RowSplit,
  type SplitFitter,
} from './splitFitting';
import type { Matrix } from './types';

/** A linear model ỹ = intercept + x̃ᵀcoefficients in the shifted coordinates of its statistics. */
export interface ShiftedLinearModel {
  readonly intercept: number;
  readonly coefficients: Float64Array;
}

/**
 * Split fitting for linear learners (OLS, and ridge / lasso with a fixed penalty) from cross
 * products. With S(R) the statistics of rows R (crossProducts.ts, shifted by the column means of
 * all rows), each training set's statistics are
 *
 *   S(train_k) = S(all) − S(E_k),   E_k = the rows not in train_k,
 *
 * so the Gram blocks of X cost one O(n·p²) pass for all K splits (when the test sets partition the
 * rows and train_k is the complement of test_k, E_k = test_k and S(all) = Σ_k S(test_k)); a target
 * adds an O(n·p) pass, and each fit a p×p solve by `solve` (any deterministic function of the
 * training statistics, e.g. Cholesky for OLS, coordinate descent for the lasso).
 * Splits with gaps (blocked folds, neighbours left out) take E_k explicitly.
 *
 * Agreement with separate fits on the training rows is to rounding (≈1e-12 relative on
 * well-conditioned data): only the shift differs (global rather than training means).
 */
export function createLinearSplitFitter(
  learner: string,
  X: Matrix,
  splits: readonly RowSplit[],
  solve: (stats: CrossProducts) => ShiftedLinearModel,
): SplitFitter {
  assertSplits(learner, X, splits);
  const n = X.rows;
  const p = X.cols;
  const shiftX = columnMeans(X);

  const partition = isPartition(n, splits);
  const excluded = partition
    ? splits.map((split) => split.test)
    : splits.map((split) => complement(n, split.train));
  // Each block's rows are copied once, contiguously: every later pass (Gram, targets, predictions
  // in the partition case) streams instead of striding through X, which is memory-bound at large n.
  const blockRows = excluded.map((rows) => selectRows(X, rows));
  const blocks = blockRows.map((rows) => {
    const stats = emptyCrossProducts(p);
    accumulateFeatureProducts(rows, shiftX, null, stats);
    return stats;
  });
  const featureTotal = partition ? sumCrossProducts(blocks, p) : emptyCrossProducts(p);
  if (!partition) accumulateFeatureProducts(X, shiftX, null, featureTotal);

  // Target statistics of the last target seen (cross-fitting asks for one target's K splits in turn).
  let cachedTarget: Float64Array | null = null;
  let shiftY = 0;
  let total = featureTotal;
  let targetBlocks = blocks;
  const prepareTarget = (target: Float64Array): void => {
    if (cachedTarget && sameValues(cachedTarget, target)) return;
    if (target.length !== n)
      throw new Error(`${learner}: y has ${target.length} values but X has ${n} rows`);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(target[i]))
        throw new Error(`${learner}: y[${i}] is ${target[i]}; values must be finite`);
    }
    shiftY = 0;
    for (let i = 0; i < n; i++) shiftY += target[i];
    shiftY /= n;
    targetBlocks = blocks.map((block, k) => {
      const stats = copyFeatureProducts(block);
      const values = selectValues(target, excluded[k]);
      accumulateTargetProducts(blockRows[k], values, shiftX, shiftY, null, stats);
      return stats;
    });
    if (partition) total = sumCrossProducts(targetBlocks, p);
    else {
      total = copyFeatureProducts(featureTotal);
      accumulateTargetProducts(X, target, shiftX, shiftY, null, total);
    }
    cachedTarget = Float64Array.from(target);
  };

  return {
    fitPredict(split: number, target: Float64Array, rng: Rng): Float64Array {
      void rng; // fixed-penalty linear fits are deterministic
      prepareTarget(target);
      const training = subtractCrossProducts(total, targetBlocks[split]);
      const model = solve(training);
      let intercept = shiftY + model.intercept;
      for (let j = 0; j < p; j++) intercept -= shiftX[j] * model.coefficients[j];
      // Partition: the test rows are the block, already contiguous.
      const test = partition ? null : splits[split].test;
      const data = partition ? blockRows[split].data : X.data;
      const count = test ? test.length : blockRows[split].rows;
      const coefficients = model.coefficients;
      const predictions = new Float64Array(count);
      for (let r = 0; r < count; r++) {
        const offset = (test ? test[r] : r) * p;
        let value = intercept;
        for (let j = 0; j < p; j++) value += data[offset + j] * coefficients[j];
        predictions[r] = value;
      }
      return predictions;
    },
  };
}

/** Column means of X. */
function columnMeans(X: Matrix): Float64Array {
  const { rows: n, cols: p, data } = X;
  const means = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const offset = i * p;
    for (let j = 0; j < p; j++) means[j] += data[offset + j];
  }
  for (let j = 0; j < p; j++) means[j] /= n;
  return means;
}

/** True when the test sets partition 0…n−1 and each training set is its test set's complement. */
function isPartition(n: number, splits: readonly RowSplit[]): boolean {
  const owner = new Int32Array(n).fill(-1);
  for (let k = 0; k < splits.length; k++) {
    const test = splits[k].test;
    for (let r = 0; r < test.length; r++) {
      if (owner[test[r]] !== -1) return false;
      owner[test[r]] = k;
    }
  }
  for (let i = 0; i < n; i++) if (owner[i] === -1) return false;
  const seen = new Int32Array(n).fill(-1);
  for (let k = 0; k < splits.length; k++) {
    const { train, test } = splits[k];
    if (train.length + test.length !== n) return false;
    for (let r = 0; r < train.length; r++) {
      const row = train[r];
      if (owner[row] === k || seen[row] === k) return false;
      seen[row] = k;
    }
  }
  return true;
}

/** 0…n−1 without `rows`, increasing. */
function complement(n: number, rows: Int32Array): Int32Array {
  const inside = new Uint8Array(n);
  for (let r = 0; r < rows.length; r++) inside[rows[r]] = 1;
  let count = 0;
  for (let i = 0; i < n; i++) count += 1 - inside[i];
  const result = new Int32Array(count);
  count = 0;
  for (let i = 0; i < n; i++) if (!inside[i]) result[count++] = i;
  return result;
}

function copyFeatureProducts(stats: CrossProducts): CrossProducts {
  const copy = emptyCrossProducts(stats.features);
  copy.count = stats.count;
  copy.sumX.set(stats.sumX);
  copy.gram.set(stats.gram);
  return copy;
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
