/**
 * A hand-made fit result for report tests: two chains of draws jittered around one position (or
 * all equal to it, spread 0), with the sampler's summaries and quality gate computed from them as
 * a real fit's are, so report code can be tested without sampling.
 */
import { qualityGate } from '../diagnostics/gate';
import { summariseDraws } from '../diagnostics/summary';
import type { FitRequest, FitResult } from '../inference/chains';
import type { ChainResult } from '../inference/sampleChain';
import type { TargetDescription } from '../inference/targets';
import type { Target } from '../inference/types';
import { createRng } from '../random/rng';

export function handMadeChain(
  chainId: number,
  draws: Float64Array,
  dimension: number,
  overrides: Partial<ChainResult['stats']> = {},
): ChainResult {
  const numDraws = draws.length / dimension;
  return {
    chainId,
    draws,
    logDensity: new Float64Array(numDraws),
    energy: new Float64Array(numDraws),
    numDraws,
    dimension,
    stats: {
      stepSize: 0.3,
      inverseMassMatrix: new Float64Array(dimension).fill(1),
      divergences: 0,
      divergentIterations: [],
      warmupDivergences: 0,
      treeDepthSaturations: 0,
      meanTreeDepth: 3,
      eBfmi: 1,
      acceptanceRate: 0.8,
      gradientEvaluations: 100,
      warmupSeconds: 1,
      samplingSeconds: 1,
      ...overrides,
    },
  };
}

export function handMadeFit(
  target: Pick<Target, 'dimension' | 'parameterNames'>,
  description: TargetDescription,
  options: {
    readonly spread: number;
    /** Where the draws sit (default 0.3 · N(0, 1) per coordinate). */
    readonly centre?: Float64Array;
    readonly draws?: number;
    readonly statsOf?: (chain: number) => Partial<ChainResult['stats']>;
  },
): { fit: FitResult; request: FitRequest; centre: Float64Array } {
  const rng = createRng(11);
  const centre = options.centre ?? new Float64Array(target.dimension).map(() => 0.3 * rng.normal());
  const count = options.draws ?? 150;
  const chains = [0, 1].map((c) => {
    const draws = new Float64Array(count * target.dimension);
    for (let i = 0; i < draws.length; i++)
      draws[i] = centre[i % target.dimension] + options.spread * rng.normal();
    return handMadeChain(c, draws, target.dimension, options.statsOf?.(c));
  });
  const summary = summariseDraws(
    chains.map((c) => c.draws),
    target.parameterNames,
  );
  const gate = qualityGate({
    summaries: summary,
    chains: chains.map((c) => ({
      chainId: c.chainId,
      divergences: c.stats.divergences,
      eBfmi: c.stats.eBfmi,
    })),
  });
  const fit: FitResult = {
    parameterNames: target.parameterNames,
    chains,
    summary,
    gate,
    wallSeconds: 2,
  };
  const request: FitRequest = {
    target: description,
    chains: 2,
    warmup: count,
    draws: count,
    seed: 5,
  };
  return { fit, request, centre };
}
