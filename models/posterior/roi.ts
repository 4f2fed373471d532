/**
 * Return on investment per channel over the training weeks, KPI units per currency unit:
 *
 *   ROI_c = Σₜ contribution_c,t / Σₜ spend_c,t,
 *   mROI_c = [Σₜ contribution_c,t(1.01·x) − Σₜ contribution_c,t(x)] / (0.01 Σₜ x_c,t)
 *
 * (marginal ROI: the return of one more percent of spend on that channel over the whole period,
 * carry-over included up to the last week). Posterior mean and highest-density interval (HDI,
 * the narrowest interval holding `probability` of the draws).
 */
import { hdi } from '../diagnostics/hdi';
import type { MmmModel } from '../mmm/model';
import type { MmmParameters } from '../mmm/types';

export interface ChannelReturn {
  readonly channel: string;
  readonly mean: number;
  readonly hdiLower: number;
  readonly hdiUpper: number;
  readonly draws: Float64Array;
}

/** Relative spend increase used for marginal ROI. */
export const MARGINAL_STEP = 0.01;

function summarise(channel: string, draws: Float64Array, probability: number): ChannelReturn {
  const interval = hdi(draws, probability);
  let mean = 0;
  for (const v of draws) mean += v / draws.length;
  return { channel, mean, hdiLower: interval.lower, hdiUpper: interval.upper, draws };
}

function trainingSum(series: Float64Array, weeks: number): number {
  let sum = 0;
  for (let t = 0; t < weeks; t++) sum += series[t];
  return sum;
}

export function channelRoi(
  target: MmmModel,
  draws: readonly MmmParameters[],
  probability = 0.9,
): ChannelReturn[] {
  const { channelNames, trainingWeeks, spend } = target.design;
  const values = channelNames.map(() => new Float64Array(draws.length));
  draws.forEach((parameters, d) => {
    const components = target.components(parameters);
    channelNames.forEach((_, c) => {
      values[c][d] =
        trainingSum(components.channels[c], trainingWeeks) / trainingSum(spend[c], trainingWeeks);
    });
  });
  return channelNames.map((name, c) => summarise(name, values[c], probability));
}

export function marginalRoi(
  target: MmmModel,
  draws: readonly MmmParameters[],
  probability = 0.9,
): ChannelReturn[] {
  const { channelNames, trainingWeeks, spend } = target.design;
  const step = spend.map((series) => MARGINAL_STEP * trainingSum(series, trainingWeeks));
  const values = channelNames.map(() => new Float64Array(draws.length));
  const totalsOf = target.scaledChannelTotals;
  if (totalsOf) {
    // Both sums by the same fast path (responseCurves.ts): the adstock once, h at 1 and 1.01.
    const steps = Float64Array.of(1, 1 + MARGINAL_STEP);
    draws.forEach((parameters, d) => {
      totalsOf.call(target, parameters, steps, trainingWeeks).forEach(([base, more], c) => {
        values[c][d] = (more - base) / step[c];
      });
    });
    return channelNames.map((name, c) => summarise(name, values[c], probability));
  }
  const raised = spend.map((series) => series.map((v) => v * (1 + MARGINAL_STEP)));
  draws.forEach((parameters, d) => {
    const base = target.components(parameters);
    const more = target.components(parameters, raised);
    channelNames.forEach((_, c) => {
      const delta =
        trainingSum(more.channels[c], trainingWeeks) - trainingSum(base.channels[c], trainingWeeks);
      values[c][d] = delta / step[c];
    });
  });
  return channelNames.map((name, c) => summarise(name, values[c], probability));
}
