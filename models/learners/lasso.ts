import type { Rng } from '../random/rng';
import {
  dataMeans,
  residualSumOfSquares,
  subtractCrossProducts,
  type CrossProducts,
} from './crossProducts';
import { assertPenalty, penalisedCrossProducts } from './penalisedCrossProducts';
import { lassoCoordinateDescent } from './lassoCoordinateDescent';
import type { PenalisedLinearOptions } from './learnerOptions';
import { createLinearRegressor, unshiftIntercept, type LinearRegressor } from './linearRegressor';
import { createLinearSplitFitter, type ShiftedLinearModel } from './linearSplitFitter';
import { separateSplitFitter, type SplitLearner } from './splitFitting';
import {
  standardizedProblem,
  unstandardize,
  type StandardizedProblem,
} from './standardizedProblem';
import type { Matrix } from './types';
import { assertTrainingData } from './validateInput';

/**
 * Lasso regression with an unpenalised intercept, on standardised features by default.
 *
 *   v(α) = argmin (1/(2n)) ‖y_c − Z v‖² + α‖v‖₁,   Z_ij = (x_ij − x̄_j)/s_j,   w_j = v_j/s_j,  b = ȳ − x̄ᵀw.
 *
 * With a fixed `alpha` and `standardize: false` this is scikit-learn's `Lasso(alpha)`; with
 * standardisation, `make_pipeline(StandardScaler(), Lasso(alpha))`.
 *
 * Without `alpha`, α is chosen as in LassoCV / cv.glmnet: a path of `pathLength` (100) values
 * geometric from α_max = max_j |Z_jᵀ y_c| / n (the smallest α giving v = 0, on all rows) down to
 * `pathRatio`·α_max (1e-3); for each of K folds (5) the path is fitted on the other folds with warm
 * starts and scored on the held-out fold; the α with the least pooled mean squared error is
 * refitted on all rows. Folds reuse "total − fold" cross products, so nothing after the first pass
 * over the data depends on n.
 * Reference: Friedman, Hastie & Tibshirani (2010), J. Stat. Software 33(1).
 *
 * Example: one standardised feature with Zᵀy/n = 0.8 and α = 0.3 gives a standardised slope 0.5.
 */
export function fitLasso(
  X: Matrix,
  y: Float64Array,
  rng: Rng,
  options: PenalisedLinearOptions = {},
): LinearRegressor {
  assertTrainingData('lasso', X, y);
  const standardize = options.standardize ?? true;
  const tolerance = options.tolerance ?? 1e-7;
  const maxSweeps = options.maxSweeps ?? 10_000;
  const p = X.cols;
  const { meanX, meanY } = dataMeans(X, y);
  const stats = penalisedCrossProducts(X, y, { meanX, meanY }, options, rng, 'lasso');
  const { total } = stats;
  let alpha: number;
  let path: number[] = [];
  if (stats.foldStats === null) alpha = stats.alpha;
  else {
    const { foldStats } = stats;
    path = options.alphaGrid
      ? [...options.alphaGrid].sort((a, b) => b - a)
      : lassoPath(
          standardizedProblem(total, standardize),
          options.pathLength ?? 100,
          options.pathRatio ?? 1e-3,
        );
    const errors = new Float64Array(path.length);
    for (const held of foldStats) {
      const training = standardizedProblem(subtractCrossProducts(total, held), standardize);
      const coefficients = new Float64Array(p);
      for (let index = 0; index < path.length; index++) {
        solve(training, path[index], coefficients, tolerance, maxSweeps);
        const model = unstandardize(training, coefficients);
        errors[index] += residualSumOfSquares(held, model.intercept, model.coefficients);
      }
    }
    let best = 0;
    for (let index = 1; index < path.length; index++)
      if (errors[index] < errors[best]) best = index;
    alpha = path[best];
    path = path.slice(0, best + 1);
  }
  const problem = standardizedProblem(total, standardize);
  const coefficients = new Float64Array(p);
  // Warm starts down the path to the chosen α (or straight to a fixed α).
  for (const value of path.length > 0 ? path : [alpha])
    solve(problem, value, coefficients, tolerance, maxSweeps);
  const model = unstandardize(problem, coefficients);
  return createLinearRegressor(
    'lasso',
    unshiftIntercept(model.intercept, model.coefficients, meanX, meanY),
    model.coefficients,
    alpha,
  );
}

/**
 * The lasso as a learner. Over cross-fitting splits, a fixed `alpha` solves from per-split cross
 * products (linearSplitFitter.ts); with cross-validated α each split is a separate fit.
 */
export function createLasso(options: PenalisedLinearOptions = {}): SplitLearner {
  const learner: SplitLearner = {
    name: 'lasso',
    fit: (X, y, rng) => fitLasso(X, y, rng, options),
    prepareSplits(X, splits) {
      const { alpha } = options;
      if (alpha === undefined) return separateSplitFitter(learner, X, splits);
      assertPenalty('lasso', alpha);
      return createLinearSplitFitter('lasso', X, splits, (stats) =>
        lassoFromCrossProducts(stats, alpha, options),
      );
    },
  };
  return learner;
}

/** The lasso at a fixed α for the rows summarised by `stats`, in their shifted coordinates. */
export function lassoFromCrossProducts(
  stats: CrossProducts,
  alpha: number,
  options: PenalisedLinearOptions = {},
): ShiftedLinearModel {
  const problem = standardizedProblem(stats, options.standardize ?? true);
  const coefficients = new Float64Array(stats.features);
  solve(problem, alpha, coefficients, options.tolerance ?? 1e-7, options.maxSweeps ?? 10_000);
  return unstandardize(problem, coefficients);
}

/** α_max·ratio^(k/(m−1)), k = 0…m−1, with α_max = max_j |c_j| / n (all-zero solution above it). */
export function lassoPath(problem: StandardizedProblem, length: number, ratio: number): number[] {
  let alphaMax = 0;
  for (let j = 0; j < problem.cross.length; j++)
    alphaMax = Math.max(alphaMax, Math.abs(problem.cross[j]) / problem.count);
  // A constant response: every α gives v = 0; keep a valid, positive path.
  if (!(alphaMax > 0)) alphaMax = 1;
  if (length === 1) return [alphaMax];
  return Array.from({ length }, (_, k) => alphaMax * ratio ** (k / (length - 1)));
}

function solve(
  problem: StandardizedProblem,
  alpha: number,
  coefficients: Float64Array,
  tolerance: number,
  maxSweeps: number,
): void {
  lassoCoordinateDescent({
    count: problem.count,
    gram: problem.gram,
    cross: problem.cross,
    sumSquaresY: problem.sumSquaresY,
    alpha,
    coefficients,
    tolerance,
    maxSweeps,
  });
}
