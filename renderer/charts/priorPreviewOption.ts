/**
 * The prior-predictive preview before fitting: left, each channel's ROI range the priors allow
 * (central 90% and the mean); right, for one channel, response curves of single prior draws and
 * the 90% band of all draws — the shapes the priors leave open. Nothing here has seen the KPI.
 */
import type { EChartsOption } from 'echarts';
import { bandSeries, channelColor, compact } from './resultsChart';

/** The preview as it comes back from its worker (plain arrays). */
export interface PriorPreviewData {
  readonly draws: number;
  readonly roi: readonly { channel: string; mean: number; lower: number; upper: number }[];
  readonly curves: readonly {
    channel: string;
    spend: number[];
    mean: number[];
    lower: number[];
    upper: number[];
    currentIndex: number;
  }[];
  /** examples[c][k][i]: incremental KPI of draw k at spend index i for channel c. */
  readonly examples: readonly (readonly number[][])[];
}

type Point = [number, number] | '-';

export function buildPriorPreviewOption(preview: PriorPreviewData, channel: string): EChartsOption {
  const c = Math.max(
    0,
    preview.curves.findIndex((curve) => curve.channel === channel),
  );
  const curve = preview.curves[c];
  const rows = preview.roi;
  const y = (k: number) => rows.length - 1 - k;
  const segments: Point[] = rows.flatMap((r, k): Point[] => [
    [r.lower, y(k)],
    [r.upper, y(k)],
    '-',
  ]);
  return {
    animation: false,
    title: [
      {
        text: 'ROI the priors allow (90%)',
        left: '2%',
        top: 2,
        textStyle: { fontSize: 12, fontWeight: 'normal' },
      },
      {
        text: `${curve.channel}: response curves of prior draws`,
        left: '46%',
        top: 2,
        textStyle: { fontSize: 12, fontWeight: 'normal' },
      },
    ],
    tooltip: { trigger: 'item' },
    grid: [
      { left: 90, width: '30%', top: 30, bottom: 36 },
      { left: '50%', right: 20, top: 30, bottom: 36 },
    ],
    xAxis: [
      { type: 'value', gridIndex: 0, axisLabel: { fontSize: 9 } },
      {
        type: 'value',
        gridIndex: 1,
        name: 'spend',
        nameLocation: 'middle',
        nameGap: 22,
        axisLabel: { formatter: (value: number) => compact(value), fontSize: 9 },
      },
    ],
    yAxis: [
      {
        type: 'value',
        gridIndex: 0,
        min: -0.5,
        max: rows.length - 0.5,
        interval: 1,
        splitLine: { show: false },
        axisLabel: {
          fontSize: 10,
          formatter: (value: number) => rows[rows.length - 1 - Math.round(value)]?.channel ?? '',
        },
      },
      {
        type: 'value',
        gridIndex: 1,
        axisLabel: { formatter: (value: number) => compact(value), fontSize: 9 },
      },
    ],
    series: [
      {
        name: 'ROI 90% range',
        type: 'line',
        xAxisIndex: 0,
        yAxisIndex: 0,
        data: segments,
        connectNulls: false,
        symbol: 'none',
        lineStyle: { width: 5, color: channelColor(0), opacity: 0.5 },
      },
      {
        name: 'ROI mean',
        type: 'scatter',
        xAxisIndex: 0,
        yAxisIndex: 0,
        data: rows.map((r, k) => [r.mean, y(k)]),
        symbol: 'diamond',
        symbolSize: 10,
        itemStyle: { color: channelColor(0) },
      },
      ...bandSeries({
        name: '90% band',
        stack: 'prior-band',
        lower: curve.lower,
        upper: curve.upper,
        x: curve.spend,
        color: channelColor(c),
        opacity: 0.15,
        xAxisIndex: 1,
        yAxisIndex: 1,
      }),
      ...preview.examples[c].map((values) => ({
        name: 'prior draw',
        type: 'line' as const,
        xAxisIndex: 1,
        yAxisIndex: 1,
        data: values.map((v, i) => [curve.spend[i], v]),
        symbol: 'none',
        silent: true,
        lineStyle: { width: 1, color: channelColor(c), opacity: 0.6 },
      })),
    ],
  };
}
