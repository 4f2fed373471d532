/**
 * Writes rows as CSV or TSV for people to open in a spreadsheet: the one writer for every export
 * and clipboard copy (chart data, tables, mapping and scenario exports), so each one is safe.
 *
 * - Quoting (RFC 4180): a field holding the separator, a quote, CR or LF is wrapped in quotes and
 *   its quotes doubled.
 * - Formula injection (OWASP "CSV Injection"): a text cell starting with `=`, `+`, `-`, `@`, a tab
 *   or CR is prefixed with a single quote, so a spreadsheet shows it as text instead of running
 *   it. Numbers are written as numbers (a negative number stays `-3`, it is not text).
 * - Numbers: finite ones as JavaScript's shortest round-trip form; NaN and ±∞ as empty cells.
 *
 * Example: `toDelimited([['name', 'roi'], ['=HYPERLINK("x")', -1.5]], ',')` is
 * `name,roi\r\n"'=HYPERLINK(""x"")",-1.5\r\n`.
 */

export type Cell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made inert for spreadsheets (see the module comment). */
export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function field(cell: Cell, separator: string): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  const text = neutraliseCell(cell);
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows (the first usually the header) as delimited text, CRLF line ends, one per row. */
export function toDelimited(rows: readonly (readonly Cell[])[], separator: ',' | '\t'): string {
  return rows
    .map((row) => row.map((cell) => field(cell, separator)).join(separator) + '\r\n')
    .join('');
}

export const toCsv = (rows: readonly (readonly Cell[])[]): string => toDelimited(rows, ',');
export const toTsv = (rows: readonly (readonly Cell[])[]): string => toDelimited(rows, '\t');
