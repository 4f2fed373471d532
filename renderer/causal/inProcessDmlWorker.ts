/** A stand-in DML worker for tests: the real handler, run on this thread (see inProcessWorker.ts). */
import { inProcessOneShotWorker } from '../workers/inProcessWorker';
import type { DmlWorkerLike } from './dmlRunner';
import { handleDmlMessage } from './dmlWorkerHandler';

export function inProcessWorker(): DmlWorkerLike & { terminated: boolean } {
  return inProcessOneShotWorker(handleDmlMessage);
}
