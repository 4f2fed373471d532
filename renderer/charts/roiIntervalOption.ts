/**
 * ECharts option for per-channel estimates with intervals (MMM ROI with its 90% HDI, DML θ with its
 * 95% CI): one horizontal segment [lower, upper] per channel, a marker at the point estimate, and
 * a dashed vertical reference (ROI 1 = break-even on a revenue KPI; θ 0 = no effect).
 * Channels are listed top to bottom in the given order.
 */
import type { EChartsOption } from 'echarts';
import { CHANNEL_COLORS } from './modelFrameOption';

export interface IntervalRow {
  readonly channel: string;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

export interface IntervalChartOptions {
  /** Axis title, e.g. "ROI (KPI per unit of spend), 90% HDI". */
  readonly axisName: string;
  readonly estimateName: string;
  readonly intervalName: string;
  /** A vertical reference line; none when null. */
  readonly reference: number | null;
}

type Point = [number, string] | '-';

export function buildIntervalOption(
  rows: readonly IntervalRow[],
  options: IntervalChartOptions,
): EChartsOption {
  // Category axes draw bottom-up: reverse so the first channel is on top.
  const channels = rows.map((row) => row.channel).reverse();
  const segments: Point[] = [];
  for (const row of rows) segments.push([row.lower, row.channel], [row.upper, row.channel], '-');
  const series: NonNullable<EChartsOption['series']> = [
    {
      name: options.intervalName,
      type: 'line',
      data: segments,
      connectNulls: false,
      symbol: 'rect',
      symbolSize: [2, 12],
      lineStyle: { width: 4, color: CHANNEL_COLORS[0], opacity: 0.55 },
      itemStyle: { color: CHANNEL_COLORS[0] },
      tooltip: { show: false },
    },
    {
      name: options.estimateName,
      type: 'line',
      data: rows.map((row): Point => [row.estimate, row.channel]),
      lineStyle: { width: 0, opacity: 0 },
      symbol: 'diamond',
      symbolSize: 12,
      itemStyle: { color: CHANNEL_COLORS[1] },
    },
  ];
  if (options.reference !== null && rows.length > 0) {
    series.push({
      name: 'reference',
      type: 'line',
      data: [
        [options.reference, channels[0]],
        [options.reference, channels[channels.length - 1]],
      ],
      symbol: 'none',
      lineStyle: { type: 'dashed', width: 1, color: '#8895a7' },
      tooltip: { show: false },
      silent: true,
    });
  }
  return {
    animation: false,
    grid: { left: 110, right: 24, top: 36, bottom: 44 },
    legend: {
      top: 4,
      left: 8,
      data: [options.estimateName, options.intervalName],
      textStyle: { fontSize: 11 },
    },
    tooltip: {
      trigger: 'item',
      // Channel names come from the data file: rich text, so a name is never parsed as HTML.
      renderMode: 'richText',
      formatter: (params: unknown) => {
        const index = (params as { dataIndex?: number }).dataIndex ?? 0;
        const row = rows[index];
        return row
          ? `${row.channel}: ${row.estimate.toPrecision(3)} [${row.lower.toPrecision(3)}, ${row.upper.toPrecision(3)}]`
          : '';
      },
    },
    xAxis: {
      type: 'value',
      name: options.axisName,
      nameLocation: 'middle',
      nameGap: 26,
      scale: true,
      axisLabel: { fontSize: 10 },
    },
    yAxis: { type: 'category', data: channels, axisLabel: { fontSize: 11 } },
    series,
  };
}
