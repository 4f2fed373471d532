/**
 * Eigen-decomposition of a real symmetric matrix by the cyclic Jacobi method:
 *
 *   A = V Λ Vᵀ,  V orthogonal (columns are eigenvectors), Λ = diag(λ₁ … λₙ).
 *
 * Each rotation zeroes one off-diagonal element A_pq with angle θ, t = tan θ solving
 * t² + 2τt − 1 = 0, τ = (A_qq − A_pp) / (2A_pq) (the smaller root, for stability). Sweeps repeat
 * until the off-diagonal mass is below 1e-15 of the total (quadratic convergence, ~6–10 sweeps).
 * Suited to the small p×p Gram matrices of linear learners (p up to a few hundred).
 * Reference: Golub & Van Loan, Matrix Computations (4th ed.), §8.5.
 *
 * Example: [[2, 1], [1, 2]] has eigenvalues 1 and 3 with eigenvectors (1, −1)/√2 and (1, 1)/√2.
 */
export function symmetricEigen(
  matrix: Float64Array,
  size: number,
): { values: Float64Array; vectors: Float64Array } {
  const a = new Float64Array(matrix);
  const vectors = new Float64Array(size * size);
  for (let i = 0; i < size; i++) vectors[i * size + i] = 1;
  let total = 0;
  for (let index = 0; index < size * size; index++) total += a[index] * a[index];
  for (let sweep = 0; sweep < 100; sweep++) {
    let offDiagonal = 0;
    for (let p = 0; p < size; p++)
      for (let q = p + 1; q < size; q++) offDiagonal += a[p * size + q] ** 2;
    if (offDiagonal <= 1e-30 * total || offDiagonal === 0) break;
    for (let p = 0; p < size; p++) {
      for (let q = p + 1; q < size; q++) {
        const apq = a[p * size + q];
        if (apq === 0) continue;
        const tau = (a[q * size + q] - a[p * size + p]) / (2 * apq);
        const t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        // A ← Jᵀ A J applied to rows/columns p and q.
        for (let k = 0; k < size; k++) {
          const akp = a[k * size + p];
          const akq = a[k * size + q];
          a[k * size + p] = c * akp - s * akq;
          a[k * size + q] = s * akp + c * akq;
        }
        for (let k = 0; k < size; k++) {
          const apk = a[p * size + k];
          const aqk = a[q * size + k];
          a[p * size + k] = c * apk - s * aqk;
          a[q * size + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < size; k++) {
          const vkp = vectors[k * size + p];
          const vkq = vectors[k * size + q];
          vectors[k * size + p] = c * vkp - s * vkq;
          vectors[k * size + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(size);
  for (let i = 0; i < size; i++) values[i] = a[i * size + i];
  return { values, vectors };
}
