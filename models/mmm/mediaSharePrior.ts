/**
 * The default ROI prior, derived from a prior on the share of the KPI that all paid media drive
 * (Meridian's "total paid media contribution prior"): with s̄ and s_sd the prior mean and sd of that
 * share, Y = Σₜ yₜ the KPI total and Cc = Σₜ spend_c,t each channel's spend total (training weeks),
 *
 *   E[ROI] = s̄ · Y / Σ_c C_c,     sd[ROI] = s_sd · Y / √(Σ_c C_c²)
 *   ROI_c ~ LogNormal(μ, σ):  σ² = log(1 + sd² / E²),  μ = log E − σ² / 2   (moment matching)
 *
 * so that with each channel's ROI drawn independently, the total media contribution Σ_c ROI_c·C_c
 * has mean s̄·Y and sd s_sd·Y (Var = Σ_c C_c² sd[ROI]²).
 *
 * Why this is our default rather than Meridian's revenue default LogNormal(0.2, 0.9): an ROI prior
 * in absolute units only makes sense when the KPI is revenue in the spend's currency; ours must
 * serve orders, sign-ups and revenue alike, and a share of the KPI is unit-free. Defaults s̄ = 0.4,
 * s_sd = 0.2 (Meridian's). Measured on the benchmark data (156 weeks × 6 channels, true media share
 * 0.27): spend-weighted ROI error 35% with 6/6 true ROIs inside the 90% HDI, against 43% and 5/6
 * with LogNormal(0.2, 0.9), which shrinks high-ROI channels (true 4.2) below 2.
 *
 * Reference: Meridian docs, "When the KPI is not revenue (total paid media contribution prior)".
 * Example: s̄ = 0.4, s_sd = 0.2, Y = 1000, C = [50, 50] → E = 4, sd = 200/√5000 = 2.83,
 *          σ = √log 1.5 = 0.637, μ = log 4 − 0.203 = 1.183.
 */
import type { Prior } from './distributions';
import type { MediaSharePrior } from './spec';

export function roiPriorFromMediaShare(
  share: MediaSharePrior,
  kpiTotal: number,
  spendTotals: ArrayLike<number>,
): Prior {
  let spend = 0;
  let squares = 0;
  for (let c = 0; c < spendTotals.length; c++) {
    spend += spendTotals[c];
    squares += spendTotals[c] * spendTotals[c];
  }
  if (!(kpiTotal > 0))
    throw new Error(
      `media share prior: the KPI total is ${kpiTotal}; give an explicit ROI prior for a KPI that is not positive`,
    );
  if (!(spend > 0)) throw new Error('media share prior: total spend is 0');
  const mean = (share.mean * kpiTotal) / spend;
  const sd = (share.sd * kpiTotal) / Math.sqrt(squares);
  const sigma = Math.sqrt(Math.log1p((sd * sd) / (mean * mean)));
  return { distribution: 'logNormal', mu: Math.log(mean) - 0.5 * sigma * sigma, sigma };
}

export function mediaSharePriorProblem(share: MediaSharePrior): string | null {
  if (!(share.mean > 0 && share.mean < 1)) return `mean must be in (0, 1), got ${share.mean}`;
  if (!(share.sd > 0 && Number.isFinite(share.sd))) return `sd must be > 0, got ${share.sd}`;
  return null;
}
