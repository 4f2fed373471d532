/**
 * Reads a lift-test CSV (the file `mmm fit --lift-tests` and the Model task's import take) with
 * DuckDB's CSV reader, so quoted fields, a byte-order mark, CRLF line ends and other delimiters work
 * as in any data file. Columns, matched by header name (case and surrounding blanks ignored):
 *
 *   channel, start_date (or start), end_date (or end), lift (or measured_lift), standard_error (or se)
 *
 * and optionally geo (the geo a geo experiment ran in, for the geo model; blank: a national test),
 * one experiment per row; dates YYYY-MM-DD; lift and standard error in KPI units (se > 0). Every
 * mistake is one sentence naming the file, the row (1 = the first experiment) and the column.
 * Pure: the DuckDB connection is passed in (the app's worker, or the CLI's Node bindings).
 */
import { quoteLiteral, toText } from '../data/sql';
import { isBlank } from '../data/textBytes';
import { toCsv } from '../io/delimitedText';
import type { SqlConnection } from '../data/types';
import type { LiftTest } from '../mmm/types';

const ALIASES: Record<string, keyof LiftTest> = {
  channel: 'channel',
  start_date: 'startDate',
  start: 'startDate',
  end_date: 'endDate',
  end: 'endDate',
  lift: 'measuredLift',
  measured_lift: 'measuredLift',
  standard_error: 'standardError',
  se: 'standardError',
  geo: 'geo',
};

const LABELS: Record<keyof LiftTest, string> = {
  channel: 'channel',
  startDate: 'start_date',
  endDate: 'end_date',
  measuredLift: 'lift',
  standardError: 'standard_error',
  geo: 'geo',
};

/** The columns every lift-test file must have (geo is optional). */
const REQUIRED: readonly (keyof LiftTest)[] = [
  'channel',
  'startDate',
  'endDate',
  'measuredLift',
  'standardError',
];

/** The header every exported lift-test file has (the inverse of the reader). */
export const LIFT_TEST_HEADER = ['channel', 'start_date', 'end_date', 'lift', 'standard_error'];

/** Rows of text cells keyed by header name, as DuckDB read them. */
export interface LiftTestRows {
  readonly header: readonly string[];
  readonly rows: readonly Readonly<Record<string, string>>[];
}

let registrations = 0;

/** Every cell as text (DuckDB sniffs the dialect; NULLs become empty strings). */
export async function readCsvAsText(
  conn: SqlConnection,
  file: { readonly name: string; readonly bytes: Uint8Array },
): Promise<LiftTestRows> {
  if (isBlank(file.bytes)) throw new Error(`${file.name}: the file is empty`);
  // A name of its own, so it never shadows an imported data file of the same name.
  registrations += 1;
  const registered = `lift_tests_${registrations}_${file.name.replace(/[^A-Za-z0-9._-]/g, '_')}`;
  await conn.registerFile(registered, file.bytes);
  try {
    let table;
    try {
      table = await conn.query(
        `SELECT * FROM read_csv(${quoteLiteral(registered)}, header = true, all_varchar = true)`,
      );
    } catch (error) {
      const text = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new Error(`${file.name}: not a readable CSV file (${text})`);
    }
    const header = table.schema.fields.map((field) => field.name);
    const rows = Array.from(table.toArray(), (row) => {
      const cells: Record<string, string> = {};
      for (const name of header) cells[name] = (toText(row[name]) ?? '').trim();
      return cells;
    });
    return { header, rows };
  } finally {
    await conn.dropFile(registered);
  }
}

/** Checks and converts rows of text into lift tests (see the module comment for the rules). */
export function liftTestsFromRows(
  table: LiftTestRows,
  fileName: string,
  channels: readonly string[],
): LiftTest[] {
  const columnOf = new Map<keyof LiftTest, string>();
  for (const name of table.header) {
    const field = ALIASES[name.trim().toLowerCase()];
    if (field && !columnOf.has(field)) columnOf.set(field, name);
  }
  for (const field of REQUIRED) {
    if (!columnOf.has(field))
      throw new Error(
        `${fileName}: no '${LABELS[field]}' column in the header (${table.header.join(', ')})`,
      );
  }
  return table.rows.map((row, index) => {
    const cell = (field: keyof LiftTest): string => row[columnOf.get(field)!] ?? '';
    const where = (field: keyof LiftTest) => `${fileName}: row ${index + 1}, ${LABELS[field]}`;
    const channel = cell('channel');
    if (!channels.includes(channel))
      throw new Error(
        `${where('channel')}: '${channel}' is not a fitted channel (${channels.join(', ')})`,
      );
    for (const field of ['startDate', 'endDate'] as const) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(cell(field)))
        throw new Error(`${where(field)}: '${cell(field)}' is not a YYYY-MM-DD date`);
    }
    if (cell('endDate') < cell('startDate'))
      throw new Error(`${where('endDate')}: ${cell('endDate')} is before ${cell('startDate')}`);
    const measuredLift = Number(cell('measuredLift'));
    const standardError = Number(cell('standardError'));
    if (cell('measuredLift') === '' || !Number.isFinite(measuredLift))
      throw new Error(`${where('measuredLift')}: '${cell('measuredLift')}' is not a number`);
    if (!(standardError > 0) || !Number.isFinite(standardError))
      throw new Error(
        `${where('standardError')}: '${cell('standardError')}' must be a positive number`,
      );
    const geo = columnOf.has('geo') ? cell('geo') : '';
    return {
      channel,
      startDate: cell('startDate'),
      endDate: cell('endDate'),
      measuredLift,
      standardError,
      ...(geo !== '' ? { geo } : {}),
    };
  });
}

/** Reads and checks a lift-test CSV; `channels` are the channels it may name. */
export async function readLiftTestsCsv(
  conn: SqlConnection,
  file: { readonly name: string; readonly bytes: Uint8Array },
  channels: readonly string[],
): Promise<LiftTest[]> {
  return liftTestsFromRows(await readCsvAsText(conn, file), file.name, channels);
}

/** Lift tests as the CSV this module reads (numbers written as numbers, text formula-safe). */
export function liftTestsCsvOf(tests: readonly LiftTest[]): string {
  return toCsv([
    LIFT_TEST_HEADER,
    ...tests.map((test) => [
      test.channel,
      test.startDate,
      test.endDate,
      test.measuredLift,
      test.standardError,
    ]),
  ]);
}
