/**
 * The efficient frontier (`frontier-chart`): the optimum's expected incremental KPI (left axis,
 * mean with its 90% band as a shaded area) and marginal ROI (right axis, mean with dashed band
 * lines) as the total budget sweeps 50%–200% of the reference; each scenario is marked at its
 * budget and expected KPI. Budgets the constraints cannot meet are gaps.
 */
import type { EChartsOption } from 'echarts';
import type { FrontierPoint } from '../../models/planning/efficientFrontier';
import { compactNumber, scenarioColor, scenarioLabel, type ScenarioSeries } from './plannerCharts';

type Value = [number, number] | [number, null];

export function buildFrontierOption(options: {
  readonly points: readonly FrontierPoint[];
  readonly scenarios: readonly ScenarioSeries[];
}): EChartsOption {
  const { points, scenarios } = options;
  const at = (pick: (p: FrontierPoint) => number | null | undefined): Value[] =>
    points.map((p) => {
      const value = pick(p);
      return value === null || value === undefined ? [p.budget, null] : [p.budget, value];
    });
  const bandFloor = at((p) => p.incremental?.lo);
  const bandWidth = at((p) => (p.incremental ? p.incremental.hi - p.incremental.lo : null));
  return {
    animation: false,
    grid: { left: 70, right: 64, top: 72, bottom: 44 },
    legend: {
      top: 4,
      left: 8,
      data: ['expected incremental KPI', 'marginal ROI', ...scenarios.map(scenarioLabel)],
      textStyle: { fontSize: 11 },
    },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'value',
      name: 'total budget over the horizon',
      nameLocation: 'middle',
      nameGap: 26,
      min: 'dataMin',
      axisLabel: { formatter: (v: number) => compactNumber(v) },
    },
    yAxis: [
      {
        type: 'value',
        name: 'incremental KPI',
        axisLabel: { formatter: (v: number) => compactNumber(v) },
      },
      { type: 'value', name: 'marginal ROI', position: 'right', splitLine: { show: false } },
    ],
    series: [
      {
        name: 'band floor',
        type: 'line',
        data: bandFloor,
        stack: 'band',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        tooltip: { show: false },
        silent: true,
      },
      {
        name: '90% band',
        type: 'line',
        data: bandWidth,
        stack: 'band',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        areaStyle: { color: scenarioColor(0), opacity: 0.18 },
        tooltip: { show: false },
        silent: true,
      },
      {
        name: 'expected incremental KPI',
        type: 'line',
        data: at((p) => p.incremental?.mean),
        symbolSize: 5,
        lineStyle: { width: 2, color: scenarioColor(0) },
        itemStyle: { color: scenarioColor(0) },
      },
      {
        name: 'marginal ROI',
        type: 'line',
        yAxisIndex: 1,
        data: at((p) => p.mroi?.mean),
        symbolSize: 4,
        lineStyle: { width: 2, color: scenarioColor(1) },
        itemStyle: { color: scenarioColor(1) },
      },
      ...(['lo', 'hi'] as const).map((side) => ({
        name: `marginal ROI ${side}`,
        type: 'line' as const,
        yAxisIndex: 1,
        data: at((p) => p.mroi?.[side]),
        symbol: 'none',
        lineStyle: { width: 1, type: 'dashed' as const, color: scenarioColor(1), opacity: 0.6 },
        tooltip: { show: false },
        silent: true,
      })),
      ...scenarios.map((scenario, s) => ({
        name: scenarioLabel(scenario),
        type: 'line' as const,
        data: [[scenario.total.spend, scenario.total.incremental.mean]],
        lineStyle: { opacity: 0 },
        symbol: 'diamond',
        symbolSize: 12,
        itemStyle: { color: scenarioColor(s + 2), borderColor: '#fff', borderWidth: 1 },
      })),
    ],
  };
}
