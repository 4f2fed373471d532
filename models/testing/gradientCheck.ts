/**
 * Finite-difference gradient check, shared by every test of an analytic gradient.
 *
 * Central differences: ∂f/∂xᵢ ≈ (f(x + h eᵢ) − f(x − h eᵢ)) / 2h with h = 1e-6 · max(1, |xᵢ|),
 * compared with the analytic gradient by the relative error
 *   |analytic − numeric| / max(1, |analytic|, |numeric|)
 * (absolute near zero, relative for large entries), as PyTorch's `gradcheck` does with atol/rtol.
 *
 * Example: f(x) = x₀² at x = [3] has analytic 6 and numeric 6 ± 1e-9.
 */
import type { Rng } from '../random/rng';

export interface GradientCheckResult {
  /** Largest relative error over all points and coordinates. */
  readonly maxRelativeError: number;
  /** Where it occurred. */
  readonly worst: {
    readonly point: number;
    readonly index: number;
    readonly analytic: number;
    readonly numeric: number;
  };
}

/** `f(x, gradient)` returns f(x) and writes ∇f(x) into `gradient`. */
export type ValueAndGradient = (position: Float64Array, gradient: Float64Array) => number;

/** Central difference of `value` along coordinate `index` at `position` (restores `position`). */
export function centralDifference(
  value: (position: Float64Array) => number,
  position: Float64Array,
  index: number,
): number {
  const original = position[index];
  const step = 1e-6 * Math.max(1, Math.abs(original));
  position[index] = original + step;
  const plus = value(position);
  position[index] = original - step;
  const minus = value(position);
  position[index] = original;
  return (plus - minus) / (2 * step);
}

/** Compares the analytic gradient of `f` with central differences at each of `points`. */
export function gradientCheck(
  f: ValueAndGradient,
  points: readonly Float64Array[],
): GradientCheckResult {
  let maxRelativeError = 0;
  let worst = { point: -1, index: -1, analytic: 0, numeric: 0 };
  for (let p = 0; p < points.length; p++) {
    const position = Float64Array.from(points[p]);
    const analytic = new Float64Array(position.length);
    f(position, analytic);
    const scratch = new Float64Array(position.length);
    const value = (x: Float64Array) => f(x, scratch);
    for (let i = 0; i < position.length; i++) {
      const numeric = centralDifference(value, position, i);
      const error =
        Math.abs(analytic[i] - numeric) / Math.max(1, Math.abs(analytic[i]), Math.abs(numeric));
      if (!(error <= maxRelativeError)) {
        maxRelativeError = Number.isNaN(error) ? Infinity : error;
        worst = { point: p, index: i, analytic: analytic[i], numeric };
      }
    }
  }
  return { maxRelativeError, worst };
}

/** `count` points with coordinates centre[i] + spread · N(0, 1), the normals drawn from `rng`. */
export function jitteredPoints(
  centre: Float64Array,
  count: number,
  spread: number,
  rng: Pick<Rng, 'normal'>,
): Float64Array[] {
  const points: Float64Array[] = [];
  for (let p = 0; p < count; p++) {
    const point = new Float64Array(centre.length);
    for (let i = 0; i < centre.length; i++) point[i] = centre[i] + spread * rng.normal();
    points.push(point);
  }
  return points;
}
