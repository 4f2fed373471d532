/**
 * An ROI prior as an analyst states it — a median and a 90% range in ROI units (KPI per currency
 * unit) — converted to the LogNormal(μ, σ) the engine samples, and the LogNormal shown back:
 *
 *   μ = ln M,   σ = (ln U − ln L) / (2 z),   z = Φ⁻¹(0.95) ≈ 1.6449
 *   shown back: median e^μ, 90% range [e^(μ − zσ), e^(μ + zσ)]
 *
 * for median M and range [L, U], 0 < L < M < U. σ matches the width of the range on the log scale;
 * when M is not the geometric mean √(LU) the range shown back is that width centred on M (a
 * LogNormal's 90% range is symmetric about its median in log units), which is why it is shown.
 *
 * Example: M = 2, [L, U] = [1, 4] → μ = 0.693, σ = 0.421, range shown back [1, 4].
 */
import { normalQuantile } from '../diagnostics/normalQuantile';
import type { Prior } from './distributions';

const Z90 = normalQuantile(0.95);

export interface RoiRange {
  readonly median: number;
  readonly lower: number;
  readonly upper: number;
}

/** The first problem of a stated range as "field: what", or null. */
export function roiRangeProblem(
  range: RoiRange,
): { field: keyof RoiRange; message: string } | null {
  for (const field of ['median', 'lower', 'upper'] as const) {
    const value = range[field];
    if (!Number.isFinite(value) || value <= 0)
      return { field, message: `must be a positive number, got ${String(value)}` };
  }
  if (!(range.lower < range.median))
    return { field: 'lower', message: `must be below the median ${range.median}` };
  if (!(range.upper > range.median))
    return { field: 'upper', message: `must be above the median ${range.median}` };
  return null;
}

/** LogNormal(μ, σ) of a stated median and 90% range; throws on a range with a problem. */
export function roiPriorFromRange(range: RoiRange): Extract<Prior, { distribution: 'logNormal' }> {
  const problem = roiRangeProblem(range);
  if (problem) throw new Error(`ROI prior ${problem.field} ${problem.message}`);
  return {
    distribution: 'logNormal',
    mu: Math.log(range.median),
    sigma: (Math.log(range.upper) - Math.log(range.lower)) / (2 * Z90),
  };
}

/** Median and 90% range of a LogNormal (what the engine will use, shown back to the analyst). */
export function rangeOfLogNormal(prior: { readonly mu: number; readonly sigma: number }): RoiRange {
  return {
    median: Math.exp(prior.mu),
    lower: Math.exp(prior.mu - Z90 * prior.sigma),
    upper: Math.exp(prior.mu + Z90 * prior.sigma),
  };
}
