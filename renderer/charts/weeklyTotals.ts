/**
 * National weekly totals of a model frame for charting: when the frame keeps geos (one row per
 * week and geo), KPI and spend are summed over geos per week,
 *   KPIₜ = Σ_g kpi_{t,g},   spendₜ,c = Σ_g spend_{t,g,c};
 * a frame with geos aggregated passes through unchanged. Weeks come out in ascending order.
 */
import type { ModelFrame } from '../../models/data';

export interface WeeklyTotals {
  readonly weeks: readonly string[];
  readonly kpiName: string;
  readonly kpi: Float64Array;
  readonly channels: readonly string[];
  readonly spend: readonly Float64Array[];
}

export function weeklyTotals(frame: ModelFrame): WeeklyTotals {
  const rows = frame.kpi.length;
  if (frame.weeks.length !== rows) {
    throw new Error(`model frame has ${frame.weeks.length} week labels for ${rows} rows`);
  }
  const weeks = Array.from(new Set(frame.weeks)).sort();
  const position = new Map(weeks.map((week, index) => [week, index]));
  const kpi = new Float64Array(weeks.length);
  const spend = frame.channels.map(() => new Float64Array(weeks.length));
  for (let row = 0; row < rows; row += 1) {
    const index = position.get(frame.weeks[row]) ?? 0;
    kpi[index] += frame.kpi[row];
    for (let channel = 0; channel < spend.length; channel += 1)
      spend[channel][index] += frame.spend[channel][row];
  }
  return { weeks, kpiName: frame.kpiName, kpi, channels: frame.channels, spend };
}

export interface TotalsFacts {
  readonly weeks: number;
  readonly firstWeek: string | null;
  readonly lastWeek: string | null;
  readonly kpiTotal: number;
  readonly spendTotal: number;
  /** Σ spend per channel over all weeks, in channel order. */
  readonly spendByChannel: readonly number[];
}

/** Headline numbers shown above the chart. */
export function totalsFacts(totals: WeeklyTotals): TotalsFacts {
  const sum = (values: Float64Array): number => values.reduce((total, value) => total + value, 0);
  const spendByChannel = totals.spend.map(sum);
  return {
    weeks: totals.weeks.length,
    firstWeek: totals.weeks[0] ?? null,
    lastWeek: totals.weeks[totals.weeks.length - 1] ?? null,
    kpiTotal: sum(totals.kpi),
    spendTotal: spendByChannel.reduce((total, value) => total + value, 0),
    spendByChannel,
  };
}
