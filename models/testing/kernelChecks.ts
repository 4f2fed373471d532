/**
 * Derivative checks of transform kernels through `gradientCheck`: a vector-valued map is checked
 * by projecting it on seeded random directions c, f(p) = Σᵢ cᵢ yᵢ(p), whose gradient is cᵀJ —
 * any wrong Jacobian entry shows up for almost every c.
 */
import type { AdstockKernel, SaturationKernel } from '../transforms/kernels';
import type { Rng } from '../random/rng';
import { gradientCheck } from './gradientCheck';

/** Max relative error of ∂w/∂p of an adstock kernel at `parameters`. */
export function adstockDerivativeError(
  kernel: AdstockKernel,
  parameters: readonly number[],
  maxLag: number,
  rng: Rng,
): number {
  const count = kernel.parameterNames.length;
  const weights = new Float64Array(maxLag);
  const derivatives = new Float64Array(count * maxLag);
  let worst = 0;
  for (let repeat = 0; repeat < 3; repeat++) {
    const direction = Float64Array.from({ length: maxLag }, () => rng.normal());
    const f = (p: Float64Array, g: Float64Array) => {
      kernel.weights(p, maxLag, weights, derivatives);
      let value = 0;
      for (let l = 0; l < maxLag; l++) value += direction[l] * weights[l];
      for (let j = 0; j < count; j++) {
        let sum = 0;
        for (let l = 0; l < maxLag; l++) sum += direction[l] * derivatives[j * maxLag + l];
        g[j] = sum;
      }
      return value;
    };
    worst = Math.max(worst, gradientCheck(f, [Float64Array.from(parameters)]).maxRelativeError);
  }
  return worst;
}

/** Max relative error of ∂h/∂x and ∂h/∂p of a saturation kernel at inputs `x` and `parameters`. */
export function saturationDerivativeError(
  kernel: SaturationKernel,
  parameters: readonly number[],
  x: Float64Array,
): number {
  const count = kernel.parameterNames.length;
  const n = x.length;
  const value = new Float64Array(n);
  const derivativeInput = new Float64Array(n);
  const derivativeParameters = new Float64Array(count * n);
  let worst = 0;
  for (let i = 0; i < n; i++) {
    // Coordinates: [x, p₀, p₁, …] for element i.
    const f = (point: Float64Array, g: Float64Array) => {
      const input = Float64Array.from(x);
      input[i] = point[0];
      kernel.apply(input, n, point.subarray(1), value, derivativeInput, derivativeParameters, n);
      g[0] = derivativeInput[i];
      for (let j = 0; j < count; j++) g[1 + j] = derivativeParameters[j * n + i];
      return value[i];
    };
    worst = Math.max(
      worst,
      gradientCheck(f, [Float64Array.from([x[i], ...parameters])]).maxRelativeError,
    );
  }
  return worst;
}
