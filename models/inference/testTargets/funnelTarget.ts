import type { Rng } from '../../random/rng';
import type { Target } from '../types';

export interface FunnelDescription {
  readonly kind: 'funnel';
  /** Number of x coordinates (Neal uses 9). */
  readonly width: number;
  readonly parameterisation: 'centred' | 'noncentred';
}

/**
 * Neal's funnel (Neal 2003, "Slice sampling", §8): v ~ N(0, 3²), xᵢ | v ~ N(0, eᵛ), i = 1…K.
 *
 * Centred, coordinates (v, x):
 *   log π = −v²/18 − (K/2) v − ½ e^{−v} Σ xᵢ²
 *   ∂/∂v  = −v/9 − K/2 + ½ e^{−v} Σ xᵢ²,   ∂/∂xᵢ = −xᵢ e^{−v}
 * Non-centred, coordinates (ṽ, z) with v = 3ṽ, xᵢ = e^{v/2} zᵢ: log π = −½ ṽ² − ½ Σ zᵢ², a standard
 * normal — same distribution of (v, x), no funnel geometry.
 * The first coordinate is named 'v' (centred) or 'v_raw' (non-centred). Example: centred at v = 0,
 * x = 0 gives log π = 0 and ∇ = (−K/2, 0, …).
 */
export function createFunnelTarget(description: FunnelDescription): Target {
  const k = description.width;
  if (!Number.isInteger(k) || k < 1)
    throw new Error(`funnel target: width must be an integer ≥ 1, got ${k}`);
  const centred = description.parameterisation === 'centred';
  const names = [
    centred ? 'v' : 'v_raw',
    ...Array.from({ length: k }, (_, i) => (centred ? `x[${i + 1}]` : `z[${i + 1}]`)),
  ];
  return {
    dimension: k + 1,
    parameterNames: names,
    logDensityAndGradient(position, gradient) {
      if (!centred) {
        let sum = 0;
        for (let i = 0; i <= k; i++) {
          sum += position[i] * position[i];
          gradient[i] = -position[i];
        }
        return -0.5 * sum;
      }
      const v = position[0];
      const inverseVariance = Math.exp(-v);
      let squares = 0;
      for (let i = 1; i <= k; i++) {
        squares += position[i] * position[i];
        gradient[i] = -position[i] * inverseVariance;
      }
      gradient[0] = -v / 9 - k / 2 + 0.5 * inverseVariance * squares;
      return -(v * v) / 18 - (k / 2) * v - 0.5 * inverseVariance * squares;
    },
    initialPosition(rng: Rng) {
      return Float64Array.from({ length: k + 1 }, () => 2 * rng.uniform() - 1);
    },
  };
}
