import { prepareSplitFitter } from '../learners/splitFitting';
import type { Learner, Matrix } from '../learners/types';
import type { Rng } from '../random/rng';
import type { Fold } from './folds';

export { selectRows, selectValues } from '../learners/splitFitting';

/**
 * Cross-fitted (out-of-fold) predictions η̂(Xᵢ) = f̂₋ₖ(Xᵢ) for i in test fold k, where f̂₋ₖ is the
 * learner fitted on fold k's training rows (Chernozhukov et al. 2018, Definition 3.1). Also returns the
 * out-of-fold RMSE per fold, √(mean_{i∈k}(targetᵢ − η̂ᵢ)²), as a nuisance-quality diagnostic.
 *
 * Each fold's fit gets its own stream `rng.fork(k)`, so results do not depend on fitting order.
 * `beforeFit` runs before each fit (progress reporting and cancellation).
 *
 * A `CrossFitter` serves several targets on the same features and folds (ℓ̂, m̂ and ĝ of PLR): the
 * learner's split fitter (learners/splitFitting.ts) shares the target-free work between them —
 * cross products of X per fold for linear learners, binned features per fold for forests. When the
 * fitter offers `outOfFoldPredictions` (deterministic learners on folds that partition the rows) the
 * predictions come in row order from one pass, with no per-fold scatter.
 */
export interface CrossFitResult {
  readonly predictions: Float64Array;
  readonly foldRmse: Float64Array;
}

export interface CrossFitter {
  predict(target: Float64Array, rng: Rng, beforeFit?: (foldIndex: number) => void): CrossFitResult;
  /**
   * Several targets, as `predict` on each in turn (same results, same `beforeFit` order: every fold
   * of the first target, then of the next…), sharing passes over the rows where the learner can.
   */
  predictEach(requests: readonly CrossFitRequest[]): CrossFitResult[];
}

export interface CrossFitRequest {
  readonly target: Float64Array;
  readonly rng: Rng;
  readonly beforeFit?: (foldIndex: number) => void;
}

export function prepareCrossFit(
  features: Matrix,
  folds: readonly Fold[],
  learner: Learner,
): CrossFitter {
  const fitter = prepareSplitFitter(learner, features, folds);
  const nonFinite = (k: number): Error =>
    new Error(
      `cross-fitting: learner '${learner.name}' returned a non-finite prediction in fold ${k + 1}`,
    );
  /** Per-fold RMSE of predictions given in row order; throws on a non-finite prediction. */
  const foldRmseOf = (target: Float64Array, predictions: Float64Array): Float64Array =>
    Float64Array.from(folds, (fold, k) => {
      let squares = 0;
      for (let r = 0; r < fold.test.length; r++) {
        const i = fold.test[r];
        const residual = target[i] - predictions[i];
        squares += residual * residual;
      }
      if (!Number.isFinite(squares)) throw nonFinite(k);
      return Math.sqrt(squares / fold.test.length);
    });
  const predict = (
    target: Float64Array,
    rng: Rng,
    beforeFit?: (foldIndex: number) => void,
  ): CrossFitResult => {
    const predictions = new Float64Array(target.length).fill(NaN);
    folds.forEach((fold, k) => {
      beforeFit?.(k);
      const predicted = fitter.fitPredict(k, target, rng.fork(k));
      for (let r = 0; r < fold.test.length; r++) {
        if (!Number.isFinite(predicted[r])) throw nonFinite(k);
        predictions[fold.test[r]] = predicted[r];
      }
    });
    for (let i = 0; i < predictions.length; i++) {
      if (Number.isNaN(predictions[i]))
        throw new Error(`cross-fitting: observation ${i + 1} is in no test fold`);
    }
    return { predictions, foldRmse: foldRmseOf(target, predictions) };
  };
  const predictEach = (requests: readonly CrossFitRequest[]): CrossFitResult[] => {
    if (!fitter.outOfFoldPredictions)
      return requests.map((request) => predict(request.target, request.rng, request.beforeFit));
    // Deterministic learner on K-fold splits: all fits, then shared passes over the rows.
    for (const request of requests) folds.forEach((_, k) => request.beforeFit?.(k));
    const predictions = fitter.outOfFoldPredictions(requests.map((request) => request.target));
    return requests.map((request, t) => ({
      predictions: predictions[t],
      foldRmse: foldRmseOf(request.target, predictions[t]),
    }));
  };
  return {
    predict: (target, rng, beforeFit) => predictEach([{ target, rng, beforeFit }])[0],
    predictEach,
  };
}

/** One target's cross-fitted predictions (see `prepareCrossFit`). */
export function crossFitPredict(
  features: Matrix,
  target: Float64Array,
  folds: readonly Fold[],
  learner: Learner,
  rng: Rng,
  beforeFit?: (foldIndex: number) => void,
): CrossFitResult {
  return prepareCrossFit(features, folds, learner).predict(target, rng, beforeFit);
}
