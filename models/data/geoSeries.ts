/**
 * The geo model's data (models/mmm/geoTypes.ts `GeoMmmData`) from a model frame that keeps geos
 * (one row per week and geo): per geo and week the KPI, each chosen channel's spend and each
 * control, geo-major (value of geo g in week t at [g·T + t]), weeks ascending.
 *
 * - A channel bought nationally only (nationalOnlyMedia.ts: its spend came from a file without a
 *   geo column, so the frame repeats the national value in every geo) is passed as its national
 *   series, which the model allocates to geos by population share.
 * - A control with the same value in every geo each week is passed as national.
 * - `population` names a control column holding each geo's population (constant within a geo, as a
 *   population column is); it leaves the controls and becomes the geo's mean over its weeks.
 * Every problem is one sentence naming the geo, the week or the column.
 */
import type { GeoMmmData } from '../mmm/geoTypes';
import type { ModelFrame } from './types';

export interface GeoSelection {
  readonly channels: readonly string[];
  readonly controls: readonly string[];
  /** A control column holding each geo's population; null: every geo counts as equal. */
  readonly population: string | null;
  /** Channels whose spend is national (repeated in every geo row). */
  readonly nationalChannels: readonly string[];
}

/** Rows of the frame as a [geo][week] grid: row index of geo g in week t. */
function grid(frame: ModelFrame): { geos: string[]; weeks: string[]; rowOf: Int32Array } {
  const geos = frame.geos ? [...frame.geos] : [];
  if (!frame.geoIndex || geos.length < 2)
    throw new Error(
      'the model frame has no geos: map a geo column in the Data task (and keep geos) to fit by geo',
    );
  const weeks = Array.from(new Set(frame.weeks)).sort();
  const position = new Map(weeks.map((week, t) => [week, t]));
  const rowOf = new Int32Array(geos.length * weeks.length).fill(-1);
  for (let row = 0; row < frame.weeks.length; row++) {
    const g = frame.geoIndex[row];
    const t = position.get(frame.weeks[row]) ?? -1;
    if (g < 0 || t < 0) throw new Error(`model frame row ${row + 1} has no geo or week`);
    rowOf[g * weeks.length + t] = row;
  }
  const missing = rowOf.indexOf(-1);
  if (missing >= 0)
    throw new Error(
      `geo '${geos[Math.floor(missing / weeks.length)]}' has no row for the week of ${weeks[missing % weeks.length]}`,
    );
  return { geos, weeks, rowOf };
}

/** True when `values` (G·T) is the same in every geo, week by week. */
function sameInEveryGeo(values: Float64Array, geos: number, weeks: number): boolean {
  for (let g = 1; g < geos; g++)
    for (let t = 0; t < weeks; t++) if (values[g * weeks + t] !== values[t]) return false;
  return true;
}

export function geoSeries(frame: ModelFrame, selection: GeoSelection): GeoMmmData {
  const { geos, weeks, rowOf } = grid(frame);
  const G = geos.length;
  const T = weeks.length;
  const gather = (source: Float64Array, name: string, finite: boolean): Float64Array => {
    const out = new Float64Array(G * T);
    for (let i = 0; i < out.length; i++) {
      const value = source[rowOf[i]];
      if (finite && !Number.isFinite(value))
        throw new Error(
          `${name} has no value in geo '${geos[Math.floor(i / T)]}' for the week of ${weeks[i % T]}`,
        );
      out[i] = value;
    }
    return out;
  };
  const kpi = gather(frame.kpi, `the KPI (${frame.kpiName})`, true);
  if (sameInEveryGeo(kpi, G, T))
    throw new Error(
      `the KPI (${frame.kpiName}) is the same in every geo each week, as a national KPI repeated per geo is: the geo model needs the KPI by geo`,
    );
  const channelIndex = (name: string): number => {
    const index = frame.channels.indexOf(name);
    if (index < 0) throw new Error(`channel '${name}' is not in the model frame`);
    return index;
  };
  const controlIndex = (name: string): number => {
    const index = frame.controls.indexOf(name);
    if (index < 0) throw new Error(`control '${name}' is not in the model frame`);
    return index;
  };
  const channels = frame.channels.filter((name) => selection.channels.includes(name));
  const spend = channels.map((name) => {
    const values = gather(frame.spend[channelIndex(name)], `the spend of ${name}`, true);
    return selection.nationalChannels.includes(name) ? values.slice(0, T) : values;
  });
  let population: Float64Array | null = null;
  if (selection.population !== null) {
    const name = selection.population;
    const values = gather(
      frame.controlValues[controlIndex(name)],
      `population column ${name}`,
      true,
    );
    population = Float64Array.from(geos, (geo, g) => {
      let sum = 0;
      for (let t = 0; t < T; t++) sum += values[g * T + t] / T;
      if (!(sum > 0))
        throw new Error(`population column ${name} is ${sum} in geo '${geo}'; it must be > 0`);
      return sum;
    });
  }
  const controls = frame.controls.filter(
    (name) => selection.controls.includes(name) && name !== selection.population,
  );
  const controlValues = controls.map((name) => {
    const values = gather(frame.controlValues[controlIndex(name)], `control ${name}`, true);
    return sameInEveryGeo(values, G, T) ? values.slice(0, T) : values;
  });
  return {
    dates: weeks,
    geoNames: geos,
    population,
    kpi,
    channelNames: channels,
    spend,
    controlNames: controls,
    controls: controlValues,
  };
}
