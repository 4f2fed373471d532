/**
 * What `mmm fit --geo` adds to its output: with --json a `geos` array (per geo: name, population,
 * and per channel spend, ROI and contribution as mean and 90% HDI; ROI null where the geo did not
 * spend), beside `channels`, which stays the national summary (Σ over geos of contribution / Σ
 * spend); as text a geo × channel table of posterior mean ROI.
 */
import type { FitReport } from '../../models/report';

export function geoJsonSummary(report: FitReport): object {
  if (!report.geo) return {};
  return {
    geos: report.geo.geos.map((geo) => ({
      name: geo.name,
      population: geo.population,
      channels: geo.channels.map((channel) => ({ ...channel })),
    })),
    geoSpread: report.geo.spread,
    nationallyAllocated: report.geo.nationallyAllocated,
  };
}

export function geoTextSummary(report: FitReport): string {
  if (!report.geo) return '';
  const channels = report.data.channels;
  const rows = [
    ['geo', 'population', ...channels],
    ...report.geo.geos.map((geo) => [
      geo.name,
      geo.population === null ? '—' : String(Math.round(geo.population)),
      ...geo.channels.map((channel) => (channel.roi ? channel.roi.mean.toFixed(3) : '—')),
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const lines = rows.map(
    (row) =>
      '  ' +
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
        .join('  '),
  );
  const spread = report.geo.spread
    .map(
      (s) =>
        `${s.channel} ${s.value.mean.toFixed(2)} [${s.value.lo.toFixed(2)}, ${s.value.hi.toFixed(2)}]`,
    )
    .join(', ');
  const allocated = report.geo.nationallyAllocated.length
    ? `\nallocated to geos by population share (national spend only): ${report.geo.nationallyAllocated.join(', ')}`
    : '';
  return `\n\nROI by geo (posterior mean; — where the geo did not spend):\n${lines.join('\n')}\ngeo spread τ of log ROI: ${spread}${allocated}`;
}
