/**
 * The KPI decomposed over time: baseline, trend, seasonality, controls and each channel as stacked
 * areas of their posterior means (negative parts stack below zero), the actual KPI on top. With
 * `bands` the stack gives way to one line per component with its own 90% band, since stacked bands
 * cannot be read.
 */
import type { EChartsOption } from 'echarts';
import type { Cell } from '../../models/io/delimitedText';
import type { FitReport } from '../../models/report';
import { KPI_COLOR } from './modelFrameOption';
import {
  bandSeries,
  channelColor,
  compact,
  gateGraphic,
  holdoutMarkArea,
  type Series,
} from './resultsChart';

const BASELINE_COLORS: Record<string, string> = {
  intercept: '#9aa5b1',
  trend: '#7b8794',
  seasonality: '#cbd2d9',
  controls: '#616e7c',
};

function colorOf(report: FitReport, index: number): string {
  const component = report.decomposition.components[index];
  if (component.kind !== 'channel') return BASELINE_COLORS[component.kind];
  return channelColor(report.data.channels.indexOf(component.name));
}

export function buildDecompositionOption(
  report: FitReport,
  options: { readonly bands: boolean },
): EChartsOption {
  const { dates, actual, components } = report.decomposition;
  const series: Series[] = [];
  components.forEach((component, i) => {
    const color = colorOf(report, i);
    if (options.bands)
      series.push(
        ...bandSeries({
          name: `${component.name} 90% band`,
          stack: `band-${i}`,
          lower: component.lower,
          upper: component.upper,
          color,
        }),
      );
    series.push({
      name: component.name,
      type: 'line',
      data: component.mean,
      symbol: 'none',
      ...(options.bands
        ? {}
        : { stack: 'parts', stackStrategy: 'samesign', areaStyle: { color, opacity: 0.85 } }),
      lineStyle: { width: options.bands ? 1.5 : 0, color },
      itemStyle: { color },
      emphasis: { focus: 'series' },
    });
  });
  series.push({
    name: report.data.kpiName,
    type: 'line',
    data: actual,
    symbol: 'none',
    lineStyle: { width: 1.5, color: KPI_COLOR, type: 'dashed' },
    itemStyle: { color: KPI_COLOR },
    markArea: holdoutMarkArea(report),
  });
  return {
    animation: false,
    grid: { left: 64, right: 24, top: 64, bottom: 56 },
    legend: {
      type: 'scroll',
      top: 4,
      left: 8,
      right: 180,
      data: [...components.map((c) => c.name), report.data.kpiName],
    },
    tooltip: { trigger: 'axis', valueFormatter: (value) => compact(Number(value)) },
    graphic: gateGraphic(report),
    xAxis: { type: 'category', data: dates, boundaryGap: false, axisLabel: { fontSize: 10 } },
    yAxis: {
      type: 'value',
      name: report.data.kpiName,
      axisLabel: { formatter: (value: number) => compact(value), fontSize: 10 },
    },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 8 }],
    series,
  };
}

export function decompositionRows(report: FitReport): Cell[][] {
  const { dates, actual, components } = report.decomposition;
  return [
    [
      'week',
      report.data.kpiName,
      ...components.flatMap((c) => [c.name, `${c.name}_lower`, `${c.name}_upper`]),
    ],
    ...dates.map((date, t) => [
      date,
      actual[t],
      ...components.flatMap((c) => [c.mean[t], c.lower[t], c.upper[t]]),
    ]),
  ];
}
