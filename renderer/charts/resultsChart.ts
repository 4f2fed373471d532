/**
 * What every Results chart shares: the gate's verdict drawn on the chart itself (a failed gate
 * marks each chart "provisional"), a 90% band as two stacked line series (ECharts draws the
 * band's area between them), the grid layout of small multiples, and the chart theme applied to a
 * built option (light or dark), so option builders stay pure functions of the report.
 */
import type { EChartsOption } from 'echarts';
import type { FitReport } from '../../models/report';
import { CHANNEL_COLORS } from './modelFrameOption';

export type Series = NonNullable<Extract<EChartsOption['series'], unknown[]>>[number];

export const FAILED_GATE_NOTE = 'Quality gate failed: provisional';

export function channelColor(index: number): string {
  return CHANNEL_COLORS[index % CHANNEL_COLORS.length];
}

/** The verdict as a corner note on the chart (none when the gate passed). */
export function gateGraphic(report: FitReport): EChartsOption['graphic'] {
  if (report.diagnostics.gatePassed) return [];
  return [
    {
      type: 'text',
      right: 12,
      top: 6,
      silent: true,
      style: { text: FAILED_GATE_NOTE, fill: '#b42318', font: 'bold 11px sans-serif' },
    },
  ];
}

/**
 * A central band as two series stacked on `stack`: an invisible lower edge and the visible width
 * (upper − lower) filled. Points with a missing edge are gaps.
 */
export function bandSeries(options: {
  readonly name: string;
  readonly stack: string;
  readonly lower: readonly number[];
  readonly upper: readonly number[];
  readonly color: string;
  readonly opacity?: number;
  readonly xAxisIndex?: number;
  readonly yAxisIndex?: number;
  readonly x?: readonly (number | string)[];
}): Series[] {
  const at = (values: readonly number[]) =>
    options.x ? values.map((v, i) => [options.x![i], v]) : [...values];
  const axes = {
    ...(options.xAxisIndex !== undefined ? { xAxisIndex: options.xAxisIndex } : {}),
    ...(options.yAxisIndex !== undefined ? { yAxisIndex: options.yAxisIndex } : {}),
  };
  return [
    {
      name: `${options.name} lower`,
      type: 'line',
      stack: options.stack,
      data: at(options.lower),
      symbol: 'none',
      lineStyle: { opacity: 0 },
      tooltip: { show: false },
      silent: true,
      ...axes,
    },
    {
      name: options.name,
      type: 'line',
      stack: options.stack,
      data: at(options.upper.map((u, i) => u - options.lower[i])),
      symbol: 'none',
      lineStyle: { opacity: 0 },
      areaStyle: { color: options.color, opacity: options.opacity ?? 0.22 },
      tooltip: { show: false },
      silent: true,
      ...axes,
    },
  ];
}

/** Holdout weeks shaded: the mark area from the first holdout week to the last week. */
export function holdoutMarkArea(report: FitReport): Record<string, unknown> | undefined {
  const { trainingWeeks, weeks } = report.data;
  if (trainingWeeks >= weeks) return undefined;
  const dates = report.decomposition.dates;
  return {
    silent: true,
    itemStyle: { color: 'rgba(136, 149, 167, 0.16)' },
    label: { show: true, position: 'insideTop', formatter: 'holdout', fontSize: 10 },
    data: [[{ xAxis: dates[trainingWeeks] }, { xAxis: dates[weeks - 1] }]],
  };
}

export interface GridCell {
  readonly left: string;
  readonly top: number;
  readonly width: string;
  readonly height: number;
}

/**
 * Small multiples: `count` panels in `columns` columns, each `height` px tall (plus a title
 * line); returns each panel's grid and the chart's total height. Readable at 7–20 channels: the
 * caller picks fewer columns for wide charts and the height grows with the rows.
 */
export function smallMultiples(
  count: number,
  columns: number,
  height = 150,
): { cells: GridCell[]; totalHeight: number; rowHeight: number } {
  const gap = 4;
  const width = (100 - gap * (columns + 1)) / columns;
  const rowHeight = height + 48;
  const cells = Array.from({ length: count }, (_, i) => ({
    left: `${gap + (i % columns) * (width + gap)}%`,
    top: 40 + Math.floor(i / columns) * rowHeight,
    width: `${width}%`,
    height,
  }));
  return { cells, totalHeight: 40 + Math.ceil(count / columns) * rowHeight, rowHeight };
}

/** One panel of small multiples drawn as a chart of its own (`splitSmallMultiples`). */
export interface ChartPart {
  readonly option: EChartsOption;
  /** The panel's height in px, its title line included. */
  readonly height: number;
}

/** The parts' layout: how many columns, and each part (in reading order). */
export interface ChartParts {
  readonly columns: number;
  readonly parts: readonly ChartPart[];
}

const asList = <T>(value: T | readonly T[] | undefined): readonly T[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as readonly T[]) : [value as T];

/**
 * The small multiples of an option built with `smallMultiples` (grid i with its title i, axes i and
 * the series on axes i) as one option per panel, so each panel is its own ECharts instance drawn in
 * its own main-thread task: one chart of 7–20 grids was one task of 60–110 ms in Chromium (a grid's
 * axes, labels and layout cost the same in one instance as in many). The whole option stays what
 * exports draw. Series keep their order; the gate's note is on every panel.
 */
export function splitSmallMultiples(
  option: EChartsOption,
  columns: number,
  panelHeight: number,
): ChartParts | null {
  const grids = asList(option.grid);
  if (grids.length < 2) return null;
  const titles = asList(option.title);
  const xAxes = asList(option.xAxis);
  const yAxes = asList(option.yAxis);
  const series = asList(option.series) as readonly Series[];
  const onGrid = (item: Series, i: number) =>
    ((item as { xAxisIndex?: number }).xAxisIndex ?? 0) === i;
  const parts = grids.map((_, i): ChartPart => {
    const title = titles[i] as Record<string, unknown> | undefined;
    return {
      height: panelHeight,
      option: {
        animation: false,
        ...(option.graphic ? { graphic: option.graphic } : {}),
        ...(option.tooltip ? { tooltip: option.tooltip } : {}),
        ...(title ? { title: { ...title, left: 4, top: 2 } } : {}),
        grid: { left: 4, right: 12, top: 28, bottom: 4, containLabel: true },
        xAxis: { ...(xAxes[i] as object), gridIndex: 0 },
        yAxis: { ...(yAxes[i] as object), gridIndex: 0 },
        series: series
          .filter((item) => onGrid(item, i))
          .map((item) => ({ ...item, xAxisIndex: 0, yAxisIndex: 0 }) as Series),
      } as EChartsOption,
    };
  });
  return { columns, parts };
}

/** Compact axis labels: 1.2M, 350k, 0.42. */
export function compact(value: number): string {
  const size = Math.abs(value);
  if (size >= 1e9) return `${(value / 1e9).toFixed(1)}B`;
  if (size >= 1e6) return `${(value / 1e6).toFixed(1)}M`;
  if (size >= 1e3) return `${(value / 1e3).toFixed(0)}k`;
  return Number.isInteger(value) ? String(value) : value.toPrecision(2);
}

export interface ChartTheme {
  readonly text: string;
  readonly muted: string;
  readonly line: string;
  readonly split: string;
}

export const CHART_THEMES: Readonly<Record<'light' | 'dark', ChartTheme>> = {
  light: { text: '#1f2933', muted: '#52606d', line: '#9aa5b1', split: '#e4e7eb' },
  dark: { text: '#e4e7eb', muted: '#9aa5b1', line: '#616e7c', split: '#323f4b' },
};

type Axis = Record<string, unknown>;

function themedAxis(axis: Axis, theme: ChartTheme): Axis {
  return {
    ...axis,
    nameTextStyle: { color: theme.muted, ...(axis.nameTextStyle as object) },
    axisLabel: { color: theme.muted, ...(axis.axisLabel as object) },
    axisLine: { lineStyle: { color: theme.line } },
    splitLine: { ...(axis.splitLine as object), lineStyle: { color: theme.split } },
  };
}

function themedAxes(axes: unknown, theme: ChartTheme): unknown {
  if (axes === undefined) return undefined;
  return Array.isArray(axes)
    ? axes.map((axis: Axis) => themedAxis(axis, theme))
    : themedAxis(axes as Axis, theme);
}

/** The option in the given theme: text and axis colours, transparent background. */
export function themedOption(option: EChartsOption, theme: ChartTheme): EChartsOption {
  const themed: EChartsOption = {
    ...option,
    backgroundColor: 'transparent',
    textStyle: { color: theme.text },
  };
  if (option.xAxis) themed.xAxis = themedAxes(option.xAxis, theme) as EChartsOption['xAxis'];
  if (option.yAxis) themed.yAxis = themedAxes(option.yAxis, theme) as EChartsOption['yAxis'];
  if (option.legend && !Array.isArray(option.legend))
    themed.legend = {
      ...option.legend,
      textStyle: { color: theme.text, ...option.legend.textStyle },
    };
  return themed;
}
