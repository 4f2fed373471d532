/** Node `ParquetToIpc`: parquet-wasm's Node build reads Parquet bytes into an Arrow IPC stream. */
import { createRequire } from 'node:module';
import type { ParquetToIpc } from '../models/data/parquetToIpc';

const require = createRequire(import.meta.url);

interface ParquetWasmNode {
  readParquet(bytes: Uint8Array): { intoIPCStream(): Uint8Array };
}

/** Reads a whole Parquet file to an Arrow IPC stream; throws a clear error on bytes that are not Parquet. */
export const parquetToIpcNode: ParquetToIpc = async (bytes) => {
  const parquet = require('parquet-wasm/node') as ParquetWasmNode;
  try {
    return parquet.readParquet(bytes).intoIPCStream();
  } catch (error) {
    throw new Error(
      `not a readable Parquet file (${error instanceof Error ? error.message : String(error)})`,
    );
  }
};
