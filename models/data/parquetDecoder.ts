/**
 * The Parquet decoder both platforms run in a worker: parquet-wasm opens a file (a Blob, so a picked
 * file is read one row group's byte ranges at a time), then each row group is read to one Arrow IPC
 * stream holding one record batch (DuckDB inserts a few large batches far faster than many of 1,024
 * rows). The app's Web Worker (renderer/workers/parquet.worker.ts, parquet-wasm's esm build) and the
 * CLI's worker thread (cli/workers/parquetWorker.ts, its Node build) are thin adapters over this.
 */

/** The part of a Blob the decoder hands to parquet-wasm (structural: models/ has no DOM types). */
export interface BlobLike {
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

interface WasmTable {
  /** Consumes (and frees) the wasm table; the stream is a copy outside wasm memory. */
  intoIPCStream(): Uint8Array;
}

interface ParquetFileLike {
  metadata(): {
    numRowGroups(): number;
    rowGroup(index: number): { numRows(): number; free(): void };
    free(): void;
  };
  read(options: { rowGroups: number[]; batchSize: number }): Promise<WasmTable>;
  free(): void;
}

/** What the decoder needs from parquet-wasm (the esm build in the app, the Node build in the CLI). */
export interface ParquetWasm {
  readonly ParquetFile: { fromFile(blob: BlobLike): Promise<ParquetFileLike> };
  readParquet(bytes: Uint8Array): WasmTable;
}

/** An opened file: its id and row group count, or (no row groups) the schema alone as IPC. */
export type OpenedParquet =
  | { readonly id: number; readonly groups: number; readonly schema?: undefined }
  | { readonly id: null; readonly groups: 0; readonly schema: Uint8Array };

/** `open`, then `read` each group, then `close`. */
export interface ParquetDecoder {
  /** Opens Parquet bytes or a Blob (read in place); rejects with parquet-wasm's message on bad bytes. */
  open(input: Uint8Array | BlobLike): Promise<OpenedParquet>;
  /** Row group `group` of file `id` as one Arrow IPC stream holding one record batch. */
  read(id: number, group: number): Promise<Uint8Array>;
  /** Frees file `id`'s wasm memory; a second close is a no-op. */
  close(id: number): void;
  /** How many files are open (lets tests check that every path frees its file). */
  openFiles(): number;
}

interface OpenFile {
  readonly file: ParquetFileLike;
  /** Rows per group: each group is read as one batch of that many rows. */
  readonly rows: readonly number[];
}

/**
 * The decoder over a parquet-wasm module loaded (and initialised) on first use; `toBlob` wraps
 * bytes in the platform's Blob.
 */
export function createParquetDecoder(
  load: () => Promise<ParquetWasm>,
  toBlob: (bytes: Uint8Array) => BlobLike,
): ParquetDecoder {
  let module: Promise<ParquetWasm> | null = null;
  const files = new Map<number, OpenFile>();
  let nextId = 0;
  return {
    async open(input) {
      module ??= load();
      const parquet = await module;
      const blob = input instanceof Uint8Array ? toBlob(input) : input;
      const file = await parquet.ParquetFile.fromFile(blob);
      const metadata = file.metadata();
      const groups = metadata.numRowGroups();
      const rows: number[] = [];
      for (let group = 0; group < groups; group += 1) {
        const rowGroup = metadata.rowGroup(group);
        rows.push(Math.max(1, rowGroup.numRows()));
        rowGroup.free();
      }
      metadata.free();
      if (groups === 0) {
        file.free();
        // No row groups: the schema alone, so the table still gets its columns.
        const bytes =
          input instanceof Uint8Array ? input : new Uint8Array(await input.arrayBuffer());
        return { id: null, groups: 0, schema: parquet.readParquet(bytes).intoIPCStream() };
      }
      const id = nextId++;
      files.set(id, { file, rows });
      return { id, groups };
    },
    async read(id, group) {
      const entry = files.get(id);
      if (!entry) throw new Error(`file ${id} is not open`);
      if (!(group >= 0 && group < entry.rows.length))
        throw new Error(`row group ${group} is out of range (the file has ${entry.rows.length})`);
      const table = await entry.file.read({ rowGroups: [group], batchSize: entry.rows[group] });
      return table.intoIPCStream();
    },
    close(id) {
      files.get(id)?.file.free();
      files.delete(id);
    },
    openFiles: () => files.size,
  };
}
