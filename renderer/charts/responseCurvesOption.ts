/**
 * ECharts option for a plan's response curves: per channel, the incremental KPI over the training
 * weeks against its spend as a multiple of the current spend (0 … 2×, so every channel shares one
 * axis), the posterior mean as a line and the central 90% band as a shaded area (a transparent
 * "lower" series with the band width stacked on it), and a dashed line at the current spend (1×).
 * Tooltips render as rich text (canvas), never as HTML: channel names come from files.
 */
import type { EChartsOption } from 'echarts';
import { CHANNEL_COLORS } from './modelFrameOption';

export interface CurveRow {
  readonly channel: string;
  readonly multipliers: readonly number[];
  readonly mean: readonly number[];
  readonly lower: readonly number[];
  readonly upper: readonly number[];
}

export function buildResponseCurvesOption(
  curves: readonly CurveRow[],
  kpiName: string,
): EChartsOption {
  const series: NonNullable<EChartsOption['series']> = curves.flatMap((curve, c) => {
    const color = CHANNEL_COLORS[c % CHANNEL_COLORS.length];
    const stack = `band ${c}`;
    const points = (values: readonly number[]) =>
      curve.multipliers.map((m, k): [number, number] => [m, values[k]]);
    return [
      {
        name: `${curve.channel} (band floor)`,
        type: 'line' as const,
        stack,
        data: points(curve.lower),
        symbol: 'none',
        lineStyle: { opacity: 0 },
        tooltip: { show: false },
        silent: true,
      },
      {
        name: `${curve.channel} (90% band)`,
        type: 'line' as const,
        stack,
        data: points(curve.upper.map((upper, k) => upper - curve.lower[k])),
        symbol: 'none',
        lineStyle: { opacity: 0 },
        areaStyle: { color, opacity: 0.15 },
        tooltip: { show: false },
        silent: true,
      },
      {
        name: curve.channel,
        type: 'line' as const,
        data: points(curve.mean),
        symbol: 'none',
        lineStyle: { width: 2, color },
        itemStyle: { color },
        ...(c === 0
          ? {
              markLine: {
                silent: true,
                symbol: 'none',
                label: { formatter: 'current spend', fontSize: 10 },
                lineStyle: { type: 'dashed' as const, color: '#8895a7' },
                data: [{ xAxis: 1 }],
              },
            }
          : {}),
      },
    ];
  });
  return {
    animation: false,
    grid: { left: 64, right: 24, top: 40, bottom: 44 },
    legend: {
      top: 4,
      left: 8,
      data: curves.map((curve) => curve.channel),
      textStyle: { fontSize: 11 },
    },
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    xAxis: {
      type: 'value',
      name: 'spend, × current',
      nameLocation: 'middle',
      nameGap: 26,
      min: 0,
      axisLabel: { fontSize: 10, formatter: '{value}×' },
    },
    yAxis: {
      type: 'value',
      name: `incremental ${kpiName}`,
      axisLabel: { fontSize: 10 },
    },
    series,
  };
}
