/**
 * ECharts option for the model frame: weekly spend per channel as stacked bars (right axis) under
 * the weekly KPI as a line (left axis), with a zoom slider over the weeks.
 */
import type { EChartsOption } from 'echarts';
import type { WeeklyTotals } from './weeklyTotals';

/** A qualitative palette that stays readable on white (Tableau 10, muted). */
export const CHANNEL_COLORS = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#b07aa1',
  '#76b7b2',
  '#edc948',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
  '#e15759',
] as const;

export const KPI_COLOR = '#1f2933';

export function buildModelFrameOption(totals: WeeklyTotals): EChartsOption {
  const spendSeries = totals.channels.map((channel, index) => ({
    name: channel,
    type: 'bar' as const,
    stack: 'spend',
    yAxisIndex: 1,
    barCategoryGap: '15%',
    itemStyle: { color: CHANNEL_COLORS[index % CHANNEL_COLORS.length] },
    emphasis: { focus: 'series' as const },
    data: Array.from(totals.spend[index]),
  }));
  return {
    animation: false,
    grid: { left: 56, right: 56, top: 58, bottom: 56 },
    legend: {
      top: 2,
      left: 8,
      right: 8,
      type: 'scroll',
      itemWidth: 12,
      itemHeight: 8,
      itemGap: 10,
      textStyle: { fontSize: 11 },
    },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: formatTooltipValue,
    },
    xAxis: { type: 'category', data: [...totals.weeks], axisLabel: { fontSize: 10 } },
    yAxis: [
      {
        type: 'value',
        name: totals.kpiName,
        nameTextStyle: { fontSize: 11, align: 'left' },
        axisLabel: { fontSize: 10, formatter: compactNumber },
        splitLine: { lineStyle: { color: '#e5e9ef' } },
      },
      {
        type: 'value',
        name: 'spend',
        nameTextStyle: { fontSize: 11, align: 'right' },
        axisLabel: { fontSize: 10, formatter: compactNumber },
        splitLine: { show: false },
      },
    ],
    dataZoom: [
      { type: 'inside', xAxisIndex: 0 },
      { type: 'slider', xAxisIndex: 0, height: 16, bottom: 8 },
    ],
    series: [
      ...spendSeries,
      {
        name: totals.kpiName,
        type: 'line',
        yAxisIndex: 0,
        symbol: 'none',
        z: 5,
        lineStyle: { width: 2, color: KPI_COLOR },
        itemStyle: { color: KPI_COLOR },
        data: Array.from(totals.kpi),
      },
    ],
  };
}

/** 1234567 → "1.23M", 4500 → "4.5k", 12 → "12". */
export function compactNumber(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 1e9) return `${trim(value / 1e9)}B`;
  if (magnitude >= 1e6) return `${trim(value / 1e6)}M`;
  if (magnitude >= 1e3) return `${trim(value / 1e3)}k`;
  return trim(value);
}

function trim(value: number): string {
  return Number(value.toPrecision(3)).toString();
}

function formatTooltipValue(value: unknown): string {
  return typeof value === 'number'
    ? value.toLocaleString('en-US', { maximumFractionDigits: 0 })
    : String(value);
}
