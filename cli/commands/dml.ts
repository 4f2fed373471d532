/**
 * `mmm dml <data file> --outcome <col> --treatments <a,b> [options]` — double/debiased ML estimates of
 * channel effects (partially linear model, models/causal). Reads CSV or Parquet through the data layer
 * (duckdb-wasm), orders rows by the date column when there is one and then adds a linear trend and
 * Fourier seasonality terms (order 2, period 52.18 weeks) to the controls X.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  estimateDml,
  foldSchemes,
  timeFeatures,
  weeksFromDates,
  type AdstockSetting,
  type DmlOptions,
  type DmlResult,
  type FoldScheme,
  type SensitivityParameters,
} from '../../models/causal';
import { importFile, type ImportedFile, type SqlConnection } from '../../models/data';
import { quoteIdentifier, toNumber, toText } from '../../models/data/sql';
import { learnerNames, type LearnerName } from '../../models/learners';
import type { Matrix } from '../../models/learners/types';
import { openNodeConnection, type ClosableSqlConnection } from '../duckdbNode';
import { parquetToIpcNode } from '../parquetNode';

const USAGE = `usage: mmm dml <data file> --outcome <col> --treatments <a,b> [options]

  --outcome <col>            outcome (KPI) column
  --treatments <a,b,…>       treatment (channel spend) columns
  --controls <x,y,…>         extra control columns for X
  --date <col>               date column (default: the first column detected as a date); when present,
                             rows are sorted by it and X gets a trend and Fourier terms (order 2)
  --no-time-terms            do not add trend and Fourier terms
  --learner <name>           ${learnerNames.join('|')} (default lasso)
  --folds <K>                cross-fitting folds (default 5)
  --reps <S>                 repeated sample splits, median-aggregated (default 1)
  --fold-scheme <scheme>     random|blocked|nlo (neighbours left out) (default random)
  --gap <N>                  observations dropped around test folds (blocked default 0, nlo default 1)
  --score <po|iv>            partialling-out (default) or IV-type score
  --se <iid|hac>             SE behind the CI and p-value (default hac; both are reported)
  --hac-lag <N|simple|nw1994>  Newey–West lag: fixed, ⌊4(n/100)^(2/9)⌋ (default) or the NW-1994 plug-in
  --adstock <name=α:L,…>     geometric adstock per treatment before estimation
  --sensitivity <cfY,cfD,ρ>  omitted-confounding bounds and robustness values (e.g. 0.03,0.03,1)
  --seed <N>                 seed (default 0)
  --json                     print one JSON object on stdout`;

interface Arguments {
  file: string;
  outcome: string;
  treatments: string[];
  controls: string[];
  date: string | null;
  timeTerms: boolean;
  json: boolean;
  options: DmlOptions;
}

class UsageError extends Error {}

function integerOption(name: string, text: string, minimum: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum)
    throw new UsageError(`--${name} must be an integer ≥ ${minimum}, got '${text}'`);
  return value;
}

function hacLagOption(text: string): number | 'simple' | 'nw1994' {
  return text === 'simple' || text === 'nw1994' ? text : integerOption('hac-lag', text, 0);
}

function listOption(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function parseAdstock(text: string): Record<string, AdstockSetting> {
  const settings: Record<string, AdstockSetting> = {};
  for (const part of listOption(text)) {
    const match = /^(.+)=([0-9.eE+-]+):(\d+)$/.exec(part);
    if (!match) throw new UsageError(`--adstock expects name=alpha:lags, got '${part}'`);
    settings[match[1]] = { alpha: Number(match[2]), maxLag: Number(match[3]) };
  }
  return settings;
}

function parseSensitivity(text: string): SensitivityParameters {
  const values = listOption(text).map(Number);
  if (values.length !== 3 || values.some((v) => !Number.isFinite(v)))
    throw new UsageError(`--sensitivity expects cfY,cfD,rho (three numbers), got '${text}'`);
  return { cfY: values[0], cfD: values[1], rho: values[2] };
}

export function parseArguments(argv: readonly string[]): Arguments {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json' || arg === '--no-time-terms') switches.add(arg.slice(2));
    else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
    } else positional.push(arg);
  }
  const known = new Set([
    'outcome',
    'treatments',
    'controls',
    'date',
    'learner',
    'folds',
    'reps',
    'fold-scheme',
    'gap',
    'score',
    'se',
    'hac-lag',
    'adstock',
    'sensitivity',
    'seed',
  ]);
  for (const name of flags.keys())
    if (!known.has(name)) throw new UsageError(`unknown option --${name}`);
  if (positional.length !== 1)
    throw new UsageError(
      positional.length === 0
        ? 'missing the data file'
        : `expected one data file, got ${positional.length}`,
    );
  const outcome = flags.get('outcome');
  if (!outcome) throw new UsageError('missing --outcome <col>');
  const treatments = listOption(flags.get('treatments') ?? '');
  if (treatments.length === 0) throw new UsageError('missing --treatments <a,b>');
  const learner = flags.get('learner') ?? 'lasso';
  if (!(learnerNames as readonly string[]).includes(learner))
    throw new UsageError(`--learner must be one of ${learnerNames.join(', ')}, got '${learner}'`);
  const schemeText = flags.get('fold-scheme') ?? 'random';
  const scheme: FoldScheme | undefined =
    schemeText === 'nlo' ? 'neighbours-left-out' : foldSchemes.find((s) => s === schemeText);
  if (!scheme)
    throw new UsageError(`--fold-scheme must be random, blocked or nlo, got '${schemeText}'`);
  const score = flags.get('score') ?? 'po';
  if (score !== 'po' && score !== 'iv')
    throw new UsageError(`--score must be po or iv, got '${score}'`);
  const se = flags.get('se') ?? 'hac';
  if (se !== 'iid' && se !== 'hac') throw new UsageError(`--se must be iid or hac, got '${se}'`);
  const options: DmlOptions = {
    learner: learner as LearnerName,
    folds: integerOption('folds', flags.get('folds') ?? '5', 2),
    repetitions: integerOption('reps', flags.get('reps') ?? '1', 1),
    foldScheme: scheme,
    ...(flags.has('gap') ? { gap: integerOption('gap', flags.get('gap')!, 0) } : {}),
    score: score === 'iv' ? 'iv-type' : 'partialling-out',
    standardError: se,
    ...(flags.has('hac-lag') ? { hacLag: hacLagOption(flags.get('hac-lag')!) } : {}),
    ...(flags.has('adstock') ? { adstock: parseAdstock(flags.get('adstock')!) } : {}),
    ...(flags.has('sensitivity')
      ? { sensitivity: parseSensitivity(flags.get('sensitivity')!) }
      : {}),
    seed: integerOption('seed', flags.get('seed') ?? '0', 0),
  };
  for (const name of Object.keys(options.adstock ?? {})) {
    if (!treatments.includes(name))
      throw new UsageError(`--adstock names '${name}', which is not among --treatments`);
  }
  return {
    file: positional[0],
    outcome,
    treatments,
    controls: listOption(flags.get('controls') ?? ''),
    date: flags.get('date') ?? null,
    timeTerms: !switches.has('no-time-terms'),
    json: switches.has('json'),
    options,
  };
}

/** The model inputs read from the imported table, in date order when there is a date. */
interface LoadedData {
  y: Float64Array;
  treatments: { name: string; values: Float64Array }[];
  controls: Matrix;
  controlNames: string[];
  dateColumn: string | null;
}

async function loadColumns(
  conn: SqlConnection,
  imported: ImportedFile,
  args: Arguments,
): Promise<LoadedData> {
  const file = imported.name;
  const byName = new Map(imported.columns.map((c) => [c.name, c]));
  const numeric = [args.outcome, ...args.treatments, ...args.controls];
  const repeated = numeric.find((name, i) => numeric.indexOf(name) !== i);
  if (repeated)
    throw new Error(
      `column '${repeated}' is used twice (outcome, treatments and controls must differ)`,
    );
  for (const name of numeric) {
    const column = byName.get(name);
    if (!column)
      throw new Error(
        `${file}: no column '${name}' (columns: ${imported.columns.map((c) => c.name).join(', ')})`,
      );
    if (column.kind !== 'number')
      throw new Error(`${file}: column '${name}' is not numeric (detected as ${column.kind})`);
  }
  let dateColumn = args.date;
  if (dateColumn) {
    const column = byName.get(dateColumn);
    if (!column) throw new Error(`${file}: no date column '${dateColumn}'`);
    if (column.kind !== 'date')
      throw new Error(
        `${file}: column '${dateColumn}' is not a date column (detected as ${column.kind})`,
      );
  } else dateColumn = imported.columns.find((c) => c.kind === 'date')?.name ?? null;

  for (const name of dateColumn ? [...numeric, dateColumn] : numeric) {
    const missing = await conn.query(
      `SELECT min(__row) AS row FROM ${imported.table} WHERE ${quoteIdentifier(name)} IS NULL OR isnan(${name === dateColumn ? '0' : quoteIdentifier(name)}::DOUBLE)`,
    );
    const row = toNumber(missing.toArray()[0]?.row);
    if (row !== null)
      throw new Error(`${file}: column '${name}' has a missing or unreadable value in row ${row}`);
  }
  const order = dateColumn ? `ORDER BY ${quoteIdentifier(dateColumn)}, __row` : 'ORDER BY __row';
  const select = numeric.map((name, i) => `${quoteIdentifier(name)}::DOUBLE AS c${i}`);
  if (dateColumn) select.push(`strftime(${quoteIdentifier(dateColumn)}::DATE, '%Y-%m-%d') AS d`);
  const table = await conn.query(`SELECT ${select.join(', ')} FROM ${imported.table} ${order}`);
  const columnValues = numeric.map((_, i) =>
    Float64Array.from(table.getChild(`c${i}`)!.toArray() as ArrayLike<number>),
  );
  const n = table.numRows;
  const controlColumns = columnValues.slice(1 + args.treatments.length);
  const controlNames = [...args.controls];
  if (dateColumn && args.timeTerms) {
    const dates = Array.from(table.getChild('d')!.toArray(), (v) => toText(v) ?? '');
    const duplicate = dates.findIndex((d, i) => i > 0 && d === dates[i - 1]);
    if (duplicate > 0)
      throw new Error(
        `${file}: date '${dates[duplicate]}' appears more than once in '${dateColumn}' (aggregate geos or rows to one per week first)`,
      );
    const time = timeFeatures(weeksFromDates(dates), 2);
    for (let c = 0; c < time.matrix.cols; c++)
      controlColumns.push(
        Float64Array.from({ length: n }, (_, i) => time.matrix.data[i * time.matrix.cols + c]),
      );
    controlNames.push(...time.names);
  }
  const data = new Float64Array(n * controlColumns.length);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < controlColumns.length; c++)
      data[i * controlColumns.length + c] = controlColumns[c][i];
  return {
    y: columnValues[0],
    treatments: args.treatments.map((name, j) => ({ name, values: columnValues[1 + j] })),
    controls: { rows: n, cols: controlColumns.length, data },
    controlNames,
    dateColumn,
  };
}

function jsonReport(result: DmlResult, loaded: LoadedData): object {
  return {
    estimates: result.estimates.map((e) => ({
      treatment: e.treatment,
      theta: e.theta,
      se: e.se,
      seHac: e.seHac,
      lo: e.lo,
      hi: e.hi,
      pValue: e.pValue,
      hacLag: e.hacLag,
    })),
    nuisance: Object.fromEntries(
      result.nuisance.map((n) => [
        n.treatment,
        { outcomeRmse: n.outcomeRmse, treatmentRmse: n.treatmentRmse },
      ]),
    ),
    joint: result.joint,
    simultaneous: result.bootstrap
      ? {
          ...result.bootstrap,
          intervals: result.estimates.map((e) => ({
            treatment: e.treatment,
            lo: e.simultaneousLo,
            hi: e.simultaneousHi,
          })),
        }
      : null,
    sensitivity: result.sensitivity,
    settings: {
      ...result.settings,
      standardError: result.estimates[0].standardError,
      controls: loaded.controlNames,
      date: loaded.dateColumn,
    },
    timing: result.timing,
  };
}

function formatNumber(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 1e4 || (Math.abs(value) < 1e-3 && value !== 0)
    ? value.toExponential(3)
    : value.toFixed(4);
}

function textReport(result: DmlResult, loaded: LoadedData): string {
  const s = result.settings;
  const lines = [
    `double ML (PLR, ${s.score}) — ${s.observations} rows, learner ${s.learner}, ${s.folds} folds (${s.foldScheme}${s.gap ? `, gap ${s.gap}` : ''}), ${s.repetitions} split(s), seed ${s.seed}`,
    `controls: ${loaded.controlNames.length ? loaded.controlNames.join(', ') : '(none)'}`,
    '',
    `${'treatment'.padEnd(16)}${'theta'.padStart(12)}${'se iid'.padStart(12)}${'se HAC'.padStart(12)}${'lag'.padStart(5)}${`${Math.round(s.level * 100)}% CI (${result.estimates[0].standardError})`.padStart(28)}${'p'.padStart(11)}`,
  ];
  for (const e of result.estimates) {
    lines.push(
      `${e.treatment.padEnd(16)}${formatNumber(e.theta).padStart(12)}${formatNumber(e.se).padStart(12)}${formatNumber(e.seHac).padStart(12)}${String(e.hacLag).padStart(5)}${`[${formatNumber(e.lo)}, ${formatNumber(e.hi)}]`.padStart(28)}${formatNumber(e.pValue).padStart(11)}`,
    );
  }
  if (result.joint) {
    lines.push('', 'joint (all treatments partialled out on the controls together):');
    for (const e of result.joint.estimates) {
      lines.push(
        `${e.treatment.padEnd(16)}${formatNumber(e.theta).padStart(12)}${formatNumber(e.se).padStart(12)}${formatNumber(e.seHac).padStart(12)}${''.padStart(5)}${`[${formatNumber(e.lo)}, ${formatNumber(e.hi)}]`.padStart(28)}${formatNumber(e.pValue).padStart(11)}${e.disagrees ? '  ⚠ disagrees with the single estimate' : ''}`,
      );
    }
  }
  if (result.bootstrap) {
    lines.push(
      '',
      `simultaneous ${Math.round(s.level * 100)}% CIs (multiplier bootstrap, ${result.bootstrap.draws} draws, critical value ${formatNumber(result.bootstrap.criticalValue)}):`,
    );
    for (const e of result.estimates)
      lines.push(
        `${e.treatment.padEnd(16)}[${formatNumber(e.simultaneousLo)}, ${formatNumber(e.simultaneousHi)}]`,
      );
  }
  if (result.sensitivity) {
    const p = result.sensitivity[0].parameters;
    lines.push(
      '',
      `sensitivity (cf_y ${p.cfY}, cf_d ${p.cfD}, rho ${p.rho}): theta bounds, CI bounds, RV, RVa`,
    );
    for (const e of result.sensitivity) {
      lines.push(
        `${e.treatment.padEnd(16)}[${formatNumber(e.thetaLower)}, ${formatNumber(e.thetaUpper)}]  [${formatNumber(e.ciLower)}, ${formatNumber(e.ciUpper)}]  ${(100 * e.robustnessValue).toFixed(2)}%  ${(100 * e.robustnessValueAdjusted).toFixed(2)}%`,
      );
    }
  }
  lines.push('', 'out-of-fold RMSE (mean over folds and splits): outcome ℓ̂, treatment m̂');
  for (const n of result.nuisance) {
    const avg = (rows: number[][]): number =>
      rows.flat().reduce((a, b) => a + b, 0) / rows.flat().length;
    lines.push(
      `${n.treatment.padEnd(16)}${formatNumber(avg(n.outcomeRmse)).padStart(12)}${formatNumber(avg(n.treatmentRmse)).padStart(12)}`,
    );
  }
  lines.push('', `${result.timing.totalSeconds.toFixed(2)} s`);
  return lines.join('\n');
}

/** Tests pass a shared connection (opening duckdb-wasm costs seconds); the CLI opens its own. */
export interface DmlCommandDependencies {
  readonly openConnection?: () => Promise<ClosableSqlConnection>;
}

export async function run(
  argv: string[],
  dependencies: DmlCommandDependencies = {},
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  let args: Arguments;
  try {
    args = parseArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`mmm dml: ${error.message}\n(mmm dml --help for the options)\n`);
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(args.file));
  } catch {
    process.stderr.write(`mmm dml: cannot read '${args.file}'\n`);
    return 1;
  }
  const conn = await (dependencies.openConnection ?? openNodeConnection)();
  try {
    const imported = await importFile(
      conn,
      { name: basename(args.file), bytes },
      { parquetToIpc: parquetToIpcNode },
    );
    const loaded = await loadColumns(conn, imported, args);
    const result = estimateDml({
      y: loaded.y,
      treatments: loaded.treatments,
      controls: loaded.controls,
      options: args.options,
    });
    process.stdout.write(
      (args.json ? JSON.stringify(jsonReport(result, loaded)) : textReport(result, loaded)) + '\n',
    );
    return 0;
  } catch (error) {
    process.stderr.write(`mmm dml: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await conn.close();
  }
}
