/**
 * Sample quantile by linear interpolation of order statistics (Hyndman & Fan 1996 type 7, R's
 * default): with sorted x₍₁₎…x₍ₙ₎, h = (n − 1) p, Q(p) = x₍⌊h⌋+1₎ + (h − ⌊h⌋)(x₍⌊h⌋+2₎ − x₍⌊h⌋+1₎).
 * Example: quantile([1, 2, 3, 4], 0.5) = 2.5.
 */
export function quantile(values: Float64Array, probability: number): number {
  return quantileSorted(Float64Array.from(values).sort(), probability);
}

export function quantileSorted(sorted: Float64Array, probability: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * probability;
  const lower = Math.floor(h);
  const upper = Math.min(lower + 1, n - 1);
  return sorted[lower] + (h - lower) * (sorted[upper] - sorted[lower]);
}
