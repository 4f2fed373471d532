import type { SaturationKernel } from './kernels';

/**
 * Michaelis–Menten saturation:  h(x) = x / (K + x),   x ≥ 0,
 *
 * `halfSaturation` K > 0 (h(K) = ½). The maximum (1) is carried by the channel coefficient.
 *   ∂h/∂x = K / (K + x)²,   ∂h/∂K = −x / (K + x)².
 * NaN propagates.
 * Reference: PyMC-Marketing `michaelis_menten` (with the coefficient as the plateau).
 *
 * Example: K = 0.25: h(0.25) = 0.5, h(0.75) = 0.75.
 */
export function michaelisMentenSaturation(
  input: Float64Array,
  length: number,
  halfSaturation: number,
  value: Float64Array,
  derivativeInput: Float64Array,
  derivativeParameters: Float64Array,
): void {
  for (let i = 0; i < length; i++) {
    const x = input[i];
    const denominator = halfSaturation + x;
    const inverseSquare = 1 / (denominator * denominator);
    value[i] = x / denominator;
    derivativeInput[i] = halfSaturation * inverseSquare;
    derivativeParameters[i] = -x * inverseSquare;
  }
}

export const michaelisMentenSaturationKernel: SaturationKernel = {
  kind: 'michaelisMenten',
  parameterNames: ['halfSaturation'],
  apply(input, length, parameters, value, derivativeInput, derivativeParameters) {
    michaelisMentenSaturation(
      input,
      length,
      parameters[0],
      value,
      derivativeInput,
      derivativeParameters,
    );
  },
};
