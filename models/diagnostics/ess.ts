import { centre, autocovarianceAtLag } from './autocovariance';
import { normalQuantile } from './normalQuantile';
import { quantile } from './quantile';
import { averageRanks } from './ranks';
import { checkChains, mapPooled, pooled, splitChains, type ChainDraws } from './splitChains';

/**
 * Effective sample size of M chains of N draws (Vehtari, Gelman, Simpson, Carpenter & Bürkner 2021,
 * eqs. 10–11; rstan's `ess_rfun`):
 *
 *   var⁺ = (N−1)/N · W + B/N          (W: mean within-chain variance, B/N: variance of chain means)
 *   ρ̂ₜ  = 1 − (W − mean_m γ̂ₜ,ₘ) / var⁺
 *   ESS  = M N / τ̂,  τ̂ = −1 + 2 Σ_{t=0}^{K} ρ̂ₜ + ρ̂_{K+1}
 *
 * where the sum runs over Geyer's initial positive sequence of pair sums ρ̂₂ₖ + ρ̂₂ₖ₊₁ > 0, made
 * monotone (Geyer's initial monotone sequence), and τ̂ is floored at 1/log₁₀(MN).
 * Returns NaN for fewer than 3 draws per chain, constant draws or non-finite values.
 * Example: independent N(0,1) draws give ESS ≈ MN.
 */
export function effectiveSampleSize(chains: ChainDraws): number {
  checkChains(chains, 'effectiveSampleSize');
  const m = chains.length;
  const n = chains[0].length;
  if (n < 3 || !allFinite(chains) || isConstant(chains)) return Number.NaN;
  const centred = chains.map(centre);
  const chainMeans = chains.map((c) => c.reduce((s, x) => s + x, 0) / n);
  const meanAutocovariance = (lag: number): number =>
    centred.reduce((s, c) => s + autocovarianceAtLag(c, lag), 0) / m;

  const meanVariance = (meanAutocovariance(0) * n) / (n - 1);
  let varPlus = (meanVariance * (n - 1)) / n;
  if (m > 1) varPlus += sampleVariance(Float64Array.from(chainMeans));

  const rho = new Float64Array(n);
  const correlation = (lag: number): number =>
    1 - (meanVariance - meanAutocovariance(lag)) / varPlus;
  let t = 0;
  let rhoEven = 1;
  rho[0] = rhoEven;
  let rhoOdd = correlation(1);
  rho[1] = rhoOdd;
  while (t < n - 5 && !Number.isNaN(rhoEven + rhoOdd) && rhoEven + rhoOdd > 0) {
    t += 2;
    rhoEven = correlation(t);
    rhoOdd = correlation(t + 1);
    if (rhoEven + rhoOdd >= 0) {
      rho[t] = rhoEven;
      rho[t + 1] = rhoOdd;
    }
  }
  const maxT = t;
  if (rhoEven > 0) rho[maxT] = rhoEven;
  t = 0;
  while (t <= maxT - 4) {
    t += 2;
    if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1]) {
      rho[t] = (rho[t - 2] + rho[t - 1]) / 2;
      rho[t + 1] = rho[t];
    }
  }
  const total = m * n;
  let sum = 0;
  for (let k = 0; k < maxT; k++) sum += rho[k];
  let tau = -1 + 2 * sum + rho[maxT];
  tau = Math.max(tau, 1 / Math.log10(total));
  return total / tau;
}

/** Rank-normalised split chains: `zScale` of the pooled split chains, cut back into chains. */
export function rankNormalisedSplit(chains: ChainDraws): Float64Array[] {
  return mapPooled(splitChains(chains), zScale);
}

/**
 * z-scale of pooled values: z = Φ⁻¹((r − ½)/S) with r the average ranks of the S values — the offset
 * rstan 2.21 and ArviZ use (the paper and the posterior package use Blom's (r − 3/8)/(S + ¼)).
 */
export function zScale(values: Float64Array): Float64Array {
  const ranks = averageRanks(values);
  const s = values.length;
  return ranks.map((r) => normalQuantile((r - 0.5) / s));
}

/** Bulk ESS: ESS of the rank-normalised split chains. */
export function bulkEffectiveSampleSize(chains: ChainDraws): number {
  return effectiveSampleSize(rankNormalisedSplit(chains));
}

/** ESS of the indicator I(θ ≤ Q(p)) on split chains, Q the pooled type-7 quantile. */
export function quantileEffectiveSampleSize(chains: ChainDraws, probability: number): number {
  const threshold = quantile(pooled(chains), probability);
  const indicators = splitChains(chains).map((c) => c.map((x) => (x <= threshold ? 1 : 0)));
  return effectiveSampleSize(indicators);
}

/** Tail ESS: min of the 5 % and 95 % quantile ESS. */
export function tailEffectiveSampleSize(chains: ChainDraws): number {
  return Math.min(
    quantileEffectiveSampleSize(chains, 0.05),
    quantileEffectiveSampleSize(chains, 0.95),
  );
}

/** ESS for the mean: plain (not rank-normalised) split chains. */
export function meanEffectiveSampleSize(chains: ChainDraws): number {
  return effectiveSampleSize(splitChains(chains));
}

export function sampleVariance(values: Float64Array): number {
  const n = values.length;
  if (n < 2) return Number.NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (values[i] - mean) ** 2;
  return sum / (n - 1);
}

export function allFinite(chains: ChainDraws): boolean {
  return chains.every((c) => c.every((x) => Number.isFinite(x)));
}

export function isConstant(chains: ChainDraws): boolean {
  const first = chains[0][0];
  return chains.every((c) => c.every((x) => x === first));
}
