/**
 * Parquet → Arrow IPC in the browser with parquet-wasm's `esm` build. Its .wasm comes from the
 * app's own origin (Vite `?url`), so this works offline; DuckDB's parquet extension is never used
 * because it would be downloaded at run time.
 */
import initParquet, { readParquet } from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import type { ParquetToIpc } from '../../models/data';

let ready: Promise<unknown> | null = null;

export const parquetToIpc: ParquetToIpc = async (bytes) => {
  ready ??= initParquet({ module_or_path: parquetWasmUrl });
  await ready;
  // intoIPCStream consumes (and frees) the wasm table.
  return readParquet(bytes).intoIPCStream();
};
