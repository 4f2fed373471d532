/**
 * A waterfall of total contributions over the training weeks: each component's posterior-mean
 * total as a step from the running sum (up for positive, down for negative), its 90% interval as a
 * whisker at the step's end, and the fitted total as the last bar. Steps:
 *
 *   start_k = Σ_{j<k} total_j,  end_k = start_k + total_k,  bar from min(start, end) to max(…)
 */
import type { EChartsOption } from 'echarts';
import type { Cell } from '../../models/io/delimitedText';
import type { FitReport } from '../../models/report';
import { channelColor, compact, gateGraphic } from './resultsChart';

export interface WaterfallStep {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly total: number;
  readonly lower: number;
  readonly upper: number;
}

export function waterfallSteps(report: FitReport): WaterfallStep[] {
  let running = 0;
  return report.decomposition.components.map((component) => {
    const start = running;
    running += component.total.mean;
    // The interval of this component's total, placed at the end of its step.
    return {
      name: component.name,
      start,
      end: running,
      total: component.total.mean,
      lower: start + component.total.lower,
      upper: start + component.total.upper,
    };
  });
}

export function buildWaterfallOption(report: FitReport): EChartsOption {
  const steps = waterfallSteps(report);
  const fitted = steps.length > 0 ? steps[steps.length - 1].end : 0;
  const names = [...steps.map((s) => s.name), 'fitted total'];
  const channelIndex = (name: string) => report.data.channels.indexOf(name);
  const whiskers: ([string, number] | '-')[] = [];
  for (const step of steps) whiskers.push([step.name, step.lower], [step.name, step.upper], '-');
  return {
    animation: false,
    grid: { left: 72, right: 24, top: 40, bottom: 64 },
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => {
        const index = (params as { dataIndex?: number }).dataIndex ?? 0;
        const step = steps[index];
        return step
          ? `${step.name}: ${compact(step.total)} [${compact(step.lower - step.start)}, ${compact(step.upper - step.start)}]`
          : `fitted total: ${compact(fitted)}`;
      },
    },
    graphic: gateGraphic(report),
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: 30, fontSize: 10 } },
    yAxis: {
      type: 'value',
      name: `${report.data.kpiName} (training weeks)`,
      axisLabel: { formatter: (value: number) => compact(value), fontSize: 10 },
    },
    series: [
      {
        name: 'base',
        type: 'bar',
        stack: 'waterfall',
        silent: true,
        itemStyle: { color: 'transparent' },
        data: [...steps.map((s) => Math.min(s.start, s.end)), 0],
        tooltip: { show: false },
      },
      {
        name: 'contribution',
        type: 'bar',
        stack: 'waterfall',
        data: [
          ...steps.map((s) => ({
            value: Math.abs(s.total),
            itemStyle: {
              color:
                channelIndex(s.name) >= 0
                  ? channelColor(channelIndex(s.name))
                  : s.total < 0
                    ? '#e15759'
                    : '#9aa5b1',
            },
          })),
          { value: fitted, itemStyle: { color: '#52606d' } },
        ],
      },
      {
        name: '90% interval',
        type: 'line',
        data: whiskers,
        connectNulls: false,
        symbol: 'rect',
        symbolSize: [10, 2],
        lineStyle: { width: 1.5, color: '#1f2933' },
        itemStyle: { color: '#1f2933' },
        tooltip: { show: false },
      },
    ],
  };
}

export function waterfallRows(report: FitReport): Cell[][] {
  return [
    ['component', 'total', 'lower', 'upper', 'share'],
    ...report.decomposition.components.map((c) => [
      c.name,
      c.total.mean,
      c.total.lower,
      c.total.upper,
      c.share.mean,
    ]),
  ];
}
