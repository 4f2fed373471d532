/**
 * Causal finite convolution: out[t] = Σ_{l=0}^{min(L−1, t)} w[l] · x[t−l], for t < length.
 *
 * Weeks before the first one count as zero spend (no carry-over from before the data). Used for
 * the adstocked series (w = lag weights) and its parameter derivatives (w = ∂w/∂p), so both come
 * from the same loop. `weightOffset` / `outOffset` select a row of a packed derivative array.
 *
 * Example: x = [1, 0, 0], w = [0.5, 0.3, 0.2] → [0.5, 0.3, 0.2].
 */
export function convolveLags(
  input: Float64Array,
  length: number,
  weights: Float64Array,
  weightOffset: number,
  maxLag: number,
  out: Float64Array,
  outOffset: number,
): void {
  for (let t = 0; t < length; t++) {
    const lags = t + 1 < maxLag ? t + 1 : maxLag;
    let sum = 0;
    for (let l = 0; l < lags; l++) sum += weights[weightOffset + l] * input[t - l];
    out[outOffset + t] = sum;
  }
}
