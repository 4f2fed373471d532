/**
 * Trace and rank plots of one sampled coordinate (the parameters the diagnostics table lists):
 * left, each chain's kept draws in order; right, each chain's histogram of the ranks of its draws
 * among all chains' draws (Vehtari et al. 2021): chains that mixed have flat, overlapping rank
 * histograms. Ranks r = 1 … N of the pooled draws (ties averaged), binned into `bins` equal bins
 * of (r − 1)/N.
 */
import type { EChartsOption } from 'echarts';
import type { Cell } from '../../models/io/delimitedText';
import type { FitReport } from '../../models/report';
import { channelColor, gateGraphic } from './resultsChart';

/** Per chain, the counts of its draws' pooled ranks in `bins` equal bins. */
export function rankHistograms(chains: readonly (readonly number[])[], bins: number): number[][] {
  const pooled = chains.flatMap((values, chain) => values.map((value) => ({ value, chain })));
  pooled.sort((a, b) => a.value - b.value);
  const counts = chains.map(() => new Array<number>(bins).fill(0));
  const total = pooled.length;
  let i = 0;
  while (i < total) {
    let j = i;
    while (j + 1 < total && pooled[j + 1].value === pooled[i].value) j++;
    const rank = (i + j) / 2 + 1; // average rank of a tie, 1-based
    const bin = Math.min(bins - 1, Math.floor(((rank - 1) / total) * bins));
    for (let k = i; k <= j; k++) counts[pooled[k].chain][bin] += 1;
    i = j + 1;
  }
  return counts;
}

export function traceParameters(report: FitReport): string[] {
  return report.traces?.names ?? [];
}

export function buildTraceOption(report: FitReport, parameter: string): EChartsOption | null {
  const traces = report.traces;
  const k = traces?.names.indexOf(parameter) ?? -1;
  if (!traces || k < 0) return null;
  const chains = traces.chains.map((chain) => chain.values[k]);
  const bins = 20;
  const ranks = rankHistograms(chains, bins);
  return {
    animation: false,
    graphic: gateGraphic(report),
    title: [
      {
        text: `${parameter}: trace`,
        left: '2%',
        top: 4,
        textStyle: { fontSize: 12, fontWeight: 'normal' },
      },
      {
        text: 'rank histogram per chain',
        left: '64%',
        top: 4,
        textStyle: { fontSize: 12, fontWeight: 'normal' },
      },
    ],
    legend: { bottom: 0, data: traces.chains.map((chain) => `chain ${chain.chainId + 1}`) },
    tooltip: { trigger: 'axis' },
    grid: [
      { left: '6%', width: '54%', top: 36, bottom: 48 },
      { left: '66%', width: '31%', top: 36, bottom: 48 },
    ],
    xAxis: [
      {
        type: 'value',
        gridIndex: 0,
        name: `draw (every ${traces.thin})`,
        nameLocation: 'middle',
        nameGap: 22,
        axisLabel: { fontSize: 9 },
      },
      {
        type: 'category',
        gridIndex: 1,
        data: Array.from({ length: bins }, (_, b) => String(b + 1)),
        axisLabel: { show: false },
      },
    ],
    yAxis: [
      { type: 'value', gridIndex: 0, scale: true, axisLabel: { fontSize: 9 } },
      { type: 'value', gridIndex: 1, axisLabel: { fontSize: 9 } },
    ],
    series: traces.chains.flatMap((chain, c) => [
      {
        name: `chain ${chain.chainId + 1}`,
        type: 'line' as const,
        xAxisIndex: 0,
        yAxisIndex: 0,
        data: chains[c].map((value, j) => [j * traces.thin, value]),
        symbol: 'none',
        lineStyle: { width: 1, color: channelColor(c), opacity: 0.8 },
        itemStyle: { color: channelColor(c) },
      },
      {
        name: `chain ${chain.chainId + 1}`,
        type: 'line' as const,
        step: 'middle' as const,
        xAxisIndex: 1,
        yAxisIndex: 1,
        data: ranks[c],
        symbol: 'none',
        lineStyle: { width: 1.5, color: channelColor(c) },
        itemStyle: { color: channelColor(c) },
      },
    ]),
  };
}

export function traceRows(report: FitReport, parameter: string): Cell[][] {
  const traces = report.traces;
  const k = traces?.names.indexOf(parameter) ?? -1;
  if (!traces || k < 0) return [['chain', 'draw', parameter]];
  return [
    ['chain', 'draw', parameter],
    ...traces.chains.flatMap((chain) =>
      chain.values[k].map((value, j) => [chain.chainId + 1, j * traces.thin, value]),
    ),
  ];
}
