/**
 * Adstock decay per channel: the lag weights wₗ (share of a week's spend acting l weeks later,
 * Σ wₗ = 1) with their 90% bands, as small multiples. A report written before the weights were
 * stored has none: the chart says so instead of guessing.
 */
import type { EChartsOption } from 'echarts';
import type { Cell } from '../../models/io/delimitedText';
import type { FitReport } from '../../models/report';
import { bandSeries, channelColor, gateGraphic, smallMultiples } from './resultsChart';
import { gridColumns } from './resultsCurvesOption';

/** Height of one channel's panel (its plot; the title line comes on top). */
export const ADSTOCK_PANEL_HEIGHT = 110;

export function buildAdstockOption(report: FitReport): EChartsOption | null {
  const curves = report.adstockCurves;
  if (!curves || curves.length === 0) return null;
  const { cells } = smallMultiples(curves.length, gridColumns(curves.length), ADSTOCK_PANEL_HEIGHT);
  return {
    animation: false,
    graphic: gateGraphic(report),
    title: curves.map((curve, i) => ({
      text: curve.channel,
      left: cells[i].left,
      top: cells[i].top - 22,
      textStyle: { fontSize: 12, fontWeight: 'normal' },
    })),
    tooltip: { trigger: 'axis', valueFormatter: (value) => Number(value).toFixed(3) },
    grid: cells.map((cell) => ({ ...cell, containLabel: true })),
    xAxis: curves.map((curve, i) => ({
      type: 'category',
      gridIndex: i,
      data: curve.lags.map(String),
      name: i === 0 ? 'lag (weeks)' : '',
      axisLabel: { fontSize: 9 },
    })),
    yAxis: curves.map((_, i) => ({
      type: 'value',
      gridIndex: i,
      min: 0,
      axisLabel: { fontSize: 9 },
    })),
    series: curves.flatMap((curve, i) => [
      ...bandSeries({
        name: `${curve.channel} 90% band`,
        stack: `adstock-${i}`,
        lower: curve.lower,
        upper: curve.upper,
        color: channelColor(i),
        xAxisIndex: i,
        yAxisIndex: i,
      }),
      {
        name: curve.channel,
        type: 'line',
        data: curve.mean,
        symbol: 'circle',
        symbolSize: 4,
        lineStyle: { width: 2, color: channelColor(i) },
        itemStyle: { color: channelColor(i) },
        xAxisIndex: i,
        yAxisIndex: i,
      },
    ]),
  };
}

export function adstockHeight(report: FitReport): number {
  const count = report.adstockCurves?.length ?? 0;
  return count === 0
    ? 0
    : smallMultiples(count, gridColumns(count), ADSTOCK_PANEL_HEIGHT).totalHeight;
}

export function adstockRows(report: FitReport): Cell[][] {
  return [
    ['channel', 'lag', 'weight', 'lower', 'upper'],
    ...(report.adstockCurves ?? []).flatMap((curve) =>
      curve.lags.map((lag, l) => [
        curve.channel,
        lag,
        curve.mean[l],
        curve.lower[l],
        curve.upper[l],
      ]),
    ),
  ];
}
