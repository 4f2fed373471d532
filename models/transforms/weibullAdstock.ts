import type { AdstockKernel } from './kernels';
import { normaliseLogWeights } from './normaliseWeights';

/**
 * Weibull adstocks (Robyn's `weibull_cdf` / `weibull_pdf`, PyMC-Marketing `weibull_adstock`):
 * lag l = 0 … L−1 is evaluated at t = l + 1 (as both libraries do), with z = (t/λ)ᵏ,
 *
 *   CDF form (survival):  wₗ ∝ S(t) = exp(−z)                      — monotone decay, flexible shape
 *   PDF form (density):   wₗ ∝ f(t) = (k/λ)(t/λ)ᵏ⁻¹ exp(−z)          — can peak after lag 0
 *
 * normalised to Σ wₗ = 1. `shape` k > 0, `scale` λ > 0 (in weeks). Log weights and derivatives:
 *   CDF: ℓ = −z,                          ∂ℓ/∂k = −z log(t/λ),      ∂ℓ/∂λ = k z / λ
 *   PDF: ℓ = log k − log λ + (k−1) log(t/λ) − z,
 *        ∂ℓ/∂k = 1/k + (1 − z) log(t/λ),   ∂ℓ/∂λ = −(k/λ)(1 − z)
 * Reference: Robyn `adstock_weibull`; PyMC-Marketing `weibull_adstock` (Hoffman & al.).
 *
 * Example: CDF with k = 1, λ = 1, L = 2 → w ∝ [e⁻¹, e⁻²] = [0.731, 0.269].
 */
export function weibullAdstockWeights(
  form: 'cdf' | 'pdf',
  shape: number,
  scale: number,
  maxLag: number,
  weights: Float64Array,
  derivatives: Float64Array,
  scratch: Float64Array = new Float64Array(3 * maxLag),
): void {
  const logDerivatives = scratch.subarray(maxLag, 3 * maxLag);
  const logScale = Math.log(scale);
  for (let l = 0; l < maxLag; l++) {
    const logRatio = Math.log(l + 1) - logScale;
    const z = Math.exp(shape * logRatio);
    if (form === 'cdf') {
      scratch[l] = -z;
      logDerivatives[l] = -z * logRatio;
      logDerivatives[maxLag + l] = (shape * z) / scale;
    } else {
      scratch[l] = Math.log(shape) - logScale + (shape - 1) * logRatio - z;
      logDerivatives[l] = 1 / shape + (1 - z) * logRatio;
      logDerivatives[maxLag + l] = -(shape / scale) * (1 - z);
    }
  }
  normaliseLogWeights(scratch, logDerivatives, 2, maxLag, weights, derivatives);
}

function createWeibull(form: 'cdf' | 'pdf', maxLag: number): AdstockKernel {
  const scratch = new Float64Array(3 * maxLag);
  return {
    kind: form === 'cdf' ? 'weibullCdf' : 'weibullPdf',
    parameterNames: ['shape', 'scale'],
    weights(parameters, lags, weights, derivatives) {
      weibullAdstockWeights(
        form,
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

/** Weibull survival-function adstock (see `weibullAdstockWeights`). */
export const createWeibullCdfAdstock = (maxLag: number): AdstockKernel =>
  createWeibull('cdf', maxLag);
/** Weibull density adstock (see `weibullAdstockWeights`). */
export const createWeibullPdfAdstock = (maxLag: number): AdstockKernel =>
  createWeibull('pdf', maxLag);
