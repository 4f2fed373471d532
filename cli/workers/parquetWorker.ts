/**
 * worker_threads entry: the shared Parquet decoder (models/data/parquetDecoder.ts) over
 * parquet-wasm's Node build, answering the requests of cli/parquetNode.ts by ticket and
 * transferring each IPC stream back. Stays thin: the decoding is the app's own.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import {
  createParquetDecoder,
  type OpenedParquet,
  type ParquetWasm,
} from '../../models/data/parquetDecoder';

/** `ticket` names the request, which its reply carries back (a close needs no reply). */
export type ParquetRequest =
  | { readonly ticket: number; readonly kind: 'open'; readonly bytes: Uint8Array }
  | { readonly ticket: number; readonly kind: 'read'; readonly id: number; readonly group: number }
  | { readonly kind: 'close'; readonly id: number };

export type ParquetReply = { readonly ticket: number } & (
  | { readonly kind: 'opened'; readonly opened: OpenedParquet }
  | { readonly kind: 'group'; readonly ipc: Uint8Array }
  | { readonly kind: 'error'; readonly message: string }
);

const port = parentPort;
if (!port) throw new Error('parquetWorker must run inside a worker thread');

// parquet-wasm's Node build reads its .wasm beside itself, so it is required from its own path
// (resolved by the parent), never bundled into this script.
const parquetWasm = (workerData as { parquetWasm: string }).parquetWasm;
const decoder = createParquetDecoder(
  async () => createRequire(join(process.cwd(), 'index.js'))(parquetWasm) as ParquetWasm,
  (bytes) => new Blob([bytes as Uint8Array<ArrayBuffer>]),
);

port.on('message', async (request: ParquetRequest) => {
  if (request.kind === 'close') return decoder.close(request.id);
  const { ticket } = request;
  try {
    if (request.kind === 'open') {
      const opened = await decoder.open(request.bytes);
      const reply: ParquetReply = { ticket, kind: 'opened', opened };
      port.postMessage(reply, opened.schema ? [opened.schema.buffer as ArrayBuffer] : []);
    } else {
      const ipc = await decoder.read(request.id, request.group);
      const reply: ParquetReply = { ticket, kind: 'group', ipc };
      port.postMessage(reply, [ipc.buffer as ArrayBuffer]);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    port.postMessage({ ticket, kind: 'error', message } satisfies ParquetReply);
  }
});
