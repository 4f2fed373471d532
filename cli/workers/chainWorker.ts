/**
 * worker_threads entry: runs one chain per 'run' message and posts progress and the result back,
 * transferring the draw buffers. Stays thin — the work is `runChainRequest` in models/.
 */
import { parentPort } from 'node:worker_threads';
import {
  flattenError,
  transferables,
  type FromWorker,
  type ToWorker,
} from '../../models/inference/chainProtocol';
import { runChainRequest } from '../../models/inference/chains';

const port = parentPort;
if (!port) throw new Error('chainWorker must run inside a worker thread');

port.on('message', (message: ToWorker) => {
  if (message.type !== 'run') return;
  try {
    const result = runChainRequest(message.request, {
      onProgress: (progress) =>
        port.postMessage({ type: 'progress', progress } satisfies FromWorker),
    });
    port.postMessage({ type: 'done', result } satisfies FromWorker, transferables(result));
  } catch (error) {
    port.postMessage({ type: 'failed', error: flattenError(error) } satisfies FromWorker);
  }
});
