import type { Learner, Matrix } from '../learners/types';
import type { Rng } from '../random/rng';
import type { Fold } from './folds';

/**
 * Cross-fitted (out-of-fold) predictions η̂(Xᵢ) = f̂₋ₖ(Xᵢ) for i in test fold k, where f̂₋ₖ is the
 * learner fitted on fold k's training rows (Chernozhukov et al. 2018, Definition 3.1). Also returns the
 * out-of-fold RMSE per fold, √(mean_{i∈k}(targetᵢ − η̂ᵢ)²), as a nuisance-quality diagnostic.
 *
 * Each fold's fit gets its own stream `rng.fork(k)`, so results do not depend on fitting order.
 * `beforeFit` runs before each fit (progress reporting and cancellation).
 */
export interface CrossFitResult {
  readonly predictions: Float64Array;
  readonly foldRmse: Float64Array;
}

/** Rows `indices` of a row-major matrix, as a new matrix. */
export function selectRows(matrix: Matrix, indices: Int32Array): Matrix {
  const { cols } = matrix;
  const data = new Float64Array(indices.length * cols);
  for (let r = 0; r < indices.length; r++) {
    const from = indices[r] * cols;
    data.set(matrix.data.subarray(from, from + cols), r * cols);
  }
  return { rows: indices.length, cols, data };
}

export function selectValues(values: Float64Array, indices: Int32Array): Float64Array {
  const out = new Float64Array(indices.length);
  for (let r = 0; r < indices.length; r++) out[r] = values[indices[r]];
  return out;
}

export function crossFitPredict(
  features: Matrix,
  target: Float64Array,
  folds: readonly Fold[],
  learner: Learner,
  rng: Rng,
  beforeFit?: (foldIndex: number) => void,
): CrossFitResult {
  const predictions = new Float64Array(target.length).fill(NaN);
  const foldRmse = new Float64Array(folds.length);
  folds.forEach((fold, k) => {
    beforeFit?.(k);
    const model = learner.fit(
      selectRows(features, fold.train),
      selectValues(target, fold.train),
      rng.fork(k),
    );
    const predicted = model.predict(selectRows(features, fold.test));
    let squares = 0;
    for (let r = 0; r < fold.test.length; r++) {
      const value = predicted[r];
      if (!Number.isFinite(value))
        throw new Error(
          `cross-fitting: learner '${learner.name}' returned a non-finite prediction in fold ${k + 1}`,
        );
      predictions[fold.test[r]] = value;
      const residual = target[fold.test[r]] - value;
      squares += residual * residual;
    }
    foldRmse[k] = Math.sqrt(squares / fold.test.length);
  });
  for (let i = 0; i < predictions.length; i++) {
    if (Number.isNaN(predictions[i]))
      throw new Error(`cross-fitting: observation ${i + 1} is in no test fold`);
  }
  return { predictions, foldRmse };
}
