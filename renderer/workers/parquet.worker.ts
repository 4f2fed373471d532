/**
 * Web Worker entry: the shared Parquet decoder (models/data/parquetDecoder.ts) over parquet-wasm's
 * `esm` build, behind comlink; each IPC stream is transferred back (never copied), so a large
 * import never blocks the UI thread (the client is renderer/data/parquet.ts). The .wasm is fetched
 * from the app's own origin (Vite `?url`): no network, and DuckDB's parquet extension is never
 * downloaded.
 */
import { expose, transfer } from 'comlink';
import initParquet, { ParquetFile, readParquet } from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import {
  createParquetDecoder,
  type ParquetDecoder,
  type ParquetWasm,
} from '../../models/data/parquetDecoder';

/** The decoder with its results transferred across the worker boundary (comlink's `transfer`). */
export function transferring(decoder: ParquetDecoder): ParquetDecoder {
  return {
    async open(input) {
      const opened = await decoder.open(input);
      return opened.schema ? transfer(opened, [opened.schema.buffer]) : opened;
    },
    async read(id, group) {
      const ipc = await decoder.read(id, group);
      return transfer(ipc, [ipc.buffer]);
    },
    close: (id) => decoder.close(id),
    openFiles: () => decoder.openFiles(),
  };
}

const loadEsm = async (): Promise<ParquetWasm> => {
  await initParquet({ module_or_path: parquetWasmUrl });
  return { ParquetFile, readParquet };
};

// Only inside a worker: Node (the unit tests import `transferring`) has no `self`.
if (typeof self !== 'undefined')
  expose(transferring(createParquetDecoder(loadEsm, (bytes) => new Blob([bytes as BlobPart]))));
