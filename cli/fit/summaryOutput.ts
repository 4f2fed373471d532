/**
 * What `mmm fit` prints: with --json one object (channels, diagnostics, fit, timing, data, spec,
 * sampler — the full report with draws and curves goes to --out); otherwise a readable table.
 */
import type { FitReport } from '../../models/report';

export function jsonSummary(report: FitReport, out: string | null): object {
  const { chains: _chains, ...diagnostics } = report.diagnostics;
  return {
    kind: 'mmm-fit-summary',
    channels: report.channels,
    diagnostics,
    fit: report.fit,
    timing: report.timing,
    data: report.data,
    spec: {
      adstock: report.spec.adstock,
      maxLag: report.spec.maxLag,
      saturation: report.spec.saturation,
      parametrisation: report.spec.parametrisation,
      likelihood: report.spec.likelihood,
      holdoutWeeks: report.spec.holdoutWeeks,
    },
    sampler: report.sampler,
    out,
  };
}

function money(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 1e9) return `${(value / 1e9).toFixed(2)}B`;
  if (magnitude >= 1e6) return `${(value / 1e6).toFixed(2)}M`;
  if (magnitude >= 1e4) return `${(value / 1e3).toFixed(1)}k`;
  return value.toFixed(2);
}

function ratio(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(1) : value.toFixed(3);
}

/** Rows as aligned text: the first column left-aligned, the others right-aligned. */
export function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows.map(
    (row) =>
      '  ' +
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
        .join('  '),
  );
}

const optional = (value: number | null, digits: number): string =>
  value === null ? 'n/a' : value.toFixed(digits);

export function textSummary(report: FitReport, out: string | null): string {
  const { spec, sampler, data, diagnostics: d, fit, timing } = report;
  const lines = [
    `MMM fit — ${data.source ?? 'data'}: ${data.weeks} weeks (${data.firstWeek} … ${data.lastWeek})${spec.holdoutWeeks ? `, last ${spec.holdoutWeeks} held out` : ''}, KPI ${data.kpiName}, ${data.channels.length} channels, ${data.controls.length} controls`,
    `model: ${spec.adstock} adstock (${spec.maxLag} lags), ${spec.saturation} saturation, ${spec.parametrisation} parametrisation; ${sampler.chains} chains × (${sampler.warmup} warmup + ${sampler.draws} draws), seed ${sampler.seed}`,
    '',
    ...table([
      ['channel', 'spend', 'ROI', '90% HDI', 'mROI', '90% HDI', 'contribution', '90% HDI'],
      ...report.channels.map((c) => [
        c.name,
        money(c.spend),
        ratio(c.roi.mean),
        `[${ratio(c.roi.lo)}, ${ratio(c.roi.hi)}]`,
        ratio(c.mroi.mean),
        `[${ratio(c.mroi.lo)}, ${ratio(c.mroi.hi)}]`,
        money(c.contribution.mean),
        `[${money(c.contribution.lo)}, ${money(c.contribution.hi)}]`,
      ]),
    ]),
    '',
    `fit: R² ${fit.r2.toFixed(3)}, MAPE ${optional(fit.mape === null ? null : 100 * fit.mape, 2)}%, NRMSE ${optional(fit.nrmse, 3)}${fit.holdoutMape === null ? '' : `, holdout MAPE ${(100 * fit.holdoutMape).toFixed(2)}%`}`,
    `diagnostics: max R-hat ${optional(d.rhatMax, 3)}, min bulk ESS ${optional(d.essBulkMin, 0)}, min tail ESS ${optional(d.essTailMin, 0)}, ${d.divergences} divergences, ${d.treeDepthSaturations} tree-depth saturations, min E-BFMI ${optional(d.eBfmiMin, 2)}`,
    d.gatePassed
      ? 'quality gate: passed'
      : `quality gate: FAILED — ${d.gateReasons.slice(0, 5).join('; ')}${d.gateReasons.length > 5 ? `; … ${d.gateReasons.length - 5} more` : ''}`,
    `time: ${timing.totalSeconds.toFixed(1)} s (warmup ${timing.warmupSeconds.toFixed(1)} s, sampling ${timing.samplingSeconds.toFixed(1)} s, report ${timing.reportSeconds.toFixed(1)} s)`,
  ];
  if (out) lines.push(`result written to ${out}`);
  return lines.join('\n');
}
