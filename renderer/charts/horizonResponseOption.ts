/**
 * Response curves over the horizon with each scenario's operating points: per channel, expected
 * incremental KPI against the channel's horizon spend (posterior mean line; the 90% band as thin
 * dashed lines), and one marker per scenario where its allocation puts that channel.
 */
import type { EChartsOption } from 'echarts';
import type { HorizonResponseCurve } from '../../models/planning/horizonResponse';
import { CHANNEL_COLORS } from './modelFrameOption';
import { compactNumber, scenarioLabel, type ScenarioSeries } from './plannerCharts';

export const MARKERS = ['circle', 'diamond', 'triangle', 'rect', 'pin', 'roundRect'];

/** The curve's mean at `spend`, by linear interpolation on its grid. */
export function curveAt(curve: HorizonResponseCurve, spend: number): number {
  const { spend: xs, mean } = curve;
  if (spend <= xs[0]) return mean[0];
  for (let i = 1; i < xs.length; i++)
    if (spend <= xs[i]) {
      const t = (spend - xs[i - 1]) / (xs[i] - xs[i - 1] || 1);
      return mean[i - 1] + t * (mean[i] - mean[i - 1]);
    }
  return mean[mean.length - 1];
}

export function buildHorizonResponseOption(options: {
  readonly curves: readonly HorizonResponseCurve[];
  readonly scenarios: readonly ScenarioSeries[];
}): EChartsOption {
  const { curves, scenarios } = options;
  const series: NonNullable<EChartsOption['series']> = [];
  curves.forEach((curve, c) => {
    const color = CHANNEL_COLORS[c % CHANNEL_COLORS.length];
    const line = (values: readonly number[], band: boolean) => ({
      name: curve.channel,
      type: 'line' as const,
      data: curve.spend.map((x, i) => [x, values[i]]),
      symbol: 'none',
      lineStyle: {
        color,
        width: band ? 1 : 2,
        type: band ? ('dashed' as const) : ('solid' as const),
        opacity: band ? 0.5 : 1,
      },
      itemStyle: { color },
      tooltip: { show: !band },
      silent: band,
    });
    series.push(line(curve.mean, false), line(curve.lo, true), line(curve.hi, true));
    series.push({
      name: curve.channel,
      type: 'line',
      // The marker's shape tells the scenarios apart (one legend entry per channel, not per pair).
      data: scenarios.map((scenario, s) => ({
        value: [scenario.spend[c], scenario.incremental[c]],
        symbol: MARKERS[s % MARKERS.length],
      })),
      lineStyle: { opacity: 0 },
      symbolSize: 10,
      itemStyle: { color, borderColor: '#fff', borderWidth: 1 },
      tooltip: {
        formatter: (p: unknown) => {
          const index = (p as { dataIndex: number }).dataIndex;
          return `${scenarioLabel(scenarios[index])} · ${curve.channel}: ${compactNumber(scenarios[index].spend[c])} → ${compactNumber(scenarios[index].incremental[c])}`;
        },
      },
    });
  });
  return {
    animation: false,
    grid: { left: 70, right: 24, top: 64, bottom: 44 },
    legend: { top: 4, left: 8, data: curves.map((c) => c.channel), textStyle: { fontSize: 11 } },
    tooltip: { trigger: 'item' },
    xAxis: {
      type: 'value',
      name: 'channel spend over the horizon',
      nameLocation: 'middle',
      nameGap: 26,
      axisLabel: { formatter: (v: number) => compactNumber(v) },
    },
    yAxis: {
      type: 'value',
      name: 'incremental KPI',
      axisLabel: { formatter: (v: number) => compactNumber(v) },
    },
    series,
  };
}
