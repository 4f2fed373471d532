/**
 * A vector of G values summing to zero, from G − 1 free coordinates, by an orthonormal (Helmert)
 * basis of the sum-zero subspace:
 *
 *   x = Σₖ zₖ vₖ,   vₖ[g] = cₖ for g ≤ k,  vₖ[k+1] = −(k+1) cₖ,  0 after;   cₖ = 1/√((k+1)(k+2))
 *
 * (k = 0 … G−2, g = 0 … G−1). The vₖ are orthonormal and orthogonal to 1, so z ~ Normal(0, I) gives
 * exactly the law of y − ȳ for y ~ Normal(0, I_G), and the map has a constant Jacobian. Used where
 * the likelihood cannot see a common shift of the G values (geo deviations whose mean the national
 * ROI or the shared seasonal curve absorbs), which would otherwise leave a direction informed only
 * by the prior alongside directions the data pin down. Stan's `sum_to_zero_vector` uses the same
 * isometric map. O(G) both ways, by suffix and prefix sums.
 *
 * Example: G = 2, z = [√2] → x = [1, −1].
 */

/** x (length G) from z (length G − 1), read from `z[offset …]`. */
export function sumToZeroValues(
  z: ArrayLike<number>,
  offset: number,
  out: Float64Array,
  outOffset: number,
  size: number,
): void {
  let suffix = 0;
  for (let g = size - 1; g >= 0; g--) {
    if (g <= size - 2) suffix += z[offset + g] / Math.sqrt((g + 1) * (g + 2));
    const own = g >= 1 ? (g * z[offset + g - 1]) / Math.sqrt(g * (g + 1)) : 0;
    out[outOffset + g] = suffix - own;
  }
}

/** Adds ∂f/∂z = Vᵀ ∂f/∂x into `gradient[offset …]` (G − 1 entries) from ∂f/∂x (length G). */
export function addSumToZeroGradient(
  xGradient: ArrayLike<number>,
  xOffset: number,
  gradient: Float64Array,
  offset: number,
  size: number,
): void {
  let prefix = 0;
  for (let k = 0; k <= size - 2; k++) {
    prefix += xGradient[xOffset + k];
    gradient[offset + k] +=
      (prefix - (k + 1) * xGradient[xOffset + k + 1]) / Math.sqrt((k + 1) * (k + 2));
  }
}

/** The z (length G − 1) of a sum-zero x (its projection when x does not sum to zero). */
export function sumToZeroCoordinates(x: ArrayLike<number>, size: number): Float64Array {
  const z = new Float64Array(size - 1);
  addSumToZeroGradient(x, 0, z, 0, size);
  return z;
}
