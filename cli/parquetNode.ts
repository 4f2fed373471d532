/**
 * Node `ParquetToIpc`: the app's own Parquet decoder (models/data/parquetDecoder.ts) over
 * parquet-wasm's Node build, in a worker thread (cli/workers/parquetWorker.ts), reads Parquet bytes
 * row group by row group, each to an Arrow IPC stream, so decoding row group i + 1 runs while DuckDB
 * (on the calling thread) inserts row group i; the data layer asks for the next group before
 * inserting one. The worker decodes only the group asked for, so memory holds at most two groups.
 */
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import type { ParquetToIpc } from '../models/data/parquetToIpc';
import type { ParquetReply, ParquetRequest } from './workers/parquetWorker';
import { parquetWorkerEntry } from './workers/parquetWorkerEntry';
import { startWorker } from './workers/startWorker';

/** A request that expects a reply, without its ticket (the client numbers them). */
type WithoutTicket<R> = R extends { ticket: number } ? Omit<R, 'ticket'> : never;
type Ask = WithoutTicket<ParquetRequest>;

const require = createRequire(import.meta.url);

interface Decoder {
  /** Sends a request; resolves with the worker's reply to it. */
  ask(request: Ask, transfer?: ArrayBuffer[]): Promise<ParquetReply>;
  tell(request: ParquetRequest): void;
}

let decoder: Promise<Decoder> | null = null;
let nextTicket = 0;

/** The shared worker, started on first use; it keeps the process alive only while asked something. */
function sharedDecoder(): Promise<Decoder> {
  decoder ??= startWorker(parquetWorkerEntry, {
    workerData: { parquetWasm: require.resolve('parquet-wasm/node') },
  }).then(connect);
  return decoder;
}

function connect(worker: Worker): Decoder {
  worker.unref();
  const waiting = new Map<
    number,
    { resolve(reply: ParquetReply): void; reject(error: Error): void }
  >();
  const fail = (error: Error) => {
    decoder = null; // the next file starts a fresh worker
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  };
  worker.on('message', (reply: ParquetReply) => {
    const pending = waiting.get(reply.ticket);
    waiting.delete(reply.ticket);
    if (waiting.size === 0) worker.unref();
    pending?.resolve(reply);
  });
  worker.on('error', (error) => fail(error));
  worker.on('exit', (code) => fail(new Error(`the Parquet reader stopped (exit code ${code})`)));
  return {
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
  const reader = await sharedDecoder();
  // The worker gets its own bytes to transfer: a copy of the caller's, or a source's fresh read
  // (copied only when it is a view on part of a larger buffer, which a transfer would detach).
  const read = input instanceof Uint8Array ? null : await input.read();
  const copy: Uint8Array<ArrayBuffer> =
    read?.buffer instanceof ArrayBuffer &&
    read.byteOffset === 0 &&
    read.byteLength === read.buffer.byteLength
      ? new Uint8Array(read.buffer)
      : (read ?? (input as Uint8Array)).slice();
  const reply = await reader.ask({ kind: 'open', bytes: copy }, [copy.buffer]);
  if (reply.kind === 'error') throw unreadable(reply.message);
  if (reply.kind !== 'opened') throw new Error(`the Parquet reader answered ${reply.kind}`);
  const { opened } = reply;
  if (opened.id === null) return opened.schema;
  return rowGroupStreams(reader, opened.id, opened.groups);
};
