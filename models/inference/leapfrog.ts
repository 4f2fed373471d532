import type { LogDensity } from './types';
import { isDenseMetric, velocity } from './metric';

/**
 * A point in phase space with the log density and its gradient at `position` cached, so each
 * leapfrog step costs exactly one gradient evaluation. Mutable on purpose: the integrator updates it
 * in place in the sampler's hot loop.
 */
export interface PhasePoint {
  position: Float64Array;
  momentum: Float64Array;
  gradient: Float64Array;
  logDensity: number;
}

export function createPhasePoint(dimension: number): PhasePoint {
  return {
    position: new Float64Array(dimension),
    momentum: new Float64Array(dimension),
    gradient: new Float64Array(dimension),
    logDensity: Number.NEGATIVE_INFINITY,
  };
}

export function copyPhasePoint(from: PhasePoint, to: PhasePoint): PhasePoint {
  to.position.set(from.position);
  to.momentum.set(from.momentum);
  to.gradient.set(from.gradient);
  to.logDensity = from.logDensity;
  return to;
}

/**
 * One velocity-Verlet (leapfrog) step of size ε for H(q, p) = −log π(q) + ½ pᵀ M⁻¹ p, in place:
 *
 *   p ← p + (ε/2) ∇log π(q)
 *   q ← q + ε M⁻¹ p          (M⁻¹ diagonal or dense, see metric.ts)
 *   p ← p + (ε/2) ∇log π(q)
 *
 * ε may be negative (integrating backwards in time). The map is volume-preserving and reversible:
 * stepping with ε then with −ε (and the momentum kept) returns to the start up to rounding.
 * Energy error is O(ε²) over a fixed time. If the new position is outside the support the log
 * density is −∞ and the caller treats the step as divergent.
 *
 * Reference: Leimkuhler & Reich (2004), "Simulating Hamiltonian Dynamics", §2.
 * Example: on π = N(0, 1) with M = 1, q = 1, p = 0, ε = 0.1 one step gives q = 0.995, p = −0.09975.
 */
/** Velocity buffer for dense metrics (chains are single-threaded; one per module instance). */
let scratch = new Float64Array(0);

export function leapfrog(
  target: LogDensity,
  inverseMassMatrix: Float64Array,
  stepSize: number,
  point: PhasePoint,
): PhasePoint {
  const { position, momentum, gradient } = point;
  const d = position.length;
  const half = 0.5 * stepSize;
  for (let i = 0; i < d; i++) momentum[i] += half * gradient[i];
  if (isDenseMetric(inverseMassMatrix, d)) {
    if (scratch.length !== d) scratch = new Float64Array(d);
    velocity(momentum, inverseMassMatrix, scratch);
    for (let i = 0; i < d; i++) position[i] += stepSize * scratch[i];
  } else {
    for (let i = 0; i < d; i++) position[i] += stepSize * inverseMassMatrix[i] * momentum[i];
  }
  const logDensity = target.logDensityAndGradient(position, gradient);
  point.logDensity = Number.isNaN(logDensity) ? Number.NEGATIVE_INFINITY : logDensity;
  if (Number.isFinite(point.logDensity)) {
    for (let i = 0; i < d; i++) momentum[i] += half * gradient[i];
  }
  return point;
}
