/**
 * Reads Parquet bytes to Arrow IPC (platform-provided: parquet-wasm in Node and in the browser): either
 * one stream for the whole file, or one stream per row group, so memory stays bounded by a row group.
 * An iterable yields at least one stream (the schema alone for a file without row groups).
 */
export type ParquetToIpc = (bytes: Uint8Array) => Promise<Uint8Array | AsyncIterable<Uint8Array>>;
