/**
 * CSV dialect (delimiter, header): from the first lines when they leave no doubt, else from DuckDB's
 * sniffer, with a fallback of our own when the sniffer gives up or skips rows (it does on ragged
 * files, which must instead fail loudly on the bad line).
 */
import { quoteLiteral, toText } from './sql';
import { splitCsvLine } from './textBytes';
import type { CsvOptions, SqlConnection } from './types';

export interface CsvDialect {
  readonly delimiter: string;
  readonly header: boolean;
}

const candidateDelimiters = [',', ';', '\t', '|'];

/** The delimiter whose per-line count is most consistent (ties: the larger count) over the sample lines. */
export function guessDelimiter(lines: readonly string[]): string {
  let best = ',';
  let bestScore = -1;
  for (const delimiter of candidateDelimiters) {
    const counts = lines.map((line) => splitCsvLine(line, delimiter).length - 1);
    const mode = mostCommon(counts);
    if (mode === 0) continue;
    const consistency = counts.filter((count) => count === mode).length / counts.length;
    const score = consistency * 1000 + mode;
    if (score > bestScore) {
      bestScore = score;
      best = delimiter;
    }
  }
  return best;
}

function mostCommon(values: readonly number[]): number {
  const tally = new Map<number, number>();
  for (const value of values) tally.set(value, (tally.get(value) ?? 0) + 1);
  let mode = 0;
  let modeCount = 0;
  for (const [value, count] of tally)
    if (count > modeCount || (count === modeCount && value > mode))
      [mode, modeCount] = [value, count];
  return mode;
}

const numericOrDate = /^\s*(-?[\d.,]+([eE][-+]?\d+)?|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}.*)\s*$/;

/** A first line is a header unless every field looks like a number or a date. */
export function guessHeader(firstLine: string, delimiter: string): boolean {
  return !splitCsvLine(firstLine, delimiter).every((field) => numericOrDate.test(field));
}

/** A plain number or an ISO date: what DuckDB's sniffer certainly types as a number or a date. */
const plainNumberOrDate = /^\s*(-?\d+(\.\d+)?([eE][-+]?\d+)?|\d{4}-\d{2}-\d{2})\s*$/;

/**
 * The dialect when the first lines leave no doubt, else null (then DuckDB's sniffer decides, which
 * costs 0.2–0.5 s of a small import). No doubt means: every line's quotes are balanced (no quoted
 * line breaks), exactly one candidate delimiter splits every line into the same number (≥ 2) of
 * fields, no header field is empty or looks like a number or date, and some column holds only plain
 * numbers or ISO dates below it — the type change by which the sniffer itself finds a header.
 */
export function unambiguousDialect(lines: readonly string[]): CsvDialect | null {
  const sample = lines.filter((line, index) => index === 0 || line.trim() !== '');
  if (sample.length < 2) return null;
  if (sample.some((line) => (line.split('"').length - 1) % 2 !== 0)) return null;
  const consistent = candidateDelimiters.filter((delimiter) => {
    const width = splitCsvLine(sample[0], delimiter).length;
    return width >= 2 && sample.every((line) => splitCsvLine(line, delimiter).length === width);
  });
  if (consistent.length !== 1) return null;
  const delimiter = consistent[0];
  const [names, ...rows] = sample.map((line) => splitCsvLine(line, delimiter));
  if (names.some((name) => name.trim() === '' || numericOrDate.test(name))) return null;
  const typedColumn = names.some((_, column) =>
    rows.every((row) => plainNumberOrDate.test(row[column])),
  );
  return typedColumn ? { delimiter, header: true } : null;
}

/**
 * Dialect of a registered CSV: user options first, then the first lines when they leave no doubt
 * (`unambiguousDialect`), then DuckDB's `sniff_csv`, then our own guess.
 */
export async function detectCsvDialect(
  conn: SqlConnection,
  registeredName: string,
  lines: readonly string[],
  options: CsvOptions,
): Promise<CsvDialect> {
  const plain = unambiguousDialect(lines);
  if (
    plain &&
    (options.delimiter === undefined || options.delimiter === plain.delimiter) &&
    options.header === undefined
  )
    return plain;
  let sniffed: Partial<CsvDialect> = {};
  try {
    const settings = [`skip=0`, `sample_size=2048`];
    if (options.delimiter !== undefined) settings.push(`delim=${quoteLiteral(options.delimiter)}`);
    if (options.header !== undefined) settings.push(`header=${options.header}`);
    const table = await conn.query(
      `SELECT Delimiter, HasHeader, SkipRows FROM sniff_csv(${quoteLiteral(registeredName)}, ${settings.join(', ')})`,
    );
    const row = table.toArray()[0];
    const delimiter = toText(row?.Delimiter);
    if (
      row &&
      delimiter &&
      delimiter.length === 1 &&
      Number(row.SkipRows) === 0 &&
      (lines[0] ?? '').includes(delimiter)
    ) {
      sniffed = { delimiter, header: Boolean(row.HasHeader) };
    }
  } catch {
    // The sniffer rejects ragged files; our guess below keeps the read strict so the bad line is named.
  }
  const delimiter = options.delimiter ?? sniffed.delimiter ?? guessDelimiter(lines.slice(0, 50));
  const header = options.header ?? sniffed.header ?? guessHeader(lines[0] ?? '', delimiter);
  return { delimiter, header };
}
