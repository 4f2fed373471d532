/**
 * ECharts option for the geo × channel view of a geo fit: a heat map with one cell per geo and
 * channel coloured by the posterior mean ROI (KPI per unit of spend), its 90% HDI and contribution
 * in the tooltip; a geo that did not buy a channel has an empty cell. Geos are listed top to bottom
 * in the report's order, channels left to right.
 */
import type { EChartsOption } from 'echarts';
import type { Cell } from '../../models/io/delimitedText';
import type { GeoResult } from '../../models/report';

export interface GeoRoiCell {
  readonly geo: string;
  readonly channel: string;
  /** null where the geo had no spend on the channel. */
  readonly roi: { readonly mean: number; readonly lo: number; readonly hi: number } | null;
  readonly contribution: { readonly mean: number; readonly lo: number; readonly hi: number };
}

export interface GeoRoiData {
  readonly geos: readonly string[];
  readonly channels: readonly string[];
  /** Geo-major: cell of geo g and channel c at [g·C + c]. */
  readonly cells: readonly GeoRoiCell[];
}

/** The chart's data from a report's geo section. */
export function geoRoiData(geo: GeoResult): GeoRoiData {
  const channels = geo.geos[0]?.channels.map((c) => c.name) ?? [];
  return {
    geos: geo.geos.map((g) => g.name),
    channels,
    cells: geo.geos.flatMap((g) =>
      g.channels.map((c) => ({
        geo: g.name,
        channel: c.name,
        roi: c.roi,
        contribution: c.contribution,
      })),
    ),
  };
}

const digits = (value: number): string => value.toPrecision(3);

/** The chart's CSV rows: one per geo and channel (empty ROI cells where the geo did not spend). */
export function geoRoiRows(data: GeoRoiData): Cell[][] {
  return [
    [
      'geo',
      'channel',
      'roi',
      'roi_lower',
      'roi_upper',
      'contribution',
      'contribution_lower',
      'contribution_upper',
    ],
    ...data.cells.map((cell) => [
      cell.geo,
      cell.channel,
      cell.roi?.mean ?? null,
      cell.roi?.lo ?? null,
      cell.roi?.hi ?? null,
      cell.contribution.mean,
      cell.contribution.lo,
      cell.contribution.hi,
    ]),
  ];
}

/** Pixels: room for every geo's row, the axis labels and the colour scale. */
export function geoRoiHeight(data: GeoRoiData): number {
  return Math.max(220, 110 + 22 * data.geos.length);
}

export function buildGeoRoiOption(data: GeoRoiData): EChartsOption {
  const { geos, channels, cells } = data;
  // Category axes draw bottom-up: geo g sits at row G − 1 − g so the first geo is on top.
  const row = (g: number) => geos.length - 1 - g;
  const values = cells.flatMap((cell) => (cell.roi ? [cell.roi.mean] : []));
  const min = values.length ? Math.min(...values) : 0;
  const max = values.length ? Math.max(...values) : 1;
  const points = cells.map((cell, i) => {
    const g = Math.floor(i / channels.length);
    const c = i % channels.length;
    return [c, row(g), cell.roi ? cell.roi.mean : '-'] as [number, number, number | string];
  });
  return {
    animation: false,
    grid: { left: 110, right: 24, top: 16, bottom: 84 },
    tooltip: {
      trigger: 'item',
      // Geo and channel names come from files: rich text, never HTML.
      renderMode: 'richText',
      formatter: (params: unknown) => {
        const index = (params as { dataIndex?: number }).dataIndex ?? -1;
        const cell = cells[index];
        if (!cell) return '';
        const contribution = `contribution ${digits(cell.contribution.mean)} [${digits(cell.contribution.lo)}, ${digits(cell.contribution.hi)}]`;
        return cell.roi
          ? `${cell.geo} · ${cell.channel}: ROI ${digits(cell.roi.mean)} [${digits(cell.roi.lo)}, ${digits(cell.roi.hi)}] (90% HDI); ${contribution}`
          : `${cell.geo} · ${cell.channel}: no spend`;
      },
    },
    xAxis: {
      type: 'category',
      data: [...channels],
      splitArea: { show: true },
      axisLabel: { fontSize: 11 },
    },
    yAxis: {
      type: 'category',
      data: [...geos].reverse(),
      splitArea: { show: true },
      axisLabel: { fontSize: 11 },
    },
    visualMap: {
      type: 'continuous',
      min,
      max: max > min ? max : min + 1,
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 8,
      text: ['ROI high', 'low'],
      inRange: { color: ['#d7e3f4', '#4e79a7', '#f28e2b'] },
    },
    series: [
      {
        name: 'ROI (posterior mean)',
        type: 'heatmap',
        data: points,
        label: {
          show: cells.length <= 160,
          fontSize: 10,
          formatter: (params: unknown) => {
            const value = (params as { value?: unknown[] }).value?.[2];
            return typeof value === 'number' ? digits(value) : '';
          },
        },
        emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } },
      },
    ],
  };
}
