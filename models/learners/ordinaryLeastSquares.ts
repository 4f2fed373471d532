import { solveSymmetricPositiveDefinite } from '../linalg/cholesky';
import {
  accumulateCrossProducts,
  centreCrossProducts,
  dataMeans,
  emptyCrossProducts,
  type CrossProducts,
} from './crossProducts';
import { createLinearRegressor, unshiftIntercept, type LinearRegressor } from './linearRegressor';
import { createLinearSplitFitter, type ShiftedLinearModel } from './linearSplitFitter';
import type { SplitLearner } from './splitFitting';
import { assertTrainingData } from './validateInput';
import type { Matrix } from './types';

/**
 * Ordinary least squares with an unpenalised intercept.
 *
 *   (b, w) = argmin Σᵢ (yᵢ − b − xᵢᵀw)²  ⇒  (X_cᵀ X_c) w = X_cᵀ y_c,  b = ȳ − x̄ᵀw,
 *
 * where X_c, y_c are centred. The normal equations are solved by Cholesky; when X_cᵀX_c is singular
 * (constant or collinear columns) a tiny relative ridge (≥ 1e-12·mean diagonal) is added, which
 * gives the near-minimum-norm solution. Matches scikit-learn's LinearRegression on full-rank data.
 *
 * Example: points (0, 1), (1, 3), (2, 5) give intercept 1, slope 2.
 */
export function fitOrdinaryLeastSquares(X: Matrix, y: Float64Array): LinearRegressor {
  assertTrainingData('ols', X, y);
  const { meanX, meanY } = dataMeans(X, y);
  const stats = emptyCrossProducts(X.cols);
  accumulateCrossProducts(X, y, meanX, meanY, [stats]);
  const model = leastSquaresFromCrossProducts(stats);
  return createLinearRegressor(
    'ols',
    unshiftIntercept(model.intercept, model.coefficients, meanX, meanY),
    model.coefficients,
    0,
  );
}

/** The least-squares fit of the rows summarised by `stats`, in their shifted coordinates. */
export function leastSquaresFromCrossProducts(stats: CrossProducts): ShiftedLinearModel {
  const p = stats.features;
  const centred = centreCrossProducts(stats);
  const { solution } = solveSymmetricPositiveDefinite(centred.centredGram, p, centred.centredCross);
  let intercept = centred.meanY;
  for (let j = 0; j < p; j++) intercept -= centred.meanX[j] * solution[j];
  return { intercept, coefficients: solution };
}

/** OLS as a learner; over cross-fitting splits it solves from per-split cross products. */
export function createOrdinaryLeastSquares(): SplitLearner {
  return {
    name: 'ols',
    fit: (X, y) => fitOrdinaryLeastSquares(X, y),
    prepareSplits: (X, splits) =>
      createLinearSplitFitter('ols', X, splits, leastSquaresFromCrossProducts),
  };
}
