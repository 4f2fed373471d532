import type { SaturationKernel } from './kernels';

/**
 * Logistic saturation (PyMC-Marketing `logistic_saturation`):
 *
 *   h(x) = (1 − e^(−λx)) / (1 + e^(−λx)) = tanh(λx/2),
 *
 * `rate` λ > 0 (per unit of x). h(0) = 0, h → 1 as x → ∞, h(ln 3 / λ) = ½.
 *   ∂h/∂x = (λ/2)(1 − h²),   ∂h/∂λ = (x/2)(1 − h²).
 * NaN propagates.
 *
 * Example: λ = 1: h(ln 3) = 0.5.
 */
export function logisticSaturation(
  input: Float64Array,
  length: number,
  rate: number,
  value: Float64Array,
  derivativeInput: Float64Array,
  derivativeParameters: Float64Array,
): void {
  for (let i = 0; i < length; i++) {
    const x = input[i];
    const h = Math.tanh(0.5 * rate * x);
    const slope = 0.5 * (1 - h * h);
    value[i] = h;
    derivativeInput[i] = rate * slope;
    derivativeParameters[i] = x * slope;
  }
}

export const logisticSaturationKernel: SaturationKernel = {
  kind: 'logistic',
  parameterNames: ['rate'],
  apply(input, length, parameters, value, derivativeInput, derivativeParameters) {
    logisticSaturation(input, length, parameters[0], value, derivativeInput, derivativeParameters);
  },
};
