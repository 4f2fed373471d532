import type { Rng } from '../random/rng';

/** Dense row-major matrix: element (i, j) is data[i * cols + j]. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** A fitted regression model. */
export interface Regressor {
  /** Predictions for each row of X (writes into `out` when given). */
  predict(X: Matrix, out?: Float64Array): Float64Array;
}

/** A nuisance learner: fits a regressor on (X, y); all randomness comes from `rng`. */
export interface Learner {
  readonly name: string;
  fit(X: Matrix, y: Float64Array, rng: Rng): Regressor;
}
