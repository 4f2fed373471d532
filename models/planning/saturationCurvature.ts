/**
 * A saturation curve's value with its first and second derivative in the input, at one point —
 * what the optimiser's Newton steps need (the model's own kernels in ../transforms give value and
 * first derivatives for the sampler, not curvature). x is adstocked, max-scaled spend (x ≥ 0).
 *
 *   hill:             h = xˢ/(xˢ + Kˢ) = 1/(1 + r), r = (K/x)ˢ = e^{−S(ln x − ln K)}, q = h(1 − h)
 *                     h′ = S q / x,   h″ = S q (S(1 − 2h) − 1) / x²
 *   logistic:         h = tanh(λx/2),  h′ = (λ/2)(1 − h²),   h″ = −λ h h′
 *   michaelisMenten:  h = x/(K + x),   h′ = K/(K + x)²,      h″ = −2K/(K + x)³
 *
 * x ≤ 0 gives h = 0 and, for Hill, h′ = h″ = 0 (the curve starts flat when S > 1; for S ≤ 1 its
 * slope at 0 is unbounded, and 0 keeps the optimiser away from a point no budget sits at).
 * Parameters are the kernel's in its `parameterNames` order (hill: K, S; logistic: λ; MM: K),
 * except that Hill takes ln K (the evaluator's hot loop then spends one log and one exp a point).
 * Example: hill K = 0.5, S = 2 at x = 0.5: h = 0.5, h′ = 1, h″ = −2.
 */
import type { SaturationKind } from '../mmm/spec';

/** Numeric codes so the evaluator's hot loop switches on a small integer. */
export const SATURATION_CODE: Readonly<Record<SaturationKind, number>> = {
  hill: 0,
  logistic: 1,
  michaelisMenten: 2,
};

/** The first parameter as `saturationCurvature` takes it (ln K for Hill). */
export function curvatureParameter(code: number, first: number): number {
  return code === 0 ? Math.log(first) : first;
}

/** Writes h, h′, h″ at x into out[offset], out[offset + 1], out[offset + 2]. */
export function saturationCurvature(
  code: number,
  first: number,
  second: number,
  x: number,
  out: Float64Array,
  offset = 0,
): void {
  if (code === 0) hillCurvature(first, second, x, out, offset);
  else if (code === 1) {
    const h = Math.tanh(0.5 * first * x);
    const slope = 0.5 * first * (1 - h * h);
    out[offset] = h;
    out[offset + 1] = slope;
    out[offset + 2] = -first * h * slope;
  } else {
    const denominator = first + x;
    out[offset] = x / denominator;
    out[offset + 1] = first / (denominator * denominator);
    out[offset + 2] = (-2 * first) / (denominator * denominator * denominator);
  }
}

/** Hill's h, h′, h″ (ln K, S): the branch above on its own, small enough for the evaluator to inline. */
export function hillCurvature(
  logHalfSaturation: number,
  shape: number,
  x: number,
  out: Float64Array,
  offset = 0,
): void {
  if (!(x > 0)) {
    out[offset] = 0;
    out[offset + 1] = 0;
    out[offset + 2] = 0;
    return;
  }
  const h = 1 / (1 + Math.exp(-shape * (Math.log(x) - logHalfSaturation)));
  const inverse = 1 / x; // one division for h′ and h″
  const slope = shape * h * (1 - h) * inverse;
  out[offset] = h;
  out[offset + 1] = slope;
  out[offset + 2] = slope * (shape * (1 - 2 * h) - 1) * inverse;
}

/** h alone at x (the weeks past the horizon need no derivatives); same parameters as above. */
export function saturationValue(code: number, first: number, second: number, x: number): number {
  if (code === 0) return x > 0 ? 1 / (1 + Math.exp(-second * (Math.log(x) - first))) : 0;
  if (code === 1) return Math.tanh(0.5 * first * x);
  return x / (first + x);
}
