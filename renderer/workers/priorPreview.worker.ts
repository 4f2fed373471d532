/** Web Worker entry of the prior-predictive preview (renderer/fit/priorPreviewRunner.ts). */
import { handlePriorPreviewMessage, type PriorPreviewInput } from '../fit/priorPreviewRunner';
import type { OneShotRun } from './oneShotWorker';

self.addEventListener('message', (event: MessageEvent<OneShotRun<PriorPreviewInput>>) => {
  handlePriorPreviewMessage(event.data, (reply) => self.postMessage(reply));
});
