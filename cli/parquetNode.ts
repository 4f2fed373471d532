/**
 * Node `ParquetToIpc`: parquet-wasm's Node build reads Parquet bytes row group by row group, each to
 * an Arrow IPC stream, so wasm memory holds one decoded row group at a time, never the whole file.
 */
import { createRequire } from 'node:module';
import type { ParquetToIpc } from '../models/data/parquetToIpc';

const require = createRequire(import.meta.url);

interface WasmTable {
  intoIPCStream(): Uint8Array;
}

interface ParquetFileHandle {
  metadata(): {
    numRowGroups(): number;
    rowGroup(index: number): { numRows(): number; free(): void };
    free(): void;
  };
  read(options: { rowGroups: number[]; batchSize: number }): Promise<WasmTable>;
  free(): void;
}

interface ParquetWasmNode {
  readParquet(bytes: Uint8Array): WasmTable;
  ParquetFile: { fromFile(handle: Blob): Promise<ParquetFileHandle> };
}

function unreadable(error: unknown): Error {
  return new Error(
    `not a readable Parquet file (${error instanceof Error ? error.message : String(error)})`,
  );
}

/** One record batch per row group: DuckDB inserts a few large batches far faster than many of 1,024 rows. */
function rowsOf(file: ParquetFileHandle, group: number): number {
  const metadata = file.metadata();
  const rowGroup = metadata.rowGroup(group);
  const rows = rowGroup.numRows();
  rowGroup.free();
  metadata.free();
  return Math.max(1, rows);
}

async function* rowGroupStreams(
  file: ParquetFileHandle,
  count: number,
): AsyncGenerator<Uint8Array> {
  try {
    for (let group = 0; group < count; group += 1) {
      let table: WasmTable;
      try {
        table = await file.read({ rowGroups: [group], batchSize: rowsOf(file, group) });
      } catch (error) {
        throw unreadable(error);
      }
      // intoIPCStream consumes (and frees) the wasm table.
      yield table.intoIPCStream();
    }
  } finally {
    file.free();
  }
}

/** Streams a Parquet file's row groups as Arrow IPC; throws a clear error on bytes that are not Parquet. */
export const parquetToIpcNode: ParquetToIpc = async (bytes) => {
  const parquet = require('parquet-wasm/node') as ParquetWasmNode;
  let file: ParquetFileHandle;
  let count: number;
  try {
    // A Blob lets the reader fetch one row group's byte ranges at a time.
    file = await parquet.ParquetFile.fromFile(new Blob([bytes as Uint8Array<ArrayBuffer>]));
    const metadata = file.metadata();
    count = metadata.numRowGroups();
    metadata.free();
  } catch (error) {
    throw unreadable(error);
  }
  if (count > 0) return rowGroupStreams(file, count);
  file.free();
  // No row groups: the schema alone, so the table still gets its columns.
  try {
    return parquet.readParquet(bytes).intoIPCStream();
  } catch (error) {
    throw unreadable(error);
  }
};
