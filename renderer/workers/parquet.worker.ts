/**
 * Web Worker entry: decodes Parquet with parquet-wasm's `esm` build, one row group per request, each
 * to an Arrow IPC stream transferred back (never copied), so a large import never blocks the UI
 * thread (the client is renderer/data/parquet.ts). The .wasm is fetched from the app's own origin
 * (Vite `?url`): no network, and DuckDB's parquet extension is never downloaded.
 */
import { expose, transfer } from 'comlink';
import initParquet, { ParquetFile, readParquet } from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';

/** What the decoder needs from parquet-wasm (the `esm` build here, the Node build in tests). */
export interface ParquetWasm {
  readonly ParquetFile: Pick<typeof ParquetFile, 'fromFile'>;
  readonly readParquet: typeof readParquet;
}

/** An opened file: its id and row group count, or (no row groups) the schema alone as IPC. */
export type OpenedParquet =
  | { readonly id: number; readonly groups: number; readonly schema?: undefined }
  | { readonly id: null; readonly groups: 0; readonly schema: Uint8Array };

/** The worker's API (the comlink contract): `open`, then `read` each group, then `close`. */
export interface ParquetDecoder {
  /**
   * Opens Parquet bytes (pass them transferred) or a Blob (a picked `File`: read in place, one row
   * group's byte ranges at a time); rejects with parquet-wasm's message on bad bytes.
   */
  open(input: Uint8Array<ArrayBuffer> | Blob): Promise<OpenedParquet>;
  /** Row group `group` of file `id` as one Arrow IPC stream holding one record batch. */
  read(id: number, group: number): Promise<Uint8Array>;
  /** Frees file `id`'s wasm memory; a second close is a no-op. */
  close(id: number): void;
  /** How many files are open (lets tests check that every path frees its file). */
  openFiles(): number;
}

interface OpenFile {
  readonly file: ParquetFile;
  /** Rows per group: one record batch per row group, since DuckDB inserts a few large batches far faster than many of 1,024 rows. */
  readonly rows: readonly number[];
}

/** The decoder over a parquet-wasm module, loaded (and initialised) on first use. */
export function createParquetDecoder(load: () => Promise<ParquetWasm>): ParquetDecoder {
  let module: Promise<ParquetWasm> | null = null;
  const files = new Map<number, OpenFile>();
  let nextId = 0;
  return {
    async open(input) {
      module ??= load();
      const parquet = await module;
      // A Blob lets the reader fetch one row group's byte ranges at a time.
      const file = await parquet.ParquetFile.fromFile(
        input instanceof Blob ? input : new Blob([input]),
      );
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
        const bytes = input instanceof Blob ? new Uint8Array(await input.arrayBuffer()) : input;
        const schema = parquet.readParquet(bytes).intoIPCStream();
        return transfer({ id: null, groups: 0, schema }, [schema.buffer]);
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
      // intoIPCStream consumes (and frees) the wasm table and returns a copy outside wasm memory.
      const ipc = table.intoIPCStream();
      return transfer(ipc, [ipc.buffer]);
    },
    close(id) {
      files.get(id)?.file.free();
      files.delete(id);
    },
    openFiles: () => files.size,
  };
}

const loadEsm = async (): Promise<ParquetWasm> => {
  await initParquet({ module_or_path: parquetWasmUrl });
  return { ParquetFile, readParquet };
};

// Only inside a worker: Node (the unit tests import createParquetDecoder) has no `self`.
if (typeof self !== 'undefined') expose(createParquetDecoder(loadEsm) satisfies ParquetDecoder);
