import type { Rng } from '../random/rng';

/**
 * A differentiable log density on ℝᵈ (unconstrained coordinates), as samplers need it.
 * `logDensityAndGradient(θ, g)` returns log p(θ) up to a constant and writes ∇ log p(θ) into `g`
 * in the same pass; it returns -Infinity (gradient unspecified) outside the support.
 */
export interface LogDensity {
  readonly dimension: number;
  logDensityAndGradient(position: Float64Array, gradient: Float64Array): number;
}

/** A posterior a chain can sample: a log density plus names and a starting point. */
export interface Target extends LogDensity {
  /** Names of the unconstrained coordinates, length `dimension`. */
  readonly parameterNames: readonly string[];
  /** A starting point for a chain (e.g. jittered around a MAP estimate). */
  initialPosition(rng: Rng): Float64Array;
  /**
   * Optional M⁻¹ to start warmup from instead of the identity, e.g. from the curvature at the mode
   * (see laplaceInverseMassMatrix.ts): its diagonal (length d, entries > 0) or a dense symmetric
   * positive-definite d×d matrix (length d², row-major). `position` is the chain's start. Must be
   * deterministic: it feeds the chain's draws.
   */
  initialInverseMassMatrix?(position: Float64Array): Float64Array;
}
