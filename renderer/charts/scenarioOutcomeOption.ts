/**
 * Expected outcome per scenario (`scenario-outcome-chart`): incremental KPI over the horizon, the
 * posterior mean as a bar and its 90% interval as a segment [lo, hi] over it.
 */
import type { EChartsOption } from 'echarts';
import { compactNumber, scenarioColor, scenarioLabel, type ScenarioSeries } from './plannerCharts';

type Point = [string, number] | '-';

export function buildScenarioOutcomeOption(scenarios: readonly ScenarioSeries[]): EChartsOption {
  const labels = scenarios.map(scenarioLabel);
  const segments: Point[] = [];
  scenarios.forEach((scenario, s) =>
    segments.push(
      [labels[s], scenario.total.incremental.lo],
      [labels[s], scenario.total.incremental.hi],
      '-',
    ),
  );
  return {
    animation: false,
    grid: { left: 70, right: 24, top: 64, bottom: 54 },
    legend: {
      top: 4,
      left: 8,
      data: ['posterior mean', '90% interval'],
      textStyle: { fontSize: 11 },
    },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0, fontSize: 11 } },
    yAxis: {
      type: 'value',
      name: 'incremental KPI over the horizon',
      axisLabel: { formatter: (v: number) => compactNumber(v) },
    },
    series: [
      {
        name: 'posterior mean',
        type: 'bar',
        data: scenarios.map((scenario, s) => ({
          value: scenario.total.incremental.mean,
          itemStyle: { color: scenarioColor(s), opacity: scenario.provisional ? 0.5 : 0.85 },
        })),
        barMaxWidth: 56,
      },
      {
        name: '90% interval',
        type: 'line',
        data: segments,
        connectNulls: false,
        symbol: 'rect',
        symbolSize: [14, 2],
        lineStyle: { width: 2, color: '#333' },
        itemStyle: { color: '#333' },
        tooltip: { show: false },
      },
    ],
  };
}
