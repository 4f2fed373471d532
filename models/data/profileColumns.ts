/**
 * Column statistics in one SQL pass: nulls, distinct values, range, mean, zeros, negatives. Each
 * column is read through `expressions[i]` (default: the column itself), so the raw table can be
 * profiled directly: a typed Parquet column needs no cast to DOUBLE first, since min, max, zeros and
 * negatives commute with that monotone cast and avg of an integer column is computed exactly.
 */
import type { InferredColumn } from './columnInference';
import { scanColumnGroups, type ColumnScan } from './columnScan';
import { quoteIdentifier, toNumber, toText } from './sql';
import type { ColumnProfile, SqlConnection } from './types';

/** Above this many rows distinct counts are HyperLogLog estimates (exact counts get slow). */
const exactDistinctRows = 100_000;

/** Aggregates of a profile, by kind (`distinct` is added by `profileColumns`). */
const aggregatesByKind: Record<'number' | 'date' | 'text', ColumnScan['aggregates']> = {
  number: {
    present: ([value]) => `count(${value})::DOUBLE`,
    min: ([value]) => `min(${value})::DOUBLE`,
    max: ([value]) => `max(${value})::DOUBLE`,
    mean: ([value]) => `avg(${value})::DOUBLE`,
    // count_if, not count(*) FILTER: the same count, about a third of the time in duckdb-wasm.
    zeros: ([value]) => `count_if(${value} = 0)::DOUBLE`,
    negatives: ([value]) => `count_if(${value} < 0)::DOUBLE`,
  },
  date: {
    present: ([value]) => `count(${value})::DOUBLE`,
    min: ([value]) => `strftime(min(${value}), '%Y-%m-%d')`,
    max: ([value]) => `strftime(max(${value}), '%Y-%m-%d')`,
  },
  text: {
    present: ([value]) => `count(${value})::DOUBLE`,
    min: ([value]) => `min(CAST(${value} AS VARCHAR))`,
    max: ([value]) => `max(CAST(${value} AS VARCHAR))`,
  },
};

const slotTypes = { number: 'DOUBLE', date: 'DATE', text: 'VARCHAR' } as const;

export async function profileColumns(
  conn: SqlConnection,
  table: string,
  rows: number,
  inferred: readonly InferredColumn[],
  expressions: readonly string[] = inferred.map((column) => quoteIdentifier(column.name)),
): Promise<ColumnProfile[]> {
  if (inferred.length === 0) return [];
  const distinct = (slots: readonly string[]) =>
    rows > exactDistinctRows
      ? `approx_count_distinct(${slots[0]})::DOUBLE`
      : `count(DISTINCT ${slots[0]})::DOUBLE`;
  const kinds = ['number', 'date', 'text'] as const;
  const kindOf = (column: InferredColumn) =>
    column.kind === 'number' || column.kind === 'date' ? column.kind : 'text';
  const members = kinds.map((kind) =>
    inferred
      .map((column, index) => ({ column, index }))
      .filter(({ column }) => kindOf(column) === kind),
  );
  // Number, date and text columns each in a scan of their own aggregates: one statement over the
  // table for a few columns, or per kind, unpivoted, for many (columnScan.ts).
  const results = await scanColumnGroups(
    conn,
    table,
    kinds.map((kind, group) => ({
      columns: members[group].map(({ index }) => [expressions[index]]),
      aggregates: { ...aggregatesByKind[kind], distinct },
      slotTypes: [slotTypes[kind]],
    })),
    { rows },
  );
  const statistics = new Map<number, Record<string, unknown>>();
  members.forEach((group, kind) =>
    group.forEach(({ index }, position) => statistics.set(index, results[kind][position])),
  );
  return inferred.map((column, index): ColumnProfile => {
    const stats = statistics.get(index) ?? {};
    const isNumber = column.kind === 'number';
    return {
      name: column.name,
      kind: column.kind,
      sqlType: { number: 'DOUBLE', date: 'DATE', boolean: 'BOOLEAN', text: 'VARCHAR' }[column.kind],
      nulls: rows - (toNumber(stats.present) ?? 0),
      distinct: toNumber(stats.distinct) ?? 0,
      min: isNumber ? toNumber(stats.min) : toText(stats.min),
      max: isNumber ? toNumber(stats.max) : toText(stats.max),
      mean: isNumber ? toNumber(stats.mean) : null,
      zeros: isNumber ? (toNumber(stats.zeros) ?? 0) : 0,
      negatives: isNumber ? (toNumber(stats.negatives) ?? 0) : 0,
      personalData: column.personalData,
      sourceType: column.sourceType,
      ...(column.dateFormat ? { dateFormat: column.dateFormat } : {}),
      ...(column.thousands ? { thousands: true } : {}),
    };
  });
}
