import type { SaturationKernel } from './kernels';

/**
 * Hill saturation:  h(x) = xˢ / (xˢ + Kˢ),   x ≥ 0,
 *
 * `halfSaturation` K > 0 (h(K) = ½; in units of x — with max-scaled spend, a fraction of the
 * largest weekly spend), `shape` S > 0 (S > 1 gives an S-curve, S ≤ 1 a concave curve).
 * Computed as the logistic of z = S·(log x − log K), stable for any x, K, S:
 *   h = 1/(1 + e⁻ᶻ),  q = h(1 − h),
 *   ∂h/∂x = S q / x,   ∂h/∂K = −S q / K,   ∂h/∂S = q (log x − log K).
 * x = 0 (or below) gives h = 0 with zero derivatives; NaN propagates.
 * Reference: Jin et al. (2017), eq. (3). (Not PyMC-Marketing's `hill_function`, which is logistic-like.)
 *
 * Example: K = 0.5, S = 2: h(0.5) = 0.5, h(1) = 0.8.
 */
export function hillSaturation(
  input: Float64Array,
  length: number,
  halfSaturation: number,
  shape: number,
  value: Float64Array,
  derivativeInput: Float64Array,
  derivativeParameters: Float64Array,
  stride: number,
): void {
  const logK = Math.log(halfSaturation);
  for (let i = 0; i < length; i++) {
    const x = input[i];
    if (x <= 0) {
      value[i] = 0;
      derivativeInput[i] = 0;
      derivativeParameters[i] = 0;
      derivativeParameters[stride + i] = 0;
      continue;
    }
    const logRatio = Math.log(x) - logK;
    const h = 1 / (1 + Math.exp(-shape * logRatio));
    const q = h * (1 - h);
    value[i] = h;
    derivativeInput[i] = (shape * q) / x;
    derivativeParameters[i] = (-shape * q) / halfSaturation;
    derivativeParameters[stride + i] = q * logRatio;
  }
}

export const hillSaturationKernel: SaturationKernel = {
  kind: 'hill',
  parameterNames: ['halfSaturation', 'shape'],
  apply(input, length, parameters, value, derivativeInput, derivativeParameters, stride) {
    hillSaturation(
      input,
      length,
      parameters[0],
      parameters[1],
      value,
      derivativeInput,
      derivativeParameters,
      stride,
    );
  },
};
