import { solveSymmetricPositiveDefinite } from '../linalg/cholesky';
import {
  accumulateCrossProducts,
  centreCrossProducts,
  dataMeans,
  emptyCrossProducts,
} from './crossProducts';
import { createLinearRegressor, unshiftIntercept, type LinearRegressor } from './linearRegressor';
import { assertTrainingData } from './validateInput';
import type { Learner, Matrix } from './types';

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
  const p = X.cols;
  const { meanX, meanY } = dataMeans(X, y);
  const stats = emptyCrossProducts(p);
  accumulateCrossProducts(X, y, meanX, meanY, [stats]);
  const centred = centreCrossProducts(stats);
  const { solution } = solveSymmetricPositiveDefinite(centred.centredGram, p, centred.centredCross);
  let shiftedIntercept = centred.meanY;
  for (let j = 0; j < p; j++) shiftedIntercept -= centred.meanX[j] * solution[j];
  return createLinearRegressor(
    'ols',
    unshiftIntercept(shiftedIntercept, solution, meanX, meanY),
    solution,
    0,
  );
}

export function createOrdinaryLeastSquares(): Learner {
  return { name: 'ols', fit: (X, y) => fitOrdinaryLeastSquares(X, y) };
}
