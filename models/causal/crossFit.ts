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
 * cross products of X per fold for linear learners, binned features per fold for forests.
 */
export interface CrossFitResult {
  readonly predictions: Float64Array;
  readonly foldRmse: Float64Array;
}

export interface CrossFitter {
  predict(target: Float64Array, rng: Rng, beforeFit?: (foldIndex: number) => void): CrossFitResult;
}

export function prepareCrossFit(
  features: Matrix,
  folds: readonly Fold[],
  learner: Learner,
): CrossFitter {
  const fitter = prepareSplitFitter(learner, features, folds);
  return {
    predict(target, rng, beforeFit) {
      const predictions = new Float64Array(target.length).fill(NaN);
      const foldRmse = new Float64Array(folds.length);
      folds.forEach((fold, k) => {
        beforeFit?.(k);
        const predicted = fitter.fitPredict(k, target, rng.fork(k));
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
    },
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
