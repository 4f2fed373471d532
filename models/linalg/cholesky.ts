/**
 * Cholesky factorisation of a symmetric positive-definite matrix and the solves built on it.
 *
 *   A = L Lᵀ,  L lower triangular with positive diagonal,
 *   L_jj = √(A_jj − Σ_{k<j} L_jk²),   L_ij = (A_ij − Σ_{k<j} L_ik L_jk) / L_jj  (i > j).
 *
 * Matrices are dense, row-major n×n Float64Arrays; only the lower triangle of A is read.
 * Reference: Golub & Van Loan, Matrix Computations (4th ed.), Algorithm 4.2.1.
 *
 * Example: A = [[4, 2], [2, 3]] gives L = [[2, 0], [1, √2]].
 */

/** Returns L (row-major, upper triangle zero), or null when A is not numerically positive definite. */
export function choleskyFactor(matrix: Float64Array, size: number): Float64Array | null {
  const lower = new Float64Array(size * size);
  for (let j = 0; j < size; j++) {
    let diagonal = matrix[j * size + j];
    for (let k = 0; k < j; k++) diagonal -= lower[j * size + k] * lower[j * size + k];
    // Relative threshold: a pivot lost to rounding means the matrix is singular for our purposes.
    if (!(diagonal > 1e-14 * Math.abs(matrix[j * size + j])) || !(diagonal > 0)) return null;
    const pivot = Math.sqrt(diagonal);
    lower[j * size + j] = pivot;
    for (let i = j + 1; i < size; i++) {
      let value = matrix[i * size + j];
      for (let k = 0; k < j; k++) value -= lower[i * size + k] * lower[j * size + k];
      lower[i * size + j] = value / pivot;
    }
  }
  return lower;
}

/** Solves L Lᵀ x = b given the factor L from `choleskyFactor`. */
export function choleskySolve(
  lower: Float64Array,
  size: number,
  rightHandSide: Float64Array,
  out: Float64Array = new Float64Array(size),
): Float64Array {
  // Forward substitution L z = b, then back substitution Lᵀ x = z, in place in `out`.
  for (let i = 0; i < size; i++) {
    let value = rightHandSide[i];
    for (let k = 0; k < i; k++) value -= lower[i * size + k] * out[k];
    out[i] = value / lower[i * size + i];
  }
  for (let i = size - 1; i >= 0; i--) {
    let value = out[i];
    for (let k = i + 1; k < size; k++) value -= lower[k * size + i] * out[k];
    out[i] = value / lower[i * size + i];
  }
  return out;
}

/**
 * Solves A x = b for symmetric positive semi-definite A. When A is singular (collinear or constant
 * features) a ridge of jitter·mean(diag A) is added, growing ×10 from 1e-12 until the factorisation
 * succeeds; `jitter` reports the relative amount used (0 when none was needed).
 */
export function solveSymmetricPositiveDefinite(
  matrix: Float64Array,
  size: number,
  rightHandSide: Float64Array,
): { solution: Float64Array; jitter: number } {
  let lower = choleskyFactor(matrix, size);
  if (lower) return { solution: choleskySolve(lower, size, rightHandSide), jitter: 0 };
  let trace = 0;
  for (let j = 0; j < size; j++) trace += Math.abs(matrix[j * size + j]);
  const scale = trace > 0 ? trace / size : 1;
  const shifted = new Float64Array(matrix);
  for (let jitter = 1e-12; jitter <= 1; jitter *= 10) {
    for (let j = 0; j < size; j++) shifted[j * size + j] = matrix[j * size + j] + jitter * scale;
    lower = choleskyFactor(shifted, size);
    if (lower) return { solution: choleskySolve(lower, size, rightHandSide), jitter };
  }
  throw new Error(
    `solveSymmetricPositiveDefinite: matrix of size ${size} is not positive semi-definite`,
  );
}
