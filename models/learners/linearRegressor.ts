import { assertPredictionMatrix, outputArray } from './validateInput';
import type { Matrix, Regressor } from './types';

/** A fitted linear model ŷ = intercept + xᵀ coefficients, on the original feature scale. */
export interface LinearRegressor extends Regressor {
  readonly intercept: number;
  readonly coefficients: Float64Array;
  /** Penalty used (ridge/lasso; 0 for OLS), after cross-validation when it chose it. */
  readonly alpha: number;
}

export function createLinearRegressor(
  learner: string,
  intercept: number,
  coefficients: Float64Array,
  alpha: number,
): LinearRegressor {
  const p = coefficients.length;
  return {
    intercept,
    coefficients,
    alpha,
    predict(X: Matrix, out?: Float64Array): Float64Array {
      assertPredictionMatrix(learner, X, p);
      const result = outputArray(out, X.rows);
      const data = X.data;
      for (let i = 0; i < X.rows; i++) {
        let value = intercept;
        const offset = i * p;
        for (let j = 0; j < p; j++) value += data[offset + j] * coefficients[j];
        result[i] = value;
      }
      return result;
    },
  };
}

/**
 * Converts a model fitted in shifted coordinates (ỹ = b̃ + x̃ᵀw with x̃ = x − x₀, ỹ = y − y₀) to the
 * original scale: intercept = y₀ + b̃ − x₀ᵀw.
 */
export function unshiftIntercept(
  shiftedIntercept: number,
  coefficients: Float64Array,
  shiftX: Float64Array,
  shiftY: number,
): number {
  let value = shiftY + shiftedIntercept;
  for (let j = 0; j < coefficients.length; j++) value -= shiftX[j] * coefficients[j];
  return value;
}
