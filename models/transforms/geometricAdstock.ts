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

export const geometricAdstock: AdstockKernel = {
  kind: 'geometric',
  parameterNames: ['decay'],
  weights(parameters, maxLag, weights, derivatives) {
    geometricAdstockWeights(parameters[0], maxLag, weights, derivatives);
  },
};
