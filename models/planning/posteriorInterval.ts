/**
 * A quantity's posterior mean and 90% highest-density interval over the draws, the estimator of
 * models/diagnostics/hdi.ts (as the fit report): of the n draws sorted, x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎, the
 * narrowest window [x₍ᵢ₎, x₍ᵢ₊ₖ₋₁₎] holding k = ⌈0.9 n⌉ of them, the first when widths tie.
 *
 * The windows start at ranks i = 0 … m and end at ranks k − 1 … n − 1 (m = n − k), so only the
 * m + 1 smallest and the m + 1 largest draws are needed in order. Two selections (Floyd–Rivest,
 * `quickselect`) move them to the ends of a scratch copy and only those 2(m + 1) are sorted:
 * O(n + m log m) instead of a full sort, the same order statistics and so the same interval.
 * Example: 1 … 10 at probability 0.5 → k = 5, m = 5, every window has width 4 → [1, 5].
 */
import quickselect from 'quickselect';
import type { ScenarioInterval } from './scenarioSchema';

export const INTERVAL_PROBABILITY = 0.9;

/** The HDI of `draws` at `probability` ∈ (0, 1]; `scratch` (≥ n values) is overwritten. */
export function selectedHdi(
  draws: Float64Array,
  probability: number,
  scratch: Float64Array = new Float64Array(draws.length),
): { lower: number; upper: number } {
  const n = draws.length;
  if (!(probability > 0 && probability <= 1))
    throw new Error(`hdi: probability must be in (0, 1], got ${probability}`);
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

/** Mean and 90% HDI of `draws` (left as they are; `scratch` is overwritten). */
export function intervalOf(draws: Float64Array, scratch?: Float64Array): ScenarioInterval {
  let mean = 0;
  for (let d = 0; d < draws.length; d++) mean += draws[d] / draws.length;
  const { lower, upper } = selectedHdi(draws, INTERVAL_PROBABILITY, scratch);
  return { mean, lo: lower, hi: upper };
}
