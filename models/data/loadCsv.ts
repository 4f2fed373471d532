/**
 * Loads a CSV into DuckDB in one read of the whole file, with the columns already typed.
 *
 * The dialect is sniffed and the column kinds inferred on the file's head (its first `headRecords`
 * records, registered as a small file of its own), so neither step costs a pass over the whole file.
 * Then the file is read once: a number column written plainly (`.` decimals, no digit groups) as
 * DOUBLE and an ISO date column as DATE, by read_csv itself; every other column as text. read_csv
 * converts a value exactly as `TRY_CAST(text AS DOUBLE | DATE)` would (the same DuckDB cast; see
 * loadCsv.test.ts), but fails on a value it cannot convert instead of giving NULL. A typed read that
 * fails is redone with every column as text, so each value that does not parse stays in the table for
 * validation to name by row. Either way, SQL reads the columns through columnExpressions.ts, which
 * casts by the column's loaded type.
 */
import { inferColumns, type InferredColumn, type InferredColumns } from './columnInference';
import { detectCsvDialect, type CsvDialect } from './csvDialect';
import { safeColumnNames } from './safeColumnNames';
import { quoteLiteral } from './sql';
import {
  csvHeadLength,
  firstLines,
  firstLongRecord,
  isBlank,
  looksBinary,
  MAX_RECORD_BYTES,
  splitCsvLine,
} from './textBytes';
import { throwIfCancelled } from './importCancel';
import type { CancelSignal, CsvOptions, InputFile, SqlConnection } from './types';

/** Text read as missing in CSV files. */
const nullStrings = ['', 'NA', 'N/A', 'n/a', 'null', 'NULL', 'NaN', 'nan', '#N/A'];

/** Records (header included) in the head that is sniffed and sampled: DuckDB's sniffer reads 2,048. */
const headRecords = 2049;

export interface LoadedCsv {
  /** Delimiter and header as detected (or given). */
  readonly csv: CsvOptions;
  /** Kinds inferred from the head; `sourceType` is each column's type in the loaded table. */
  readonly inferred: InferredColumns;
}

function firstLineOf(message: string): string {
  return message
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, 2)
    .join(' — ');
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Column names from the header line (blank names become `columnN`, clashes get `_2`, `_3`…). */
export function headerNames(firstLine: string, dialect: CsvDialect): string[] {
  const fields = splitCsvLine(firstLine, dialect.delimiter);
  return safeColumnNames(fields.map((field) => (dialect.header ? field : '')));
}

/**
 * The type read_csv can give a column with exactly the values `TRY_CAST` would read (VARCHAR when
 * the column needs our own parsing: comma decimals, digit groups, dates in other formats).
 */
export function csvLoadType(column: InferredColumn, decimalSeparator: '.' | ','): string {
  if (column.kind === 'number' && decimalSeparator === '.' && !column.thousands) return 'DOUBLE';
  if (column.kind === 'date' && column.dateFormat === '%Y-%m-%d') return 'DATE';
  return 'VARCHAR';
}

function readCsvSql(
  registered: string,
  dialect: CsvDialect,
  names: readonly string[],
  types: readonly string[],
): string {
  const columns = names
    .map((name, index) => `${quoteLiteral(name)}: ${quoteLiteral(types[index])}`)
    .join(', ');
  return `read_csv(${quoteLiteral(registered)}, auto_detect=false, delim=${quoteLiteral(dialect.delimiter)}, quote='"', escape='"', header=${dialect.header}, skip=0, columns={${columns}}, nullstr=[${nullStrings.map(quoteLiteral).join(', ')}], strict_mode=true)`;
}

/** Reads `file` (CSV bytes) into table `rawTable`; errors name the file. */
export async function loadCsv(
  conn: SqlConnection,
  file: InputFile,
  rawTable: string,
  options: CsvOptions,
  signal?: CancelSignal,
): Promise<LoadedCsv> {
  const size = file.source?.size ?? file.bytes.length;
  const whole = size === file.bytes.length;
  if (whole && isBlank(file.bytes)) throw new Error(`${file.name}: the file is empty`);
  if (looksBinary(file.bytes))
    throw new Error(
      `${file.name}: not a CSV text file (binary content, or a text encoding other than UTF-8)`,
    );
  let lines: string[];
  try {
    lines = firstLines(file.bytes, 50);
  } catch {
    throw new Error(`${file.name}: not a CSV text file (its first lines are not valid UTF-8)`);
  }
  const longLine = firstLongRecord(file.bytes);
  if (longLine !== null)
    throw new Error(
      `${file.name}: line ${longLine} is longer than ${MAX_RECORD_BYTES / 1024 ** 2} MiB, the longest line the workbench reads`,
    );
  const registered = `${rawTable}.csv`;
  const headLength = csvHeadLength(file.bytes, headRecords, whole);
  const head = headLength < size ? `${rawTable}__head.csv` : registered;
  const sampleTable = `${rawTable}__sample`;
  await registerWhole(conn, registered, file);
  try {
    if (head !== registered) await conn.registerFile(head, file.bytes.subarray(0, headLength));
    const dialect = await detectCsvDialect(conn, head, lines, options);
    const names = headerNames(lines[0] ?? '', dialect);
    const text = names.map(() => 'VARCHAR');
    const unreadable = (error: unknown) =>
      new Error(
        `${file.name}: cannot be read as CSV (delimiter ${JSON.stringify(dialect.delimiter)}, ${names.length} columns): ${firstLineOf(errorMessage(error))}`,
      );
    try {
      await conn.query(
        `CREATE OR REPLACE TABLE ${sampleTable} AS SELECT * FROM ${readCsvSql(head, dialect, names, text)}`,
      );
    } catch (error) {
      throw unreadable(error);
    }
    let inferred: InferredColumns;
    try {
      inferred = await inferColumns(
        conn,
        sampleTable,
        names.map((name) => ({ name, type: 'VARCHAR' })),
        {
          decimalSeparator: options.decimalSeparator,
          dateFormat: options.dateFormat,
          delimiter: dialect.delimiter,
        },
      );
    } finally {
      await conn.query(`DROP TABLE IF EXISTS ${sampleTable}`);
    }
    const types = inferred.columns.map((column) => csvLoadType(column, inferred.decimalSeparator));
    const load = (columnTypes: readonly string[]) =>
      conn.query(
        `CREATE OR REPLACE TABLE ${rawTable} AS SELECT * FROM ${readCsvSql(registered, dialect, names, columnTypes)}`,
      );
    throwIfCancelled(signal, file.name);
    let loaded = types;
    try {
      await load(types);
    } catch (error) {
      // Interrupted: not a value the types cannot hold, so no all-text re-read.
      throwIfCancelled(signal, file.name);
      if (types.every((type) => type === 'VARCHAR')) throw unreadable(error);
      // A value a typed column cannot hold (or a malformed line): read it all as text instead.
      loaded = text;
      try {
        await load(text);
      } catch (textError) {
        throw unreadable(textError);
      }
    }
    return {
      csv: { ...options, delimiter: dialect.delimiter, header: dialect.header },
      inferred: {
        decimalSeparator: inferred.decimalSeparator,
        columns: inferred.columns.map((column, index) => ({
          ...column,
          sourceType: loaded[index],
        })),
      },
    };
  } finally {
    if (head !== registered) await conn.dropFile(head).catch(() => undefined);
    await conn.dropFile(registered);
  }
}

/**
 * Registers the whole file: read in place when the file came as a source the connection can read
 * (a large export is then never copied into memory first), else as bytes.
 */
async function registerWhole(conn: SqlConnection, name: string, file: InputFile): Promise<void> {
  if (!file.source) return conn.registerFile(name, file.bytes);
  if (conn.registerSource && (await conn.registerSource(name, file.source))) return;
  let bytes: Uint8Array;
  try {
    bytes = await file.source.read();
  } catch (error) {
    throw new Error(`${file.name}: could not be read (${firstLineOf(errorMessage(error))})`);
  }
  await conn.registerFile(name, bytes);
}
