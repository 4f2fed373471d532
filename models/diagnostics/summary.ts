import { bulkEffectiveSampleSize, sampleVariance, tailEffectiveSampleSize } from './ess';
import { hdi } from './hdi';
import { mcseMean, mcseQuantile } from './mcse';
import { quantileSorted } from './quantile';
import { splitRhat } from './rhat';
import { pooled, type ChainDraws } from './splitChains';

/** Posterior summary of one scalar quantity over all chains. */
export interface ParameterSummary {
  readonly name: string;
  readonly mean: number;
  readonly sd: number;
  readonly median: number;
  readonly q5: number;
  readonly q95: number;
  /** Narrowest interval holding `hdiProbability` of the draws. */
  readonly hdiLower: number;
  readonly hdiUpper: number;
  readonly mcseMean: number;
  readonly mcseQ5: number;
  readonly mcseQ95: number;
  readonly essBulk: number;
  readonly essTail: number;
  /** Rank-normalised split R̂ (max of bulk and folded). */
  readonly rhat: number;
}

export interface SummaryOptions {
  readonly hdiProbability?: number;
}

/** Summary of one quantity's chains (Vehtari et al. 2021 diagnostics plus mean, sd, quantiles, HDI). */
export function summariseParameter(
  name: string,
  chains: ChainDraws,
  options: SummaryOptions = {},
): ParameterSummary {
  const all = pooled(chains);
  const sorted = Float64Array.from(all).sort();
  const mean = all.reduce((s, x) => s + x, 0) / all.length;
  const interval = hdi(all, options.hdiProbability ?? 0.9);
  const enough = chains[0].length >= 4;
  return {
    name,
    mean,
    sd: Math.sqrt(sampleVariance(all)),
    median: quantileSorted(sorted, 0.5),
    q5: quantileSorted(sorted, 0.05),
    q95: quantileSorted(sorted, 0.95),
    hdiLower: interval.lower,
    hdiUpper: interval.upper,
    mcseMean: enough ? mcseMean(chains) : Number.NaN,
    mcseQ5: enough ? mcseQuantile(chains, 0.05) : Number.NaN,
    mcseQ95: enough ? mcseQuantile(chains, 0.95) : Number.NaN,
    essBulk: enough ? bulkEffectiveSampleSize(chains) : Number.NaN,
    essTail: enough ? tailEffectiveSampleSize(chains) : Number.NaN,
    rhat: enough ? splitRhat(chains) : Number.NaN,
  };
}

/**
 * Extracts coordinate `index` of row-major draws (numDraws × dimension) of every chain.
 * Example: draws [a0, b0, a1, b1] with dimension 2 → coordinate 1 is [b0, b1].
 */
export function coordinateChains(
  chainDraws: readonly Float64Array[],
  dimension: number,
  index: number,
): Float64Array[] {
  return chainDraws.map((draws) => {
    const n = draws.length / dimension;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = draws[i * dimension + index];
    return out;
  });
}

/** Summaries of every coordinate of row-major multi-chain draws. */
export function summariseDraws(
  chainDraws: readonly Float64Array[],
  parameterNames: readonly string[],
  options: SummaryOptions = {},
): ParameterSummary[] {
  const dimension = parameterNames.length;
  return parameterNames.map((name, index) =>
    summariseParameter(name, coordinateChains(chainDraws, dimension, index), options),
  );
}
