/**
 * A scenario's numbers from the draws (after evaluateAllocation with carry-out), each as the
 * posterior mean and 90% highest-density interval (posteriorInterval.ts, as the fit report):
 *
 *   per channel:  incremental_c (KPI over the horizon), ROI_c = incremental_c / S_c (its limit, the
 *                 marginal ROI at 0, when S_c = 0), mROI_c = ∂incremental_c/∂S_c
 *   in total:     incremental = Σ_c incremental_c, ROI = incremental / Σ S,
 *                 mROI = Σ_c (S_c / Σ S) mROI_c (one more unit of budget spread as the allocation),
 *                 carryIn (history's carry-over), carryOut (the horizon's spend past its end),
 *                 KPI = projected baseline + carryIn + incremental.
 */
import type { ResolvedConstraints } from './constraints';
import type { AllocationWorkspace } from './evaluateAllocation';
import type { HorizonModel } from './horizonModel';
import { intervalOf as summarise } from './posteriorInterval';
import type { ChannelOutcome, ScenarioInterval, ScenarioResult } from './scenarioSchema';

function scaled(interval: ScenarioInterval, factor: number): ScenarioInterval {
  return { mean: interval.mean * factor, lo: interval.lo * factor, hi: interval.hi * factor };
}

/** Column c of a [d·C + c] matrix. */
function column(
  matrix: Float64Array,
  c: number,
  channels: number,
  out: Float64Array,
): Float64Array {
  for (let d = 0; d < out.length; d++) out[d] = matrix[d * channels + c];
  return out;
}

export function atBoundOf(
  constraints: ResolvedConstraints,
  spend: ArrayLike<number>,
  c: number,
): ChannelOutcome['atBound'] {
  if (constraints.locked[c]) return 'locked';
  const slack = 1e-7 * Math.max(1, constraints.upper[c]);
  if (spend[c] <= constraints.lower[c] + slack) return 'lower';
  if (spend[c] >= constraints.upper[c] - slack) return 'upper';
  return null;
}

/** History's carry-over per draw and its interval: the same for every allocation on a horizon. */
const carryIns = new WeakMap<HorizonModel, { totals: Float64Array; interval: ScenarioInterval }>();

function carryInOf(
  model: HorizonModel,
  sumRows: (matrix: Float64Array) => Float64Array,
  intervalOf: (draws: Float64Array) => ScenarioInterval,
): { totals: Float64Array; interval: ScenarioInterval } {
  let cached = carryIns.get(model);
  if (!cached) {
    const totals = sumRows(model.carryIn);
    cached = { totals, interval: intervalOf(totals) };
    carryIns.set(model, cached);
  }
  return cached;
}

export type ScenarioNumbers = Pick<ScenarioResult, 'channels' | 'total'>;

export function scenarioOutcome(
  model: HorizonModel,
  work: AllocationWorkspace,
  spend: ArrayLike<number>,
  constraints: ResolvedConstraints,
): ScenarioNumbers {
  const { draws: D, channels: C } = model;
  const values = new Float64Array(D);
  const scratch = new Float64Array(D);
  const intervalOf = (draws: Float64Array): ScenarioInterval => summarise(draws, scratch);
  let budget = 0;
  let reference = 0;
  for (let c = 0; c < C; c++) {
    budget += spend[c];
    reference += model.reference[c];
  }
  const channels = model.channelNames.map((channel, c): ChannelOutcome => {
    const incremental = intervalOf(column(work.incremental, c, C, values));
    const mroi = intervalOf(column(work.slope, c, C, values));
    const roi = spend[c] > 0 ? scaled(incremental, 1 / spend[c]) : mroi;
    return {
      channel,
      spend: spend[c],
      reference: model.reference[c],
      incremental,
      roi,
      mroi,
      atBound: atBoundOf(constraints, spend, c),
    };
  });
  const share = Float64Array.from({ length: C }, (_, c) =>
    budget > 0 ? spend[c] / budget : 1 / C,
  );
  const sumRows = (matrix: Float64Array, weights?: ArrayLike<number>): Float64Array => {
    const out = new Float64Array(D);
    for (let d = 0; d < D; d++) {
      let sum = 0;
      for (let c = 0; c < C; c++) sum += matrix[d * C + c] * (weights ? weights[c] : 1);
      out[d] = sum;
    }
    return out;
  };
  const incremental = sumRows(work.incremental);
  const incrementalInterval = intervalOf(incremental);
  const marginal = intervalOf(sumRows(work.slope, share));
  const { totals: carryIn, interval: carryInInterval } = carryInOf(model, sumRows, intervalOf);
  const kpi = incremental.map((v, d) => v + carryIn[d] + model.baseline[d]);
  return {
    channels,
    total: {
      spend: budget,
      reference,
      incremental: incrementalInterval,
      kpi: intervalOf(kpi),
      roi: budget > 0 ? scaled(incrementalInterval, 1 / budget) : marginal,
      mroi: marginal,
      carryIn: { ...carryInInterval },
      carryOut: intervalOf(sumRows(work.carryOut)),
    },
  };
}
