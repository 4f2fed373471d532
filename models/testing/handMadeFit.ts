/**
 * Fits made by hand, no sampling, for tests of what is computed from a finished fit (fit reports,
 * plans): each chain's draws are a fixed random position plus `spread` × Normal(0, 1) noise (a
 * point mass with spread 0), with plausible statistics, summarised and gated as a real fit is.
 */
import { qualityGate } from '../diagnostics/gate';
import { summariseDraws } from '../diagnostics/summary';
import type { FitRequest, FitResult } from '../inference/chains';
import type { ChainResult } from '../inference/sampleChain';
import type { TargetDescription } from '../inference/targets';
import type { Target } from '../inference/types';
import { createMmmTarget, type MmmTarget } from '../mmm/target';
import type { MmmInput } from '../mmm/types';
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

export interface HandMadeFitOptions {
  readonly spread: number;
  readonly chains?: number;
  readonly drawsPerChain?: number;
  /** Seed of the draws (default 11); the request records `requestSeed` (default 5). */
  readonly seed?: number;
  readonly requestSeed?: number;
  readonly statsOf?: (chain: number) => Partial<ChainResult['stats']>;
  /** Where the draws sit (default 0.3 · Normal(0, 1) per coordinate). */
  readonly centre?: Float64Array;
}

export function handMadeFit(
  input: MmmInput,
  options: HandMadeFitOptions,
): { target: MmmTarget; fit: FitResult; request: FitRequest; centre: Float64Array } {
  const target = createMmmTarget(input);
  return { target, ...handMadeTargetFit(target, { kind: 'mmm', input }, options) };
}

/** The same for any target (a geo model, say) and the description it was built from. */
export function handMadeTargetFit(
  target: Pick<Target, 'dimension' | 'parameterNames'>,
  description: TargetDescription,
  options: HandMadeFitOptions,
): { fit: FitResult; request: FitRequest; centre: Float64Array } {
  const chainCount = options.chains ?? 2;
  const perChain = options.drawsPerChain ?? 150;
  const rng = createRng(options.seed ?? 11);
  const centre = options.centre ?? new Float64Array(target.dimension).map(() => 0.3 * rng.normal());
  const chains = Array.from({ length: chainCount }, (_, c) => {
    const draws = new Float64Array(perChain * target.dimension);
    for (let i = 0; i < draws.length; i++)
      draws[i] = centre[i % target.dimension] + options.spread * rng.normal();
    return handMadeChain(c, draws, target.dimension, options.statsOf?.(c) ?? {});
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
    chains: chainCount,
    warmup: perChain,
    draws: perChain,
    seed: options.requestSeed ?? 5,
  };
  return { fit, request, centre };
}
