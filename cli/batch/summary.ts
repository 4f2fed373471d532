/**
 * The summary of `mmm batch`: one row per job (market, status, gate verdict, max R-hat, min bulk
 * and tail ESS, divergences, ROI per channel with its 90% HDI, seconds, the reason of a failure),
 * written as `summary.json` and `summary.csv` (models/io/delimitedText.ts) and printed as tables.
 * Every number is the job's report's own (or, for a job run now, `mmm fit --json`'s, which is
 * the same report), never recomputed, so the summary equals the single runs.
 */
import type { FitReport } from '../../models/report';
import { toCsv, type Cell } from '../../models/io/delimitedText';
import { table } from '../fit/summaryOutput';

/**
 * done: fitted now; skipped: its folder already held a result of the same spec and data;
 * failed: see `error`; missing: `--summary-only` found no such result.
 */
export type JobStatus = 'done' | 'skipped' | 'failed' | 'missing';

/** What a row needs of a fit: the report, or the `mmm fit --json` summary of it. */
export type FitNumbers = Pick<FitReport, 'channels' | 'timing'> & {
  readonly diagnostics: Pick<
    FitReport['diagnostics'],
    'gatePassed' | 'gateReasons' | 'rhatMax' | 'essBulkMin' | 'essTailMin' | 'divergences'
  >;
};

export interface Interval {
  readonly mean: number;
  readonly lo: number;
  readonly hi: number;
}

export interface JobSummary {
  readonly market: string;
  readonly status: JobStatus;
  /** The result file, relative to the output folder; null without one. */
  readonly result: string | null;
  /** The job's plan file (a plan of the fit, no scenarios), relative to the output folder. */
  readonly plan: string | null;
  /** The job as one `mmm fit` command (paths as in the manifest). */
  readonly command: string;
  readonly gate: 'passed' | 'failed' | null;
  readonly gateReasons: readonly string[];
  readonly rhatMax: number | null;
  readonly essBulkMin: number | null;
  readonly essTailMin: number | null;
  readonly divergences: number | null;
  readonly channels: readonly { readonly name: string; readonly roi: Interval }[];
  /** The fit's wall time, data reading included (for a skipped job: when it was fitted). */
  readonly seconds: number | null;
  readonly error: string | null;
}

export interface BatchSummary {
  readonly kind: 'mmm-batch-summary';
  readonly version: 1;
  /** The manifest's file name. */
  readonly manifest: string;
  readonly startedAt: string;
  readonly seconds: number;
  readonly jobs: readonly JobSummary[];
}

export function fittedRow(
  base: { market: string; command: string; result: string; plan: string | null },
  status: 'done' | 'skipped',
  fit: FitNumbers,
): JobSummary {
  const d = fit.diagnostics;
  return {
    ...base,
    status,
    gate: d.gatePassed ? 'passed' : 'failed',
    gateReasons: d.gateReasons,
    rhatMax: d.rhatMax,
    essBulkMin: d.essBulkMin,
    essTailMin: d.essTailMin,
    divergences: d.divergences,
    channels: fit.channels.map((channel) => ({ name: channel.name, roi: channel.roi })),
    seconds: fit.timing.totalSeconds,
    error: null,
  };
}

export function unfittedRow(
  base: { market: string; command: string },
  status: 'failed' | 'missing',
  error: string,
): JobSummary {
  return {
    ...base,
    status,
    result: null,
    plan: null,
    gate: null,
    gateReasons: [],
    rhatMax: null,
    essBulkMin: null,
    essTailMin: null,
    divergences: null,
    channels: [],
    seconds: null,
    error,
  };
}

/** Every channel of any job, in the order first met. */
function channelsOf(rows: readonly JobSummary[]): string[] {
  return [...new Set(rows.flatMap((row) => row.channels.map((channel) => channel.name)))];
}

/** One row per job; per channel `roi_<name>`, `roi_<name>_lo`, `roi_<name>_hi` (90% HDI). */
export function summaryCsv(rows: readonly JobSummary[]): string {
  const channels = channelsOf(rows);
  const header = [
    'market',
    'status',
    'gate',
    'rhat_max',
    'ess_bulk_min',
    'ess_tail_min',
    'divergences',
    'seconds',
    ...channels.flatMap((name) => [`roi_${name}`, `roi_${name}_lo`, `roi_${name}_hi`]),
    'result',
    'plan',
    'error',
  ];
  const body = rows.map((row): Cell[] => {
    const roi = new Map(row.channels.map((channel) => [channel.name, channel.roi]));
    return [
      row.market,
      row.status,
      row.gate,
      row.rhatMax,
      row.essBulkMin,
      row.essTailMin,
      row.divergences,
      row.seconds,
      ...channels.flatMap((name) => {
        const interval = roi.get(name);
        return interval ? [interval.mean, interval.lo, interval.hi] : [null, null, null];
      }),
      row.result,
      row.plan,
      row.error,
    ];
  });
  return toCsv([header, ...body]);
}

const fixed = (value: number | null, digits: number): string =>
  value === null ? '–' : value.toFixed(digits);

/** The jobs, then ROI [90% HDI] by channel and market, then each failure's reason. */
export function summaryText(summary: BatchSummary, footer: string): string {
  const rows = summary.jobs;
  const lines = [
    `mmm batch — ${summary.manifest}: ${rows.length} job${rows.length === 1 ? '' : 's'} in ${summary.seconds.toFixed(1)} s`,
    '',
    ...table([
      ['market', 'status', 'gate', 'max R-hat', 'min ESS bulk', 'min ESS tail', 'div', 'seconds'],
      ...rows.map((row) => [
        row.market,
        row.status,
        row.gate ?? '–',
        fixed(row.rhatMax, 3),
        fixed(row.essBulkMin, 0),
        fixed(row.essTailMin, 0),
        row.divergences === null ? '–' : String(row.divergences),
        fixed(row.seconds, 1),
      ]),
    ]),
  ];
  const fitted = rows.filter((row) => row.channels.length > 0);
  if (fitted.length > 0) {
    const ratio = (value: number): string => value.toFixed(2);
    lines.push(
      '',
      'ROI [90% HDI]',
      ...table([
        ['channel', ...fitted.map((row) => row.market)],
        ...channelsOf(fitted).map((name) => [
          name,
          ...fitted.map((row) => {
            const roi = row.channels.find((channel) => channel.name === name)?.roi;
            return roi ? `${ratio(roi.mean)} [${ratio(roi.lo)}, ${ratio(roi.hi)}]` : '–';
          }),
        ]),
      ]),
    );
  }
  const problems = rows.filter((row) => row.error !== null);
  if (problems.length > 0)
    lines.push('', ...problems.map((row) => `${row.market} ${row.status}: ${row.error}`));
  lines.push('', footer);
  return lines.join('\n');
}
