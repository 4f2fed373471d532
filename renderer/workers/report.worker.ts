/** Web Worker entry that builds a finished fit's report (renderer/fit/reportRunner.ts). */
import '../zodWithoutEval';
import { handleReportMessage, type ReportWorkerInput } from '../fit/reportRunner';
import type { OneShotRun } from './oneShotWorker';

self.addEventListener('message', (event: MessageEvent<OneShotRun<ReportWorkerInput>>) => {
  handleReportMessage(event.data, (reply) => self.postMessage(reply));
});
