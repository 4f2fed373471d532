/**
 * Node `SqlConnection` over duckdb-wasm's blocking Node bindings (the same engine as the app's worker).
 *
 * duckdb-wasm's CJS build loads apache-arrow through `require`; an ESM `import` of apache-arrow here
 * would be a second copy (instanceof checks fail, tables come back empty), so Arrow is never imported.
 * Extension autoloading is switched off so nothing ever reaches the network. The heap is grown for
 * the input as it arrives (`heapForInput`), not by a fixed reserve at open: a 2-row CSV needs none.
 *
 * Start-up (a 2-row `mmm inspect` is almost all start-up) is cut twice, measured in bench/RESULTS.md:
 * the glue is loaded with the start-up patches of `./duckdbGlue`, and a small input compiles the wasm
 * with Liftoff only (`wasmTierFlag`).
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { compileFunction } from 'node:vm';
import { defaultReserveBytes, prepareEngine, reserveHeap } from '../models/data/prepareEngine';
import type { ArrowTableLike, FileSource, InputFile, SqlConnection } from '../models/data/types';
import { patchGlue } from './duckdbGlue';
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
  /**
   * Heap grown once at open (models/data/prepareEngine.ts), instead of growing it for each input
   * as it arrives (`heapForInput`). 0: never reserve.
   */
  reserveBytes?: number;
  /** Bytes of input the connection will read, when known up front: chooses the wasm tier. */
  inputBytes?: number;
}

/**
 * Inputs up to this size compile duckdb-wasm with Liftoff (V8's baseline wasm compiler) only: by
 * default V8 also recompiles ~200 functions that run hot while DuckDB starts with TurboFan, CPU a
 * short command never earns back. Larger imports keep the tier-up, which their long queries use.
 */
export const baselineOnlyBelowBytes = 16 * 1024 ** 2;

/** Bytes the inputs hold on disk (`inputBytes` for `openNodeConnection`). */
export function sizeOfInputs(inputs: readonly InputFile[]): number {
  return inputs.reduce((sum, input) => sum + (input.source?.size ?? input.bytes.byteLength), 0);
}

/** The V8 flag to set before the wasm compiles (it is read at compile time), or null for none. */
export function wasmTierFlag(inputBytes: number | undefined): string | null {
  if (inputBytes === undefined) return null;
  return inputBytes < baselineOnlyBelowBytes ? '--liftoff-only' : '--no-liftoff-only';
}

/** duckdb-wasm's blocking Node bindings, loaded as `require` would, with the glue patched above. */
function loadBlockingModule(): BlockingModule {
  const file = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
  const { source } = patchGlue(readFileSync(file, 'utf8'));
  const parameters = ['exports', 'require', 'module', '__filename', '__dirname'];
  const body = compileFunction(source, parameters, { filename: file });
  const module = { exports: {} as unknown };
  body.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return module.exports as BlockingModule;
}

let blockingModule: BlockingModule | undefined;

/**
 * The heap to have grown once `incomingBytes` in all have been registered or inserted: three times
 * the input (a file's table, its typed view's results and the frame; 128 MiB held a 1M-row export,
 * ≈ 45 MB of CSV), at most the 128 MiB the app reserves, and nothing for small inputs, whose few
 * growth steps cost less than touching a reserve (a 2-row CSV paid 128 MiB, 0.2–0.9 s, up front).
 */
export function heapForInput(incomingBytes: number): number {
  const wanted = Math.min(defaultReserveBytes, 3 * incomingBytes);
  return wanted < minimumReserveBytes ? 0 : wanted;
}

/** Reserves smaller than this are not worth a statement (wasm grows in ~20 % steps of its size). */
const minimumReserveBytes = 16 * 1024 ** 2;

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
  const tierFlag = wasmTierFlag(options.inputBytes);
  if (tierFlag) setFlagsFromString(tierFlag);
  const duckdb = (blockingModule ??= loadBlockingModule());
  const distDir = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
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
  // Grown in one step ahead of the input, and again only when the input has doubled the need.
  let incoming = 0;
  let reserved = options.reserveBytes ?? 0;
  const growFor = async (bytes: number): Promise<void> => {
    if (options.reserveBytes !== undefined) return;
    incoming += bytes;
    const wanted = heapForInput(incoming);
    if (wanted < 2 * reserved || wanted === 0) return;
    reserved = wanted;
    await reserveHeap(sqlConnection, wanted);
  };
  const sqlConnection: ClosableSqlConnection = {
    async query(sql: string): Promise<ArrowTableLike> {
      if (!trace) return connection.query(sql);
      const started = Date.now();
      const result = connection.query(sql);
      trace(sql, Date.now() - started);
      return result;
    },
    async registerFile(name: string, bytes: Uint8Array): Promise<void> {
      await growFor(bytes.byteLength);
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
      await growFor(source.size);
      database.registerFileURL(name, source.handle.path, duckdb.DuckDBDataProtocol.NODE_FS, true);
      return true;
    },
    async insertArrowIpc(
      tableName: string,
      ipc: Uint8Array,
      options?: { append?: boolean },
    ): Promise<void> {
      await growFor(ipc.byteLength);
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
  await prepareEngine(sqlConnection, { reserveBytes: options.reserveBytes ?? 0 });
  return sqlConnection;
}
