/**
 * What the data store needs from the outside world, behind one interface so the store's logic
 * runs in tests (Node, duckdb-wasm's Node bindings) exactly as in the app (DuckDB's web worker).
 */
import type { InputFile, ParquetToIpc, SqlConnection } from '../../models/data';
import type { KeyValueStorage } from '../platform/recentFiles';

export interface DataServices {
  connection(): Promise<SqlConnection>;
  parquetToIpc: ParquetToIpc;
  fetchSample(): Promise<InputFile[]>;
  /** Where the project (mapping) is saved; null keeps it in memory only. */
  storage: KeyValueStorage | null;
}

/** The app's services: browser DuckDB and parquet-wasm, loaded on first use (they are large). */
export function browserDataServices(): DataServices {
  return {
    connection: async () => (await import('./duckdb')).getConnection(),
    parquetToIpc: async (bytes) => (await import('./parquet')).parquetToIpc(bytes),
    fetchSample: async () => (await import('./sampleData')).fetchSampleFiles(),
    storage: typeof localStorage === 'undefined' ? null : localStorage,
  };
}
