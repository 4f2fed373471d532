import type { Matrix } from './types';

/**
 * Input checks shared by every learner: shapes agree and every value is finite.
 * Errors name the learner, the argument and the first offending row/column so a CLI can show
 * them as they are.
 */
export function assertTrainingData(learner: string, X: Matrix, y: Float64Array): void {
  assertMatrix(learner, X);
  if (X.rows < 1) throw new Error(`${learner}: training data has no rows`);
  if (X.cols < 1) throw new Error(`${learner}: training matrix X has no columns`);
  if (y.length !== X.rows) {
    throw new Error(`${learner}: y has ${y.length} values but X has ${X.rows} rows`);
  }
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i]))
      throw new Error(`${learner}: y[${i}] is ${y[i]}; values must be finite`);
  }
}

/** Checks a matrix to predict on: right number of columns, all finite. */
export function assertPredictionMatrix(learner: string, X: Matrix, expectedColumns: number): void {
  if (X.cols !== expectedColumns) {
    throw new Error(
      `${learner}: model was fitted on ${expectedColumns} columns but X has ${X.cols}`,
    );
  }
  assertMatrix(learner, X);
}

/** Returns `out` when it has room for `length` values, else a fresh array. */
export function outputArray(out: Float64Array | undefined, length: number): Float64Array {
  if (out === undefined) return new Float64Array(length);
  if (out.length < length)
    throw new Error(`predict: out has length ${out.length}, needs ${length}`);
  return out;
}

function assertMatrix(learner: string, X: Matrix): void {
  assertMatrixShape(learner, X);
  assertFiniteMatrix(learner, X);
}

/** Checks that X's shape is valid and matches its data (integer rows × cols = data length). */
export function assertMatrixShape(learner: string, X: Matrix): void {
  if (!Number.isInteger(X.rows) || !Number.isInteger(X.cols) || X.rows < 0 || X.cols < 0) {
    throw new Error(`${learner}: X has invalid shape ${X.rows}×${X.cols}`);
  }
  if (X.data.length !== X.rows * X.cols) {
    throw new Error(
      `${learner}: X.data has length ${X.data.length}, expected rows×cols = ${X.rows * X.cols}`,
    );
  }
}

/** Throws naming the first non-finite entry of X by row and column (0-based). */
export function assertFiniteMatrix(learner: string, X: Matrix): void {
  const data = X.data;
  for (let index = 0; index < data.length; index++) {
    if (!Number.isFinite(data[index])) {
      const row = Math.floor(index / X.cols);
      throw new Error(
        `${learner}: X[${row}, ${index - row * X.cols}] is ${data[index]}; values must be finite`,
      );
    }
  }
}
