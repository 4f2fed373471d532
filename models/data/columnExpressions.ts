/**
 * SQL that reads a raw column as a number, a date or text. Validation and the model frame both use
 * these, so a value the frame cannot read is exactly a value validation names.
 */
import { quoteIdentifier, quoteLiteral } from './sql';
import type { ColumnProfile } from './types';

/** How a text column writes its numbers. */
export interface NumberStyle {
  readonly decimalSeparator: '.' | ',';
  /** Digit groups separated by the other mark, e.g. `1,234.5` or `1.234,5`. */
  readonly thousands: boolean;
}

const numericSourceType =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL.*)$/i;

export function isNumericSourceType(sourceType: string): boolean {
  return numericSourceType.test(sourceType);
}

export function isDateSourceType(sourceType: string): boolean {
  return /^(DATE|TIMESTAMP.*)$/i.test(sourceType);
}

/** Number from a text value written in `style` (`NULL` when it cannot be read). */
export function textToNumberSql(value: string, style: NumberStyle): string {
  if (style.decimalSeparator === ',') {
    const plain = `replace(${value}, ',', '.')`;
    if (!style.thousands) return `TRY_CAST(${plain} AS DOUBLE)`;
    return `TRY_CAST(CASE WHEN regexp_full_match(${value}, '\\s*-?[0-9]{1,3}(\\.[0-9]{3})+(,[0-9]*)?\\s*') THEN replace(replace(${value}, '.', ''), ',', '.') ELSE ${plain} END AS DOUBLE)`;
  }
  if (!style.thousands) return `TRY_CAST(${value} AS DOUBLE)`;
  return `TRY_CAST(CASE WHEN regexp_full_match(${value}, '\\s*-?[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]*)?\\s*') THEN replace(${value}, ',', '') ELSE ${value} END AS DOUBLE)`;
}

/** Date from a text value in strftime `format` (ISO dates use the faster cast). */
export function textToDateSql(value: string, format: string): string {
  if (format === '%Y-%m-%d') return `TRY_CAST(${value} AS DATE)`;
  return `CAST(try_strptime(${value}, ${quoteLiteral(format)}) AS DATE)`;
}

function sourceTypeOf(column: ColumnProfile): string {
  return column.sourceType ?? 'VARCHAR';
}

/** The column read as DOUBLE; `NULL` for ±Infinity and NaN (`1e400`, `Infinity`), which no spend or KPI is. */
export function numberSql(column: ColumnProfile, decimalSeparator: '.' | ','): string {
  const identifier = quoteIdentifier(column.name);
  const sourceType = sourceTypeOf(column);
  if (/^BOOLEAN$/i.test(sourceType)) return `CAST(CAST(${identifier} AS INTEGER) AS DOUBLE)`;
  if (isDateSourceType(sourceType)) return 'CAST(NULL AS DOUBLE)';
  const number = isNumericSourceType(sourceType)
    ? `CAST(${identifier} AS DOUBLE)`
    : textToNumberSql(`CAST(${identifier} AS VARCHAR)`, {
        decimalSeparator,
        thousands: column.thousands ?? false,
      });
  return `(CASE WHEN isfinite(${number}) THEN ${number} END)`;
}

/**
 * Dates the workbench reads: a marketing export has no week before 1900 or after 2199, and one
 * absurd date (year 1, year 99999) would otherwise stretch the weekly frame over millions of weeks.
 */
export const DATE_RANGE = { first: '1900-01-01', last: '2199-12-31' } as const;

/** The column read as DATE (`NULL` outside `DATE_RANGE`, so validation names it by row). */
export function dateSql(column: ColumnProfile): string {
  const identifier = quoteIdentifier(column.name);
  const sourceType = sourceTypeOf(column);
  if (isNumericSourceType(sourceType)) return 'CAST(NULL AS DATE)';
  const date = isDateSourceType(sourceType)
    ? `CAST(${identifier} AS DATE)`
    : textToDateSql(`CAST(${identifier} AS VARCHAR)`, column.dateFormat ?? '%Y-%m-%d');
  return `(CASE WHEN ${date} BETWEEN DATE '${DATE_RANGE.first}' AND DATE '${DATE_RANGE.last}' THEN ${date} END)`;
}

/** The column read as text (for geo and channel labels). */
export function textSql(column: ColumnProfile): string {
  return `CAST(${quoteIdentifier(column.name)} AS VARCHAR)`;
}

/** The column in its profiled kind (the typed view of a file). */
export function typedSql(column: ColumnProfile, decimalSeparator: '.' | ','): string {
  switch (column.kind) {
    case 'number':
      return numberSql(column, decimalSeparator);
    case 'date':
      return dateSql(column);
    case 'boolean':
      return isNumericSourceType(sourceTypeOf(column)) || /^BOOLEAN$/i.test(sourceTypeOf(column))
        ? `CAST(${quoteIdentifier(column.name)} AS BOOLEAN)`
        : `TRY_CAST(${quoteIdentifier(column.name)} AS BOOLEAN)`;
    default:
      return textSql(column);
  }
}
