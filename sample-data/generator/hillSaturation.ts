/**
 * Hill saturation, the diminishing-returns curve used to make the ground truth.
 *
 *   h(a) = aˢ / (aˢ + Kˢ),   a ≥ 0,
 *
 * with K > 0 the half-saturation point (h(K) = ½, in the same scaled units as a: fractions of the
 * channel's largest weekly spend) and S > 0 the shape (S > 1 gives an S-curve, S ≤ 1 a concave
 * one). h(0) = 0 and h → 1 as a → ∞ (Jin et al. 2017, eq. 3). Computed as 1 / (1 + (K/a)ˢ) so
 * large a cannot overflow.
 *
 * Example: K = 0.5, S = 2, a = 1 gives 1 / (1 + 0.25) = 0.8.
 */
export function hillSaturation(value: number, halfSaturation: number, shape: number): number {
  if (!(halfSaturation > 0))
    throw new Error(`Hill half-saturation ${halfSaturation} is not positive`);
  if (!(shape > 0)) throw new Error(`Hill shape ${shape} is not positive`);
  if (value < 0) throw new Error(`Hill input ${value} is negative`);
  if (value === 0) return 0;
  return 1 / (1 + (halfSaturation / value) ** shape);
}
