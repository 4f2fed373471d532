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
  accumulateFoldTargetProducts,
  foldCrossProducts,
  foldFeatureProducts,
  foldTargetProducts,
  predictByFold,
  type FoldCrossProducts,
} from './foldCrossProducts';
import {
  assertSplitRows,
  selectRows,
  selectValues,
  type RowSplit,
  type SplitFitter,
} from './splitFitting';
import { partitionLabels } from './splitPartition';
import type { Matrix } from './types';
import { assertFiniteMatrix, assertMatrixShape } from './validateInput';

/** A linear model ỹ = intercept + x̃ᵀcoefficients in the shifted coordinates of its statistics. */
export interface ShiftedLinearModel {
  readonly intercept: number;
  readonly coefficients: Float64Array;
}

type SolveLinear = (stats: CrossProducts) => ShiftedLinearModel;

/**
 * Split fitting for linear learners (OLS, and ridge / lasso with a fixed penalty) from cross
 * products. With S(R) the statistics of rows R (crossProducts.ts, shifted by the column means of
 * all rows), each training set's statistics are
 *
 *   S(train_k) = S(all) − S(E_k),   E_k = the rows not in train_k,
 *
 * so the Gram blocks of X cost one O(n·p²) pass for all K splits; a target adds an O(n·p) pass, and
 * each fit a p×p solve by `solve` (any deterministic function of the training statistics, e.g.
 * Cholesky for OLS, coordinate descent for the lasso).
 *
 * When the test sets partition the rows and train_k is the complement of test_k (K-fold
 * cross-fitting), E_k = test_k and S(all) = Σ_k S(test_k): the blocks come from one sequential pass
 * over X by fold label (foldCrossProducts.ts) — no fold is copied — and `outOfFoldPredictions`
 * predicts every row with its fold's model in one more pass. Splits with gaps (blocked folds,
 * neighbours left out) copy each E_k once and accumulate it.
 *
 * X is checked once (shape, split indices, finiteness through its column sums: a sum of finite
 * values is finite unless it overflows), each target once when it changes.
 * Agreement with separate fits on the training rows is to rounding (≈1e-12 relative on
 * well-conditioned data): only the shift differs (global rather than training means).
 */
export function createLinearSplitFitter(
  learner: string,
  X: Matrix,
  splits: readonly RowSplit[],
  solve: SolveLinear,
): SplitFitter {
  assertMatrixShape(learner, X);
  assertSplitRows(learner, X.rows, splits);
  const shiftX = finiteColumnMeans(learner, X);
  const labels = partitionLabels(X.rows, splits);
  return labels
    ? partitionFitter(learner, X, splits, labels, shiftX, solve)
    : excludedRowsFitter(learner, X, splits, shiftX, solve);
}

/** K-fold splits: blocks by fold label, no copies (see `createLinearSplitFitter`). */
function partitionFitter(
  learner: string,
  X: Matrix,
  splits: readonly RowSplit[],
  labels: Int32Array,
  shiftX: Float64Array,
  solve: SolveLinear,
): SplitFitter {
  const p = X.cols;
  const folds = splits.length;
  // Built on first use: with the first targets in the same pass when they come together.
  let featureBlocks: CrossProducts[] | null = null;
  const blocksOf = (products: FoldCrossProducts, target: number | null): CrossProducts[] =>
    splits.map((_, k) =>
      target === null ? foldFeatureProducts(products, k) : foldTargetProducts(products, k, target),
    );
  const features = (): CrossProducts[] =>
    (featureBlocks ??= blocksOf(foldCrossProducts({ X, shiftX, labels, folds }), null));
  const targetBlocks = (values: Float64Array, shiftY: number): CrossProducts[] => {
    const blocks = features().map(copyFeatureProducts);
    accumulateFoldTargetProducts(X, values, shiftX, shiftY, labels, blocks);
    return blocks;
  };
  const target = targetCache(learner, X.rows, (values, shiftY) => {
    const blocks = targetBlocks(values, shiftY);
    return { blocks, total: sumCrossProducts(blocks, p) };
  });
  const fit = (
    prepared: TargetStatistics & { shiftY: number },
    split: number,
  ): { intercept: number; coefficients: Float64Array } => {
    const model = solve(subtractCrossProducts(prepared.total, prepared.blocks[split]));
    return {
      intercept: originalIntercept(model, prepared.shiftY, shiftX),
      coefficients: model.coefficients,
    };
  };
  return {
    fitPredict(split: number, values: Float64Array, rng: Rng): Float64Array {
      void rng; // fixed-penalty linear fits are deterministic
      const { intercept, coefficients } = fit(target.prepare(values), split);
      return predictRows(X, splits[split].test, intercept, coefficients);
    },
    outOfFoldPredictions(targets: readonly Float64Array[]): Float64Array[] {
      const shifts = targets.map((values) => finiteMean(learner, values, X.rows));
      let perTarget: CrossProducts[][];
      if (featureBlocks === null) {
        const products = foldCrossProducts({
          X,
          shiftX,
          labels,
          folds,
          targets,
          targetShifts: shifts,
        });
        featureBlocks = blocksOf(products, null);
        perTarget = targets.map((_, t) => blocksOf(products, t));
      } else perTarget = targets.map((values, t) => targetBlocks(values, shifts[t]));
      const intercepts = new Float64Array(targets.length * folds);
      const coefficients = new Float64Array(targets.length * folds * p);
      perTarget.forEach((blocks, t) => {
        const prepared = { blocks, total: sumCrossProducts(blocks, p), shiftY: shifts[t] };
        for (let k = 0; k < folds; k++) {
          const model = fit(prepared, k);
          intercepts[t * folds + k] = model.intercept;
          coefficients.set(model.coefficients, (t * folds + k) * p);
        }
      });
      const outs = targets.map(() => new Float64Array(X.rows));
      predictByFold(X, labels, intercepts, coefficients, outs);
      return outs;
    },
  };
}

/** Splits that are not a partition: E_k = rows outside train_k, copied once each. */
function excludedRowsFitter(
  learner: string,
  X: Matrix,
  splits: readonly RowSplit[],
  shiftX: Float64Array,
  solve: SolveLinear,
): SplitFitter {
  const p = X.cols;
  const excluded = splits.map((split) => complement(X.rows, split.train));
  // Each block's rows are copied once, contiguously, so the per-target passes stream.
  const blockRows = excluded.map((rows) => selectRows(X, rows));
  const blocks = blockRows.map((rows) => {
    const stats = emptyCrossProducts(p);
    accumulateFeatureProducts(rows, shiftX, null, stats);
    return stats;
  });
  const featureTotal = emptyCrossProducts(p);
  accumulateFeatureProducts(X, shiftX, null, featureTotal);
  const target = targetCache(learner, X.rows, (values, shiftY) => {
    const targetBlocks = blocks.map((block, k) => {
      const stats = copyFeatureProducts(block);
      accumulateTargetProducts(
        blockRows[k],
        selectValues(values, excluded[k]),
        shiftX,
        shiftY,
        null,
        stats,
      );
      return stats;
    });
    const total = copyFeatureProducts(featureTotal);
    accumulateTargetProducts(X, values, shiftX, shiftY, null, total);
    return { blocks: targetBlocks, total };
  });
  return {
    fitPredict(split: number, values: Float64Array, rng: Rng): Float64Array {
      void rng; // fixed-penalty linear fits are deterministic
      const prepared = target.prepare(values);
      const model = solve(subtractCrossProducts(prepared.total, prepared.blocks[split]));
      const intercept = originalIntercept(model, prepared.shiftY, shiftX);
      return predictRows(X, splits[split].test, intercept, model.coefficients);
    },
  };
}

interface TargetStatistics {
  readonly blocks: CrossProducts[];
  readonly total: CrossProducts;
}

/**
 * The statistics of the last target seen (cross-fitting asks for one target's K splits in turn),
 * rebuilt when the values change, even in place. ỹ = y − ȳ, and y is checked finite through its sum.
 */
function targetCache(
  learner: string,
  rows: number,
  build: (values: Float64Array, shiftY: number) => TargetStatistics,
): { prepare(values: Float64Array): TargetStatistics & { shiftY: number } } {
  let cached: Float64Array | null = null;
  let prepared: (TargetStatistics & { shiftY: number }) | null = null;
  return {
    prepare(values) {
      if (prepared && cached && sameValues(cached, values)) return prepared;
      const shiftY = finiteMean(learner, values, rows);
      prepared = { ...build(values, shiftY), shiftY };
      cached = Float64Array.from(values);
      return prepared;
    },
  };
}

/** ȳ of a target of `rows` values, which also proves them finite (named in the error if not). */
function finiteMean(learner: string, values: Float64Array, rows: number): number {
  if (values.length !== rows)
    throw new Error(`${learner}: y has ${values.length} values but X has ${rows} rows`);
  let sum = 0;
  for (let i = 0; i < rows; i++) sum += values[i];
  if (!Number.isFinite(sum)) {
    for (let i = 0; i < rows; i++) {
      if (!Number.isFinite(values[i]))
        throw new Error(`${learner}: y[${i}] is ${values[i]}; values must be finite`);
    }
    throw new Error(`${learner}: the sum of y overflows; rescale it`);
  }
  return sum / rows;
}

/**
 * Column means of X, which also proves every entry finite: a non-finite column sum means a
 * non-finite entry (named in the error) or an overflowing column. Each column is summed in row
 * order; blocks of 128 rows (in L1 cache) are read four columns at a time into four independent
 * sums, about 3× faster than adding every row into an array of p sums.
 */
function finiteColumnMeans(learner: string, X: Matrix): Float64Array {
  const { rows: n, cols: p, data } = X;
  const sums = new Float64Array(p);
  for (let first = 0; first < n; first += 128) {
    const start = first * p;
    const end = Math.min(n, first + 128) * p;
    let j = 0;
    for (; j + 3 < p; j += 4) {
      let s0 = sums[j];
      let s1 = sums[j + 1];
      let s2 = sums[j + 2];
      let s3 = sums[j + 3];
      for (let offset = start + j; offset < end; offset += p) {
        s0 += data[offset];
        s1 += data[offset + 1];
        s2 += data[offset + 2];
        s3 += data[offset + 3];
      }
      sums[j] = s0;
      sums[j + 1] = s1;
      sums[j + 2] = s2;
      sums[j + 3] = s3;
    }
    for (; j < p; j++) {
      let sum = sums[j];
      for (let offset = start + j; offset < end; offset += p) sum += data[offset];
      sums[j] = sum;
    }
  }
  for (let j = 0; j < p; j++) {
    if (!Number.isFinite(sums[j])) {
      assertFiniteMatrix(learner, X);
      throw new Error(`${learner}: the sum of column ${j} of X overflows; rescale it`);
    }
  }
  return sums.map((sum) => sum / n);
}

/** Intercept on the original scale: y₀ + b̃ − x₀ᵀw. */
function originalIntercept(
  model: ShiftedLinearModel,
  shiftY: number,
  shiftX: Float64Array,
): number {
  let intercept = shiftY + model.intercept;
  for (let j = 0; j < shiftX.length; j++) intercept -= shiftX[j] * model.coefficients[j];
  return intercept;
}

/** intercept + x_iᵀw for the rows `rows` of X, in their order. */
function predictRows(
  X: Matrix,
  rows: Int32Array,
  intercept: number,
  coefficients: Float64Array,
): Float64Array {
  const p = X.cols;
  const data = X.data;
  const predictions = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const offset = rows[r] * p;
    let value = intercept;
    for (let j = 0; j < p; j++) value += data[offset + j] * coefficients[j];
    predictions[r] = value;
  }
  return predictions;
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
