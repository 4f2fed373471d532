/**
 * Posterior predictive check: the observed weekly KPI against series replicated from the posterior
 * (noise included), and the 90% predictive band. A model that fits leaves the observed series
 * looking like one more replicate; the share of observed weeks inside the band is reported beside
 * it (about 90% is expected). Holdout weeks are shaded: there the check is out of sample.
 */
import type { EChartsOption } from 'echarts';
import type { Cell } from '../../models/io/delimitedText';
import type { FitReport } from '../../models/report';
import { KPI_COLOR } from './modelFrameOption';
import { bandSeries, channelColor, compact, gateGraphic, holdoutMarkArea } from './resultsChart';

/** Share of the training weeks whose observed KPI lies inside the predictive band. */
export function bandCoverage(report: FitReport): number | null {
  const predictive = report.predictive;
  if (!predictive) return null;
  const { actual } = report.decomposition;
  const weeks = report.data.trainingWeeks;
  let inside = 0;
  for (let t = 0; t < weeks; t++)
    if (actual[t] >= predictive.lower[t] && actual[t] <= predictive.upper[t]) inside += 1;
  return inside / weeks;
}

/**
 * The replicated series as one line's points: each replicate's (week, value) in order, then an
 * empty point ('-'), where ECharts breaks the line.
 */
export function replicatePoints(
  replicates: readonly (readonly number[])[],
  dates: readonly string[],
): [string, number | '-'][] {
  return replicates.flatMap((values) => [
    ...values.map((value, t): [string, number] => [dates[t], value]),
    [dates[values.length - 1], '-'] as [string, '-'],
  ]);
}

export function buildPpcOption(report: FitReport): EChartsOption | null {
  const predictive = report.predictive;
  if (!predictive) return null;
  const { dates, actual } = report.decomposition;
  return {
    animation: false,
    grid: { left: 64, right: 24, top: 40, bottom: 40 },
    legend: { top: 4, left: 8, data: ['observed', 'replicated', '90% predictive band'] },
    graphic: gateGraphic(report),
    tooltip: { trigger: 'axis', valueFormatter: (value) => compact(Number(value)) },
    xAxis: { type: 'category', data: dates, boundaryGap: false, axisLabel: { fontSize: 10 } },
    yAxis: {
      type: 'value',
      scale: true,
      axisLabel: { formatter: (value: number) => compact(value), fontSize: 10 },
    },
    series: [
      ...bandSeries({
        name: '90% predictive band',
        stack: 'ppc',
        lower: predictive.lower,
        upper: predictive.upper,
        color: channelColor(0),
        opacity: 0.15,
      }),
      {
        // Every replicate in one series (a gap between two): one path, not one series each.
        name: 'replicated',
        type: 'line' as const,
        data: replicatePoints(predictive.replicates, dates),
        symbol: 'none',
        silent: true,
        connectNulls: false,
        lineStyle: { width: 1, color: channelColor(0), opacity: 0.25 },
        itemStyle: { color: channelColor(0) },
        tooltip: { show: false },
      },
      {
        name: 'observed',
        type: 'line',
        data: actual,
        symbol: 'none',
        lineStyle: { width: 2, color: KPI_COLOR },
        itemStyle: { color: KPI_COLOR },
        markArea: holdoutMarkArea(report),
      },
    ],
  };
}

export function ppcRows(report: FitReport): Cell[][] {
  const predictive = report.predictive;
  if (!predictive) return [['week', 'observed']];
  const { dates, actual } = report.decomposition;
  return [
    [
      'week',
      'observed',
      'band_lower',
      'band_upper',
      ...predictive.replicates.map((_, k) => `replicate_${k + 1}`),
    ],
    ...dates.map((date, t) => [
      date,
      actual[t],
      predictive.lower[t],
      predictive.upper[t],
      ...predictive.replicates.map((values) => values[t]),
    ]),
  ];
}
