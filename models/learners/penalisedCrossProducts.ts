import type { Rng } from '../random/rng';
import {
  accumulateCrossProducts,
  emptyCrossProducts,
  sumCrossProducts,
  type CrossProducts,
} from './crossProducts';
import { kFoldAssignment } from './kFoldAssignment';
import type { Matrix } from './types';

/**
 * The statistics a penalised linear fit (ridge, lasso) starts from: with a fixed penalty α, the
 * cross-products of all rows; otherwise one block per random fold (for K-fold cross-validation of
 * α, training set = total − fold) and their sum.
 *
 * Throws when a given α is not finite and ≥ 0; `learner` names the caller in messages.
 */
export function penalisedCrossProducts(
  X: Matrix,
  y: Float64Array,
  centre: { meanX: Float64Array; meanY: number },
  options: { alpha?: number; folds?: number },
  rng: Rng,
  learner: string,
):
  | { total: CrossProducts; foldStats: null; alpha: number }
  | { total: CrossProducts; foldStats: CrossProducts[]; alpha?: undefined } {
  const p = X.cols;
  const { alpha } = options;
  if (alpha !== undefined) {
    assertPenalty(learner, alpha);
    const total = emptyCrossProducts(p);
    accumulateCrossProducts(X, y, centre.meanX, centre.meanY, [total]);
    return { total, foldStats: null, alpha };
  }
  const folds = options.folds ?? 5;
  const foldOf = kFoldAssignment(X.rows, folds, rng, learner);
  const foldStats = Array.from({ length: folds }, () => emptyCrossProducts(p));
  accumulateCrossProducts(X, y, centre.meanX, centre.meanY, foldStats, foldOf);
  return { total: sumCrossProducts(foldStats, p), foldStats };
}

/** Throws unless a given penalty α is finite and ≥ 0. */
export function assertPenalty(learner: string, alpha: number): void {
  if (!(alpha >= 0) || !Number.isFinite(alpha))
    throw new Error(`${learner}: alpha must be finite and ≥ 0, got ${alpha}`);
}
