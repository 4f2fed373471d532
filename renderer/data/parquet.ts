/**
 * Parquet → Arrow IPC for the app, decoded in one shared Web Worker (renderer/workers/
 * parquet.worker.ts) so a large import never freezes the UI thread. One IPC stream per row group:
 * the data layer asks for row group i + 1 before inserting row group i into DuckDB (its own worker),
 * so decoding and inserting overlap and memory holds at most two decoded groups. The file is closed
 * in the worker when the consumer stops early, finishes, or a read fails.
 */
import { transfer, wrap, type Endpoint, type Remote } from 'comlink';
import type { FileSource, ParquetToIpc } from '../../models/data';
import type { OpenedParquet, ParquetDecoder } from '../../models/data/parquetDecoder';

/** The part of a DOM Worker the client uses (tests supply a MessagePort stand-in). */
export interface ParquetWorkerLike extends Endpoint {
  terminate(): void;
}

function startParquetWorker(): ParquetWorkerLike {
  return new Worker(new URL('../workers/parquet.worker.ts', import.meta.url), {
    type: 'module',
    name: 'parquet',
  });
}

interface Connection {
  readonly decoder: Remote<ParquetDecoder>;
  /** Rejects when the worker fails (comlink alone would leave its calls pending for ever). */
  readonly failed: Promise<never>;
}

/** The worker itself stopped: not a fault of the file, so not reported as one. */
class ReaderStopped extends Error {}

function unreadable(error: unknown): Error {
  if (error instanceof ReaderStopped) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new Error(`not a readable Parquet file (${message})`);
}

/**
 * A `ParquetToIpc` over one worker started on first use; a worker that fails (e.g. its script or
 * wasm cannot load) fails the calls waiting on it and is replaced by a fresh one for the next file.
 */
export function createParquetToIpc(
  startWorker: () => ParquetWorkerLike = startParquetWorker,
): ParquetToIpc {
  let connection: Connection | null = null;

  function connect(): Connection {
    if (connection) return connection;
    const worker = startWorker();
    const failed = new Promise<never>((_, reject) => {
      const fail = (error: Error): void => {
        if (connection === current) connection = null;
        worker.terminate();
        reject(error);
      };
      worker.addEventListener('error', (event) => {
        const message = 'message' in event && typeof event.message === 'string' && event.message;
        fail(new ReaderStopped(`the Parquet reader stopped (${message || 'it failed to load'})`));
      });
      worker.addEventListener('messageerror', () =>
        fail(new ReaderStopped('the Parquet reader sent a message that could not be read')),
      );
    });
    failed.catch(() => undefined); // only calls in flight care
    const current: Connection = { decoder: wrap<ParquetDecoder>(worker), failed };
    connection = current;
    return current;
  }

  /** The call's result, or the worker's failure if that comes first. */
  const ask = <T>(link: Connection, call: Promise<T>): Promise<T> =>
    Promise.race([call, link.failed]);

  async function* rowGroupStreams(
    link: Connection,
    id: number,
    count: number,
  ): AsyncGenerator<Uint8Array> {
    try {
      for (let group = 0; group < count; group += 1) {
        let ipc: Uint8Array;
        try {
          ipc = await ask(link, link.decoder.read(id, group));
        } catch (error) {
          throw unreadable(error);
        }
        yield ipc;
      }
    } finally {
      // Not awaited: the consumer need not wait for the worker to free wasm memory.
      link.decoder.close(id).catch(() => undefined);
    }
  }

  /** What the worker opens: a picked file itself (a Blob is sent, not copied), else bytes to transfer. */
  async function workerInput(
    input: Uint8Array | FileSource,
  ): Promise<Uint8Array<ArrayBuffer> | Blob> {
    if (!(input instanceof Uint8Array) && input.handle instanceof Blob) return input.handle;
    // A copy, transferred: the caller keeps its bytes (a view copies only its range).
    const bytes = input instanceof Uint8Array ? input : await input.read();
    return bytes.slice();
  }

  return async (input) => {
    const link = connect();
    let opened: OpenedParquet;
    try {
      const sent = await workerInput(input);
      opened = await ask<OpenedParquet>(
        link,
        link.decoder.open(sent instanceof Blob ? sent : transfer(sent, [sent.buffer])),
      );
    } catch (error) {
      throw unreadable(error);
    }
    if (opened.id === null) return opened.schema;
    return rowGroupStreams(link, opened.id, opened.groups);
  };
}

/** The app's Parquet reader: one shared worker, started on the first Parquet import. */
export const parquetToIpc: ParquetToIpc = createParquetToIpc();
