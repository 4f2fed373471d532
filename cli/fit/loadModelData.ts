/**
 * Reads the data file of `mmm fit` through the data layer (duckdb-wasm): import, a mapping built
 * from the flags (date, KPI, one spend column per channel, controls; everything else ignored),
 * validation, then the weekly model frame (daily data is summed to weeks, controls averaged).
 * Every problem is an Error with one line naming the file, the column and (when known) the row.
 */
import {
  MINIMUM_TRAINING_WEEKS,
  buildModelFrame,
  detectMapping,
  importFile,
  validate,
  weeklySourcesOf,
  type ColumnMapping,
  type ImportedFile,
  type InputFile,
  type Mapping,
  type ModelFrame,
  type SqlConnection,
  type ValidationProblem,
} from '../../models/data/index';
import type { MmmData } from '../../models/mmm';
import { parquetToIpcNode } from '../parquetNode';
import type { FitArguments } from './arguments';
import { keepOnlyGeo } from './onlyGeo';

export interface LoadedModelData {
  readonly data: MmmData;
  readonly fileName: string;
  readonly kpiName: string;
  /** Rows and column names of the imported file (for the result's data fingerprint). */
  readonly rows: number;
  readonly columns: readonly string[];
}

export function problemLine(problem: ValidationProblem): string {
  const where = [
    problem.row !== undefined ? `row ${problem.row}` : problem.date,
    problem.column ? `column '${problem.column}'` : undefined,
  ]
    .filter((part) => part !== undefined)
    .join(', ');
  return `${problem.file}${where ? ` (${where})` : ''}: ${problem.message}`;
}

/** The first validation error as one line, counting the others; null when there is none. */
export function firstErrorOf(problems: readonly ValidationProblem[]): string | null {
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length === 0) return null;
  const more =
    errors.length > 1
      ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''}; mmm inspect lists them all)`
      : '';
  return `${problemLine(errors[0])}${more}`;
}

function checkColumns(imported: ImportedFile, args: FitArguments): void {
  const byName = new Map(imported.columns.map((c) => [c.name, c]));
  const known = imported.columns.map((c) => c.name).join(', ');
  const need = (name: string, flag: string): void => {
    if (!byName.has(name))
      throw new Error(
        `${imported.name}: no column '${name}' (from ${flag}); the columns are ${known}`,
      );
  };
  need(args.date, '--date');
  need(args.kpi, '--kpi');
  if (args.geo) need(args.geo, '--geo');
  if (args.population) need(args.population, '--population');
  args.channelColumns.forEach((name) => need(name, '--channels'));
  args.controls.forEach((name) => need(name, '--controls'));
  args.keepPersonal.forEach((name) => need(name, '--keep-personal'));
  const date = byName.get(args.date)!;
  if (date.kind !== 'date')
    throw new Error(
      `${imported.name}: column '${args.date}' (from --date) does not hold dates (detected as ${date.kind})`,
    );
  for (const [name, flag] of [
    [args.kpi, '--kpi'],
    ...args.channelColumns.map((c) => [c, '--channels']),
    ...args.controls.map((c) => [c, '--controls']),
    ...(args.population ? [[args.population, '--population']] : []),
  ]) {
    const column = byName.get(name)!;
    if (column.kind !== 'number' && column.kind !== 'boolean') {
      throw new Error(
        `${imported.name}: column '${name}' (from ${flag}) is not numeric (detected as ${column.kind})`,
      );
    }
  }
}

/**
 * The mapping the flags make. Naming a column is choosing it: the columns of --date, --kpi,
 * --channels and --controls are used even when they look like personal data, as are those of
 * --keep-personal (a detected geo column, say); every other column is ignored.
 */
export function mappingFromArguments(imported: ImportedFile, args: FitArguments): Mapping {
  const role = new Map<string, ColumnMapping>();
  const personal = new Set(
    imported.columns.filter((column) => column.personalData).map((column) => column.name),
  );
  const add = (column: string, entry: Omit<ColumnMapping, 'file' | 'column'>): void => {
    role.set(column, {
      file: imported.name,
      column,
      ...entry,
      ...(personal.has(column) ? { keepPersonalData: true } : {}),
    });
  };
  add(args.date, { role: 'date' });
  add(args.kpi, { role: 'kpi' });
  args.channelColumns.forEach((column, c) =>
    add(column, { role: 'spend', channel: args.channels[c] }),
  );
  args.controls.forEach((column) => add(column, { role: 'control' }));
  if (args.geo) {
    // The geo model keeps the named geo column; the population enters as a weekly mean.
    add(args.geo, { role: 'geo' });
    if (args.population) add(args.population, { role: 'control' });
  } else {
    // A geo column (detected, not named by a flag) is summed over, giving the national series.
    for (const entry of detectMapping([imported], { keepPersonal: args.keepPersonal }).columns) {
      if (entry.role === 'geo' && !role.has(entry.column)) role.set(entry.column, entry);
    }
  }
  return {
    version: 1,
    columns: imported.columns.map(
      (column) =>
        role.get(column.name) ?? { file: imported.name, column: column.name, role: 'ignore' },
    ),
    weekStart: args.weekStart,
    aggregateGeos: args.geo === null,
  };
}

/** The file imported, validated and built into the weekly model frame the flags describe. */
export async function loadFrame(
  conn: SqlConnection,
  file: InputFile,
  args: FitArguments,
): Promise<{ imported: ImportedFile; frame: ModelFrame }> {
  const imported = await importFile(conn, file, { parquetToIpc: parquetToIpcNode });
  checkColumns(imported, args);
  if (args.onlyGeo !== null) await keepOnlyGeo(conn, imported, args.onlyGeo);
  const mapping = mappingFromArguments(imported, args);
  const sources = await weeklySourcesOf(conn, [imported], mapping);
  const report = await validate(conn, [imported], mapping, sources);
  const problem = firstErrorOf(report.problems);
  if (problem) throw new Error(problem);
  const frame = await buildModelFrame(conn, [imported], mapping, sources);
  const weeks = new Set(frame.weeks).size;
  const trainingWeeks = weeks - args.holdoutWeeks;
  if (trainingWeeks < MINIMUM_TRAINING_WEEKS) {
    throw new Error(
      `${imported.name}: ${weeks} weeks${args.holdoutWeeks ? ` minus ${args.holdoutWeeks} holdout weeks` : ''} leave ${trainingWeeks} to fit on; the model needs at least ${MINIMUM_TRAINING_WEEKS}`,
    );
  }
  return { imported, frame };
}

export async function loadModelData(
  conn: SqlConnection,
  file: InputFile,
  args: FitArguments,
): Promise<LoadedModelData> {
  const { imported, frame } = await loadFrame(conn, file, args);
  const spendOf = new Map(frame.channels.map((name, c) => [name, frame.spend[c]]));
  const controlOf = new Map(frame.controls.map((name, j) => [name, frame.controlValues[j]]));
  const series = (values: Float64Array | undefined, name: string): Float64Array => {
    if (!values) {
      const column = imported.columns.find((candidate) => candidate.name === name);
      throw new Error(
        column?.personalData
          ? `${imported.name}: column '${name}' looks like personal data (${column.personalData}) and was left out of the weekly model frame; name it in --keep-personal ${name} to use it`
          : `${imported.name}: column '${name}' did not reach the weekly model frame`,
      );
    }
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0)
      throw new Error(
        `${imported.name}: column '${name}' has no value for the week of ${frame.weeks[bad]}`,
      );
    return values;
  };
  return {
    data: {
      dates: [...frame.weeks],
      kpi: series(frame.kpi, args.kpi),
      channelNames: [...args.channels],
      spend: args.channels.map((name) => series(spendOf.get(name), name)),
      controlNames: [...args.controls],
      controls: args.controls.map((name) => series(controlOf.get(name), name)),
    },
    fileName: imported.name,
    kpiName: args.kpi,
    rows: imported.rows,
    columns: imported.columns.map((column) => column.name),
  };
}
