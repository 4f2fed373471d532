/**
 * How well a fit recovers known channel ROIs (simulated data with ground truth):
 *
 *   spend-weighted absolute error  E = Σ_c s_c |m_c − r_c| / Σ_c s_c
 *   relative error                 E / (Σ_c s_c r_c / Σ_c s_c)
 *   coverage                       (1/C) Σ_c 1[lo_c ≤ r_c ≤ hi_c]
 *
 * m_c the posterior mean ROI, [lo_c, hi_c] its interval (e.g. the 90% HDI), r_c the true ROI and
 * s_c the channel's total spend (currency). A well-calibrated 90% interval covers about 90% of the
 * true values over many channels and data sets.
 * Example: m = [2, 4], r = [1, 4], s = [1, 3], intervals [1.5, 2.5], [3, 5] → E = 0.25, coverage 0.5.
 */
export interface RoiEstimate {
  readonly name: string;
  readonly mean: number;
  readonly lo: number;
  readonly hi: number;
}

export interface RoiRecovery {
  readonly weightedAbsoluteError: number;
  /** Weighted error over the spend-weighted mean true ROI. */
  readonly relativeError: number;
  readonly coverage: number;
  readonly channels: readonly { name: string; estimate: number; truth: number; covered: boolean }[];
}

export function roiRecovery(
  estimates: readonly RoiEstimate[],
  truth: readonly number[],
  spend: readonly number[],
): RoiRecovery {
  if (estimates.length === 0) throw new Error('ROI recovery: no channels');
  if (truth.length !== estimates.length || spend.length !== estimates.length) {
    throw new Error(
      `ROI recovery: ${estimates.length} estimates but ${truth.length} true ROIs and ${spend.length} spend totals`,
    );
  }
  let spendSum = 0;
  let error = 0;
  let weightedTruth = 0;
  let covered = 0;
  const channels = estimates.map((estimate, c) => {
    if (!(spend[c] >= 0))
      throw new Error(`ROI recovery: spend of '${estimate.name}' is ${spend[c]}`);
    spendSum += spend[c];
    error += spend[c] * Math.abs(estimate.mean - truth[c]);
    weightedTruth += spend[c] * truth[c];
    const inside = estimate.lo <= truth[c] && truth[c] <= estimate.hi;
    if (inside) covered++;
    return { name: estimate.name, estimate: estimate.mean, truth: truth[c], covered: inside };
  });
  if (!(spendSum > 0)) throw new Error('ROI recovery: total spend is 0');
  return {
    weightedAbsoluteError: error / spendSum,
    relativeError: error / weightedTruth,
    coverage: covered / estimates.length,
    channels,
  };
}
