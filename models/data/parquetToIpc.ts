import type { FileSource } from './types';

/**
 * Reads Parquet (its bytes, or a source the reader may read in place or `read()` whole) to Arrow IPC (platform-provided: parquet-wasm in Node and in the browser): either
 * one stream for the whole file, or one stream per row group, so memory stays bounded by a row group.
 * An iterable yields at least one stream (the schema alone for a file without row groups).
 */
export type ParquetToIpc = (
  input: Uint8Array | FileSource,
) => Promise<Uint8Array | AsyncIterable<Uint8Array>>;
