import type { LogDensity } from './types';

/** Bounds on the initial M⁻¹ᵢ: the unit metric is the reference scale of unconstrained coordinates. */
export const LAPLACE_INVERSE_MASS_BOUNDS = { minimum: 1e-6, maximum: 1e2 } as const;

/**
 * Diagonal of the Hessian of −log p at `position`, by central differences of the analytic gradient:
 *
 *   Hᵢᵢ ≈ −(∂ᵢ log p(u + hᵢeᵢ) − ∂ᵢ log p(u − hᵢeᵢ)) / (2hᵢ),   hᵢ = 10⁻⁴ · max(1, |uᵢ|)
 *
 * Truncation error is O(hᵢ²·∂ᵢ⁴ log p); the gradient is exact, so rounding stays near ε·|∇|/hᵢ.
 * Costs 2d gradient evaluations. A non-finite side yields NaN for that coordinate.
 *
 * Example: log p = −½ Σ uᵢ²/σᵢ² gives Hᵢᵢ = 1/σᵢ² exactly (the gradient is linear).
 */
export function hessianDiagonal(target: LogDensity, position: Float64Array): Float64Array {
  const d = target.dimension;
  if (position.length !== d) throw new Error(`hessianDiagonal: position has ${position.length} coordinates, expected ${d}`);
  const shifted = Float64Array.from(position);
  const gradient = new Float64Array(d);
  const curvature = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    const h = 1e-4 * Math.max(1, Math.abs(position[i]));
    shifted[i] = position[i] + h;
    const forward = target.logDensityAndGradient(shifted, gradient);
    const gradientForward = gradient[i];
    shifted[i] = position[i] - h;
    const backward = target.logDensityAndGradient(shifted, gradient);
    const gradientBackward = gradient[i];
    shifted[i] = position[i];
    curvature[i] =
      Number.isFinite(forward) && Number.isFinite(backward)
        ? -(gradientForward - gradientBackward) / (2 * h)
        : Number.NaN;
  }
  return curvature;
}

/**
 * Laplace-informed diagonal inverse mass matrix: the posterior near its mode is ≈ N(û, H⁻¹), so
 * the conditional variance of coordinate i is 1/Hᵢᵢ and the metric that makes it unit-scaled is
 *
 *   M⁻¹ᵢ = clamp(1 / Hᵢᵢ, 10⁻⁶, 10²),   and 1 where Hᵢᵢ ≤ 0 or is not finite.
 *
 * The floor 10⁻⁶ sits below the smallest variance the MMM adapts to (≈ 3·10⁻⁵ at 156 × 6).
 *
 * Why: NUTS's first fast window runs before any variance is estimated; with the unit metric on
 * coordinates whose scales differ by orders of magnitude the step size must fit the narrowest one,
 * so trees grow deep (up to 2^maxTreeDepth gradients) until the first slow window ends. Starting
 * from the mode's curvature gives shallow trees from the first iteration; Stan's windows still
 * re-estimate M⁻¹ from draws, so the sampled posterior is unchanged.
 *
 * Conditional (diagonal) curvature understates marginal variance when coordinates correlate; that
 * is why this only seeds warmup rather than replacing adaptation.
 */
export function laplaceInverseMassMatrix(target: LogDensity, mode: Float64Array): Float64Array {
  const curvature = hessianDiagonal(target, mode);
  const { minimum, maximum } = LAPLACE_INVERSE_MASS_BOUNDS;
  return curvature.map((h) => (Number.isFinite(h) && h > 0 ? Math.min(maximum, Math.max(minimum, 1 / h)) : 1));
}
