/**
 * Runs each `mmm batch` job in a worker_threads worker of its own (jobWorker.ts): a job's DuckDB,
 * chain workers and memory go when it ends, and a job that crashes its worker fails alone.
 */
import { startWorker, workerEntry } from '../workers/startWorker';
import type { FromJobWorker, JobWorkerData, ToJobWorker } from './jobWorkerProtocol';
import type { JobOutcome, JobRunner } from './runJob';

/** jobWorker.ts from source (through tsx: it starts chain workers of its own), .mjs in the bundle. */
const jobWorkerEntry = workerEntry('jobWorker', import.meta.url);

/** How long a cancelled job may take to stop before its worker is terminated. */
const CANCEL_GRACE_MS = 5000;

export function createWorkerJobRunner(): JobRunner {
  return {
    async run(argv, resultPath, { onProgress, signal }) {
      const workerData: JobWorkerData = { argv, resultPath };
      const worker = await startWorker(jobWorkerEntry, { sourceLoader: 'tsx', workerData });
      return new Promise<JobOutcome>((resolve) => {
        let settled = false;
        const settle = (outcome: JobOutcome): void => {
          if (settled) return;
          settled = true;
          signal.removeEventListener('abort', onAbort);
          resolve(outcome);
          void worker.terminate();
        };
        const onAbort = (): void => {
          worker.postMessage({ type: 'cancel' } satisfies ToJobWorker);
          setTimeout(() => {
            settle({ ok: false, reason: 'cancelled', cancelled: true });
          }, CANCEL_GRACE_MS).unref();
        };
        worker.on('message', (message: FromJobWorker) => {
          if (message.type === 'progress') onProgress(message.progress);
          else settle(message.outcome);
        });
        worker.on('error', (error) =>
          settle({
            ok: false,
            reason: `the job's worker failed: ${error.message.split('\n')[0]}`,
            cancelled: false,
          }),
        );
        worker.on('exit', (code) =>
          settle({
            ok: false,
            reason: `the job's worker stopped (exit code ${code}) before the fit finished`,
            cancelled: signal.aborted,
          }),
        );
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort);
      });
    },
  };
}
