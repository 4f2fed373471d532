/**
 * Aggregation over repeated sample splits (S repetitions), as DoubleML ≥ 0.10
 * (doubleml/utils/_estimation.py, `_aggregate_coefs_and_ses`):
 *
 *   θ̃ = median_s θ̂ₛ,   ũ = median_s (θ̂ₛ + c·ŝeₛ),   s̃e = (ũ − θ̃)/c,   c = 1.96 (fixed, as DoubleML).
 *
 * Confidence bounds are the medians of the per-split bounds (DoubleML `confint`):
 *   lo = median_s (θ̂ₛ − z·ŝeₛ),  hi = median_s (θ̂ₛ + z·ŝeₛ).
 * Medians are numpy's (mean of the two middle values for even S).
 * Reference: Chernozhukov et al. (2018), §3.4 "Finite-sample adjustments to incorporate uncertainty
 * induced by sample splitting"; DoubleML-for-py source as cited.
 *
 * Example: θ = [1, 2, 4], se = [1, 1, 1] → θ̃ = 2, s̃e = 1.
 */
export const AGGREGATION_CRITICAL_VALUE = 1.96;

export function median(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return NaN;
  const half = n >> 1;
  return n % 2 === 1 ? sorted[half] : 0.5 * (sorted[half - 1] + sorted[half]);
}

export function aggregateRepetitions(
  thetas: ArrayLike<number>,
  standardErrors: ArrayLike<number>,
): { theta: number; se: number } {
  if (thetas.length !== standardErrors.length || thetas.length === 0)
    throw new Error('aggregateRepetitions: need equal, non-empty θ and se lists');
  const theta = median(thetas);
  const upper = Array.from(thetas, (t, s) => t + AGGREGATION_CRITICAL_VALUE * standardErrors[s]);
  return { theta, se: (median(upper) - theta) / AGGREGATION_CRITICAL_VALUE };
}

/** Median over splits of θ̂ₛ ∓ criticalValue·ŝeₛ (criticalValue per split, e.g. from a joint bootstrap). */
export function aggregateIntervals(
  thetas: ArrayLike<number>,
  standardErrors: ArrayLike<number>,
  criticalValues: ArrayLike<number>,
): { lo: number; hi: number } {
  const lower = Array.from(thetas, (t, s) => t - criticalValues[s] * standardErrors[s]);
  const upper = Array.from(thetas, (t, s) => t + criticalValues[s] * standardErrors[s]);
  return { lo: median(lower), hi: median(upper) };
}
