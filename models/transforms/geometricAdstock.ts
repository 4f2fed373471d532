import type { AdstockKernel } from './kernels';

/**
 * Normalised geometric adstock (carry-over): lag weights
 *
 *   wₗ = αˡ / Σ_{j=0}^{L−1} αʲ,   l = 0 … L−1,
 *
 * so aₜ = Σₗ wₗ xₜ₋ₗ keeps total spend (Σₜ aₜ = Σₜ xₜ away from the ends).
 * Parameter `decay` α ∈ [0, 1]: α = 0 is no carry-over (w = [1, 0, …]); α = 1 spreads spend evenly.
 * Derivative: with uₗ = αˡ, S = Σuₗ: ∂wₗ/∂α = (l αˡ⁻¹ − wₗ Σⱼ j αʲ⁻¹) / S (exact at α = 0).
 * Reference: Jin, Wang, Sun, Chan, Koehler (2017), "Bayesian methods for media mix modeling with
 * carryover and shape effects", Google; PyMC-Marketing `geometric_adstock(normalize=True)`.
 *
 * Example: α = 0.5, L = 3 → w = [4/7, 2/7, 1/7].
 */
export function geometricAdstockWeights(
  decay: number,
  maxLag: number,
  weights: Float64Array,
  derivatives: Float64Array,
): void {
  let power = 1; // αˡ
  let previous = 0; // αˡ⁻¹ (0 for l = 0)
  let sum = 0;
  let sumDerivative = 0;
  for (let l = 0; l < maxLag; l++) {
    const derivative = l === 0 ? 0 : l * previous;
    weights[l] = power;
    derivatives[l] = derivative;
    sum += power;
    sumDerivative += derivative;
    previous = power;
    power *= decay;
  }
  for (let l = 0; l < maxLag; l++) {
    const w = weights[l] / sum;
    weights[l] = w;
    derivatives[l] = (derivatives[l] - w * sumDerivative) / sum;
  }
}

/**
 * The adstocked series by recursion, O(T) instead of O(T·L): with the unnormalised window sum
 *
 *   uₜ = Σ_{l=0}^{min(L−1, t)} αˡ xₜ₋ₗ = xₜ + α uₜ₋₁ − [t ≥ L] αᴸ xₜ₋ᴸ,
 *   u′ₜ = ∂uₜ/∂α = uₜ₋₁ + α u′ₜ₋₁ − [t ≥ L] L αᴸ⁻¹ xₜ₋ᴸ,
 *
 * and S = Σ_{l<L} αˡ, S′ = Σ_{l<L} l αˡ⁻¹:  aₜ = uₜ / S,  ∂aₜ/∂α = u′ₜ / S − uₜ S′ / S².
 * The subtraction of the term leaving the window loses at most a few ulps of uₜ (α ≤ 1, x ≥ 0).
 *
 * Example: x = [1, 0, 0, 0], α = 0.5, L = 2 → a = [2/3, 1/3, 0, 0].
 */
export function geometricAdstockSeries(
  decay: number,
  maxLag: number,
  input: Float64Array,
  length: number,
  out: Float64Array,
  outDerivative: Float64Array,
): void {
  let windowSum = 0;
  let windowSumDerivative = 0;
  let power = 1;
  for (let l = 0; l < maxLag; l++) {
    windowSum += power;
    if (l > 0) windowSumDerivative += l * Math.pow(decay, l - 1);
    power *= decay;
  }
  const leaving = power; // αᴸ
  const leavingDerivative = maxLag * (maxLag > 0 ? Math.pow(decay, maxLag - 1) : 0);
  const inverse = 1 / windowSum;
  const derivativeScale = windowSumDerivative * inverse * inverse;
  let u = 0;
  let du = 0;
  for (let t = 0; t < length; t++) {
    const x = input[t];
    if (t >= maxLag) {
      const old = input[t - maxLag];
      du = u + decay * du - leavingDerivative * old;
      u = x + decay * u - leaving * old;
    } else {
      du = u + decay * du;
      u = x + decay * u;
    }
    out[t] = u * inverse;
    outDerivative[t] = du * inverse - u * derivativeScale;
  }
}

export const geometricAdstock: AdstockKernel = {
  kind: 'geometric',
  parameterNames: ['decay'],
  weights(parameters, maxLag, weights, derivatives) {
    geometricAdstockWeights(parameters[0], maxLag, weights, derivatives);
  },
  convolve(parameters, maxLag, input, length, out, outDerivatives) {
    geometricAdstockSeries(parameters[0], maxLag, input, length, out, outDerivatives);
  },
};
