import { meanEffectiveSampleSize, quantileEffectiveSampleSize, sampleVariance } from './ess';
import { betaQuantile } from './incompleteBeta';
import { pooled, type ChainDraws } from './splitChains';

/**
 * Monte Carlo standard error of the posterior mean (Vehtari et al. 2021, §4.4):
 * MCSE(θ̄) = sd(θ) / √ESS_mean, with ESS from the plain split chains.
 * Example: 4000 independent N(0, 1) draws give about 1/√4000 ≈ 0.0158.
 */
export function mcseMean(chains: ChainDraws): number {
  return Math.sqrt(sampleVariance(pooled(chains))) / Math.sqrt(meanEffectiveSampleSize(chains));
}

/**
 * MCSE of the p-quantile (Vehtari et al. 2021, §4.3; rstan's `mcse_quantile`): with S = ESS of the
 * indicator I(θ ≤ Q(p)) and a₁,₂ the 15.87 % and 84.13 % quantiles of Beta(S p + 1, S (1 − p) + 1),
 * MCSE = (θ₍ᵣₒᵤₙ𝒹(a₂ N)₎ − θ₍ᵣₒᵤₙ𝒹(a₁ N)₎) / 2 over the N sorted pooled draws (indices clamped to 1…N).
 */
export function mcseQuantile(chains: ChainDraws, probability: number): number {
  const ess = quantileEffectiveSampleSize(chains, probability);
  if (Number.isNaN(ess)) return Number.NaN;
  const a1 = betaQuantile(0.1586553, ess * probability + 1, ess * (1 - probability) + 1);
  const a2 = betaQuantile(0.8413447, ess * probability + 1, ess * (1 - probability) + 1);
  const sorted = pooled(chains).sort();
  const n = sorted.length;
  const lower = sorted[Math.max(roundHalfEven(a1 * n), 1) - 1];
  const upper = sorted[Math.min(roundHalfEven(a2 * n), n) - 1];
  return (upper - lower) / 2;
}

/** R's round(): halves go to the even neighbour (IEC 60559). */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}
