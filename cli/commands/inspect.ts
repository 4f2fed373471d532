/**
 * `mmm inspect <files…> [--mapping mapping.json] [--keep-personal cols] [--week-start monday|sunday]
 * [--by-geo] [--json]`:
 * the detected schema of each file, the mapping, the validation report and a model-frame summary.
 * Exit 0 when the data is usable; 1 with one `file:row:column: message` line per error otherwise;
 * 2 for bad arguments. Bad input never prints a stack trace.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { list } from '../commandLine';
import {
  ENCODING_LABELS,
  buildModelFrame,
  detectMapping,
  importFile,
  MAPPING_JSON_LIMITS,
  MappingSchema,
  summariseFrame,
  validate,
  weeklySourcesOf,
  type FrameSummary,
  type ImportedFile,
  type InputFile,
  type Mapping,
  type ValidationProblem,
} from '../../models/data/index';
import { parseJsonWithLimits } from '../../models/io/safeJson';
import { openNodeConnection, sizeOfInputs } from '../duckdbNode';
import { parquetToIpcNode } from '../parquetNode';
import { openInputFile } from '../readBytes';

const usage = `usage: mmm inspect <files…> [--mapping mapping.json] [--keep-personal a,b] [--week-start monday|sunday] [--by-geo] [--json]

  --mapping FILE       use this mapping (JSON, as saved by the app) instead of detecting one
  --keep-personal A,B  use these columns although they look like personal data (e-mail
                       addresses, phone numbers, user ids), as the app's 'keep anyway' does
  --week-start DAY     monday (default, ISO weeks) or sunday
  --by-geo             keep geos apart in the model frame (default: summed into one national series)
  --json               print one JSON object instead of text`;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `file:row:column: message` (the date stands in for the row when the problem is a week). */
export function problemLine(problem: ValidationProblem): string {
  const where = problem.row ?? problem.date;
  if (where === undefined && problem.column === undefined)
    return `${problem.file}: ${problem.message}`;
  return `${problem.file}:${where ?? ''}:${problem.column ?? ''}: ${problem.message}`;
}

async function readMapping(path: string): Promise<Mapping> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(
      `cannot read the mapping ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : message(error)}`,
    );
  }
  let json: unknown;
  try {
    json = parseJsonWithLimits(text, MAPPING_JSON_LIMITS).value;
  } catch (error) {
    throw new Error(`the mapping ${path}: ${message(error)}`);
  }
  const parsed = MappingSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `the mapping ${path} is not a valid mapping: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
  }
  return parsed.data;
}

/** A saved mapping with `keepPersonalData` set on the columns named by --keep-personal. */
function keptInMapping(mapping: Mapping, keepPersonal: readonly string[]): Mapping {
  if (keepPersonal.length === 0) return mapping;
  return {
    ...mapping,
    columns: mapping.columns.map((entry) =>
      keepPersonal.includes(entry.column) ? { ...entry, keepPersonalData: true } : entry,
    ),
  };
}

function formatValue(value: number | string | null): string {
  if (value === null) return '';
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : value.toPrecision(6);
  return value.length > 24 ? `${value.slice(0, 21)}...` : value;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, index) => Math.max(...rows.map((row) => row[index].length)));
  return rows
    .map(
      (row) =>
        '  ' +
        row
          .map((cell, index) => cell.padEnd(widths[index]))
          .join('  ')
          .trimEnd(),
    )
    .join('\n');
}

function describeFile(file: ImportedFile): string {
  const csv = file.csv
    ? `${file.csv.encoding ? `, ${ENCODING_LABELS[file.csv.encoding]}` : ''}, delimiter ${JSON.stringify(file.csv.delimiter)}, decimal ${JSON.stringify(file.csv.decimalSeparator)}, header ${file.csv.header}${file.csv.dateFormat ? `, dates ${file.csv.dateFormat}` : ''}`
    : '';
  const header = ['column', 'kind', 'nulls', 'distinct', 'min', 'max', 'mean', 'note'];
  const rows = file.columns.map((column) => [
    column.name,
    column.kind,
    String(column.nulls),
    String(column.distinct),
    formatValue(column.min),
    formatValue(column.max),
    formatValue(column.mean),
    column.personalData ? `personal data (${column.personalData})` : '',
  ]);
  return `${file.name}: ${file.format}, ${file.rows} rows, ${file.shape}${csv}\n${table([header, ...rows])}`;
}

function describeMapping(mapping: Mapping): string {
  const rows = mapping.columns
    .filter((entry) => entry.role !== 'ignore')
    .map((entry) => [entry.file, entry.column, entry.role, entry.channel ?? '']);
  return `mapping (weeks start ${mapping.weekStart}, geos ${mapping.aggregateGeos ? 'summed' : 'kept apart'}):\n${rows.length ? table([['file', 'column', 'role', 'channel'], ...rows]) : '  (nothing mapped)'}`;
}

function describeSummary(summary: FrameSummary): string {
  const lines = [
    `model frame: ${summary.weeks} weeks (${summary.firstWeek} … ${summary.lastWeek}), ${summary.rows} rows${summary.geos !== null ? `, ${summary.geos} geos` : ''}`,
    `  KPI ${summary.kpiName}: total ${formatValue(summary.kpiTotal)}, weekly mean ${formatValue(summary.kpiMean)}`,
  ];
  const rows = summary.channels.map((channel) => [
    channel.name,
    formatValue(channel.totalSpend),
    `${(channel.share * 100).toFixed(1)}%`,
    formatValue(channel.totalImpressions),
  ]);
  if (rows.length) lines.push(table([['channel', 'total spend', 'share', 'impressions'], ...rows]));
  for (const control of summary.controls)
    lines.push(`  control ${control.name}: mean ${formatValue(control.mean)}`);
  return lines.join('\n');
}

/** NaN and ±Infinity become null so the JSON stays valid. */
function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        mapping: { type: 'string' },
        'keep-personal': { type: 'string' },
        'week-start': { type: 'string' },
        'by-geo': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    process.stderr.write(`mmm inspect: ${message(error)}\n${usage}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (positionals.length === 0) {
    process.stderr.write(`mmm inspect: no files given\n${usage}\n`);
    return 2;
  }
  const weekStart = values['week-start'];
  if (weekStart !== undefined && weekStart !== 'monday' && weekStart !== 'sunday') {
    process.stderr.write(
      `mmm inspect: --week-start must be monday or sunday, not '${weekStart}'\n`,
    );
    return 2;
  }
  let savedMapping: Mapping | null = null;
  const inputs: InputFile[] = [];
  try {
    if (values.mapping) savedMapping = await readMapping(values.mapping);
    for (const path of positionals) inputs.push(await openInputFile(path));
  } catch (error) {
    process.stderr.write(`mmm inspect: ${message(error)}\n`);
    return 2;
  }

  const conn = await openNodeConnection({
    inputBytes: sizeOfInputs(inputs),
  });
  try {
    const files: ImportedFile[] = [];
    const importProblems: ValidationProblem[] = [];
    for (const input of inputs) {
      try {
        files.push(await importFile(conn, input, { parquetToIpc: parquetToIpcNode }));
      } catch (error) {
        const text = message(error);
        importProblems.push({
          severity: 'error',
          code: 'parse-error',
          file: input.name,
          message: text.startsWith(`${input.name}: `) ? text.slice(input.name.length + 2) : text,
        });
      }
    }
    const keepPersonal = list(values['keep-personal']);
    const unknown = keepPersonal.find(
      (name) => !files.some((file) => file.columns.some((column) => column.name === name)),
    );
    if (unknown !== undefined) {
      process.stderr.write(`mmm inspect: --keep-personal: no file has a column '${unknown}'\n`);
      return 2;
    }
    const detected = savedMapping
      ? keptInMapping(savedMapping, keepPersonal)
      : detectMapping(files, { keepPersonal });
    const mapping: Mapping = {
      ...detected,
      ...(weekStart ? { weekStart } : {}),
      ...(values['by-geo'] ? { aggregateGeos: false } : {}),
    };
    const sources = files.length > 0 ? await weeklySourcesOf(conn, files, mapping) : [];
    const report =
      files.length > 0
        ? await validate(conn, files, mapping, sources)
        : { problems: [], usable: false };
    const problems = [...importProblems, ...report.problems];
    let summary: FrameSummary | null = null;
    let frameError: string | null = files.length === 0 ? 'no file could be imported' : null;
    if (files.length > 0) {
      try {
        summary = summariseFrame(await buildModelFrame(conn, files, mapping, sources));
        if (summary.rows === 0) frameError = 'the model frame has no weeks';
      } catch (error) {
        frameError = message(error);
      }
    }
    const usable = importProblems.length === 0 && report.usable && frameError === null;
    if (values.json) {
      const output = {
        files,
        mapping,
        validation: { usable, problems },
        frame: summary,
        frameError,
      };
      process.stdout.write(`${JSON.stringify(output, jsonReplacer, 2)}\n`);
    } else {
      const sections = files.map(describeFile);
      sections.push(describeMapping(mapping));
      const counts = (['error', 'warning', 'info'] as const).map(
        (severity) =>
          `${problems.filter((problem) => problem.severity === severity).length} ${severity}s`,
      );
      const listed = problems
        .filter((problem) => problem.severity !== 'info')
        .map(
          (problem) =>
            `  ${problem.severity.padEnd(7)} ${problem.code.padEnd(21)} ${problemLine(problem)}`,
        );
      sections.push(
        `validation: ${counts.join(', ')}${listed.length ? '\n' + listed.join('\n') : ''}`,
      );
      sections.push(summary ? describeSummary(summary) : `model frame: not built (${frameError})`);
      sections.push(usable ? 'usable: yes' : 'usable: no');
      process.stdout.write(`${sections.join('\n\n')}\n`);
    }
    if (!usable) {
      for (const problem of problems.filter((item) => item.severity === 'error'))
        process.stderr.write(`${problemLine(problem)}\n`);
      if (frameError && report.usable)
        process.stderr.write(`mmm inspect: model frame: ${frameError}\n`);
      return 1;
    }
    return 0;
  } finally {
    await conn.close();
  }
}
