/**
 * The design: data checked, scaled and laid out for the log density.
 *
 * Scaling (all statistics from the training weeks, the first T − N; N = holdout weeks):
 *   ỹₜ = yₜ / mean(y)                    (so the intercept is ≈ a share of the mean KPI)
 *   x̃ₜ,c = xₜ,c / maxₜ xₜ,c              (so Hill K is a fraction of the largest weekly spend)
 *   z̃ₜ,j = (zₜ,j − mean zⱼ) / sd zⱼ       (sd 0 → 1: a constant control stays constant)
 *   τₜ = t / (T_train − 1)               (trend: 0 at the first week, 1 at the last training week)
 *   seasonality: sin(2π k dₜ / P), cos(2π k dₜ / P), k = 1 … order, dₜ = days since the first
 *   week / 7, P = 365.25 / 7 weeks.
 * Every reported number is multiplied back by mean(y) (KPI units) or uses raw spend (currency).
 */
import type { ModelSpec } from './spec';
import type { LiftTest, MmmData } from './types';

export const WEEKS_PER_YEAR = 365.25 / 7;

export interface ResolvedLiftTest {
  readonly channel: number;
  /** First and last week index of the test window (inclusive). */
  readonly startWeek: number;
  readonly endWeek: number;
  readonly measuredLift: number;
  readonly standardError: number;
}

export interface MmmDesign {
  readonly weeks: number;
  readonly trainingWeeks: number;
  readonly dates: readonly string[];
  readonly channelNames: readonly string[];
  readonly controlNames: readonly string[];
  /** mean KPI of the training weeks; ỹ = y / kpiScale. */
  readonly kpiScale: number;
  readonly kpi: Float64Array;
  readonly scaledKpi: Float64Array;
  /** Max weekly spend per channel over the training weeks; x̃ = x / spendScale. */
  readonly spendScale: Float64Array;
  readonly spend: readonly Float64Array[];
  readonly scaledSpend: readonly Float64Array[];
  /** Raw Σₜ spend per channel over the training weeks (ROI denominators). */
  readonly spendTotal: Float64Array;
  readonly controlMean: Float64Array;
  readonly controlScale: Float64Array;
  readonly scaledControls: readonly Float64Array[];
  readonly trend: Float64Array;
  /** 2·order features [sin₁, cos₁, sin₂, cos₂, …], each of length T. */
  readonly seasonality: readonly Float64Array[];
  readonly experiments: readonly ResolvedLiftTest[];
  /** Means over the training weeks of τ, each Fourier feature and each scaled control. */
  readonly trainingMeans: {
    readonly trend: number;
    readonly seasonality: Float64Array;
    readonly controls: Float64Array;
  };
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date (YYYY-MM-DD…); throws naming `where` otherwise. */
export function parseDay(date: string, where: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  const time = match
    ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
    : Number.NaN;
  // Date.UTC rolls 2024-13-40 over into 2025; a real date formats back to itself.
  if (!Number.isFinite(time) || new Date(time).toISOString().slice(0, 10) !== match?.[0]) {
    throw new Error(`MMM data: ${where} '${date}' is not a YYYY-MM-DD date`);
  }
  return time / DAY_MS;
}

/** Checks a weekly series: one finite value per date (and ≥ 0 when `nonNegative`). */
export function checkSeries(
  values: Float64Array,
  name: string,
  dates: readonly string[],
  nonNegative: boolean,
): void {
  if (!(values instanceof Float64Array) || values.length !== dates.length) {
    throw new Error(
      `MMM data: ${name} has ${values?.length ?? 'no'} values but there are ${dates.length} weeks`,
    );
  }
  for (let t = 0; t < values.length; t++) {
    const v = values[t];
    if (!Number.isFinite(v))
      throw new Error(`MMM data: ${name} is ${v} in week ${t + 1} (${dates[t]})`);
    if (nonNegative && v < 0)
      throw new Error(`MMM data: ${name} is negative (${v}) in week ${t + 1} (${dates[t]})`);
  }
}

/** Names must be non-empty and distinct. */
export function checkNames(names: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (typeof name !== 'string' || name.length === 0)
      throw new Error(`MMM data: a ${what} has an empty name`);
    if (seen.has(name)) throw new Error(`MMM data: ${what} '${name}' appears twice`);
    seen.add(name);
  }
}

/** A lift test's channel index and window in weeks, checked against the data's weeks. */
export function resolveExperiment(
  test: LiftTest,
  index: number,
  channelNames: readonly string[],
  days: readonly number[],
  trainingWeeks: number,
): ResolvedLiftTest {
  const where = `lift test ${index + 1} (${test.channel})`;
  const channel = channelNames.indexOf(test.channel);
  if (channel < 0) throw new Error(`MMM data: ${where}: unknown channel '${test.channel}'`);
  const start = parseDay(test.startDate, `${where} start date`);
  const end = parseDay(test.endDate, `${where} end date`);
  if (end < start)
    throw new Error(
      `MMM data: ${where}: end date ${test.endDate} is before start date ${test.startDate}`,
    );
  let startWeek = -1;
  let endWeek = -1;
  for (let t = 0; t < days.length; t++) {
    if (days[t] >= start && days[t] <= end) {
      if (startWeek < 0) startWeek = t;
      endWeek = t;
    }
  }
  if (startWeek < 0)
    throw new Error(
      `MMM data: ${where}: no week starts between ${test.startDate} and ${test.endDate}`,
    );
  if (endWeek >= trainingWeeks)
    throw new Error(`MMM data: ${where}: the window reaches into the holdout weeks`);
  if (!Number.isFinite(test.measuredLift))
    throw new Error(`MMM data: ${where}: measured lift is not a number`);
  if (!(test.standardError > 0) || !Number.isFinite(test.standardError)) {
    throw new Error(`MMM data: ${where}: standard error must be > 0, got ${test.standardError}`);
  }
  return {
    channel,
    startWeek,
    endWeek,
    measuredLift: test.measuredLift,
    standardError: test.standardError,
  };
}

/** The weeks of the data as days, checked (≥ 3 weeks, ascending, enough training weeks). */
export function weekDays(
  spec: ModelSpec,
  dates: readonly string[],
): { readonly days: number[]; readonly weeks: number; readonly trainingWeeks: number } {
  const weeks = dates.length;
  if (weeks < 3) throw new Error(`MMM data: need at least 3 weeks, got ${weeks}`);
  const trainingWeeks = weeks - spec.holdoutWeeks;
  if (trainingWeeks < 3)
    throw new Error(
      `model spec: holdoutWeeks ${spec.holdoutWeeks} leaves ${trainingWeeks} training weeks of ${weeks}`,
    );
  const days = dates.map((d, t) => parseDay(d, `date of week ${t + 1}`));
  for (let t = 1; t < weeks; t++) {
    if (!(days[t] > days[t - 1]))
      throw new Error(`MMM data: dates are not ascending at week ${t + 1} (${dates[t]})`);
  }
  return { days, weeks, trainingWeeks };
}

/**
 * Trend τₜ = t / (T_train − 1) and the Fourier features [sin₁, cos₁, …] of every week (training
 * and holdout), each of length T.
 */
export function calendarFeatures(
  spec: ModelSpec,
  days: readonly number[],
  trainingWeeks: number,
): { readonly trend: Float64Array; readonly seasonality: Float64Array[] } {
  const weeks = days.length;
  const trend = new Float64Array(weeks);
  for (let t = 0; t < weeks; t++) trend[t] = t / (trainingWeeks - 1);
  const seasonality: Float64Array[] = [];
  for (let k = 1; k <= spec.fourierOrder; k++) {
    const sine = new Float64Array(weeks);
    const cosine = new Float64Array(weeks);
    for (let t = 0; t < weeks; t++) {
      const angle = (2 * Math.PI * k * ((days[t] - days[0]) / 7)) / WEEKS_PER_YEAR;
      sine[t] = Math.sin(angle);
      cosine[t] = Math.cos(angle);
    }
    seasonality.push(sine, cosine);
  }
  return { trend, seasonality };
}

export function buildDesign(
  spec: ModelSpec,
  data: MmmData,
  experiments: readonly LiftTest[] = [],
): MmmDesign {
  const { days, weeks, trainingWeeks } = weekDays(spec, data.dates);
  const geoTest = experiments.findIndex((test) => test.geo !== undefined && test.geo !== null);
  if (geoTest >= 0)
    throw new Error(
      `MMM data: lift test ${geoTest + 1} (${experiments[geoTest].channel}) was measured in geo '${experiments[geoTest].geo}'; the national model takes national lift tests only (fit by geo to use it)`,
    );
  checkNames(data.channelNames, 'channel');
  checkNames(data.controlNames, 'control');
  if (data.channelNames.length === 0) throw new Error('MMM data: no channels');
  if (data.spend.length !== data.channelNames.length) {
    throw new Error(
      `MMM data: ${data.spend.length} spend series for ${data.channelNames.length} channels`,
    );
  }
  if (data.controls.length !== data.controlNames.length) {
    throw new Error(
      `MMM data: ${data.controls.length} control series for ${data.controlNames.length} controls`,
    );
  }
  checkSeries(data.kpi, 'kpi', data.dates, false);
  let kpiScale = 0;
  for (let t = 0; t < trainingWeeks; t++) kpiScale += data.kpi[t] / trainingWeeks;
  if (!(kpiScale > 0))
    throw new Error(
      `MMM data: the mean KPI over the training weeks must be positive, got ${kpiScale}`,
    );
  const scaledKpi = data.kpi.map((v) => v / kpiScale);

  const channels = data.channelNames.length;
  const spendScale = new Float64Array(channels);
  const spendTotal = new Float64Array(channels);
  const scaledSpend = data.spend.map((series, c) => {
    checkSeries(series, `spend of channel '${data.channelNames[c]}'`, data.dates, true);
    for (let t = 0; t < trainingWeeks; t++) {
      spendScale[c] = Math.max(spendScale[c], series[t]);
      spendTotal[c] += series[t];
    }
    if (!(spendScale[c] > 0))
      throw new Error(
        `MMM data: channel '${data.channelNames[c]}' has no spend in the training weeks`,
      );
    return series.map((v) => v / spendScale[c]);
  });

  const controlMean = new Float64Array(data.controls.length);
  const controlScale = new Float64Array(data.controls.length);
  const scaledControls = data.controls.map((series, j) => {
    checkSeries(series, `control '${data.controlNames[j]}'`, data.dates, false);
    let mean = 0;
    for (let t = 0; t < trainingWeeks; t++) mean += series[t] / trainingWeeks;
    let variance = 0;
    for (let t = 0; t < trainingWeeks; t++)
      variance += (series[t] - mean) ** 2 / Math.max(1, trainingWeeks - 1);
    controlMean[j] = mean;
    controlScale[j] = variance > 0 ? Math.sqrt(variance) : 1;
    return series.map((v) => (v - mean) / controlScale[j]);
  });

  const { trend, seasonality } = calendarFeatures(spec, days, trainingWeeks);

  const trainingMean = (series: Float64Array) => {
    let sum = 0;
    for (let t = 0; t < trainingWeeks; t++) sum += series[t];
    return sum / trainingWeeks;
  };
  return {
    weeks,
    trainingWeeks,
    dates: data.dates,
    channelNames: data.channelNames,
    controlNames: data.controlNames,
    kpiScale,
    kpi: data.kpi,
    scaledKpi,
    spendScale,
    spend: data.spend,
    scaledSpend,
    spendTotal,
    controlMean,
    controlScale,
    scaledControls,
    trend,
    seasonality,
    experiments: experiments.map((test, i) =>
      resolveExperiment(test, i, data.channelNames, days, trainingWeeks),
    ),
    trainingMeans: {
      trend: trainingMean(trend),
      seasonality: Float64Array.from(seasonality, trainingMean),
      controls: Float64Array.from(scaledControls, trainingMean),
    },
  };
}
