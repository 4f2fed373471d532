/**
 * The national weekly series both analyses need, from a model frame: weeks ascending, and when the
 * frame keeps geos (one row per week and geo) the KPI and spend summed over geos and the controls
 * averaged over them,
 *   KPIₜ = Σ_g kpi_{t,g},   spendₜ,c = Σ_g spend_{t,g,c},   controlₜ,k = (1/Gₜ) Σ_g control_{t,g,k}
 * (controls such as a price index or a holiday flag are levels, not totals).
 * Only the chosen channels and controls are kept, in the frame's order.
 */
import type { ModelFrame } from '../../models/data';

export interface NationalSeries {
  readonly weeks: readonly string[];
  readonly kpiName: string;
  readonly kpi: Float64Array;
  readonly channels: readonly string[];
  readonly spend: readonly Float64Array[];
  readonly controls: readonly string[];
  readonly controlValues: readonly Float64Array[];
}

export interface SeriesSelection {
  readonly channels: readonly string[];
  readonly controls: readonly string[];
}

export function nationalSeries(frame: ModelFrame, selection: SeriesSelection): NationalSeries {
  const rows = frame.kpi.length;
  if (frame.weeks.length !== rows)
    throw new Error(`model frame has ${frame.weeks.length} week labels for ${rows} rows`);
  const channelIndex = selection.channels
    .map((name) => {
      const index = frame.channels.indexOf(name);
      if (index < 0)
        throw new Error(
          `channel '${name}' is not in the model frame (channels: ${frame.channels.join(', ')})`,
        );
      return index;
    })
    .sort((a, b) => a - b);
  const controlIndex = selection.controls
    .map((name) => {
      const index = frame.controls.indexOf(name);
      if (index < 0)
        throw new Error(
          `control '${name}' is not in the model frame (controls: ${frame.controls.join(', ') || 'none'})`,
        );
      return index;
    })
    .sort((a, b) => a - b);
  const weeks = Array.from(new Set(frame.weeks)).sort();
  const position = new Map(weeks.map((week, index) => [week, index]));
  const kpi = new Float64Array(weeks.length);
  const spend = channelIndex.map(() => new Float64Array(weeks.length));
  const controlValues = controlIndex.map(() => new Float64Array(weeks.length));
  const count = new Float64Array(weeks.length);
  for (let row = 0; row < rows; row += 1) {
    const at = position.get(frame.weeks[row]) ?? 0;
    count[at] += 1;
    kpi[at] += frame.kpi[row];
    channelIndex.forEach((index, c) => (spend[c][at] += frame.spend[index][row]));
    controlIndex.forEach((index, k) => (controlValues[k][at] += frame.controlValues[index][row]));
  }
  for (const values of controlValues)
    for (let t = 0; t < values.length; t += 1) values[t] /= count[t];
  return {
    weeks,
    kpiName: frame.kpiName,
    kpi,
    channels: channelIndex.map((index) => frame.channels[index]),
    spend,
    controls: controlIndex.map((index) => frame.controls[index]),
    controlValues,
  };
}
