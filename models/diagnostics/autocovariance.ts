/**
 * Biased sample autocovariance at one lag (Geyer 1992 recommends the biased form):
 *
 *   γ̂ₖ = (1/N) Σ_{t=1}^{N−k} (yₜ − ȳ)(yₜ₊ₖ − ȳ)
 *
 * computed directly (O(N) per lag) so ESS can stop at the lag where Geyer's sequence ends instead of
 * paying an FFT over every lag. Example: y = [1, −1, 1, −1] gives γ̂₀ = 1, γ̂₁ = −0.75.
 */
export function autocovarianceAtLag(centred: Float64Array, lag: number): number {
  const n = centred.length;
  let sum = 0;
  for (let t = 0; t + lag < n; t++) sum += centred[t] * centred[t + lag];
  return sum / n;
}

export function centre(values: Float64Array): Float64Array {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i];
  mean /= values.length;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] - mean;
  return out;
}
