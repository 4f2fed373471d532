/**
 * Highest-density interval from draws: the narrowest interval [x₍ᵢ₎, x₍ᵢ₊ₖ₋₁₎] of sorted draws that
 * holds k = ⌈prob · N⌉ of the N draws (Chen & Shao 1999; the estimator of ArviZ's `hdi`, whose
 * interval width is ⌊prob·N⌋ — we use ⌈⌉ so the interval holds at least `prob` of the mass), the
 * first window when widths tie. For unimodal posteriors it estimates the shortest credible
 * interval; prob ∈ (0, 1]. Any NaN draw gives [NaN, NaN].
 * Example: draws 1…10, prob 0.5 → k = 5, every window has width 4 → the first, [1, 5].
 *
 * The windows start at ranks i = 0 … m and end at ranks k − 1 … N − 1 (m = N − k), so only the
 * m + 1 smallest and the m + 1 largest draws are needed in order: two selections (Floyd–Rivest,
 * `quickselect`) move them to the ends of a scratch copy and only those 2(m + 1) are sorted,
 * O(N + m log m) instead of a full sort, with the same order statistics and so the same interval.
 */
import quickselect from 'quickselect';

/** The HDI of `draws` (left as they are); `scratch` (≥ N values), when given, is overwritten. */
export function hdi(
  draws: Float64Array,
  probability: number,
  scratch: Float64Array = new Float64Array(draws.length),
): { lower: number; upper: number } {
  if (!(probability > 0 && probability <= 1))
    throw new Error(`hdi: probability must be in (0, 1], got ${probability}`);
  const n = draws.length;
  if (n === 0) throw new Error('hdi: no draws');
  for (let d = 0; d < n; d++) {
    const v = draws[d];
    if (v !== v) return { lower: Number.NaN, upper: Number.NaN };
    scratch[d] = v;
  }
  const sorted = scratch.subarray(0, n);
  const k = Math.min(n, Math.max(1, Math.ceil(probability * n - 1e-9)));
  const m = n - k;
  if (2 * (m + 1) >= n) sorted.sort();
  else {
    // quickselect is typed for arrays; it only reads, writes and compares elements.
    const items = sorted as unknown as number[];
    quickselect(items, m);
    quickselect(items, k - 1, m + 1, n - 1);
    sorted.subarray(0, m + 1).sort();
    sorted.subarray(k - 1).sort();
  }
  let best = 0;
  let bestWidth = Number.POSITIVE_INFINITY;
  for (let i = 0; i <= m; i++) {
    const width = sorted[i + k - 1] - sorted[i];
    if (width < bestWidth) {
      bestWidth = width;
      best = i;
    }
  }
  return { lower: sorted[best], upper: sorted[best + k - 1] };
}
