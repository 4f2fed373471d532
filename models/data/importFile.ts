/**
 * Imports one export file into DuckDB: a raw table with the values as loaded (CSV columns typed by
 * read_csv where every value converts, else text, so a bad value can later be named by row; see
 * loadCsv.ts) and a typed view `table` over it, then profiles every column.
 */
import { inferColumns, type InferredColumns } from './columnInference';
import { isNumericSourceType, typedSql } from './columnExpressions';
import { detectFormat } from './detectFormat';
import { detectShape } from './fileShape';
import { throwIfCancelled } from './importCancel';
import { fileImportError } from './importError';
import { loadCsv } from './loadCsv';
import type { ParquetToIpc } from './parquetToIpc';
import { profileColumns } from './profileColumns';
import { safeColumnNames } from './safeColumnNames';
import { quoteIdentifier, tableNameFor, toNumber, toText } from './sql';
import type { CancelSignal, CsvOptions, ImportedFile, InputFile, SqlConnection } from './types';

export { headerNames } from './loadCsv';

export interface ImportOptions {
  csv?: CsvOptions;
  parquetToIpc?: ParquetToIpc;
  /** Stops the import between steps (and, with `conn.interrupt`, inside the running statement). */
  signal?: CancelSignal;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function loadParquet(
  conn: SqlConnection,
  file: InputFile,
  rawTable: string,
  parquetToIpc: ParquetToIpc | undefined,
  signal: CancelSignal | undefined,
): Promise<void> {
  if (!parquetToIpc)
    throw new Error(`${file.name}: reading Parquet needs a Parquet reader (options.parquetToIpc)`);
  const magic = String.fromCharCode(...file.bytes.subarray(0, 4));
  if (magic !== 'PAR1')
    throw new Error(`${file.name}: not a Parquet file (it does not start with 'PAR1')`);
  let streams: Uint8Array | AsyncIterable<Uint8Array>;
  try {
    streams = await parquetToIpc(file.source ?? file.bytes);
  } catch (error) {
    throw new Error(`${file.name}: ${errorMessage(error)}`);
  }
  await conn.query(`DROP TABLE IF EXISTS ${rawTable}`);
  if (streams instanceof Uint8Array) {
    await conn.insertArrowIpc(rawTable, streams);
    return;
  }
  // One row group at a time: the first creates the table, the others append to it. The next group
  // is asked for before this one is inserted, so a reader in another thread decodes it meanwhile.
  let created = false;
  const groups = streams[Symbol.asyncIterator]();
  let next = groups.next();
  try {
    for (let group = await next; !group.done; group = await next) {
      throwIfCancelled(signal, file.name);
      next = groups.next();
      await conn.insertArrowIpc(rawTable, group.value, created ? { append: true } : undefined);
      created = true;
    }
  } catch (error) {
    next.catch(() => undefined); // the group asked for ahead is not wanted any more
    await groups.return?.(undefined);
    await conn.query(`DROP TABLE IF EXISTS ${rawTable}`); // no half-read table left behind
    throw new Error(`${file.name}: ${errorMessage(error)}`);
  }
  if (!created) throw new Error(`${file.name}: no data rows`);
}

/**
 * Reads a file (CSV or Parquet, detected) into DuckDB and profiles it. It throws only
 * `FileImportError` (the file named, the reason in one line) or `ImportCancelled`.
 * The rows are loaded and profiled in a staging table that replaces the file's raw table only at the
 * end, so a failed or cancelled import leaves a loaded file of the same name as it was. Whatever
 * fails once the signal is set (a statement `conn.interrupt` stopped, most likely) is a cancellation.
 */
export async function importFile(
  conn: SqlConnection,
  file: InputFile,
  options: ImportOptions = {},
): Promise<ImportedFile> {
  const table = tableNameFor(file.name);
  const rawTable = `${table}__raw`;
  const staged = `${table}__staged`;
  try {
    const loaded = await loadAndProfile(conn, file, staged, options);
    throwIfCancelled(options.signal, file.name);
    await conn.query(`DROP TABLE IF EXISTS ${rawTable}`);
    await conn.query(`ALTER TABLE ${staged} RENAME TO ${rawTable}`);
    await conn.query(
      `CREATE OR REPLACE VIEW ${table} AS SELECT rowid + 1 AS __row, ${loaded.select} FROM ${rawTable}`,
    );
    return { ...loaded.file, table, rawTable };
  } catch (error) {
    await conn.query(`DROP TABLE IF EXISTS ${staged}`).catch(() => undefined);
    throwIfCancelled(options.signal, file.name);
    throw fileImportError(file.name, error);
  }
}

/** Renames a loaded table's columns that clash with our own (safeColumnNames.ts); its columns after. */
async function renameUnsafeColumns(
  conn: SqlConnection,
  rawTable: string,
): Promise<{ name: string; type: string }[]> {
  const schema = await conn.query(`DESCRIBE ${rawTable}`);
  const columns = Array.from(schema.toArray(), (row) => ({
    name: toText(row.column_name) ?? '',
    type: toText(row.column_type) ?? 'VARCHAR',
  }));
  const safe = safeColumnNames(columns.map((column) => column.name));
  for (const [index, column] of columns.entries()) {
    if (safe[index] === column.name) continue;
    await conn.query(
      `ALTER TABLE ${rawTable} RENAME COLUMN ${quoteIdentifier(column.name)} TO ${quoteIdentifier(safe[index])}`,
    );
  }
  return columns.map((column, index) => ({ name: safe[index], type: column.type }));
}

/** The file loaded into `rawTable` and profiled; `select` is the typed view's column list. */
async function loadAndProfile(
  conn: SqlConnection,
  file: InputFile,
  rawTable: string,
  options: ImportOptions,
): Promise<{ file: Omit<ImportedFile, 'table' | 'rawTable'>; select: string }> {
  const format = detectFormat(file);
  const { signal } = options;
  let csv: CsvOptions | undefined;
  let inferred: InferredColumns;
  if (format === 'csv') {
    const loaded = await loadCsv(conn, file, rawTable, options.csv ?? {}, signal);
    csv = loaded.csv;
    inferred = loaded.inferred;
  } else {
    await loadParquet(conn, file, rawTable, options.parquetToIpc, signal);
    throwIfCancelled(signal, file.name);
    const sourceTypes = await renameUnsafeColumns(conn, rawTable);
    inferred = await inferColumns(conn, rawTable, sourceTypes, {
      decimalSeparator: options.csv?.decimalSeparator,
      dateFormat: options.csv?.dateFormat,
    });
  }
  throwIfCancelled(signal, file.name);
  const rows =
    toNumber((await conn.query(`SELECT count(*)::DOUBLE AS n FROM ${rawTable}`)).toArray()[0]?.n) ??
    0;
  if (rows === 0) throw new Error(`${file.name}: no data rows`);
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
  const select = inferred.columns
    .map((column, index) => `${typedColumns[index]} AS ${quoteIdentifier(column.name)}`)
    .join(', ');
  // Profiled on the raw table: a number column stored as numbers is read as stored (no cast).
  const columns = await profileColumns(
    conn,
    rawTable,
    rows,
    inferred.columns,
    inferred.columns.map((column, index) =>
      column.kind === 'number' && isNumericSourceType(column.sourceType)
        ? quoteIdentifier(column.name)
        : typedColumns[index],
    ),
  );
  const dateFormat = inferred.columns.find(
    (column) => column.kind === 'date' && column.dateFormat,
  )?.dateFormat;
  const imported = {
    name: file.name,
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
  return { file: imported, select };
}
