/**
 * Web Worker entry for double ML: one estimate per worker (see renderer/causal/dmlRunner.ts).
 * Cancellation is by terminating this worker.
 */
import type { FromDmlWorker, ToDmlWorker } from '../causal/dmlProtocol';
import { handleDmlMessage } from '../causal/dmlWorkerHandler';

self.addEventListener('message', (event: MessageEvent<ToDmlWorker>) => {
  handleDmlMessage(event.data, (message: FromDmlWorker) => self.postMessage(message));
});
