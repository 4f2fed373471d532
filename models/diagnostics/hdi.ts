/**
 * Highest-density interval from draws: the narrowest interval [x₍ᵢ₎, x₍ᵢ₊ₖ₋₁₎] of sorted draws that
 * holds k = ⌈prob · N⌉ of the N draws (Chen & Shao 1999; the estimator of ArviZ's `hdi`, whose
 * interval width is ⌊prob·N⌋ — we use ⌈⌉ so the interval holds at least `prob` of the mass).
 * For unimodal posteriors it estimates the shortest credible interval; prob ∈ (0, 1].
 * Example: draws 1…10, prob 0.5 → k = 5, every window has width 4 → the first, [1, 5].
 */
export function hdi(draws: Float64Array, probability: number): { lower: number; upper: number } {
  if (!(probability > 0 && probability <= 1))
    throw new Error(`hdi: probability must be in (0, 1], got ${probability}`);
  if (draws.length === 0) throw new Error('hdi: no draws');
  const sorted = Float64Array.from(draws).sort();
  if (Number.isNaN(sorted[sorted.length - 1])) return { lower: Number.NaN, upper: Number.NaN };
  const n = sorted.length;
  const k = Math.min(n, Math.max(1, Math.ceil(probability * n - 1e-9)));
  let best = 0;
  let bestWidth = Number.POSITIVE_INFINITY;
  for (let i = 0; i + k - 1 < n; i++) {
    const width = sorted[i + k - 1] - sorted[i];
    if (width < bestWidth) {
      bestWidth = width;
      best = i;
    }
  }
  return { lower: sorted[best], upper: sorted[best + k - 1] };
}
