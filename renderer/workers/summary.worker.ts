/** Web Worker entry for a finished fit's ROI and diagnostics summary (renderer/fit/summaryRunner.ts). */
import { handleSummaryMessage, type SummaryWorkerInput } from '../fit/summaryRunner';
import type { OneShotRun } from './oneShotWorker';

self.addEventListener('message', (event: MessageEvent<OneShotRun<SummaryWorkerInput>>) => {
  handleSummaryMessage(event.data, (reply) => self.postMessage(reply));
});
