/**
 * Exports a chart as PNG (the option drawn by ECharts' canvas renderer off screen, at twice its
 * resolution), SVG (the same option drawn by its SVG renderer off screen) or its data as CSV
 * (models/io/delimitedText: formula-safe), as downloads named after the chart. Both images draw the
 * whole option, so a chart shown as small multiples (one instance per panel) exports as one.
 */
import type { EChartsOption } from 'echarts';
import { init, type EChartsType } from 'echarts/core';
import { toCsv, toTsv, type Cell } from '../../models/io/delimitedText';
import { downloadBlob } from '../platform';
import '../charts/echarts';

export type ExportKind = 'png' | 'svg' | 'csv';

export interface ExportSource {
  readonly name: string;
  readonly option: EChartsOption;
  readonly rows: readonly (readonly Cell[])[];
  readonly width: number;
  readonly height: number;
  readonly background: string;
}

function dataUrlBlob(url: string): Blob {
  const [head, body] = url.split(',');
  const type = /data:([^;]+)/.exec(head)?.[1] ?? 'application/octet-stream';
  const bytes = Uint8Array.from(atob(body), (char) => char.charCodeAt(0));
  return new Blob([bytes], { type });
}

/** Draws `option` (no animation) on a chart made for it off screen, reads it, and disposes of it. */
function drawnOffscreen<T>(
  chart: EChartsType,
  option: EChartsOption,
  read: (chart: EChartsType) => T,
): T {
  try {
    chart.setOption({ ...option, animation: false });
    return read(chart);
  } finally {
    chart.dispose();
  }
}

/** The option drawn as an SVG document, off screen. */
export function chartSvg(option: EChartsOption, width: number, height: number): string {
  const chart = init(null, undefined, { renderer: 'svg', ssr: true, width, height });
  return drawnOffscreen(chart, option, (drawn) => drawn.renderToSVGString());
}

/** The option drawn on a canvas off screen (never attached to the page), as a PNG data URL. */
export function chartPng(
  option: EChartsOption,
  width: number,
  height: number,
  background: string,
): string {
  const chart = init(document.createElement('div'), undefined, {
    renderer: 'canvas',
    width,
    height,
  });
  return drawnOffscreen(chart, { ...option, backgroundColor: background }, (drawn) =>
    drawn.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: background }),
  );
}

export function exportChart(kind: ExportKind, source: ExportSource): void {
  const stem = source.name.replace(/[^A-Za-z0-9._-]+/g, '-');
  if (kind === 'csv') {
    downloadBlob(`${stem}.csv`, new Blob([toCsv(source.rows)], { type: 'text/csv' }));
  } else if (kind === 'svg') {
    const svg = chartSvg(
      { ...source.option, backgroundColor: source.background },
      source.width,
      source.height,
    );
    downloadBlob(`${stem}.svg`, new Blob([svg], { type: 'image/svg+xml' }));
  } else {
    const url = chartPng(source.option, source.width, source.height, source.background);
    downloadBlob(`${stem}.png`, dataUrlBlob(url));
  }
}

/** Copies a table (header first) to the clipboard as TSV; false when the clipboard refused. */
export async function copyTable(rows: readonly (readonly Cell[])[]): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(toTsv(rows));
    return true;
  } catch {
    return false;
  }
}
