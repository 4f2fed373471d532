/**
 * Actual vs fitted: the weekly KPI, the posterior mean of the model, and the 90% posterior
 * predictive band (noise included: where a new week's KPI would fall), holdout weeks shaded. A
 * report written before the predictive band was stored shows the band of the mean instead and
 * says so in the band's name.
 */
import type { EChartsOption } from 'echarts';
import type { Cell } from '../../models/io/delimitedText';
import type { FitReport } from '../../models/report';
import { KPI_COLOR } from './modelFrameOption';
import { bandSeries, channelColor, compact, gateGraphic, holdoutMarkArea } from './resultsChart';

function bandOf(report: FitReport): { name: string; lower: number[]; upper: number[] } {
  return report.predictive
    ? { name: '90% predictive band', ...report.predictive }
    : { name: '90% band of the mean', ...report.decomposition.fitted };
}

export function buildFitOption(report: FitReport): EChartsOption {
  const { dates, actual, fitted } = report.decomposition;
  const band = bandOf(report);
  return {
    animation: false,
    grid: { left: 64, right: 24, top: 40, bottom: 56 },
    legend: { top: 4, left: 8, data: [report.data.kpiName, 'fitted (posterior mean)', band.name] },
    tooltip: { trigger: 'axis', valueFormatter: (value) => compact(Number(value)) },
    graphic: gateGraphic(report),
    xAxis: { type: 'category', data: dates, boundaryGap: false, axisLabel: { fontSize: 10 } },
    yAxis: {
      type: 'value',
      scale: true,
      name: report.data.kpiName,
      axisLabel: { formatter: (value: number) => compact(value), fontSize: 10 },
    },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 8 }],
    series: [
      ...bandSeries({ ...band, stack: 'band', color: channelColor(0) }),
      {
        name: 'fitted (posterior mean)',
        type: 'line',
        data: fitted.mean,
        symbol: 'none',
        lineStyle: { width: 2, color: channelColor(0) },
        itemStyle: { color: channelColor(0) },
        markArea: holdoutMarkArea(report),
      },
      {
        name: report.data.kpiName,
        type: 'line',
        data: actual,
        symbol: 'circle',
        symbolSize: 3,
        lineStyle: { width: 1, color: KPI_COLOR },
        itemStyle: { color: KPI_COLOR },
      },
    ],
  };
}

/** The chart's data as rows (header first), for CSV. */
export function fitRows(report: FitReport): Cell[][] {
  const { dates, actual, fitted } = report.decomposition;
  const band = bandOf(report);
  return [
    ['week', report.data.kpiName, 'fitted', 'band_lower', 'band_upper', 'holdout'],
    ...dates.map((date, t) => [
      date,
      actual[t],
      fitted.mean[t],
      band.lower[t],
      band.upper[t],
      t >= report.data.trainingWeeks,
    ]),
  ];
}
