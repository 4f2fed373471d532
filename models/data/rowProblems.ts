/**
 * Row-level checks over a file's raw table (one scan for all checks, one query for duplicates), so
 * the culprit is named by its 1-based data row: dates that do not parse, numbers that do not parse, nulls, negative spend, and duplicate
 * dates (per geo and channel in long data; long data sums them, wide data should have one row a date).
 */
import { dateSql, numberSql, textSql } from './columnExpressions';
import { capped, problemsPerColumn } from './problemLimits';
import { quoteIdentifier, toNumber, toText } from './sql';
import type {
  ColumnMapping,
  ColumnProfile,
  ImportedFile,
  Severity,
  SqlConnection,
  ValidationProblem,
} from './types';

interface RowCheck {
  readonly code: ValidationProblem['code'];
  readonly severity: Severity;
  readonly condition: string;
  readonly message: (value: string | null) => string;
}

/** The `{row, value}` structs of a `min_by(…, n)` list (an Arrow vector, or a plain array from other drivers). */
function listedRows(list: unknown): { row?: unknown; value?: unknown }[] {
  if (list === null || list === undefined) return [];
  if (Array.isArray(list)) return list as { row?: unknown; value?: unknown }[];
  const vector = list as { toArray?: () => ArrayLike<unknown> };
  if (typeof vector.toArray !== 'function') return [];
  return Array.from(vector.toArray(), (item) => item as { row?: unknown; value?: unknown });
}

/**
 * Every check of a file in one scan of its raw table: per check, how many rows fail it and the first
 * failing rows by row number (`min_by(…, rowid, n)` keeps the n smallest rowids, in order).
 */
async function rowsWhere(
  conn: SqlConnection,
  file: ImportedFile,
  checks: readonly { column: ColumnProfile; check: RowCheck }[],
): Promise<ValidationProblem[]> {
  if (checks.length === 0) return [];
  const parts = checks.flatMap(({ column, check }, index) => [
    `count(*) FILTER (WHERE ${check.condition})::DOUBLE AS "t${index}"`,
    // DOUBLE, not BIGINT: the app's castBigIntToDouble leaves BIGINTs inside structs as raw int64 bits.
    `min_by({'row': (rowid + 1)::DOUBLE, 'value': CAST(${quoteIdentifier(column.name)} AS VARCHAR)}, rowid, ${problemsPerColumn}) FILTER (WHERE ${check.condition}) AS "f${index}"`,
  ]);
  const sql = `SELECT ${parts.join(', ')} FROM ${file.rawTable ?? file.table}`;
  const result = (await conn.query(sql)).toArray()[0] ?? {};
  return checks.flatMap(({ column, check }, index) => {
    const problems = listedRows(result[`f${index}`]).map((row): ValidationProblem => ({
      severity: check.severity,
      code: check.code,
      file: file.name,
      row: toNumber(row.row) ?? 0,
      column: column.name,
      message: check.message(toText(row.value)),
    }));
    return capped(problems, toNumber(result[`t${index}`]) ?? 0);
  });
}

/** Checks for one mapped column, by its role. */
function checksFor(
  file: ImportedFile,
  column: ColumnProfile,
  role: ColumnMapping['role'],
): RowCheck[] {
  const raw = quoteIdentifier(column.name);
  const checks: RowCheck[] = [];
  if (role === 'date') {
    checks.push({
      code: 'null',
      severity: 'error',
      condition: `${raw} IS NULL`,
      message: () => 'date is missing',
    });
    checks.push({
      code: 'unparseable-date',
      severity: 'error',
      condition: `${raw} IS NOT NULL AND ${dateSql(column)} IS NULL`,
      message: (value) =>
        `'${value}' is not a date${column.dateFormat ? ` in the format ${column.dateFormat}` : ''}`,
    });
  } else if (
    role === 'spend' ||
    role === 'impressions' ||
    role === 'clicks' ||
    role === 'kpi' ||
    role === 'control'
  ) {
    const number = numberSql(column, file.decimalSeparator ?? '.');
    const treatedAs =
      role === 'control' ? 'left out of the weekly average' : 'counted as 0 in the weekly sum';
    checks.push({
      code: 'null',
      severity: 'warning',
      condition: `${raw} IS NULL`,
      message: () => `value is missing (${treatedAs})`,
    });
    checks.push({
      code: 'non-numeric',
      severity: 'error',
      condition: `${raw} IS NOT NULL AND ${number} IS NULL`,
      message: (value) => `'${value}' is not a number`,
    });
    if (role === 'spend')
      checks.push({
        code: 'negative-spend',
        severity: 'error',
        condition: `${number} < 0`,
        message: (value) => `negative spend ${value}`,
      });
  } else if (role === 'geo' || role === 'channel') {
    checks.push({
      code: 'null',
      severity: 'warning',
      condition: `${raw} IS NULL`,
      message: () => `${role} is missing`,
    });
  }
  return checks;
}

export async function rowProblems(
  conn: SqlConnection,
  file: ImportedFile,
  mapped: readonly { entry: ColumnMapping; column: ColumnProfile }[],
): Promise<ValidationProblem[]> {
  const checks = mapped.flatMap(({ entry, column }) =>
    checksFor(file, column, entry.role).map((check) => ({ column, check })),
  );
  const problems = await rowsWhere(conn, file, checks);
  const date = mapped.find((item) => item.entry.role === 'date')?.column;
  if (date) problems.push(...(await duplicateDates(conn, file, date, mapped)));
  return problems;
}

async function duplicateDates(
  conn: SqlConnection,
  file: ImportedFile,
  date: ColumnProfile,
  mapped: readonly { entry: ColumnMapping; column: ColumnProfile }[],
): Promise<ValidationProblem[]> {
  const keyColumns = mapped
    .filter((item) => item.entry.role === 'geo' || item.entry.role === 'channel')
    .map((item) => item.column);
  const keys = [
    `${dateSql(date)} AS day`,
    ...keyColumns.map((column, index) => `${textSql(column)} AS k${index}`),
  ];
  const groupKeys = ['day', ...keyColumns.map((_, index) => `k${index}`)];
  const label = keyColumns.map(
    (column, index) => `' ${column.name.replace(/'/g, "''")}=' || COALESCE(k${index}, 'NULL')`,
  );
  const sql = `SELECT strftime(day, '%Y-%m-%d') AS day, min(row) AS row, count(*) AS copies, ${label.length ? label.join(' || ') : "''"} AS label, count(*) OVER () AS total
    FROM (SELECT rowid + 1 AS row, ${keys.join(', ')} FROM ${file.rawTable ?? file.table}) WHERE day IS NOT NULL
    GROUP BY ${groupKeys.join(', ')} HAVING count(*) > 1 ORDER BY min(row) LIMIT ${problemsPerColumn}`;
  const rows = Array.from((await conn.query(sql)).toArray());
  const long = keyColumns.some((column) =>
    mapped.some((item) => item.column === column && item.entry.role === 'channel'),
  );
  const problems = rows.map((row): ValidationProblem => ({
    severity: long ? 'warning' : 'error',
    code: 'duplicate-date',
    file: file.name,
    row: toNumber(row.row) ?? 0,
    date: toText(row.day) ?? '',
    column: date.name,
    message: `${toText(row.day)}${toText(row.label) ?? ''} appears ${toNumber(row.copies)} times${long ? ' (summed)' : ''}`,
  }));
  return capped(problems, toNumber(rows[0]?.total) ?? 0);
}
