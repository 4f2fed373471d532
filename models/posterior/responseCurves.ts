/**
 * Response curves: incremental KPI of each channel when its spend over the whole training period
 * is multiplied by m (grid 0 … 2 by default), all weeks scaled alike:
 *
 *   R_c(m) = Σₜ contribution_c,t(m · x_c)   (KPI units; R_c(0) = 0, R_c(1) = the fitted contribution)
 *
 * with posterior mean and central band per grid point, and the current spend (m = 1) marked.
 * The model is additive across channels, so one forward pass per (draw, m) serves every channel;
 * a model with `scaledChannelTotals` (the national one) computes each channel's adstock once per
 * draw instead, since adstock is linear in spend.
 */
import type { MmmModel } from '../mmm/model';
import type { MmmParameters } from '../mmm/types';
import { columnBands, type SeriesBand } from './bands';

export interface ResponseCurve {
  readonly channel: string;
  readonly multipliers: Float64Array;
  /** m · Σₜ spend, currency. */
  readonly spend: Float64Array;
  readonly incremental: SeriesBand;
  /** Index of m = 1 in `multipliers` (−1 when the grid lacks it). */
  readonly currentIndex: number;
  readonly currentSpend: number;
}

export function defaultMultipliers(points = 21, maximum = 2): Float64Array {
  return Float64Array.from({ length: points }, (_, i) => (maximum * i) / (points - 1));
}

export function responseCurves(
  target: MmmModel,
  draws: readonly MmmParameters[],
  options: { multipliers?: Float64Array; probability?: number } = {},
): ResponseCurve[] {
  const multipliers = options.multipliers ?? defaultMultipliers();
  const { channelNames, trainingWeeks, spend } = target.design;
  const count = draws.length;
  const points = multipliers.length;
  const matrices = channelNames.map(() => new Float64Array(count * points));
  const totalsOf = target.scaledChannelTotals;
  if (totalsOf) {
    draws.forEach((parameters, d) => {
      const totals = totalsOf.call(target, parameters, multipliers, trainingWeeks);
      totals.forEach((values, c) => matrices[c].set(values, d * points));
    });
  } else
    multipliers.forEach((m, k) => {
      const scaled = spend.map((series) => series.map((v) => v * m));
      draws.forEach((parameters, d) => {
        const components = target.components(parameters, scaled);
        channelNames.forEach((_, c) => {
          let sum = 0;
          for (let t = 0; t < trainingWeeks; t++) sum += components.channels[c][t];
          matrices[c][d * points + k] = sum;
        });
      });
    });
  return channelNames.map((channel, c) => {
    let currentSpend = 0;
    for (let t = 0; t < trainingWeeks; t++) currentSpend += spend[c][t];
    return {
      channel,
      multipliers,
      spend: multipliers.map((m) => m * currentSpend),
      incremental: columnBands(matrices[c], count, points, options.probability ?? 0.9),
      currentIndex: multipliers.findIndex((m) => Math.abs(m - 1) < 1e-12),
      currentSpend,
    };
  });
}
