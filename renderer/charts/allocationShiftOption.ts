/**
 * The allocation shift chart (`allocation-chart`): each scenario's spend per channel as a change
 * against the reference, in percent, one bar group per channel (first channel on top).
 * change = 100 (S_scenario / S_reference − 1); a channel without reference spend shows 0.
 */
import type { EChartsOption } from 'echarts';
import { scenarioColor, scenarioLabel, type ScenarioSeries } from './plannerCharts';

export function buildAllocationShiftOption(options: {
  readonly channels: readonly string[];
  readonly reference: readonly number[];
  readonly scenarios: readonly ScenarioSeries[];
}): EChartsOption {
  const { channels, reference, scenarios } = options;
  const change = (spend: number, c: number): number =>
    reference[c] > 0 ? Number((100 * (spend / reference[c] - 1)).toFixed(2)) : 0;
  return {
    animation: false,
    grid: { left: 110, right: 24, top: 36, bottom: 44 },
    legend: { top: 4, left: 8, textStyle: { fontSize: 11 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => `${v}%` },
    xAxis: {
      type: 'value',
      name: 'change against reference (%)',
      nameLocation: 'middle',
      nameGap: 26,
    },
    yAxis: { type: 'category', data: [...channels].reverse() },
    series: scenarios.map((scenario, s) => ({
      name: scenarioLabel(scenario),
      type: 'bar' as const,
      data: channels.map((_, c) => change(scenario.spend[c], c)).reverse(),
      itemStyle: { color: scenarioColor(s + 1) },
    })),
  };
}
