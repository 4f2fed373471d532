import { choleskyFactor } from '../linalg/cholesky';
import type { Rng } from '../random/rng';

/**
 * Euclidean metric given by the inverse mass matrix M⁻¹, stored either as its diagonal (length d)
 * or as the dense row-major d×d matrix (length d², symmetric positive definite):
 *
 * - kinetic energy  K(p) = ½ pᵀ M⁻¹ p
 * - velocity        ∂K/∂p = M⁻¹ p  (Stan's "p sharp")
 * - momentum draw   p ~ N(0, M):  diagonal pᵢ = zᵢ / √mᵢ;  dense p = L⁻ᵀ z with M⁻¹ = L Lᵀ,
 *                   so Cov(p) = L⁻ᵀ L⁻¹ = (L Lᵀ)⁻¹ = M  (Stan's dense_e).
 *
 * Why dense: the MMM posterior has correlated coordinates (level, trend, seasonality and each
 * channel's ROI, decay and saturation), which a diagonal metric leaves as narrow diagonal valleys;
 * a dense M⁻¹ ≈ Cov(u) makes them round, so NUTS takes longer steps and shorter trees.
 * The shape is told by the length: d entries diagonal, d² dense (d = 1: the two agree).
 *
 * Reference: Betancourt (2017), "A Conceptual Introduction to Hamiltonian Monte Carlo", §4.
 * Example: kineticEnergy([1, 2], [1, 0.5]) = ½(1 + 2) = 1.5;
 *          kineticEnergy([1, 2], [[1, 0.5], [0.5, 1]]) = ½(1 + 2 + 4) = 3.5.
 */
export function isDenseMetric(inverseMassMatrix: Float64Array, dimension: number): boolean {
  return dimension > 1 && inverseMassMatrix.length === dimension * dimension;
}

export function kineticEnergy(momentum: Float64Array, inverseMassMatrix: Float64Array): number {
  const d = momentum.length;
  let sum = 0;
  if (isDenseMetric(inverseMassMatrix, d)) {
    for (let i = 0; i < d; i++) sum += momentum[i] * denseRow(inverseMassMatrix, momentum, i);
    return 0.5 * sum;
  }
  for (let i = 0; i < d; i++) sum += inverseMassMatrix[i] * momentum[i] * momentum[i];
  return 0.5 * sum;
}

/** (M⁻¹ p)ᵢ for a dense row-major M⁻¹. */
function denseRow(inverseMassMatrix: Float64Array, momentum: Float64Array, i: number): number {
  const d = momentum.length;
  const offset = i * d;
  let row = 0;
  for (let j = 0; j < d; j++) row += inverseMassMatrix[offset + j] * momentum[j];
  return row;
}

/** Writes the velocity M⁻¹ p into `out` (`out` must not be `momentum`). */
export function velocity(
  momentum: Float64Array,
  inverseMassMatrix: Float64Array,
  out: Float64Array,
): Float64Array {
  const d = momentum.length;
  if (isDenseMetric(inverseMassMatrix, d)) {
    for (let i = 0; i < d; i++) out[i] = denseRow(inverseMassMatrix, momentum, i);
    return out;
  }
  for (let i = 0; i < d; i++) out[i] = inverseMassMatrix[i] * momentum[i];
  return out;
}

/** Cholesky factors of dense metrics, computed once per metric array (metrics are not mutated in place). */
const factors = new WeakMap<Float64Array, Float64Array>();

function metricFactor(inverseMassMatrix: Float64Array, d: number): Float64Array {
  let lower = factors.get(inverseMassMatrix);
  if (!lower) {
    const factor = choleskyFactor(inverseMassMatrix, d);
    if (!factor) throw new Error('dense inverse mass matrix is not positive definite');
    lower = factor;
    factors.set(inverseMassMatrix, lower);
  }
  return lower;
}

/** Draws p ~ N(0, M) into `out`. */
export function sampleMomentum(
  rng: Rng,
  inverseMassMatrix: Float64Array,
  out: Float64Array,
): Float64Array {
  const d = out.length;
  if (isDenseMetric(inverseMassMatrix, d)) {
    const lower = metricFactor(inverseMassMatrix, d);
    for (let i = 0; i < d; i++) out[i] = rng.normal();
    // Back substitution Lᵀ p = z (Lᵀ upper triangular).
    for (let i = d - 1; i >= 0; i--) {
      let value = out[i];
      for (let k = i + 1; k < d; k++) value -= lower[k * d + i] * out[k];
      out[i] = value / lower[i * d + i];
    }
    return out;
  }
  for (let i = 0; i < d; i++) out[i] = rng.normal() / Math.sqrt(inverseMassMatrix[i]);
  return out;
}
