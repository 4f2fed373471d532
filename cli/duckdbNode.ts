/**
 * Node `SqlConnection` over duckdb-wasm's blocking Node bindings (the same engine as the app's worker).
 *
 * duckdb-wasm's CJS build loads apache-arrow through `require`; an ESM `import` of apache-arrow here
 * would be a second copy (instanceof checks fail, tables come back empty), so Arrow is never imported.
 * Extension autoloading is switched off so nothing ever reaches the network.
 */
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareEngine } from '../models/data/prepareEngine';
import type { ArrowTableLike, FileSource, SqlConnection } from '../models/data/types';
import { DiskFile } from './readBytes';

const require = createRequire(import.meta.url);

interface BlockingConnection {
  query(text: string): ArrowTableLike;
  insertArrowFromIPCStream(buffer: Uint8Array, options: { name: string; create?: boolean }): void;
  close(): void;
}

interface BlockingBindings {
  open(config: { path?: string; query?: Record<string, boolean> }): void;
  instantiate(onProgress: (progress: unknown) => void): Promise<unknown>;
  connect(): BlockingConnection;
  registerFileBuffer(name: string, buffer: Uint8Array): void;
  registerFileURL(name: string, url: string, protocol: number, directIO: boolean): void;
  dropFile(name: string): void;
  reset(): void;
}

interface BlockingModule {
  createDuckDB(bundles: unknown, logger: unknown, runtime: unknown): Promise<BlockingBindings>;
  NODE_RUNTIME: unknown;
  DuckDBDataProtocol: { NODE_FS: number };
  VoidLogger: new () => unknown;
}

export type ClosableSqlConnection = SqlConnection & { close(): Promise<void> };

export interface NodeConnectionOptions {
  /**
   * Called after every statement and every Arrow insert (as `INSERT <n> bytes of Arrow IPC INTO t`)
   * with its text and duration (`MMM_TRACE_SQL=1`: logged to stderr).
   */
  trace?: (sql: string, milliseconds: number) => void;
  /** Heap grown once at open (models/data/prepareEngine.ts; the app's worker does the same). */
  reserveBytes?: number;
}

function traceFromEnvironment(): NodeConnectionOptions['trace'] {
  if (process.env.MMM_TRACE_SQL !== '1') return undefined;
  // `@` is when the statement ended, in ms since the connection opened: gaps show waiting.
  const opened = Date.now();
  return (sql, milliseconds) =>
    process.stderr.write(
      `[sql ${milliseconds} ms @${Date.now() - opened}] ${sql.replace(/\s+/g, ' ').slice(0, 300)}\n`,
    );
}

/** Opens an in-memory duckdb-wasm database and one connection to it. */
export async function openNodeConnection(
  options: NodeConnectionOptions = {},
): Promise<ClosableSqlConnection> {
  const trace = options.trace ?? traceFromEnvironment();
  const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as BlockingModule;
  const distDir = require
    .resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs')
    .replace(/[\\/][^\\/]+$/, '');
  const bundles = {
    mvp: {
      mainModule: `${distDir}/duckdb-mvp.wasm`,
      mainWorker: `${distDir}/duckdb-node-mvp.worker.cjs`,
    },
    eh: {
      mainModule: `${distDir}/duckdb-eh.wasm`,
      mainWorker: `${distDir}/duckdb-node-eh.worker.cjs`,
    },
  };
  const database = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await database.instantiate(() => undefined);
  database.open({});
  const connection = database.connect();
  connection.query('SET autoinstall_known_extensions=false');
  connection.query('SET autoload_known_extensions=false');
  let closed = false;
  const sqlConnection: ClosableSqlConnection = {
    async query(sql: string): Promise<ArrowTableLike> {
      if (!trace) return connection.query(sql);
      const started = Date.now();
      const result = connection.query(sql);
      trace(sql, Date.now() - started);
      return result;
    },
    async registerFile(name: string, bytes: Uint8Array): Promise<void> {
      database.registerFileBuffer(name, bytes);
    },
    async registerSource(name: string, source: FileSource): Promise<boolean> {
      // duckdb-wasm's Node runtime reads a NODE_FS file straight into wasm memory, piece by piece.
      // It opens the path read-write (O_RDWR | O_CREAT) though it only reads: a file this process may
      // not write is read as bytes instead, and one that went away is not created again.
      if (!(source.handle instanceof DiskFile)) return false;
      try {
        accessSync(source.handle.path, constants.R_OK | constants.W_OK);
      } catch {
        return false;
      }
      database.registerFileURL(name, source.handle.path, duckdb.DuckDBDataProtocol.NODE_FS, true);
      return true;
    },
    async insertArrowIpc(
      tableName: string,
      ipc: Uint8Array,
      options?: { append?: boolean },
    ): Promise<void> {
      const started = Date.now();
      connection.insertArrowFromIPCStream(ipc, { name: tableName, create: !options?.append });
      trace?.(
        `INSERT ${ipc.byteLength} bytes of Arrow IPC INTO ${tableName}${options?.append ? ' (append)' : ''}`,
        Date.now() - started,
      );
    },
    async dropFile(name: string): Promise<void> {
      database.dropFile(name);
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      connection.close();
      database.reset();
    },
  };
  await prepareEngine(sqlConnection, { reserveBytes: options.reserveBytes });
  return sqlConnection;
}
