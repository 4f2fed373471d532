/**
 * The one module that owns the browser's DuckDB: duckdb-wasm's `eh` bundle, served from the app's
 * own origin (Vite `?url` imports, never a CDN), running in its own worker. Exposes it as the data
 * layer's `SqlConnection`.
 */
import { AsyncDuckDB, ConsoleLogger, DuckDBDataProtocol, LogLevel } from '@duckdb/duckdb-wasm';
import type { AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import { Table } from 'apache-arrow';
import wasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import workerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import {
  prepareEngine,
  type ArrowTableLike,
  type FileSource,
  type SqlConnection,
} from '../../models/data';

let opening: Promise<SqlConnection> | null = null;

/** `localStorage['mmm-workbench:trace-sql'] = '1'` logs every statement with its duration. */
function traceSql(): boolean {
  try {
    return localStorage.getItem('mmm-workbench:trace-sql') === '1';
  } catch {
    return false;
  }
}

/** The shared connection, created on first use. */
export function getConnection(): Promise<SqlConnection> {
  opening ??= openConnection().catch((error: unknown) => {
    opening = null; // let a later call try again
    throw error;
  });
  return opening;
}

async function openConnection(): Promise<SqlConnection> {
  const worker = new Worker(workerUrl);
  const database = new AsyncDuckDB(new ConsoleLogger(LogLevel.WARNING), worker);
  await database.instantiate(wasmUrl);
  // Pending queries run in 1 s slices: a cancel waits at most that long, and a long import pays
  // for few slices (10M-row CSV: no measurable cost against `query`).
  await database.open({ query: { castBigIntToDouble: true, queryPollingInterval: 1000 } });
  const connection = await database.connect();
  // Extensions would be fetched from the internet: never, the app works offline.
  await connection.query('SET autoinstall_known_extensions=false');
  await connection.query('SET autoload_known_extensions=false');
  const wrapped = wrapConnection(database, connection);
  // As the CLI and bench:import do at open: no automatic checkpoints, and the heap grown once.
  await prepareEngine(wrapped);
  return wrapped;
}

function wrapConnection(database: AsyncDuckDB, connection: AsyncDuckDBConnection): SqlConnection {
  return {
    async query(sql: string): Promise<ArrowTableLike> {
      const started = Date.now();
      // Sent as a pending query, which the worker runs in slices between which it reads its
      // messages: `interrupt` (cancelSent) can then stop it. `query` would hold the worker until done.
      const reader = await connection.send(sql);
      const result = new Table(reader.schema, await reader.readAll()) as unknown as ArrowTableLike;
      if (traceSql()) console.debug(`[sql ${Date.now() - started} ms] ${sql.slice(0, 300)}`);
      return result;
    },
    async registerFile(name: string, bytes: Uint8Array): Promise<void> {
      // duckdb-wasm transfers the buffer to its worker: hand it a copy so the caller's bytes stay usable.
      await database.registerFileBuffer(name, bytes.slice());
    },
    async registerSource(name: string, source: FileSource): Promise<boolean> {
      // A picked or dropped File: DuckDB's worker reads it piece by piece (FileReaderSync), so the
      // file is never read whole into this page, copied, or held in wasm memory.
      if (!(source.handle instanceof Blob)) return false;
      await database.registerFileHandle(
        name,
        source.handle,
        DuckDBDataProtocol.BROWSER_FILEREADER,
        true,
      );
      return true;
    },
    async insertArrowIpc(
      tableName: string,
      ipc: Uint8Array,
      options?: { append?: boolean },
    ): Promise<void> {
      await connection.insertArrowFromIPCStream(ipc, { name: tableName, create: !options?.append });
    },
    async dropFile(name: string): Promise<void> {
      await database.dropFile(name);
    },
    async interrupt(): Promise<void> {
      await connection.cancelSent();
    },
  };
}
