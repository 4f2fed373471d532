/**
 * Infers each text column's kind from a sample of its values, in SQL: a column is a date, number or
 * boolean when at least 60% of its non-null sampled values read as one (the rest are reported by
 * validation, row by row); it also finds the date format, the decimal separator and thousands groups.
 */
import { isDateSourceType, isNumericSourceType, textToDateSql } from './columnExpressions';
import { scanColumns, type ColumnScan } from './columnScan';
import { personalValuePatterns, type PersonalDataKind } from './personalData';
import { quoteIdentifier, toNumber } from './sql';
import type { ColumnKind, SqlConnection } from './types';

export interface InferredColumn {
  readonly name: string;
  readonly sourceType: string;
  readonly kind: ColumnKind;
  readonly dateFormat?: string;
  readonly thousands?: boolean;
  readonly personalData: PersonalDataKind | null;
}

export interface InferredColumns {
  readonly decimalSeparator: '.' | ',';
  readonly columns: readonly InferredColumn[];
}

/** Share of non-null sampled values that must parse for a column to take a kind. */
const parseShare = 0.6;
const sampleRows = 2000;

function dateFormats(dayFirst: boolean): string[] {
  const dayMonth = ['%d/%m/%Y', '%d-%m-%Y', '%d/%m/%y'];
  const monthDay = ['%m/%d/%Y', '%m-%d-%Y', '%m/%d/%y'];
  return [
    '%Y-%m-%d',
    '%Y/%m/%d',
    '%d.%m.%Y',
    ...(dayFirst ? [...dayMonth, ...monthDay] : [...monthDay, ...dayMonth]),
    '%Y-%m-%d %H:%M:%S',
    '%Y-%m-%dT%H:%M:%S',
    '%Y-%m-%dT%H:%M:%S.%fZ',
    '%Y-%m-%dT%H:%M:%SZ',
  ];
}

/**
 * What pass 1 counts in each text column's sampled values: how many read as numbers (either decimal
 * mark, with or without digit groups), booleans, e-mail addresses, phone numbers, UUIDs, date-like
 * text, and (`iso`) ISO dates. `count_if`, never `count(*) FILTER`: duckdb-wasm's cost of FILTER
 * grows with the square of the aggregates in a statement.
 */
function textValueCounts(iso: boolean): ColumnScan['aggregates'] {
  const matches = (pattern: string) => (slots: readonly string[]) =>
    `count_if(regexp_full_match(${slots[0]}, '${pattern}'))::DOUBLE`;
  return {
    n: ([value]) => `count(${value})::DOUBLE`,
    dot: ([value]) => `count(TRY_CAST(${value} AS DOUBLE))::DOUBLE`,
    dotdecimal: matches('-?[0-9]*\\.[0-9]+'),
    comma: ([value]) => `count(TRY_CAST(replace(${value}, ',', '.') AS DOUBLE))::DOUBLE`,
    commadecimal: matches('-?[0-9]*,[0-9]+'),
    thousandscomma: matches('-?[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]*)?'),
    thousandsdot: matches('-?[0-9]{1,3}(\\.[0-9]{3})+(,[0-9]*)?'),
    boolean: ([value]) => `count_if(lower(${value}) IN ('true', 'false'))::DOUBLE`,
    email: matches(personalValuePatterns.email),
    phone: ([value]) =>
      `count_if(regexp_full_match(${value}, '${personalValuePatterns.phone}') AND length(regexp_replace(${value}, '[^0-9]', '', 'g')) >= 7)::DOUBLE`,
    uuid: matches(personalValuePatterns.uuid),
    // Every candidate strptime format needs a digit and one of - / . : no such values, no date.
    datelike: ([value]) =>
      `count_if(regexp_matches(${value}, '[0-9]') AND regexp_matches(${value}, '[-/.]'))::DOUBLE`,
    ...(iso
      ? {
          isodate: ([value]: readonly string[]) =>
            `count(${textToDateSql(value, '%Y-%m-%d')})::DOUBLE`,
        }
      : {}),
  };
}

/** Profiles the kinds of the columns of `rawTable` (`sourceTypes` from the table's schema). */
export async function inferColumns(
  conn: SqlConnection,
  rawTable: string,
  sourceTypes: readonly { name: string; type: string }[],
  options: { decimalSeparator?: '.' | ','; dateFormat?: string; delimiter?: string },
): Promise<InferredColumns> {
  const textColumns = sourceTypes.filter((column) => /^VARCHAR$/i.test(column.type));
  const stats = new Map<string, Record<string, number>>();
  const candidateFormats = options.dateFormat
    ? [options.dateFormat]
    : dateFormats(options.decimalSeparator === ',' || options.delimiter === ';');
  const iso = candidateFormats[0] === '%Y-%m-%d';
  if (textColumns.length > 0) {
    // A rowid range, not LIMIT: duckdb-wasm scans far more than it needs for `LIMIT`.
    const sample = `(SELECT * FROM ${rawTable} WHERE rowid < ${sampleRows})`;
    // Pass 1: numbers and personal-data patterns for every text column.
    const pass1 = await scanColumns(
      conn,
      sample,
      {
        columns: textColumns.map((column) => [`trim(${quoteIdentifier(column.name)})`]),
        aggregates: textValueCounts(iso),
      },
      { rows: sampleRows },
    );
    collect(stats, textColumns, pass1);
    // Date formats, only for columns that are not mostly numbers (strptime is the slow part).
    const dateCandidates = textColumns.filter((column) => {
      const values = stats.get(column.name) ?? {};
      return (
        values.n > 0 &&
        Math.max(values.dot, values.comma) < parseShare * values.n &&
        values.email === 0
      );
    });
    // ISO first (counted in the pass above): when it reads enough values the other formats are not tried.
    if (iso)
      for (const column of dateCandidates) {
        const values = stats.get(column.name) ?? {};
        values.date0 = values.isodate ?? 0;
      }
    // With the built-in formats, a column whose date-like values are too few cannot reach the share.
    const undecided = dateCandidates.filter((column) => {
      const values = stats.get(column.name) ?? {};
      return (
        !(iso && (values.date0 ?? 0) >= parseShare * values.n) &&
        (options.dateFormat !== undefined || values.datelike >= parseShare * values.n)
      );
    });
    if (undecided.length > 0) {
      const formats = Object.fromEntries(
        candidateFormats.map((format, formatIndex) => [
          `date${formatIndex}`,
          ([value]: readonly string[]) => `count(${textToDateSql(value, format)})::DOUBLE`,
        ]),
      );
      const pass2 = await scanColumns(
        conn,
        sample,
        {
          columns: undecided.map((column) => [`trim(${quoteIdentifier(column.name)})`]),
          aggregates: formats,
        },
        { rows: sampleRows },
      );
      collect(stats, undecided, pass2);
    }
  }
  let commaVotes = 0;
  let dotVotes = 0;
  for (const values of stats.values()) {
    commaVotes += values.commadecimal + values.thousandsdot;
    dotVotes += values.dotdecimal + values.thousandscomma;
  }
  const decimalSeparator =
    options.decimalSeparator ?? (options.delimiter !== ',' && commaVotes > dotVotes ? ',' : '.');
  const columns = sourceTypes.map((column): InferredColumn => {
    if (isNumericSourceType(column.type))
      return { name: column.name, sourceType: column.type, kind: 'number', personalData: null };
    if (isDateSourceType(column.type))
      return { name: column.name, sourceType: column.type, kind: 'date', personalData: null };
    if (/^BOOLEAN$/i.test(column.type))
      return { name: column.name, sourceType: column.type, kind: 'boolean', personalData: null };
    const values = stats.get(column.name);
    if (!values)
      return { name: column.name, sourceType: column.type, kind: 'text', personalData: null };
    return classify(column.name, column.type, values, decimalSeparator, candidateFormats);
  });
  return { decimalSeparator, columns };
}

function collect(
  stats: Map<string, Record<string, number>>,
  columns: readonly { name: string }[],
  rows: readonly Record<string, unknown>[],
): void {
  columns.forEach((column, index) => {
    const values = stats.get(column.name) ?? {};
    for (const [key, value] of Object.entries(rows[index] ?? {}))
      values[key] = toNumber(value) ?? 0;
    stats.set(column.name, values);
  });
}

function classify(
  name: string,
  sourceType: string,
  values: Record<string, number>,
  decimalSeparator: '.' | ',',
  formats: readonly string[],
): InferredColumn {
  const present = values.n;
  const enough = (count: number) => present > 0 && count >= parseShare * present;
  let bestFormat = -1;
  let bestDates = 0;
  formats.forEach((_, index) => {
    if ((values[`date${index}`] ?? 0) > bestDates)
      [bestFormat, bestDates] = [index, values[`date${index}`]];
  });
  const thousands = decimalSeparator === ',' ? values.thousandsdot > 0 : values.thousandscomma > 0;
  const numbers =
    decimalSeparator === ','
      ? values.comma + (thousands ? values.thousandsdot : 0)
      : values.dot + (thousands ? values.thousandscomma : 0);
  const personalData: PersonalDataKind | null = enough(values.email)
    ? 'email'
    : enough(values.uuid)
      ? 'user-id'
      : !enough(bestDates) && !enough(numbers) && enough(values.phone)
        ? 'phone'
        : null;
  if (enough(bestDates) && bestDates >= numbers)
    return { name, sourceType, kind: 'date', dateFormat: formats[bestFormat], personalData };
  if (enough(numbers)) return { name, sourceType, kind: 'number', thousands, personalData };
  if (enough(values.boolean)) return { name, sourceType, kind: 'boolean', personalData };
  return { name, sourceType, kind: 'text', personalData };
}
