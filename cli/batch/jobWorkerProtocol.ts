/** Messages between `mmm batch` and a job worker (jobWorker.ts, workerJobRunner.ts). */
import type { ChainProgress } from '../../models/inference/sampleChain';
import type { JobOutcome } from './runJob';

export interface JobWorkerData {
  readonly argv: readonly string[];
  readonly resultPath: string;
}

export type ToJobWorker = { readonly type: 'cancel' };

export type FromJobWorker =
  | { readonly type: 'progress'; readonly progress: ChainProgress }
  | { readonly type: 'done'; readonly outcome: JobOutcome };
