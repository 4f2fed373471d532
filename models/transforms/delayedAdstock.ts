import type { AdstockKernel } from './kernels';
import { normaliseLogWeights } from './normaliseWeights';

/**
 * Delayed (peaked) adstock of Jin et al. (2017):
 *
 *   wₗ ∝ α^((l − θ)²),   l = 0 … L−1,   normalised to Σ wₗ = 1,
 *
 * `decay` α ∈ (0, 1) (how fast the effect fades around the peak), `peak` θ ∈ [0, L−1] (the lag,
 * in weeks, of the largest effect). log weights ℓₗ = (l−θ)² log α, so
 * ∂ℓₗ/∂α = (l−θ)²/α and ∂ℓₗ/∂θ = −2 (l−θ) log α; normalisation as in `normaliseLogWeights`.
 * α → 0 concentrates all weight on the lag nearest θ; α = 1 gives equal weights.
 * Reference: Jin, Wang, Sun, Chan, Koehler (2017), eq. (1).
 *
 * Example: α = 0.5, θ = 1, L = 3 → w ∝ [0.5, 1, 0.5] = [0.25, 0.5, 0.25].
 */
export function delayedAdstockWeights(
  decay: number,
  peak: number,
  maxLag: number,
  weights: Float64Array,
  derivatives: Float64Array,
  scratch: Float64Array = new Float64Array(3 * maxLag),
): void {
  const alpha = Math.max(decay, Number.MIN_VALUE);
  const logAlpha = Math.log(alpha);
  const logDerivatives = scratch.subarray(maxLag, 3 * maxLag);
  for (let l = 0; l < maxLag; l++) {
    const distance = l - peak;
    scratch[l] = distance * distance * logAlpha;
    logDerivatives[l] = (distance * distance) / alpha;
    logDerivatives[maxLag + l] = -2 * distance * logAlpha;
  }
  normaliseLogWeights(scratch, logDerivatives, 2, maxLag, weights, derivatives);
}

export function createDelayedAdstock(maxLag: number): AdstockKernel {
  const scratch = new Float64Array(3 * maxLag);
  return {
    kind: 'delayed',
    parameterNames: ['decay', 'peak'],
    weights(parameters, lags, weights, derivatives) {
      delayedAdstockWeights(
        parameters[0],
        parameters[1],
        lags,
        weights,
        derivatives,
        lags === maxLag ? scratch : undefined,
      );
    },
  };
}
