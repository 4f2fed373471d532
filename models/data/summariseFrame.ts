/** A short summary of a model frame: weeks, date range, total spend per channel, KPI total and mean. */
import type { ModelFrame } from './types';

export interface FrameSummary {
  /** Distinct weeks. */
  readonly weeks: number;
  /** Frame rows (weeks × geos when geos are kept). */
  readonly rows: number;
  readonly firstWeek: string | null;
  readonly lastWeek: string | null;
  readonly geos: number | null;
  readonly kpiName: string;
  /** Sums and means skip NaN weeks. */
  readonly kpiTotal: number;
  readonly kpiMean: number;
  readonly channels: readonly {
    readonly name: string;
    readonly totalSpend: number;
    readonly share: number;
    readonly totalImpressions: number | null;
  }[];
  readonly controls: readonly { readonly name: string; readonly mean: number }[];
}

function finiteSum(values: Float64Array): { sum: number; count: number } {
  let sum = 0;
  let count = 0;
  for (const value of values) {
    if (Number.isFinite(value)) {
      sum += value;
      count++;
    }
  }
  return { sum, count };
}

export function summariseFrame(frame: ModelFrame): FrameSummary {
  const distinctWeeks = [...new Set(frame.weeks)].sort();
  const kpi = finiteSum(frame.kpi);
  const totals = frame.spend.map((values) => finiteSum(values).sum);
  const allSpend = totals.reduce((sum, value) => sum + value, 0);
  return {
    weeks: distinctWeeks.length,
    rows: frame.weeks.length,
    firstWeek: distinctWeeks[0] ?? null,
    lastWeek: distinctWeeks[distinctWeeks.length - 1] ?? null,
    geos: frame.geos ? frame.geos.length : null,
    kpiName: frame.kpiName,
    kpiTotal: kpi.sum,
    kpiMean: kpi.count > 0 ? kpi.sum / kpi.count : Number.NaN,
    channels: frame.channels.map((name, index) => {
      const impressions = frame.impressions[index];
      return {
        name,
        totalSpend: totals[index],
        share: allSpend > 0 ? totals[index] / allSpend : 0,
        totalImpressions: impressions ? finiteSum(impressions).sum : null,
      };
    }),
    controls: frame.controls.map((name, index) => {
      const values = finiteSum(frame.controlValues[index]);
      return { name, mean: values.count > 0 ? values.sum / values.count : Number.NaN };
    }),
  };
}
