/** Reads Parquet bytes to an Arrow IPC stream (platform-provided: parquet-wasm in Node and in the browser). */
export type ParquetToIpc = (bytes: Uint8Array) => Promise<Uint8Array>;
