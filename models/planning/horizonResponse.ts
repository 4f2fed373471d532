/**
 * Each channel's response over the horizon as its total S sweeps 0 … 2× its reference spend (the
 * shape its flighting gives), with every other channel's choice irrelevant (the model is additive):
 *
 *   R_c(S) = incremental_c(S) (evaluateAllocation.ts), mean and 90% interval over the draws.
 *
 * The planner draws each scenario's allocation on these curves as its operating points.
 */
import { createAllocationWorkspace, evaluateAllocation } from './evaluateAllocation';
import type { HorizonModel } from './horizonModel';
import { intervalOf } from './posteriorInterval';

export interface HorizonResponseCurve {
  readonly channel: string;
  /** Horizon totals, currency. */
  readonly spend: readonly number[];
  readonly mean: readonly number[];
  readonly lo: readonly number[];
  readonly hi: readonly number[];
  readonly reference: number;
}

export function horizonResponseCurves(model: HorizonModel, points = 21): HorizonResponseCurve[] {
  const { draws: D, channels: C } = model;
  const work = createAllocationWorkspace(model);
  const curves = model.channelNames.map((channel, c) => ({
    channel,
    spend: [] as number[],
    mean: [] as number[],
    lo: [] as number[],
    hi: [] as number[],
    reference: model.reference[c],
  }));
  const column = new Float64Array(D);
  const scratch = new Float64Array(D);
  for (let i = 0; i < points; i++) {
    const multiplier = (2 * i) / (points - 1);
    const spend = model.reference.map((r) => r * multiplier);
    evaluateAllocation(model, spend, work, { carryOut: false });
    curves.forEach((curve, c) => {
      for (let d = 0; d < D; d++) column[d] = work.incremental[d * C + c];
      const interval = intervalOf(column, scratch);
      curve.spend.push(spend[c]);
      curve.mean.push(interval.mean);
      curve.lo.push(interval.lo);
      curve.hi.push(interval.hi);
    });
  }
  return curves;
}
