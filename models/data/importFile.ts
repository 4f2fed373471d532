/**
 * Imports one export file into DuckDB: a raw table with the values as stored (all text for CSV, so a
 * bad value can later be named by row) and a typed view `table` over it, then profiles every column.
 */
import { inferColumns } from './columnInference';
import { typedSql } from './columnExpressions';
import { detectCsvDialect, type CsvDialect } from './csvDialect';
import { detectFormat } from './detectFormat';
import { detectShape } from './fileShape';
import type { ParquetToIpc } from './parquetToIpc';
import { profileColumns } from './profileColumns';
import { quoteIdentifier, quoteLiteral, tableNameFor, toNumber, toText } from './sql';
import { firstLines, isBlank, looksBinary, splitCsvLine } from './textBytes';
import type { CsvOptions, ImportedFile, InputFile, SqlConnection } from './types';

export interface ImportOptions {
  csv?: CsvOptions;
  parquetToIpc?: ParquetToIpc;
}

/** Text read as missing in CSV files. */
const nullStrings = ['', 'NA', 'N/A', 'n/a', 'null', 'NULL', 'NaN', 'nan', '#N/A'];

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

/** Column names from the header line (blank names become `columnN`, repeats get `_2`, `_3`…). */
export function headerNames(firstLine: string, dialect: CsvDialect): string[] {
  const fields = splitCsvLine(firstLine, dialect.delimiter);
  const seen = new Map<string, number>();
  return fields.map((field, index) => {
    const base = dialect.header ? field.trim() || `column${index}` : `column${index}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}_${count}`;
  });
}

async function loadCsv(
  conn: SqlConnection,
  file: InputFile,
  rawTable: string,
  options: CsvOptions,
): Promise<CsvOptions> {
  if (isBlank(file.bytes)) throw new Error(`${file.name}: the file is empty`);
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
  const registered = `${rawTable}.csv`;
  await conn.registerFile(registered, file.bytes);
  try {
    const dialect = await detectCsvDialect(conn, registered, lines, options);
    const names = headerNames(lines[0] ?? '', dialect);
    const columns = names.map((name) => `${quoteLiteral(name)}: 'VARCHAR'`).join(', ');
    const read = `read_csv(${quoteLiteral(registered)}, auto_detect=false, delim=${quoteLiteral(dialect.delimiter)}, quote='"', escape='"', header=${dialect.header}, skip=0, columns={${columns}}, nullstr=[${nullStrings.map(quoteLiteral).join(', ')}], strict_mode=true)`;
    try {
      await conn.query(`CREATE OR REPLACE TABLE ${rawTable} AS SELECT * FROM ${read}`);
    } catch (error) {
      throw new Error(
        `${file.name}: cannot be read as CSV (delimiter ${JSON.stringify(dialect.delimiter)}, ${names.length} columns): ${firstLineOf(errorMessage(error))}`,
      );
    }
    return { ...options, delimiter: dialect.delimiter, header: dialect.header };
  } finally {
    await conn.dropFile(registered);
  }
}

async function loadParquet(
  conn: SqlConnection,
  file: InputFile,
  rawTable: string,
  parquetToIpc: ParquetToIpc | undefined,
): Promise<void> {
  if (!parquetToIpc)
    throw new Error(`${file.name}: reading Parquet needs a Parquet reader (options.parquetToIpc)`);
  const magic = String.fromCharCode(...file.bytes.subarray(0, 4));
  if (magic !== 'PAR1')
    throw new Error(`${file.name}: not a Parquet file (it does not start with 'PAR1')`);
  let streams: Uint8Array | AsyncIterable<Uint8Array>;
  try {
    streams = await parquetToIpc(file.bytes);
  } catch (error) {
    throw new Error(`${file.name}: ${errorMessage(error)}`);
  }
  await conn.query(`DROP TABLE IF EXISTS ${rawTable}`);
  if (streams instanceof Uint8Array) {
    await conn.insertArrowIpc(rawTable, streams);
    return;
  }
  // One row group at a time: the first creates the table, the others append to it.
  let created = false;
  try {
    for await (const ipc of streams) {
      await conn.insertArrowIpc(rawTable, ipc, created ? { append: true } : undefined);
      created = true;
    }
  } catch (error) {
    await conn.query(`DROP TABLE IF EXISTS ${rawTable}`); // no half-read table left behind
    throw new Error(`${file.name}: ${errorMessage(error)}`);
  }
  if (!created) throw new Error(`${file.name}: no data rows`);
}

/** Reads a file (CSV or Parquet, detected) into DuckDB and profiles it. Errors name the file. */
export async function importFile(
  conn: SqlConnection,
  file: InputFile,
  options: ImportOptions = {},
): Promise<ImportedFile> {
  const format = detectFormat(file);
  const table = tableNameFor(file.name);
  const rawTable = `${table}__raw`;
  let csv: CsvOptions | undefined;
  if (format === 'csv') csv = await loadCsv(conn, file, rawTable, options.csv ?? {});
  else await loadParquet(conn, file, rawTable, options.parquetToIpc);

  const rows =
    toNumber((await conn.query(`SELECT count(*)::DOUBLE AS n FROM ${rawTable}`)).toArray()[0]?.n) ??
    0;
  if (rows === 0) throw new Error(`${file.name}: no data rows`);
  const schema = await conn.query(`DESCRIBE ${rawTable}`);
  const sourceTypes = Array.from(schema.toArray(), (row) => ({
    name: toText(row.column_name) ?? '',
    type: toText(row.column_type) ?? 'VARCHAR',
  }));
  const inferred = await inferColumns(conn, rawTable, sourceTypes, {
    decimalSeparator: options.csv?.decimalSeparator,
    dateFormat: options.csv?.dateFormat,
    delimiter: csv?.delimiter,
  });
  const typedColumns = inferred.columns.map((column) =>
    typedSql(
      {
        ...column,
        sqlType: '',
        nulls: 0,
        distinct: 0,
        min: null,
        max: null,
        mean: null,
        zeros: 0,
        negatives: 0,
      },
      inferred.decimalSeparator,
    ),
  );
  const select = inferred.columns.map(
    (column, index) => `${typedColumns[index]} AS ${quoteIdentifier(column.name)}`,
  );
  await conn.query(
    `CREATE OR REPLACE VIEW ${table} AS SELECT rowid + 1 AS __row, ${select.join(', ')} FROM ${rawTable}`,
  );
  const columns = await profileColumns(conn, table, rows, inferred.columns);
  const dateFormat = inferred.columns.find(
    (column) => column.kind === 'date' && column.dateFormat,
  )?.dateFormat;
  return {
    name: file.name,
    table,
    rawTable,
    decimalSeparator: inferred.decimalSeparator,
    format,
    rows,
    ...(csv
      ? {
          csv: {
            ...csv,
            decimalSeparator: inferred.decimalSeparator,
            ...(dateFormat ? { dateFormat } : {}),
          },
        }
      : {}),
    columns,
    shape: detectShape(columns),
  };
}
