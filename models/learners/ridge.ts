import { solveSymmetricPositiveDefinite } from '../linalg/cholesky';
import { symmetricEigen } from '../linalg/symmetricEigen';
import type { Rng } from '../random/rng';
import {
  dataMeans,
  emptyCrossProducts,
  residualSumOfSquares,
  subtractCrossProducts,
  type CrossProducts,
} from './crossProducts';
import { assertPenalty, penalisedCrossProducts } from './penalisedCrossProducts';
import type { PenalisedLinearOptions } from './learnerOptions';
import { createLinearRegressor, unshiftIntercept, type LinearRegressor } from './linearRegressor';
import { createLinearSplitFitter, type ShiftedLinearModel } from './linearSplitFitter';
import { separateSplitFitter, type SplitLearner } from './splitFitting';
import { standardizedProblem, unstandardize } from './standardizedProblem';
import type { Matrix } from './types';
import { assertTrainingData } from './validateInput';

/**
 * Ridge regression with an unpenalised intercept, on standardised features by default.
 *
 *   v(α) = argmin ‖y_c − Z v‖² + α‖v‖²  ⇒  (ZᵀZ + αI) v = Zᵀy_c,   Z_ij = (x_ij − x̄_j)/s_j,
 *   w_j = v_j / s_j,  b = ȳ − x̄ᵀw.
 *
 * The objective is scikit-learn's Ridge (sum, not mean, of squared residuals); with
 * `standardize: false` it equals `Ridge(alpha)`, with standardisation
 * `make_pipeline(StandardScaler(), Ridge(alpha))`.
 *
 * Without a fixed `alpha`, α is chosen by K-fold cross-validation (mean squared error pooled
 * over held-out rows) on a log grid α = (tr(ZᵀZ)/p)·10^k, k = −6, −5.75, …, 3. Each fold's
 * training problem is "total − fold" cross products (scaling recomputed on the training rows) and
 * one eigen-decomposition ZᵀZ = VΛVᵀ gives every grid point: v(α) = V (Λ + αI)⁻¹ Vᵀ Zᵀy.
 * Reference: Hastie, Tibshirani & Friedman, The Elements of Statistical Learning, §3.4.1.
 *
 * Example: y = 2x on x = (−1, 0, 1) with α = 1 and no standardisation gives slope 4/3.
 */
export function fitRidge(
  X: Matrix,
  y: Float64Array,
  rng: Rng,
  options: PenalisedLinearOptions = {},
): LinearRegressor {
  assertTrainingData('ridge', X, y);
  const standardize = options.standardize ?? true;
  const p = X.cols;
  const { meanX, meanY } = dataMeans(X, y);
  const stats = penalisedCrossProducts(X, y, { meanX, meanY }, options, rng, 'ridge');
  const { total } = stats;
  let alpha: number;
  if (stats.foldStats === null) alpha = stats.alpha;
  else {
    const { foldStats } = stats;
    const grid =
      options.alphaGrid ?? defaultRidgeGrid(standardizedProblem(total, standardize).gram, p);
    alpha = grid[argminCrossValidationError(foldStats, total, grid, standardize)];
  }
  const model = ridgeFromCrossProducts(total, alpha, standardize);
  return createLinearRegressor(
    'ridge',
    unshiftIntercept(model.intercept, model.coefficients, meanX, meanY),
    model.coefficients,
    alpha,
  );
}

/**
 * Ridge regression as a learner. Over cross-fitting splits, a fixed `alpha` solves from per-split
 * cross products (linearSplitFitter.ts); with cross-validated α each split is a separate fit.
 */
export function createRidge(options: PenalisedLinearOptions = {}): SplitLearner {
  const learner: SplitLearner = {
    name: 'ridge',
    fit: (X, y, rng) => fitRidge(X, y, rng, options),
    prepareSplits(X, splits) {
      const { alpha } = options;
      if (alpha === undefined) return separateSplitFitter(learner, X, splits);
      assertPenalty('ridge', alpha);
      const standardize = options.standardize ?? true;
      return createLinearSplitFitter('ridge', X, splits, (stats) =>
        ridgeFromCrossProducts(stats, alpha, standardize),
      );
    },
  };
  return learner;
}

/** Ridge at a fixed α for the rows summarised by `stats`, in their shifted coordinates. */
export function ridgeFromCrossProducts(
  stats: CrossProducts,
  alpha: number,
  standardize: boolean,
): ShiftedLinearModel {
  const p = stats.features;
  const problem = standardizedProblem(stats, standardize);
  const system = new Float64Array(problem.gram);
  for (let j = 0; j < p; j++) system[j * p + j] += alpha;
  const { solution } = solveSymmetricPositiveDefinite(system, p, problem.cross);
  return unstandardize(problem, solution);
}

/** Log grid (tr(G)/p)·10^k, k from −6 to 3 in quarter decades (37 values). */
export function defaultRidgeGrid(gram: Float64Array, p: number): number[] {
  let trace = 0;
  for (let j = 0; j < p; j++) trace += gram[j * p + j];
  const scale = trace > 0 ? trace / p : 1;
  return Array.from({ length: 37 }, (_, index) => scale * 10 ** (-6 + index / 4));
}

function argminCrossValidationError(
  foldStats: ReturnType<typeof emptyCrossProducts>[],
  total: ReturnType<typeof emptyCrossProducts>,
  grid: readonly number[],
  standardize: boolean,
): number {
  const p = total.features;
  const errors = new Float64Array(grid.length);
  const rotated = new Float64Array(p);
  const standardized = new Float64Array(p);
  for (const held of foldStats) {
    const training = standardizedProblem(subtractCrossProducts(total, held), standardize);
    const { values, vectors } = symmetricEigen(training.gram, p);
    for (let k = 0; k < p; k++) {
      let value = 0;
      for (let j = 0; j < p; j++) value += vectors[j * p + k] * training.cross[j];
      rotated[k] = value;
    }
    for (let index = 0; index < grid.length; index++) {
      for (let j = 0; j < p; j++) {
        let value = 0;
        for (let k = 0; k < p; k++) {
          const denominator = Math.max(values[k], 0) + grid[index];
          if (denominator > 0) value += (vectors[j * p + k] * rotated[k]) / denominator;
        }
        standardized[j] = value;
      }
      const { intercept, coefficients } = unstandardize(training, standardized);
      errors[index] += residualSumOfSquares(held, intercept, coefficients);
    }
  }
  let best = 0;
  for (let index = 1; index < grid.length; index++) if (errors[index] < errors[best]) best = index;
  return best;
}
