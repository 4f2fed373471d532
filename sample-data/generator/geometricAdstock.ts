/**
 * Normalised geometric adstock, the carry-over used to make the ground truth.
 *
 *   aₜ = Σₗ₌₀^{L−1} αˡ xₜ₋ₗ / Σₗ₌₀^{L−1} αˡ,   with xₜ₋ₗ = 0 before the first week.
 *
 * α ∈ [0, 1) is the weekly decay, L ≥ 1 the number of lags (8 in the sample data). The weights
 * sum to 1, so a constant input is returned unchanged once L weeks have passed (Jin et al. 2017,
 * "Bayesian Methods for Media Mix Modeling with Carryover and Shape Effects", eq. 1 with θ = 0).
 * Written here, apart from `models/transforms/`, so the engine can be checked against it.
 *
 * Example: α = 0.5, L = 3, x = [1, 0, 0, 0] gives a = [4/7, 2/7, 1/7, 0].
 */
export function geometricAdstock(input: Float64Array, decay: number, maxLag: number): Float64Array {
  if (!(decay >= 0 && decay < 1)) throw new Error(`adstock decay ${decay} is outside [0, 1)`);
  if (!Number.isInteger(maxLag) || maxLag < 1)
    throw new Error(`adstock max lag ${maxLag} is not a positive integer`);
  const weights = adstockWeights(decay, maxLag);
  const output = new Float64Array(input.length);
  for (let week = 0; week < input.length; week++) {
    let total = 0;
    for (let lag = 0; lag < maxLag && lag <= week; lag++) total += weights[lag] * input[week - lag];
    output[week] = total;
  }
  return output;
}

/** The normalised weights αˡ / Σₖ αᵏ, l = 0 … L−1. */
export function adstockWeights(decay: number, maxLag: number): Float64Array {
  const weights = new Float64Array(maxLag);
  let sum = 0;
  for (let lag = 0; lag < maxLag; lag++) {
    weights[lag] = decay ** lag;
    sum += weights[lag];
  }
  for (let lag = 0; lag < maxLag; lag++) weights[lag] /= sum;
  return weights;
}
