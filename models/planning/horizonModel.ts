/**
 * The planning horizon: H future weeks after the last data week, laid out once per (report,
 * horizon, flighting) in contiguous Float64Arrays indexed [draw·C + channel] (·W + week), so a
 * scenario is then evaluated over every draw without allocating (evaluateAllocation.ts).
 *
 * History's carry-over is exact: the adstock of week T + k (k = 0 … W − 1, W = H + L − 1: the
 * horizon and the L − 1 weeks its spend carries past its end) is the data's spend followed by the
 * horizon's, in the model's scaled units
 *
 *   aₖ,c = Σ_{l>k} wₗ x_{T+k−l,c} / scale_c  +  S_c · Σ_{l≤k, k−l<H} wₗ s_{k−l,c} / scale_c
 *        = history_k,c + S_c · gain_k,c,
 *
 * with wₗ the draw's normalised adstock weights, S_c the channel's horizon total and s its flighting
 * shape (flighting.ts). The channel's contribution in week k is ȳ β_c h(aₖ,c) (components.ts).
 *
 * The baseline is projected with the trend extrapolated (τ = t/(T_train − 1) for t ≥ T), the
 * Fourier seasonality continued on the calendar (week starts 7 days apart) and every control at its
 * mean over the reference period (the last H weeks of data):
 *
 *   baseline_k = ȳ (b₀ + δ τ_{T+k} + Σᵢ γᵢ sᵢ(T+k) + Σⱼ ζⱼ (z̄ⱼ,ref − mean zⱼ)/sd zⱼ).
 */
import { createAdstockKernel, saturationKernelOf } from '../mmm/kernels';
import { WEEKS_PER_YEAR } from '../mmm/design';
import type { MmmTarget } from '../mmm/target';
import type { MmmParameters } from '../mmm/types';
import { flightingShapes, PlanningInputError } from './flighting';
import { curvatureParameter, SATURATION_CODE, saturationCurvature } from './saturationCurvature';
import type { Flighting } from './scenarioSchema';

export interface HorizonModel {
  readonly channelNames: readonly string[];
  readonly draws: number;
  readonly channels: number;
  readonly horizonWeeks: number;
  /** W = H + L − 1: the horizon and the weeks its spend carries past its end. */
  readonly spanWeeks: number;
  /** ISO week starts of the horizon. */
  readonly horizonDates: readonly string[];
  /** Spend per channel over the reference period (the last H weeks of data), currency. */
  readonly reference: Float64Array;
  /** The flighting shapes, [c·H + k]. */
  readonly shapes: Float64Array;
  readonly saturationCode: number;
  /**
   * The saturation's parameters per [d·C + c] as saturationCurvature takes them (ln K for Hill;
   * second is 0 for one-parameter curves).
   */
  readonly saturationFirst: Float64Array;
  readonly saturationSecond: Float64Array;
  /** ȳ β per [d·C + c]: KPI units per unit of saturation. */
  readonly factor: Float64Array;
  /** history and gain per [(d·C + c)·W + k], scaled spend units. */
  readonly history: Float64Array;
  readonly gain: Float64Array;
  /**
   * Hill only (empty otherwise): (K/gain)ˢ = e^{−S(ln gain − ln K)} per [(d·C + c)·W + k] where
   * history_k = 0 and gain_k > 0 (every week from L − 1 on), NaN elsewhere — there a scenario's
   * r = (K/(S_c gain))ˢ = S_c^{−S} · (K/gain)ˢ needs no log or exp per week (evaluateAllocation.ts).
   */
  readonly gainPower: Float64Array;
  /** Σ_{k<H} ȳβh(history): history's carry-over into the horizon, per [d·C + c]. */
  readonly carryIn: Float64Array;
  /** Σ_{k≥H} ȳβh(history): history's own contribution past the horizon, per [d·C + c]. */
  readonly historyTail: Float64Array;
  /** Σ_{k<H} projected baseline per draw, KPI units. */
  readonly baseline: Float64Array;
  /** The projected baseline per [d·H + k]. */
  readonly baselineWeekly: Float64Array;
}

const DAY_MS = 86_400_000;

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Mean of each control over the last `weeks` weeks, standardised as the design does. */
function referenceControls(target: MmmTarget, weeks: number): Float64Array {
  const { design } = target;
  const controls = target.design.scaledControls;
  return Float64Array.from(controls, (series) => {
    const from = Math.max(0, design.weeks - weeks);
    let sum = 0;
    for (let t = from; t < design.weeks; t++) sum += series[t];
    return sum / (design.weeks - from);
  });
}

/** The projected baseline of every draw over the horizon, [d·H + k]. */
function projectBaseline(
  target: MmmTarget,
  draws: readonly MmmParameters[],
  horizonWeeks: number,
): Float64Array {
  const { design, spec } = target;
  const firstDay = Date.parse(`${design.dates[0]}T00:00:00Z`) / DAY_MS;
  const lastDay = Date.parse(`${design.dates[design.weeks - 1]}T00:00:00Z`) / DAY_MS;
  const order = spec.fourierOrder;
  const controls = referenceControls(target, horizonWeeks);
  const out = new Float64Array(draws.length * horizonWeeks);
  for (let k = 0; k < horizonWeeks; k++) {
    const tau = (design.weeks + k) / (design.trainingWeeks - 1);
    const elapsedWeeks = (lastDay + 7 * (k + 1) - firstDay) / 7;
    draws.forEach((p, d) => {
      let value = p.intercept + p.trend * tau;
      for (let i = 1; i <= order; i++) {
        const angle = (2 * Math.PI * i * elapsedWeeks) / WEEKS_PER_YEAR;
        value +=
          p.seasonality[2 * i - 2] * Math.sin(angle) + p.seasonality[2 * i - 1] * Math.cos(angle);
      }
      for (let j = 0; j < controls.length; j++) value += p.controls[j] * controls[j];
      out[d * horizonWeeks + k] = design.kpiScale * value;
    });
  }
  return out;
}

export function buildHorizonModel(options: {
  readonly target: MmmTarget;
  readonly draws: readonly MmmParameters[];
  readonly horizonWeeks: number;
  readonly flighting: Flighting;
}): HorizonModel {
  const { target, draws, horizonWeeks: H, flighting } = options;
  const { design, spec } = target;
  if (!(Number.isInteger(H) && H >= 1 && H <= 104))
    throw new PlanningInputError(`horizon: weeks must be a whole number from 1 to 104, got ${H}`);
  if (H > design.weeks)
    throw new PlanningInputError(
      `horizon: ${H} weeks is longer than the ${design.weeks} weeks of data the reference period is taken from`,
    );
  if (draws.length === 0) throw new PlanningInputError('the fit result holds no posterior draws');
  const T = design.weeks;
  const L = spec.maxLag;
  const W = H + L - 1;
  const C = design.channelNames.length;
  const D = draws.length;
  const shapes = flightingShapes({
    flighting,
    horizonWeeks: H,
    channelNames: design.channelNames,
    history: design.spend,
  });
  const reference = Float64Array.from(design.spend, (series) => {
    let sum = 0;
    for (let t = T - H; t < T; t++) sum += series[t];
    return sum;
  });
  const adstock = createAdstockKernel(spec.adstock, L);
  const weights = new Float64Array(L);
  const weightDerivatives = new Float64Array(L * adstock.parameterNames.length);
  const saturationNames = saturationKernelOf(spec.saturation).parameterNames;
  const saturationFirst = new Float64Array(D * C);
  const saturationSecond = new Float64Array(D * C);
  const factor = new Float64Array(D * C);
  const history = new Float64Array(D * C * W);
  const gain = new Float64Array(D * C * W);
  for (let d = 0; d < D; d++) {
    for (let c = 0; c < C; c++) {
      const channel = draws[d].channels[c];
      const row = d * C + c;
      adstock.weights(
        adstock.parameterNames.map((n) => channel.adstock[n]),
        L,
        weights,
        weightDerivatives,
      );
      saturationFirst[row] = curvatureParameter(
        SATURATION_CODE[spec.saturation],
        channel.saturation[saturationNames[0]],
      );
      saturationSecond[row] =
        saturationNames.length > 1 ? channel.saturation[saturationNames[1]] : 0;
      factor[row] = design.kpiScale * channel.coefficient;
      const series = design.spend[c];
      const scale = design.spendScale[c];
      const base = row * W;
      for (let k = 0; k < W; k++) {
        let past = 0;
        for (let l = k + 1; l < L && T + k - l >= 0; l++) past += weights[l] * series[T + k - l];
        let future = 0;
        for (let l = Math.max(0, k - H + 1); l <= k && l < L; l++)
          future += weights[l] * shapes[c * H + k - l];
        history[base + k] = past / scale;
        gain[base + k] = future / scale;
      }
    }
  }
  const baselineWeekly = projectBaseline(target, draws, H);
  const baseline = new Float64Array(D);
  for (let d = 0; d < D; d++) for (let k = 0; k < H; k++) baseline[d] += baselineWeekly[d * H + k];
  const model = {
    channelNames: design.channelNames,
    draws: D,
    channels: C,
    horizonWeeks: H,
    spanWeeks: W,
    horizonDates: Array.from({ length: H }, (_, k) => addDays(design.dates[T - 1], 7 * (k + 1))),
    reference,
    shapes,
    saturationCode: SATURATION_CODE[spec.saturation],
    saturationFirst,
    saturationSecond,
    factor,
    history,
    gain,
    gainPower: new Float64Array(SATURATION_CODE[spec.saturation] === 0 ? D * C * W : 0),
    carryIn: new Float64Array(D * C),
    historyTail: new Float64Array(D * C),
    baseline,
    baselineWeekly,
  };
  fillHistoryContributions(model);
  fillGainPower(model);
  return model;
}

/** gainPower (Hill only): (K/gain)ˢ where history is 0 and gain > 0, NaN elsewhere. */
function fillGainPower(model: HorizonModel): void {
  const { gainPower, history, gain, saturationFirst, saturationSecond, spanWeeks: W } = model;
  if (gainPower.length === 0) return;
  for (let row = 0; row < saturationFirst.length; row++) {
    const logHalfSaturation = saturationFirst[row];
    const shape = saturationSecond[row];
    for (let i = row * W; i < (row + 1) * W; i++)
      gainPower[i] =
        history[i] === 0 && gain[i] > 0
          ? Math.exp(-shape * (Math.log(gain[i]) - logHalfSaturation))
          : Number.NaN;
  }
}

/** carryIn and historyTail: the history alone (no horizon spend) through the saturation. */
function fillHistoryContributions(model: HorizonModel): void {
  const { draws: D, channels: C, spanWeeks: W, horizonWeeks: H } = model;
  const point = new Float64Array(3);
  for (let row = 0; row < D * C; row++) {
    let inside = 0;
    let after = 0;
    for (let k = 0; k < W; k++) {
      saturationCurvature(
        model.saturationCode,
        model.saturationFirst[row],
        model.saturationSecond[row],
        model.history[row * W + k],
        point,
      );
      if (k < H) inside += point[0];
      else after += point[0];
    }
    model.carryIn[row] = model.factor[row] * inside;
    model.historyTail[row] = model.factor[row] * after;
  }
}
