/**
 * Normalises unnormalised log weights into weights summing to one, with derivatives.
 *
 * wₗ = exp(ℓₗ − m) / Σⱼ exp(ℓⱼ − m), m = maxⱼ ℓⱼ (the shift avoids underflow), and
 * ∂wₗ/∂p = wₗ · (∂ℓₗ/∂p − Σⱼ wⱼ ∂ℓⱼ/∂p)   (softmax derivative).
 *
 * `logDerivatives[j·L + l]` holds ∂ℓₗ/∂pⱼ; results go to `weights` and `derivatives` (same layout).
 * Example: ℓ = [0, 0] → w = [0.5, 0.5].
 */
export function normaliseLogWeights(
  logWeights: Float64Array,
  logDerivatives: Float64Array,
  parameterCount: number,
  maxLag: number,
  weights: Float64Array,
  derivatives: Float64Array,
): void {
  let max = -Infinity;
  for (let l = 0; l < maxLag; l++) if (logWeights[l] > max) max = logWeights[l];
  let sum = 0;
  for (let l = 0; l < maxLag; l++) {
    const u = Math.exp(logWeights[l] - max);
    weights[l] = u;
    sum += u;
  }
  for (let l = 0; l < maxLag; l++) weights[l] /= sum;
  for (let j = 0; j < parameterCount; j++) {
    const row = j * maxLag;
    let mean = 0;
    for (let l = 0; l < maxLag; l++)
      if (weights[l] > 0) mean += weights[l] * logDerivatives[row + l];
    for (let l = 0; l < maxLag; l++) {
      derivatives[row + l] = weights[l] > 0 ? weights[l] * (logDerivatives[row + l] - mean) : 0;
    }
  }
}
