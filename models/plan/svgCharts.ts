/**
 * Small static SVG charts for the one-page report, drawn as strings by our own code (no scripts,
 * no external references). Every label is escaped; every coordinate is a finite number rounded
 * to 0.1 px. Linear scales:
 *
 *   x(v) = left + (v − x₀) / (x₁ − x₀) · (width − left − right)
 *   y(v) = height − bottom − (v − y₀) / (y₁ − y₀) · (height − top − bottom)
 */
import escapeHtml from 'escape-html';
import { shortNumber } from './planSummary';

export interface CurveData {
  readonly channel: string;
  /** Grid of spend (currency) and the response there (KPI units): mean and band. */
  readonly spend: readonly number[];
  readonly mean: readonly number[];
  readonly lower: readonly number[];
  readonly upper: readonly number[];
  readonly currentSpend: number;
}

export interface AllocationRow {
  readonly channel: string;
  readonly reference: number;
  readonly spend: number;
}

const WIDTH = 320;
const HEIGHT = 190;
const MARGIN = { top: 26, right: 12, bottom: 30, left: 52 };

const round = (v: number): string => (Math.round(v * 10) / 10).toString();

export function scale(domain: readonly [number, number], range: readonly [number, number]) {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (v: number): number => r0 + ((v - d0) / span) * (r1 - r0);
}

function finiteMax(values: readonly number[]): number {
  let max = 0;
  for (const v of values) if (Number.isFinite(v) && v > max) max = v;
  return max;
}

/** One channel's response curve: the band, the mean line, the current spend marked. */
export function responseCurveSvg(curve: CurveData): string {
  const plotRight = WIDTH - MARGIN.right;
  const plotBottom = HEIGHT - MARGIN.bottom;
  const xMax = finiteMax(curve.spend) || 1;
  const yMax = finiteMax([...curve.upper, ...curve.mean]) || 1;
  const x = scale([0, xMax], [MARGIN.left, plotRight]);
  const y = scale([0, yMax], [plotBottom, MARGIN.top]);
  const point = (i: number, values: readonly number[]) =>
    `${round(x(curve.spend[i]))},${round(y(values[i]))}`;
  const indices = curve.spend.map((_, i) => i);
  const band = [
    ...indices.map((i) => point(i, curve.upper)),
    ...[...indices].reverse().map((i) => point(i, curve.lower)),
  ].join(' ');
  const line = curve.spend.map((_, i) => point(i, curve.mean)).join(' ');
  const current = round(x(curve.currentSpend));
  const label = escapeHtml(curve.channel);
  return [
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="Response curve of ${label}">`,
    `<text x="${MARGIN.left}" y="16" class="chart-title">${label}</text>`,
    `<line class="axis" x1="${MARGIN.left}" y1="${plotBottom}" x2="${plotRight}" y2="${plotBottom}"/>`,
    `<line class="axis" x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${plotBottom}"/>`,
    `<polygon class="band" points="${band}"/>`,
    `<polyline class="mean" points="${line}"/>`,
    `<line class="current" x1="${current}" y1="${MARGIN.top}" x2="${current}" y2="${plotBottom}"/>`,
    `<text x="${MARGIN.left - 4}" y="${MARGIN.top + 4}" class="tick end">${escapeHtml(shortNumber(yMax))}</text>`,
    `<text x="${MARGIN.left - 4}" y="${plotBottom}" class="tick end">0</text>`,
    `<text x="${plotRight}" y="${HEIGHT - 10}" class="tick end">${escapeHtml(shortNumber(xMax))}</text>`,
    `<text x="${current}" y="${HEIGHT - 10}" class="tick middle">current</text>`,
    '</svg>',
  ].join('');
}

/** The chosen allocation against the reference, one pair of bars per channel. */
export function allocationSvg(rows: readonly AllocationRow[]): string {
  const rowHeight = 26;
  const labelWidth = 120;
  const width = 640;
  const height = MARGIN.top + rows.length * rowHeight + 10;
  const xMax = finiteMax(rows.flatMap((row) => [row.reference, row.spend])) || 1;
  const x = scale([0, xMax], [labelWidth, width - 70]);
  const bars = rows.map((row, i) => {
    const top = MARGIN.top + i * rowHeight;
    const label = escapeHtml(row.channel);
    return [
      `<text x="${labelWidth - 6}" y="${top + 15}" class="tick end">${label}</text>`,
      `<rect class="reference" x="${labelWidth}" y="${top + 2}" width="${round(x(row.reference) - labelWidth)}" height="9"/>`,
      `<rect class="chosen" x="${labelWidth}" y="${top + 12}" width="${round(x(row.spend) - labelWidth)}" height="9"/>`,
      `<text x="${round(x(Math.max(row.spend, row.reference)) + 4)}" y="${top + 15}" class="tick">${escapeHtml(shortNumber(row.spend))}</text>`,
    ].join('');
  });
  return [
    `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Allocation against reference">`,
    `<rect class="reference" x="${labelWidth}" y="6" width="12" height="9"/><text x="${labelWidth + 16}" y="14" class="tick">reference</text>`,
    `<rect class="chosen" x="${labelWidth + 100}" y="6" width="12" height="9"/><text x="${labelWidth + 116}" y="14" class="tick">scenario</text>`,
    ...bars,
    '</svg>',
  ].join('');
}
