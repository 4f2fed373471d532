/**
 * worker_threads entry of one `mmm batch` job: runs the job's `mmm fit` (runJob.ts) with its own
 * DuckDB and its own chain workers, posts chain progress and then the outcome. A 'cancel' message
 * stops the fit the way Ctrl-C stops `mmm fit` (nothing is written).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runFitJob } from './runJob';
import type { FromJobWorker, JobWorkerData, ToJobWorker } from './jobWorkerProtocol';

const port = parentPort;
if (!port) throw new Error('jobWorker must run inside a worker thread');
const { argv, resultPath } = workerData as JobWorkerData;
const controller = new AbortController();

port.on('message', (message: ToJobWorker) => {
  if (message.type === 'cancel') controller.abort();
});

const outcome = await runFitJob(argv, resultPath, {
  signal: controller.signal,
  onProgress: (progress) =>
    port.postMessage({ type: 'progress', progress } satisfies FromJobWorker),
});
port.postMessage({ type: 'done', outcome } satisfies FromJobWorker);
port.close();
