import quickselect from 'quickselect';

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

/**
 * quantileSorted of `values` at each of `probabilities` (ascending) without a full sort: each
 * needs the order statistics x₍⌊h⌋+1₎ and x₍⌊h⌋+2₎, found by selection (Floyd–Rivest,
 * `quickselect`) then a minimum over the rest, so the same values and the same interpolation as
 * sorting, in O(n) per probability. `values` is reordered in place; a NaN falls back to a sort
 * (where NaN goes last, as before).
 */
export function quantilesInPlace(values: Float64Array, probabilities: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return probabilities.map(() => Number.NaN);
  for (let i = 0; i < n; i++)
    if (values[i] !== values[i]) {
      values.sort();
      return probabilities.map((p) => quantileSorted(values, p));
    }
  // quickselect is typed for arrays; it only reads, writes and compares elements.
  const items = values as unknown as number[];
  let from = 0;
  return probabilities.map((probability) => {
    const h = (n - 1) * probability;
    const lower = Math.floor(h);
    const upper = Math.min(lower + 1, n - 1);
    // Everything before `from` is ≤ what is selected now (probabilities ascend).
    if (lower >= from) quickselect(items, lower, from, n - 1);
    let next = values[upper];
    if (upper > lower) for (let i = upper + 1; i < n; i++) if (values[i] < next) next = values[i];
    from = lower + 1;
    const low = values[lower];
    return low + (h - lower) * (next - low);
  });
}
