/** Web Worker entry that summarises a fit's finished chains (renderer/fit/fitSummaryRunner.ts). */
import { handleFitSummaryMessage, type FitSummaryInput } from '../fit/fitSummaryRunner';
import type { OneShotRun } from './oneShotWorker';

self.addEventListener('message', (event: MessageEvent<OneShotRun<FitSummaryInput>>) => {
  handleFitSummaryMessage(event.data, (reply) => self.postMessage(reply));
});
