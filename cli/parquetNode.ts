/**
 * Node `ParquetToIpc`: parquet-wasm's Node build reads Parquet bytes row group by row group, each to
 * an Arrow IPC stream, in a worker thread, so decoding row group i + 1 runs while DuckDB (on the
 * calling thread) inserts row group i; the data layer asks for the next group before inserting one.
 * The worker decodes only the group asked for, so memory holds at most two decoded groups.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { ParquetToIpc } from '../models/data/parquetToIpc';

const require = createRequire(import.meta.url);

/** `id` names the file; `ticket` the request, which its reply carries back. */
type Request = { readonly id: number; readonly ticket?: number } & (
  | { readonly kind: 'open'; readonly bytes: Uint8Array }
  | { readonly kind: 'read'; readonly group: number }
  | { readonly kind: 'close' }
);

type Reply = { readonly ticket: number } & (
  | { readonly kind: 'opened'; readonly groups: number; readonly schema?: Uint8Array }
  | { readonly kind: 'group'; readonly ipc: Uint8Array }
  | { readonly kind: 'error'; readonly message: string }
);

/**
 * The worker, as CommonJS source (plain JavaScript: a worker cannot load TypeScript by itself).
 * One record batch per row group: DuckDB inserts a few large batches far faster than many of 1,024
 * rows. A Blob lets the reader fetch one row group's byte ranges at a time.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const parquet = require(workerData.parquetWasm);
const files = new Map();
const reply = (message, transfer) => parentPort.postMessage(message, transfer);
parentPort.on('message', async (request) => {
  const { id, ticket } = request;
  try {
    if (request.kind === 'open') {
      const file = await parquet.ParquetFile.fromFile(new Blob([request.bytes]));
      const metadata = file.metadata();
      const groups = metadata.numRowGroups();
      const rows = [];
      for (let group = 0; group < groups; group++) {
        const rowGroup = metadata.rowGroup(group);
        rows.push(Math.max(1, rowGroup.numRows()));
        rowGroup.free();
      }
      metadata.free();
      if (groups === 0) {
        file.free();
        // No row groups: the schema alone, so the table still gets its columns.
        const schema = parquet.readParquet(request.bytes).intoIPCStream();
        reply({ ticket, kind: 'opened', groups, schema }, [schema.buffer]);
        return;
      }
      files.set(id, { file, rows });
      reply({ ticket, kind: 'opened', groups });
    } else if (request.kind === 'read') {
      const entry = files.get(id);
      const table = await entry.file.read({ rowGroups: [request.group], batchSize: entry.rows[request.group] });
      // intoIPCStream consumes (and frees) the wasm table and returns a copy outside wasm memory.
      const ipc = table.intoIPCStream();
      reply({ ticket, kind: 'group', ipc }, [ipc.buffer]);
    } else if (request.kind === 'close') {
      files.get(id)?.file.free();
      files.delete(id);
    }
  } catch (error) {
    reply({ ticket, kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
`;

interface Decoder {
  /** Sends a request; resolves with the worker's reply to it. */
  ask(request: Request, transfer?: ArrayBuffer[]): Promise<Reply>;
  tell(request: Request): void;
}

let decoder: Decoder | null = null;
let nextId = 0;
let nextTicket = 0;

/** The shared worker, started on first use; it keeps the process alive only while asked something. */
function sharedDecoder(): Decoder {
  if (decoder) return decoder;
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { parquetWasm: require.resolve('parquet-wasm/node') },
  });
  worker.unref();
  const waiting = new Map<number, { resolve(reply: Reply): void; reject(error: Error): void }>();
  const fail = (error: Error) => {
    decoder = null; // the next file starts a fresh worker
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  };
  worker.on('message', (reply: Reply) => {
    const pending = waiting.get(reply.ticket);
    waiting.delete(reply.ticket);
    if (waiting.size === 0) worker.unref();
    pending?.resolve(reply);
  });
  worker.on('error', (error) => fail(error));
  worker.on('exit', (code) => fail(new Error(`the Parquet reader stopped (exit code ${code})`)));
  decoder = {
    ask(request, transfer) {
      return new Promise((resolve, reject) => {
        const ticket = nextTicket++;
        waiting.set(ticket, { resolve, reject });
        worker.ref();
        worker.postMessage({ ...request, ticket }, transfer);
      });
    },
    tell(request) {
      worker.postMessage(request);
    },
  };
  return decoder;
}

function unreadable(message: string): Error {
  return new Error(`not a readable Parquet file (${message})`);
}

async function* rowGroupStreams(
  reader: Decoder,
  id: number,
  count: number,
): AsyncGenerator<Uint8Array> {
  try {
    for (let group = 0; group < count; group += 1) {
      const reply = await reader.ask({ kind: 'read', id, group });
      if (reply.kind === 'error') throw unreadable(reply.message);
      if (reply.kind !== 'group') throw new Error(`the Parquet reader answered ${reply.kind}`);
      yield reply.ipc;
    }
  } finally {
    reader.tell({ kind: 'close', id });
  }
}

/** Streams a Parquet file's row groups as Arrow IPC; throws a clear error on bytes that are not Parquet. */
export const parquetToIpcNode: ParquetToIpc = async (input) => {
  const reader = sharedDecoder();
  const id = nextId++;
  // The worker gets its own bytes to transfer: a copy of the caller's, or a source's fresh read
  // (copied only when it is a view on part of a larger buffer, which a transfer would detach).
  const read = input instanceof Uint8Array ? null : await input.read();
  const copy: Uint8Array<ArrayBuffer> =
    read?.buffer instanceof ArrayBuffer &&
    read.byteOffset === 0 &&
    read.byteLength === read.buffer.byteLength
      ? new Uint8Array(read.buffer)
      : (read ?? (input as Uint8Array)).slice();
  const reply = await reader.ask({ kind: 'open', id, bytes: copy }, [copy.buffer]);
  if (reply.kind === 'error') throw unreadable(reply.message);
  if (reply.kind !== 'opened') throw new Error(`the Parquet reader answered ${reply.kind}`);
  if (reply.groups > 0) return rowGroupStreams(reader, id, reply.groups);
  return reply.schema ?? new Uint8Array();
};
