/**
 * Column statistics in one SQL pass: nulls, distinct values, range, mean, zeros, negatives. Each
 * column is read through `expressions[i]` (default: the column itself), so the raw table can be
 * profiled directly: a typed Parquet column needs no cast to DOUBLE first, since min, max, zeros and
 * negatives commute with that monotone cast and avg of an integer column is computed exactly.
 */
import type { InferredColumn } from './columnInference';
import { personalDataByName } from './personalData';
import { quoteIdentifier, toNumber, toText } from './sql';
import type { ColumnProfile, SqlConnection } from './types';

/** Above this many rows distinct counts are HyperLogLog estimates (exact counts get slow). */
const exactDistinctRows = 100_000;

export async function profileColumns(
  conn: SqlConnection,
  table: string,
  rows: number,
  inferred: readonly InferredColumn[],
  expressions: readonly string[] = inferred.map((column) => quoteIdentifier(column.name)),
): Promise<ColumnProfile[]> {
  if (inferred.length === 0) return [];
  const parts: string[] = [];
  inferred.forEach((column, index) => {
    const identifier = expressions[index];
    const alias = (name: string) => `"c${index}_${name}"`;
    parts.push(`count(${identifier})::DOUBLE AS ${alias('present')}`);
    parts.push(
      `${rows > exactDistinctRows ? 'approx_count_distinct' : 'count'}(${rows > exactDistinctRows ? '' : 'DISTINCT '}${identifier})::DOUBLE AS ${alias('distinct')}`,
    );
    if (column.kind === 'number') {
      parts.push(
        `min(${identifier})::DOUBLE AS ${alias('min')}`,
        `max(${identifier})::DOUBLE AS ${alias('max')}`,
        `avg(${identifier})::DOUBLE AS ${alias('mean')}`,
      );
      // count_if, not count(*) FILTER: the same count, about a third of the time in duckdb-wasm.
      parts.push(
        `count_if(${identifier} = 0)::DOUBLE AS ${alias('zeros')}`,
        `count_if(${identifier} < 0)::DOUBLE AS ${alias('negatives')}`,
      );
    } else if (column.kind === 'date') {
      parts.push(
        `strftime(min(${identifier}), '%Y-%m-%d') AS ${alias('min')}`,
        `strftime(max(${identifier}), '%Y-%m-%d') AS ${alias('max')}`,
      );
    } else {
      parts.push(
        `min(CAST(${identifier} AS VARCHAR)) AS ${alias('min')}`,
        `max(CAST(${identifier} AS VARCHAR)) AS ${alias('max')}`,
      );
    }
  });
  const row = (await conn.query(`SELECT ${parts.join(', ')} FROM ${table}`)).toArray()[0] ?? {};
  return inferred.map((column, index): ColumnProfile => {
    const get = (name: string) => row[`c${index}_${name}`];
    const isNumber = column.kind === 'number';
    return {
      name: column.name,
      kind: column.kind,
      sqlType: { number: 'DOUBLE', date: 'DATE', boolean: 'BOOLEAN', text: 'VARCHAR' }[column.kind],
      nulls: rows - (toNumber(get('present')) ?? 0),
      distinct: toNumber(get('distinct')) ?? 0,
      min: isNumber ? toNumber(get('min')) : toText(get('min')),
      max: isNumber ? toNumber(get('max')) : toText(get('max')),
      mean: isNumber ? toNumber(get('mean')) : null,
      zeros: isNumber ? (toNumber(get('zeros')) ?? 0) : 0,
      negatives: isNumber ? (toNumber(get('negatives')) ?? 0) : 0,
      personalData: column.personalData ?? personalDataByName(column.name),
      sourceType: column.sourceType,
      ...(column.dateFormat ? { dateFormat: column.dateFormat } : {}),
      ...(column.thousands ? { thousands: true } : {}),
    };
  });
}
