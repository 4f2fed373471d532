/**
 * Web Worker entry: runs one NUTS chain per 'run' message (the same `runChainRequest` as Node and
 * the in-process runner) and posts progress, then the result with its buffers transferred.
 * Cancellation is by terminating this worker.
 */
import {
  flattenError,
  transferables,
  type FromWorker,
  type ToWorker,
} from '../../models/inference/chainProtocol';
import { runChainRequest } from '../../models/inference/chains';

const post = (message: FromWorker, transfer: Transferable[] = []): void =>
  self.postMessage(message, { transfer });

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type !== 'run') return;
  try {
    const result = runChainRequest(message.request, {
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    post({ type: 'done', result }, transferables(result));
  } catch (error) {
    post({ type: 'failed', error: flattenError(error) });
  }
});
