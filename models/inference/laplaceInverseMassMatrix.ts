import { symmetricEigen } from '../linalg/symmetricEigen';
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
  if (position.length !== d)
    throw new Error(`hessianDiagonal: position has ${position.length} coordinates, expected ${d}`);
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
  return hessianDiagonal(target, mode).map(inverseCurvature);
}

/** clamp(1/h, 10⁻⁶, 10²) for a positive finite curvature h, else 1 (the unit scale). */
function inverseCurvature(h: number): number {
  const { minimum, maximum } = LAPLACE_INVERSE_MASS_BOUNDS;
  return Number.isFinite(h) && h > 0 ? Math.min(maximum, Math.max(minimum, 1 / h)) : 1;
}

/**
 * Full Hessian of −log p at `position` by central differences of the analytic gradient, column by
 * column (2d gradient evaluations), symmetrised:
 *
 *   Hᵢⱼ ≈ −(∂ⱼ log p(u + hᵢeᵢ) − ∂ⱼ log p(u − hᵢeᵢ)) / (2hᵢ),   H ← (H + Hᵀ) / 2,
 *   hᵢ = 10⁻⁴ · max(1, |uᵢ|).
 *
 * Row-major d×d. A column whose evaluations are not finite is NaN.
 */
export function hessian(target: LogDensity, position: Float64Array): Float64Array {
  const d = target.dimension;
  if (position.length !== d)
    throw new Error(`hessian: position has ${position.length} coordinates, expected ${d}`);
  const shifted = Float64Array.from(position);
  const forward = new Float64Array(d);
  const backward = new Float64Array(d);
  const matrix = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    const h = 1e-4 * Math.max(1, Math.abs(position[i]));
    shifted[i] = position[i] + h;
    const up = target.logDensityAndGradient(shifted, forward);
    shifted[i] = position[i] - h;
    const down = target.logDensityAndGradient(shifted, backward);
    shifted[i] = position[i];
    const finite = Number.isFinite(up) && Number.isFinite(down);
    for (let j = 0; j < d; j++)
      matrix[j * d + i] = finite ? -(forward[j] - backward[j]) / (2 * h) : Number.NaN;
  }
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      const mean = 0.5 * (matrix[i * d + j] + matrix[j * d + i]);
      matrix[i * d + j] = mean;
      matrix[j * d + i] = mean;
    }
  }
  return matrix;
}

/**
 * Laplace-informed dense inverse mass matrix: near its mode the posterior is ≈ N(û, H⁻¹), so
 *
 *   M⁻¹ = V diag(clamp(1/λₖ, 10⁻⁶, 10²)) Vᵀ,   H = V diag(λ) Vᵀ,
 *
 * with directions of non-positive or non-finite curvature given unit scale (1/λₖ → 1). When H has a
 * non-finite entry, falls back to the diagonal rule above written as a diagonal matrix.
 * Why: the MMM's coordinates are correlated (level and each channel's ROI, decay and saturation
 * trade off), so the diagonal metric leaves narrow valleys that force short steps; starting warmup
 * from the full curvature gives long steps from the first iteration. Warmup windows still
 * re-estimate M⁻¹ from draws.
 *
 * Example: for log p = −½ uᵀ A u, M⁻¹ = A⁻¹ exactly (up to the finite-difference rounding).
 */
export function laplaceDenseInverseMassMatrix(
  target: LogDensity,
  mode: Float64Array,
): Float64Array {
  const d = target.dimension;
  const matrix = hessian(target, mode);
  if (!matrix.every(Number.isFinite)) {
    // The diagonal rule on the Hessian's own diagonal (the same differences hessianDiagonal takes).
    const out = new Float64Array(d * d);
    for (let i = 0; i < d; i++) out[i * d + i] = inverseCurvature(matrix[i * d + i]);
    return out;
  }
  const { values, vectors } = symmetricEigen(matrix, d);
  const scales = values.map(inverseCurvature);
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let k = 0; k < d; k++) sum += vectors[i * d + k] * scales[k] * vectors[j * d + k];
      out[i * d + j] = sum;
      out[j * d + i] = sum;
    }
  }
  return out;
}
