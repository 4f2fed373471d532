/** Web Worker entry for plan files: open, write, diff, report (renderer/plans/planRunner.ts). */
import { handlePlanMessage, type PlanRequest } from '../plans/planRunner';
import type { OneShotRun } from './oneShotWorker';

self.addEventListener('message', (event: MessageEvent<OneShotRun<PlanRequest>>) => {
  handlePlanMessage(event.data, (reply) => self.postMessage(reply));
});
