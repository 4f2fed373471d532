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

/**
 * Σᵢ h(m · xᵢ) for each multiplier m: h(m x) = 1 / (1 + m⁻ˢ · (K/x)ˢ), so rᵢ = (K/xᵢ)ˢ is computed
 * once and each m costs a multiply, an add and a divide per element (x ≤ 0 or m = 0 give 0).
 * `ratios` (≥ length values) is overwritten.
 */
export function hillScaledSums(
  input: Float64Array,
  length: number,
  halfSaturation: number,
  shape: number,
  multipliers: Float64Array,
  out: Float64Array,
  ratios: Float64Array = new Float64Array(length),
): void {
  const logK = Math.log(halfSaturation);
  for (let i = 0; i < length; i++) {
    const x = input[i];
    // x ≤ 0 contributes 0: an infinite ratio gives 1 / (1 + ∞) = 0.
    ratios[i] = x <= 0 ? Number.POSITIVE_INFINITY : Math.exp(shape * (logK - Math.log(x)));
  }
  for (let k = 0; k < multipliers.length; k++) {
    const m = multipliers[k];
    if (m <= 0) {
      // h(0) = 0; NaN inputs still propagate.
      let nan = 0;
      for (let i = 0; i < length; i++) nan += input[i] * 0;
      out[k] = nan;
      continue;
    }
    const scale = Math.exp(-shape * Math.log(m));
    let sum = 0;
    for (let i = 0; i < length; i++) sum += 1 / (1 + scale * ratios[i]);
    out[k] = sum;
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
  scaledSums(input, length, parameters, multipliers, out) {
    hillScaledSums(input, length, parameters[0], parameters[1], multipliers, out);
  },
};
