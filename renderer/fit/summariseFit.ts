/**
 * The Model task's summary of a finished fit, computed in a Web Worker (renderer/workers/
 * summary.worker.ts): each summary draw costs two forward passes of the model, too slow for the UI
 * thread on a large model.
 */
import { pooledDraws, type FitResult } from '../../models/inference/chains';
import { createMmmTarget, type MmmInput } from '../../models/mmm';
import { channelRoi, constrainDraws, marginalRoi } from '../../models/posterior';
import type { ChannelInterval, MmmDiagnostics } from '../stores/results';

/** Most draws the ROI summaries use: each costs two forward passes of the model. */
export const SUMMARY_DRAWS = 800;
export const HDI_PROBABILITY = 0.9;

export interface FitSummary {
  readonly roi: readonly ChannelInterval[];
  readonly marginalRoi: readonly ChannelInterval[];
  readonly diagnostics: MmmDiagnostics;
}

/**
 * ROI and marginal ROI (posterior mean, 90% HDI) per channel from a finished fit's draws (pooled
 * over chains, evenly thinned to `SUMMARY_DRAWS`), and the headline diagnostics behind the gate.
 */
export function summariseFit(input: MmmInput, result: FitResult): FitSummary {
  const target = createMmmTarget(input);
  const draws = constrainDraws(target, pooledDraws(result), { maxDraws: SUMMARY_DRAWS });
  const interval = ({ channel, mean, hdiLower, hdiUpper }: ChannelInterval): ChannelInterval => ({
    channel,
    mean,
    hdiLower,
    hdiUpper,
  });
  const finite = (
    values: number[],
    pick: (a: number, b: number) => number,
    empty: number,
  ): number =>
    values.reduce(
      (best, value) =>
        Number.isNaN(value) ? value : Number.isNaN(best) ? best : pick(best, value),
      empty,
    );
  return {
    roi: channelRoi(target, draws, HDI_PROBABILITY).map(interval),
    marginalRoi: marginalRoi(target, draws, HDI_PROBABILITY).map(interval),
    diagnostics: {
      maxRhat: finite(
        result.summary.map((s) => s.rhat),
        Math.max,
        -Infinity,
      ),
      minBulkEss: finite(
        result.summary.map((s) => s.essBulk),
        Math.min,
        Infinity,
      ),
      minTailEss: finite(
        result.summary.map((s) => s.essTail),
        Math.min,
        Infinity,
      ),
      divergences: result.chains.reduce((sum, chain) => sum + chain.stats.divergences, 0),
      minEBfmi: finite(
        result.chains.map((chain) => chain.stats.eBfmi),
        Math.min,
        Infinity,
      ),
      wallSeconds: result.wallSeconds,
      summaryDraws: draws.length,
    },
  };
}
