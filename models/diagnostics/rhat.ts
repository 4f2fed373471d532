import { allFinite, isConstant, rankNormalisedSplit, sampleVariance } from './ess';
import { median } from './median';
import { checkChains, type ChainDraws } from './splitChains';

/**
 * Classic potential scale reduction of M chains of N draws (Gelman & Rubin 1992; BDA3 eq. 11.4):
 *
 *   B = N · Var(chain means),  W = mean of within-chain variances,
 *   R̂ = √( ((N − 1)/N · W + B/N) / W )
 *
 * NaN for constant or non-finite draws. Example: identical chains give R̂ = √((N−1)/N) < 1.
 */
export function potentialScaleReduction(chains: ChainDraws): number {
  checkChains(chains, 'potentialScaleReduction');
  if (!allFinite(chains) || isConstant(chains)) return Number.NaN;
  const n = chains[0].length;
  const means = Float64Array.from(chains, (c) => c.reduce((s, x) => s + x, 0) / n);
  const between = n * sampleVariance(means);
  const within = chains.reduce((s, c) => s + sampleVariance(c), 0) / chains.length;
  return Math.sqrt((between / within + n - 1) / n);
}

/**
 * Rank-normalised split R̂ (Vehtari et al. 2021, §4.2): the maximum of the bulk R̂ (of the
 * rank-normalised split chains) and the tail R̂ (the same applied to |θ − median(θ)|, which
 * catches chains that differ in scale). Example: four chains from one N(0, 1) give R̂ ≈ 1.00.
 */
export function splitRhat(chains: ChainDraws): number {
  checkChains(chains, 'splitRhat');
  const bulk = potentialScaleReduction(rankNormalisedSplit(chains));
  const centre = median(chains);
  const folded = chains.map((c) => c.map((x) => Math.abs(x - centre)));
  const tail = potentialScaleReduction(rankNormalisedSplit(folded));
  return Math.max(bulk, tail);
}
