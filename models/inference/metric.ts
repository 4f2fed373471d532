import type { Rng } from '../random/rng';

/**
 * Euclidean metric with a diagonal inverse mass matrix M⁻¹ = diag(m₁…m_d).
 *
 * - kinetic energy  K(p) = ½ Σᵢ mᵢ pᵢ²
 * - velocity        ∂K/∂p = M⁻¹ p  (Stan's "p sharp")
 * - momentum draw   pᵢ ~ N(0, 1/mᵢ), i.e. pᵢ = zᵢ / √mᵢ
 *
 * Reference: Betancourt (2017), "A Conceptual Introduction to Hamiltonian Monte Carlo", §4.
 * Example: kineticEnergy([1, 2], [1, 0.5]) = ½(1 + 2) = 1.5.
 */
export function kineticEnergy(momentum: Float64Array, inverseMassMatrix: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < momentum.length; i++) sum += inverseMassMatrix[i] * momentum[i] * momentum[i];
  return 0.5 * sum;
}

/** Writes the velocity M⁻¹ p into `out`. */
export function velocity(momentum: Float64Array, inverseMassMatrix: Float64Array, out: Float64Array): Float64Array {
  for (let i = 0; i < momentum.length; i++) out[i] = inverseMassMatrix[i] * momentum[i];
  return out;
}

/** Draws p ~ N(0, M) into `out`: pᵢ = zᵢ / √mᵢ with zᵢ standard normal. */
export function sampleMomentum(rng: Rng, inverseMassMatrix: Float64Array, out: Float64Array): Float64Array {
  for (let i = 0; i < out.length; i++) out[i] = rng.normal() / Math.sqrt(inverseMassMatrix[i]);
  return out;
}
