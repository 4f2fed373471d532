/**
 * Response curves: spend over the training period → incremental KPI per channel, posterior mean
 * with its 90% band, the current spend marked, and the spend at which marginal ROI falls to 1:
 *
 *   mROI(s) = dR/ds ≈ (R(s_{k+1}) − R(s_k)) / (s_{k+1} − s_k)   at s = (s_k + s_{k+1}) / 2
 *
 * on the stored grid of the mean curve; the break-even spend is where this slope crosses 1 going
 * down (linear between the two midpoints). None when the slope is below 1 from the start, or still
 * above 1 at the grid's end (2 × the current spend). One channel at a time, or small multiples
 * (3 or 4 columns, so 20 channels stay readable).
 */
import type { EChartsOption } from 'echarts';
import type { Cell } from '../../models/io/delimitedText';
import type { FitReport } from '../../models/report';
import {
  bandSeries,
  channelColor,
  compact,
  gateGraphic,
  smallMultiples,
  type Series,
} from './resultsChart';

type Curve = FitReport['responseCurves'][number];

/** Spend where the mean curve's marginal ROI falls to 1, or null (see the module comment). */
export function breakEvenSpend(curve: Pick<Curve, 'spend' | 'mean'>): number | null {
  const { spend, mean } = curve;
  const slopes: { at: number; slope: number }[] = [];
  for (let k = 0; k + 1 < spend.length; k++) {
    const width = spend[k + 1] - spend[k];
    if (width > 0)
      slopes.push({ at: (spend[k] + spend[k + 1]) / 2, slope: (mean[k + 1] - mean[k]) / width });
  }
  for (let k = slopes.length - 2; k >= 0; k--) {
    const [a, b] = [slopes[k], slopes[k + 1]];
    if (a.slope >= 1 && b.slope < 1)
      return a.at + ((a.slope - 1) / (a.slope - b.slope)) * (b.at - a.at);
  }
  return null;
}

function curveSeries(curve: Curve, color: string, axis: number, name: string): Series[] {
  const breakEven = breakEvenSpend(curve);
  const markData: { name: string; coord: [number, number]; [key: string]: unknown }[] = [
    {
      name: 'current spend',
      coord: [curve.currentSpend, curve.mean[curve.currentIndex] ?? 0],
      symbol: 'circle',
      symbolSize: 9,
      itemStyle: { color: '#1f2933' },
      label: { show: true, formatter: 'now', position: 'top', fontSize: 10 },
    },
  ];
  if (breakEven !== null) {
    const index = curve.spend.findIndex((s) => s >= breakEven);
    const k = Math.max(1, index);
    const t = (breakEven - curve.spend[k - 1]) / (curve.spend[k] - curve.spend[k - 1]);
    const y = curve.mean[k - 1] + t * (curve.mean[k] - curve.mean[k - 1]);
    markData.push({
      name: 'mROI = 1',
      coord: [breakEven, y],
      symbol: 'triangle',
      symbolSize: 10,
      itemStyle: { color: '#e15759' },
      label: { show: true, formatter: 'mROI 1', position: 'bottom', fontSize: 10 },
    });
  }
  return [
    ...bandSeries({
      name: `${name} 90% band`,
      stack: `curve-${axis}`,
      lower: curve.lower,
      upper: curve.upper,
      x: curve.spend,
      color,
      xAxisIndex: axis,
      yAxisIndex: axis,
    }),
    {
      name,
      type: 'line',
      data: curve.spend.map((s, k) => [s, curve.mean[k]]),
      symbol: 'none',
      lineStyle: { width: 2, color },
      itemStyle: { color },
      xAxisIndex: axis,
      yAxisIndex: axis,
      markPoint: { data: markData },
    },
  ];
}

export type CurvesView =
  { readonly mode: 'single'; readonly channel: string } | { readonly mode: 'grid' };

/** Height of one channel's panel in the small multiples (its plot; the title line comes on top). */
export const CURVE_PANEL_HEIGHT = 130;

/** Columns of the small multiples: 3 up to 9 channels, else 4. */
export function gridColumns(channels: number): number {
  return channels <= 9 ? 3 : 4;
}

export function buildResponseCurvesOption(report: FitReport, view: CurvesView): EChartsOption {
  const curves = report.responseCurves;
  const kpi = report.data.kpiName;
  if (view.mode === 'single') {
    const index = Math.max(
      0,
      curves.findIndex((c) => c.channel === view.channel),
    );
    const curve = curves[index];
    return {
      animation: false,
      grid: { left: 72, right: 28, top: 40, bottom: 48 },
      graphic: gateGraphic(report),
      tooltip: { trigger: 'axis', valueFormatter: (value) => compact(Number(value)) },
      legend: { top: 4, left: 8, data: [curve.channel, `${curve.channel} 90% band`] },
      xAxis: {
        type: 'value',
        name: 'spend over the training weeks',
        nameLocation: 'middle',
        nameGap: 28,
        axisLabel: { formatter: (value: number) => compact(value), fontSize: 10 },
      },
      yAxis: {
        type: 'value',
        name: `incremental ${kpi}`,
        axisLabel: { formatter: (value: number) => compact(value), fontSize: 10 },
      },
      series: curveSeries(curve, channelColor(index), 0, curve.channel),
    };
  }
  const columns = gridColumns(curves.length);
  const { cells } = smallMultiples(curves.length, columns, CURVE_PANEL_HEIGHT);
  return {
    animation: false,
    graphic: gateGraphic(report),
    title: curves.map((curve, i) => ({
      text: curve.channel,
      left: cells[i].left,
      top: cells[i].top - 22,
      textStyle: { fontSize: 12, fontWeight: 'normal' },
    })),
    tooltip: { trigger: 'axis', valueFormatter: (value) => compact(Number(value)) },
    grid: cells.map((cell) => ({ ...cell, containLabel: true })),
    xAxis: curves.map((_, i) => ({
      type: 'value',
      gridIndex: i,
      axisLabel: { formatter: (value: number) => compact(value), fontSize: 9 },
    })),
    yAxis: curves.map((_, i) => ({
      type: 'value',
      gridIndex: i,
      axisLabel: { formatter: (value: number) => compact(value), fontSize: 9 },
    })),
    series: curves.flatMap((curve, i) => curveSeries(curve, channelColor(i), i, curve.channel)),
  };
}

/** Height of the chart for a view (small multiples grow with the rows). */
export function responseCurvesHeight(report: FitReport, view: CurvesView): number {
  if (view.mode === 'single') return 360;
  const count = report.responseCurves.length;
  return smallMultiples(count, gridColumns(count), CURVE_PANEL_HEIGHT).totalHeight;
}

export function responseCurveRows(report: FitReport): Cell[][] {
  return [
    ['channel', 'multiplier', 'spend', 'incremental', 'lower', 'upper', 'break_even_spend'],
    ...report.responseCurves.flatMap((curve) => {
      const breakEven = breakEvenSpend(curve);
      return curve.spend.map((s, k) => [
        curve.channel,
        curve.multipliers[k],
        s,
        curve.mean[k],
        curve.lower[k],
        curve.upper[k],
        breakEven,
      ]);
    }),
  ];
}
