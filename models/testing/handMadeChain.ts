/**
 * A chain result built by hand around given draws (no sampling), with plausible statistics, for
 * tests of what is computed from a finished fit (reports, plans).
 */
import type { ChainResult } from '../inference/sampleChain';

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
