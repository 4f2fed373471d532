/**
 * ROI and marginal ROI per channel with their 90% HDIs, side by side: channel k sits at y = k, its
 * ROI interval at k − 0.17 and its mROI interval at k + 0.17, so both read on one value axis, with
 * the break-even line at 1. Sortable by name, spend, ROI or mROI (descending for numbers).
 */
import type { EChartsOption } from 'echarts';
import type { Cell } from '../../models/io/delimitedText';
import type { ChannelResult, FitReport } from '../../models/report';
import { channelColor, gateGraphic } from './resultsChart';

export type RoiSort = 'name' | 'spend' | 'roi' | 'mroi';

export function sortedChannels(report: FitReport, sort: RoiSort): ChannelResult[] {
  const channels = [...report.channels];
  if (sort === 'name') return channels.sort((a, b) => a.name.localeCompare(b.name));
  const key = (c: ChannelResult) =>
    sort === 'spend' ? c.spend : sort === 'roi' ? c.roi.mean : c.mroi.mean;
  return channels.sort((a, b) => key(b) - key(a));
}

const OFFSET = 0.17;

type Point = [number, number] | '-';

export function buildRoiOption(report: FitReport, sort: RoiSort): EChartsOption {
  const channels = sortedChannels(report, sort);
  // y grows upwards: the first channel of the order is drawn on top.
  const y = (k: number) => channels.length - 1 - k;
  const segments = (pick: (c: ChannelResult) => ChannelResult['roi'], shift: number): Point[] =>
    channels.flatMap((c, k): Point[] => [
      [pick(c).lo, y(k) + shift],
      [pick(c).hi, y(k) + shift],
      '-',
    ]);
  const means = (pick: (c: ChannelResult) => ChannelResult['roi'], shift: number): Point[] =>
    channels.map((c, k): Point => [pick(c).mean, y(k) + shift]);
  const roiColor = channelColor(0);
  const mroiColor = channelColor(1);
  const describe = (c: ChannelResult) =>
    `${c.name}: ROI ${c.roi.mean.toFixed(2)} [${c.roi.lo.toFixed(2)}, ${c.roi.hi.toFixed(2)}], mROI ${c.mroi.mean.toFixed(2)} [${c.mroi.lo.toFixed(2)}, ${c.mroi.hi.toFixed(2)}]`;
  return {
    animation: false,
    grid: { left: 110, right: 24, top: 40, bottom: 44 },
    legend: { top: 4, left: 8, data: ['ROI', 'marginal ROI'] },
    graphic: gateGraphic(report),
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => {
        const value = (params as { value?: [number, number] }).value;
        const k = value ? channels.length - 1 - Math.round(value[1]) : -1;
        return channels[k] ? describe(channels[k]) : '';
      },
    },
    xAxis: {
      type: 'value',
      name: `${report.data.kpiName} per unit of spend (90% HDI)`,
      nameLocation: 'middle',
      nameGap: 26,
      axisLabel: { fontSize: 10 },
    },
    yAxis: {
      type: 'value',
      min: -0.6,
      max: channels.length - 0.4,
      interval: 1,
      axisLabel: {
        fontSize: 11,
        formatter: (value: number) => channels[channels.length - 1 - Math.round(value)]?.name ?? '',
      },
      splitLine: { show: false },
    },
    series: [
      {
        name: 'ROI',
        type: 'line',
        data: segments((c) => c.roi, -OFFSET),
        connectNulls: false,
        symbol: 'none',
        lineStyle: { width: 5, color: roiColor, opacity: 0.5 },
        itemStyle: { color: roiColor },
        tooltip: { show: false },
      },
      {
        name: 'ROI',
        type: 'scatter',
        data: means((c) => c.roi, -OFFSET),
        symbol: 'diamond',
        symbolSize: 11,
        itemStyle: { color: roiColor },
      },
      {
        name: 'marginal ROI',
        type: 'line',
        data: segments((c) => c.mroi, OFFSET),
        connectNulls: false,
        symbol: 'none',
        lineStyle: { width: 5, color: mroiColor, opacity: 0.5 },
        itemStyle: { color: mroiColor },
        tooltip: { show: false },
      },
      {
        name: 'marginal ROI',
        type: 'scatter',
        data: means((c) => c.mroi, OFFSET),
        symbol: 'circle',
        symbolSize: 9,
        itemStyle: { color: mroiColor },
        markLine: {
          silent: true,
          symbol: 'none',
          label: { formatter: 'break-even', fontSize: 10 },
          lineStyle: { type: 'dashed', color: '#8895a7' },
          data: [{ xAxis: 1 }],
        },
      },
    ],
  };
}

export function roiRows(report: FitReport, sort: RoiSort = 'name'): Cell[][] {
  return [
    ['channel', 'spend', 'roi', 'roi_lower', 'roi_upper', 'mroi', 'mroi_lower', 'mroi_upper'],
    ...sortedChannels(report, sort).map((c) => [
      c.name,
      c.spend,
      c.roi.mean,
      c.roi.lo,
      c.roi.hi,
      c.mroi.mean,
      c.mroi.lo,
      c.mroi.hi,
    ]),
  ];
}
