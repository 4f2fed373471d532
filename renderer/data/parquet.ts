/**
 * Parquet → Arrow IPC in the browser with parquet-wasm's `esm` build, row group by row group so wasm
 * memory holds one decoded row group at a time. Its .wasm comes from the app's own origin (Vite
 * `?url`), so this works offline; DuckDB's parquet extension is never used because it would be
 * downloaded at run time.
 */
import initParquet, { ParquetFile, readParquet } from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import type { ParquetToIpc } from '../../models/data';

let ready: Promise<unknown> | null = null;

/** One record batch per row group: DuckDB inserts a few large batches far faster than many of 1,024 rows. */
function rowsOf(file: ParquetFile, group: number): number {
  const metadata = file.metadata();
  const rowGroup = metadata.rowGroup(group);
  const rows = rowGroup.numRows();
  rowGroup.free();
  metadata.free();
  return Math.max(1, rows);
}

async function* rowGroupStreams(file: ParquetFile, count: number): AsyncGenerator<Uint8Array> {
  try {
    for (let group = 0; group < count; group += 1)
      // intoIPCStream consumes (and frees) the wasm table.
      yield (
        await file.read({ rowGroups: [group], batchSize: rowsOf(file, group) })
      ).intoIPCStream();
  } finally {
    file.free();
  }
}

/** The bytes as a Blob part (a view of a shared buffer is copied: Blob takes plain buffers only). */
function blobPart(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer
    ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    : bytes.slice();
}

export const parquetToIpc: ParquetToIpc = async (bytes) => {
  ready ??= initParquet({ module_or_path: parquetWasmUrl });
  await ready;
  // A Blob lets the reader fetch one row group's byte ranges at a time.
  const file = await ParquetFile.fromFile(new Blob([blobPart(bytes)]));
  const metadata = file.metadata();
  const count = metadata.numRowGroups();
  metadata.free();
  if (count > 0) return rowGroupStreams(file, count);
  file.free();
  // No row groups: the schema alone, so the table still gets its columns.
  return readParquet(bytes).intoIPCStream();
};
