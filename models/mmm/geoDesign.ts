/**
 * The geo design: per-geo data checked, put per capita, scaled and laid out geo-major for the geo
 * log density (geoLogDensity.ts). With p_g each geo's population (1 for every geo when none is
 * given), w_g = p_g / mean p its population weight, and all statistics over the training weeks
 * (t < T_train) of every geo:
 *
 *   ȳ        = mean_{g,t} y_g,t / w_g                 (mean KPI of a geo of average population)
 *   ỹ_g,t    = y_g,t / (w_g ȳ)                        (per-capita KPI relative to ȳ)
 *   s_c      = max_{g,t} x_c,g,t / w_g                (largest per-capita weekly spend)
 *   x̃_c,g,t  = x_c,g,t / (w_g s_c)                    (so Hill K is a share of s_c, as nationally)
 *   z̃_j,g,t  = (z_j,g,t − mean z_j) / sd z_j         (over all geo-weeks; sd 0 → 1)
 *   τₜ, Fourier features: as the national design.
 *
 * National-only media (spend given as one national series, length T) is allocated to geos by
 * population share, x_c,g,t = X_c,t · p_g / Σp, so its per-capita spend is the same in every geo
 * (x̃ is equal across geos): it reaches everyone alike, and the model learns its per-geo effect
 * from the geos' different responses. National controls (length T) are the same in every geo.
 * `national` is the national design of the sums over geos (KPI, spend; controls averaged with the
 * population weights), which the posterior views and the fit report read as the national facade.
 */
import {
  buildDesign,
  calendarFeatures,
  checkNames,
  checkSeries,
  resolveExperiment,
  weekDays,
  type MmmDesign,
  type ResolvedLiftTest,
} from './design';
import type { GeoMmmData } from './geoTypes';
import type { ModelSpec } from './spec';
import type { LiftTest, MmmData } from './types';

export interface ResolvedGeoLiftTest extends ResolvedLiftTest {
  /** Index of the geo the test ran in; −1 for a national test (summed over every geo). */
  readonly geo: number;
}

export interface GeoMmmDesign {
  readonly weeks: number;
  readonly trainingWeeks: number;
  readonly dates: readonly string[];
  readonly geoNames: readonly string[];
  readonly channelNames: readonly string[];
  readonly controlNames: readonly string[];
  /** The population as given; null when every geo counts as equal. */
  readonly population: Float64Array | null;
  /** w_g = p_g / mean p (all 1 without a population). */
  readonly weights: Float64Array;
  readonly kpiScale: number;
  /** Raw KPI, G·T. */
  readonly kpi: Float64Array;
  /** ỹ, G·T. */
  readonly scaledKpi: Float64Array;
  /** Raw spend per channel, G·T (national-only media already allocated). */
  readonly spend: readonly Float64Array[];
  /** Whether each channel's spend was national and allocated by population share. */
  readonly nationalOnly: readonly boolean[];
  readonly spendScale: Float64Array;
  /** x̃ per channel, G·T. */
  readonly scaledSpend: readonly Float64Array[];
  /** X_c = Σ_{g, t < T_train} x_c,g,t (raw). */
  readonly spendTotal: Float64Array;
  /** X_c,g at [c·G + g] (training weeks, raw). */
  readonly geoSpendTotal: Float64Array;
  readonly controlMean: Float64Array;
  readonly controlScale: Float64Array;
  /** z̃ per control, G·T. */
  readonly scaledControls: readonly Float64Array[];
  readonly trend: Float64Array;
  readonly seasonality: readonly Float64Array[];
  readonly experiments: readonly ResolvedGeoLiftTest[];
  /** The national design of the sums over geos. */
  readonly national: MmmDesign;
}

/** A per-geo series (G·T) or a national one (T) spread to G·T by `share` (or repeated). */
function perGeo(
  series: Float64Array,
  geos: number,
  weeks: number,
  name: string,
  share: Float64Array | null,
): { values: Float64Array; national: boolean } {
  if (series.length === geos * weeks) return { values: series, national: false };
  if (series.length !== weeks)
    throw new Error(
      `MMM data: ${name} has ${series.length} values; expected ${geos * weeks} (${geos} geos × ${weeks} weeks) or ${weeks} (national)`,
    );
  const values = new Float64Array(geos * weeks);
  for (let g = 0; g < geos; g++)
    for (let t = 0; t < weeks; t++) values[g * weeks + t] = series[t] * (share ? share[g] : 1);
  return { values, national: true };
}

function checkGeoSeries(
  values: Float64Array,
  name: string,
  data: GeoMmmData,
  nonNegative: boolean,
): void {
  const weeks = data.dates.length;
  data.geoNames.forEach((geo, g) =>
    checkSeries(
      values.subarray(g * weeks, (g + 1) * weeks),
      `${name} in geo '${geo}'`,
      data.dates,
      nonNegative,
    ),
  );
}

export function buildGeoDesign(
  spec: ModelSpec,
  data: GeoMmmData,
  experiments: readonly LiftTest[] = [],
): GeoMmmDesign {
  const { days, weeks, trainingWeeks } = weekDays(spec, data.dates);
  checkNames(data.geoNames, 'geo');
  const geos = data.geoNames.length;
  if (geos < 2)
    throw new Error(`MMM data: the geo model needs at least 2 geos, got ${geos}; fit nationally`);
  checkNames(data.channelNames, 'channel');
  checkNames(data.controlNames, 'control');
  if (data.channelNames.length === 0) throw new Error('MMM data: no channels');
  if (data.spend.length !== data.channelNames.length)
    throw new Error(
      `MMM data: ${data.spend.length} spend series for ${data.channelNames.length} channels`,
    );
  if (data.controls.length !== data.controlNames.length)
    throw new Error(
      `MMM data: ${data.controls.length} control series for ${data.controlNames.length} controls`,
    );

  const population = data.population;
  const weights = new Float64Array(geos).fill(1);
  const populationShare = new Float64Array(geos).fill(1 / geos);
  if (population) {
    if (population.length !== geos)
      throw new Error(`MMM data: ${population.length} populations for ${geos} geos`);
    let total = 0;
    population.forEach((p, g) => {
      if (!(p > 0 && Number.isFinite(p)))
        throw new Error(
          `MMM data: the population of geo '${data.geoNames[g]}' is ${p}; it must be > 0`,
        );
      total += p;
    });
    population.forEach((p, g) => {
      weights[g] = (p * geos) / total;
      populationShare[g] = p / total;
    });
  }

  if (!(data.kpi instanceof Float64Array) || data.kpi.length !== geos * weeks)
    throw new Error(
      `MMM data: the KPI has ${data.kpi?.length ?? 'no'} values; expected ${geos * weeks} (${geos} geos × ${weeks} weeks)`,
    );
  checkGeoSeries(data.kpi, 'kpi', data, false);
  let kpiScale = 0;
  for (let g = 0; g < geos; g++)
    for (let t = 0; t < trainingWeeks; t++)
      kpiScale += data.kpi[g * weeks + t] / weights[g] / (geos * trainingWeeks);
  if (!(kpiScale > 0))
    throw new Error(
      `MMM data: the mean per-capita KPI over the training weeks must be positive, got ${kpiScale}`,
    );
  const scaledKpi = new Float64Array(geos * weeks);
  for (let g = 0; g < geos; g++)
    for (let t = 0; t < weeks; t++)
      scaledKpi[g * weeks + t] = data.kpi[g * weeks + t] / (weights[g] * kpiScale);

  const channels = data.channelNames.length;
  const spendScale = new Float64Array(channels);
  const spendTotal = new Float64Array(channels);
  const geoSpendTotal = new Float64Array(channels * geos);
  const nationalOnly: boolean[] = [];
  const spend = data.spend.map((series, c) => {
    const name = `spend of channel '${data.channelNames[c]}'`;
    if (series.length === weeks) checkSeries(series, name, data.dates, true);
    const { values, national } = perGeo(series, geos, weeks, name, populationShare);
    if (!national) checkGeoSeries(values, name, data, true);
    nationalOnly.push(national);
    for (let g = 0; g < geos; g++) {
      for (let t = 0; t < trainingWeeks; t++) {
        const x = values[g * weeks + t];
        spendScale[c] = Math.max(spendScale[c], x / weights[g]);
        geoSpendTotal[c * geos + g] += x;
      }
      spendTotal[c] += geoSpendTotal[c * geos + g];
    }
    if (!(spendScale[c] > 0))
      throw new Error(
        `MMM data: channel '${data.channelNames[c]}' has no spend in the training weeks`,
      );
    return values;
  });
  const scaledSpend = spend.map((values, c) => {
    const scaled = new Float64Array(geos * weeks);
    for (let g = 0; g < geos; g++)
      for (let t = 0; t < weeks; t++)
        scaled[g * weeks + t] = values[g * weeks + t] / (weights[g] * spendScale[c]);
    return scaled;
  });

  const controlMean = new Float64Array(data.controls.length);
  const controlScale = new Float64Array(data.controls.length);
  const cells = geos * trainingWeeks;
  const scaledControls = data.controls.map((series, j) => {
    const name = `control '${data.controlNames[j]}'`;
    if (series.length === weeks) checkSeries(series, name, data.dates, false);
    const { values, national } = perGeo(series, geos, weeks, name, null);
    if (!national) checkGeoSeries(values, name, data, false);
    let mean = 0;
    for (let g = 0; g < geos; g++)
      for (let t = 0; t < trainingWeeks; t++) mean += values[g * weeks + t] / cells;
    let variance = 0;
    for (let g = 0; g < geos; g++)
      for (let t = 0; t < trainingWeeks; t++)
        variance += (values[g * weeks + t] - mean) ** 2 / Math.max(1, cells - 1);
    controlMean[j] = mean;
    controlScale[j] = variance > 0 ? Math.sqrt(variance) : 1;
    return values.map((v) => (v - mean) / controlScale[j]);
  });

  const { trend, seasonality } = calendarFeatures(spec, days, trainingWeeks);
  const resolved = experiments.map((test, i): ResolvedGeoLiftTest => {
    const base = resolveExperiment(test, i, data.channelNames, days, trainingWeeks);
    if (test.geo === undefined || test.geo === null) return { ...base, geo: -1 };
    const geo = data.geoNames.indexOf(test.geo);
    if (geo < 0)
      throw new Error(`MMM data: lift test ${i + 1} (${test.channel}): unknown geo '${test.geo}'`);
    return { ...base, geo };
  });

  return {
    weeks,
    trainingWeeks,
    dates: data.dates,
    geoNames: data.geoNames,
    channelNames: data.channelNames,
    controlNames: data.controlNames,
    population,
    weights,
    kpiScale,
    kpi: data.kpi,
    scaledKpi,
    spend,
    nationalOnly,
    spendScale,
    scaledSpend,
    spendTotal,
    geoSpendTotal,
    controlMean,
    controlScale,
    scaledControls,
    trend,
    seasonality,
    experiments: resolved,
    national: buildDesign(spec, nationalSums(data, weeks, spend, weights)),
  };
}

/** The national series: KPI and spend summed over geos, controls averaged with weights w_g / G. */
function nationalSums(
  data: GeoMmmData,
  weeks: number,
  spend: readonly Float64Array[],
  weights: Float64Array,
): MmmData {
  const geos = data.geoNames.length;
  const sum = (values: Float64Array, weight: (g: number) => number): Float64Array => {
    const out = new Float64Array(weeks);
    for (let g = 0; g < geos; g++)
      for (let t = 0; t < weeks; t++) out[t] += weight(g) * values[g * weeks + t];
    return out;
  };
  return {
    dates: data.dates,
    kpi: sum(data.kpi, () => 1),
    channelNames: data.channelNames,
    spend: spend.map((values) => sum(values, () => 1)),
    controlNames: data.controlNames,
    controls: data.controls.map((series) =>
      series.length === weeks ? series : sum(series, (g) => weights[g] / geos),
    ),
  };
}
