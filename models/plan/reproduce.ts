/**
 * The `mmm fit` commands that regenerate a plan's draws: NUTS is deterministic given the data,
 * the spec, the sampler settings and the seed, so the same command on the same data gives the
 * same draws bit for bit (tested in cli/plan/reproduce.test.ts).
 *
 * - From the original data: when the plan records how the data were read (`reproduce`: the file's
 *   name and its date, KPI and spend columns), `mmm fit <file> …` with every setting spelled out.
 * - From the plan alone: `mmm plan inputs <plan> --out <csv>` writes the weekly national series
 *   the model saw (and `--lift-tests-out` its lift tests); `mmm fit` on that file regenerates the
 *   draws with no other data.
 *
 * Caveats name what `mmm fit` flags cannot set (custom priors, thinning, tree depth).
 */
import { toCsv, type Cell } from '../io/delimitedText';
import { createMmmTarget } from '../mmm/target';
import type { ModelSpecInput } from '../mmm/spec';
import type { FitReport, ModelInputs } from '../report/fitReportSchema';
import { mmmDataOf } from '../report/modelFromReport';
import { canonicalJson } from './contentHash';
import type { PlanDocument, ReproduceSource } from './planSchema';

const ADSTOCK_FLAG = {
  geometric: 'geometric',
  weibullCdf: 'weibull-cdf',
  weibullPdf: 'weibull-pdf',
  delayed: 'delayed',
} as const;
const SATURATION_FLAG = {
  hill: 'hill',
  logistic: 'logistic',
  michaelisMenten: 'michaelis-menten',
} as const;

/** Where `mmm fit` reads each series from. */
export type FitColumns = Omit<ReproduceSource, 'file'>;

export interface ReproduceCommands {
  /** `mmm fit` on the original data file; null when the plan does not record how it was read. */
  readonly fromData: string | null;
  /** `mmm plan inputs …` then `mmm fit …` on its output; null for a fit without weekly inputs. */
  readonly fromPlan: readonly string[] | null;
  /** What the flags cannot reproduce, if anything. */
  readonly caveats: readonly string[];
}

/** POSIX shell quoting: plain words as they are, anything else in single quotes. */
export function shellQuote(argument: string): string {
  return /^[A-Za-z0-9_.,=:/+@%-]+$/.test(argument)
    ? argument
    : `'${argument.replace(/'/g, `'\\''`)}'`;
}

/** The model-spec part of `mmm fit`'s input that its flags set. */
function flagSpec(report: FitReport): ModelSpecInput {
  const { spec } = report;
  return {
    adstock: spec.adstock,
    saturation: spec.saturation,
    parametrisation: spec.parametrisation,
    holdoutWeeks: spec.holdoutWeeks,
    maxLag: spec.maxLag,
    ...(spec.mediaSharePrior !== undefined ? { mediaSharePrior: spec.mediaSharePrior } : {}),
  };
}

/** `mmm fit`'s flags (after the data file) that fit `report`'s model with `report`'s sampler. */
export function fitFlags(report: FitReport, columns: FitColumns): string[] {
  const { spec, sampler } = report;
  const channels = columns.channelColumns.map(({ channel, column }) =>
    channel === column ? channel : `${channel}=${column}`,
  );
  const mediaShare = spec.mediaSharePrior;
  return [
    ...['--date', columns.dateColumn, '--kpi', columns.kpiColumn],
    ...['--channels', channels.join(',')],
    ...(report.data.controls.length > 0 ? ['--controls', report.data.controls.join(',')] : []),
    ...['--adstock', ADSTOCK_FLAG[spec.adstock], '--max-lag', String(spec.maxLag)],
    ...['--saturation', SATURATION_FLAG[spec.saturation]],
    ...['--parametrisation', spec.parametrisation],
    ...(mediaShare === undefined
      ? []
      : ['--media-share', mediaShare === null ? 'off' : `${mediaShare.mean},${mediaShare.sd}`]),
    ...['--chains', String(sampler.chains), '--warmup', String(sampler.warmup)],
    ...['--draws', String(sampler.draws), '--seed', String(sampler.seed)],
    ...['--metric', sampler.metric ?? 'dense'],
    ...(sampler.targetAcceptance !== null
      ? ['--target-accept', String(sampler.targetAcceptance)]
      : []),
    ...['--holdout-weeks', String(spec.holdoutWeeks)],
    ...(columns.weekStart === 'sunday' ? ['--week-start', 'sunday'] : []),
    ...(columns.liftTestsFile !== null ? ['--lift-tests', columns.liftTestsFile] : []),
  ];
}

/** The weekly inputs as `mmm fit` reads them: a date column, the KPI, each channel, each control. */
export function weeklyInputsCsv(report: FitReport, dateColumn = 'week'): string {
  const inputs = report.inputs;
  if (inputs === null) throw new Error('this plan has no weekly inputs (an older fit result)');
  const header = [
    dateColumn,
    report.data.kpiName,
    ...inputs.channels.map((c) => c.name),
    ...inputs.controls.map((c) => c.name),
  ];
  const rows: Cell[][] = inputs.dates.map((date, t) => [
    date,
    inputs.kpi[t],
    ...inputs.channels.map((c) => c.spend[t]),
    ...inputs.controls.map((c) => c.values[t]),
  ]);
  return toCsv([header, ...rows]);
}

/** The lift tests as `mmm fit --lift-tests` reads them. */
export function liftTestsCsv(inputs: ModelInputs): string {
  return toCsv([
    ['channel', 'start_date', 'end_date', 'lift', 'standard_error'],
    ...inputs.experiments.map((t) => [
      t.channel,
      t.startDate,
      t.endDate,
      t.measuredLift,
      t.standardError,
    ]),
  ]);
}

/** A date column name for the weekly inputs file that no series already uses. */
export function inputsDateColumn(report: FitReport): string {
  const taken = new Set([report.data.kpiName, ...report.data.channels, ...report.data.controls]);
  return ['week', 'week_start', 'date'].find((name) => !taken.has(name)) ?? '_week';
}

function isSunday(date: string | undefined): boolean {
  return date !== undefined && new Date(`${date}T00:00:00Z`).getUTCDay() === 0;
}

function caveatsOf(report: FitReport): string[] {
  const caveats: string[] = [];
  if (report.sampler.thin !== 1)
    caveats.push(`the fit kept every ${report.sampler.thin}th draw; mmm fit keeps every draw`);
  if (report.sampler.maxTreeDepth !== null)
    caveats.push(`the fit capped the tree depth at ${report.sampler.maxTreeDepth}; mmm fit cannot`);
  if (report.inputs !== null) {
    const target = createMmmTarget({
      spec: flagSpec(report),
      data: mmmDataOf(report.inputs),
      experiments: report.inputs.experiments.map((t) => ({ ...t })),
    });
    if (canonicalJson(JSON.parse(JSON.stringify(target.spec))) !== canonicalJson(report.spec))
      caveats.push('the fit used priors or model terms that mmm fit flags cannot set');
  }
  return caveats;
}

/** The commands for `plan`, saved as `planFile` (a name, for the command text). */
export function reproduceCommands(plan: PlanDocument, planFile: string): ReproduceCommands {
  const report = plan.fit;
  const fromData =
    plan.reproduce === null
      ? null
      : [
          'npx mmm fit',
          ...[plan.reproduce.file, ...fitFlags(report, plan.reproduce)].map(shellQuote),
        ].join(' ');
  let fromPlan: string[] | null = null;
  if (report.inputs !== null) {
    const stem = planFile.replace(/\.mmmplan(\.json)?$/i, '');
    const weekly = `${stem}.weekly.csv`;
    const lift = report.inputs.experiments.length > 0 ? `${stem}.lift-tests.csv` : null;
    const dateColumn = inputsDateColumn(report);
    const columns: FitColumns = {
      dateColumn,
      kpiColumn: report.data.kpiName,
      channelColumns: report.data.channels.map((name) => ({ channel: name, column: name })),
      weekStart: isSunday(report.inputs.dates[0]) ? 'sunday' : 'monday',
      liftTestsFile: lift,
    };
    fromPlan = [
      [
        'npx mmm plan inputs',
        ...[planFile, '--out', weekly, ...(lift ? ['--lift-tests-out', lift] : [])].map(shellQuote),
      ].join(' '),
      ['npx mmm fit', ...[weekly, ...fitFlags(report, columns)].map(shellQuote)].join(' '),
    ];
  }
  return { fromData, fromPlan, caveats: caveatsOf(report) };
}
