import { AbortError } from './cancellation';
import { rebuildError, type FromWorker, type ToWorker } from './chainProtocol';
import {
  assembleFitResult,
  chainRequests,
  type CancelSignal,
  type ChainRequest,
  type FitRequest,
  type FitResult,
  type RunOptions,
} from './chains';
import type { ChainResult } from './sampleChain';

/** What the pool needs of a worker: Node's worker_threads and browser Web Workers both adapt to it. */
export interface PoolWorker {
  send(message: ToWorker): void;
  /** Registers the handlers; `onFailure` is for crashes outside the protocol (load errors, exits). */
  listen(onMessage: (message: FromWorker) => void, onFailure: (error: Error) => void): void;
  terminate(): void;
}

/**
 * `assembleFitResult` done elsewhere; rejects with an AbortError if `signal` aborts meanwhile.
 */
export type FitAssembler = (
  request: FitRequest,
  chains: readonly ChainResult[],
  wallSeconds: number,
  signal: CancelSignal | undefined,
) => Promise<FitResult>;

/**
 * Runs a fit's chains in workers, one chain per worker and at most `maxConcurrency` at once, then
 * summarises them with `assembleFitResult` (or the pool's `assemble`, which may run it elsewhere:
 * the app does, since R-hat and ESS of every parameter block a thread for ~0.5 s). Abort
 * terminates every worker and rejects with an AbortError; any chain failure terminates the rest
 * and rejects with that error. Nothing partial is ever resolved.
 */
export function runChainsInPool(
  request: FitRequest,
  options: RunOptions,
  pool: {
    readonly startWorker: () => Promise<PoolWorker>;
    readonly maxConcurrency: number;
    readonly assemble?: FitAssembler;
  },
): Promise<FitResult> {
  const started = Date.now();
  let jobs: ChainRequest[];
  try {
    jobs = chainRequests(request);
  } catch (error) {
    return Promise.reject(error);
  }
  const signal = options.signal;
  if (signal?.aborted) return Promise.reject(new AbortError());

  return new Promise((resolve, reject) => {
    const live = new Set<PoolWorker>();
    const results: ChainResult[] = [];
    let next = 0;
    let settled = false;

    const finish = (error: Error | undefined): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener?.('abort', onAbort);
      for (const worker of live) worker.terminate();
      live.clear();
      if (error) {
        reject(error);
        return;
      }
      const wallSeconds = (Date.now() - started) / 1000;
      if (pool.assemble) {
        pool.assemble(request, results, wallSeconds, signal).then(resolve, reject);
        return;
      }
      try {
        resolve(assembleFitResult(request, results, wallSeconds));
      } catch (assemblyError) {
        reject(assemblyError);
      }
    };
    const onAbort = (): void => finish(new AbortError());
    signal?.addEventListener?.('abort', onAbort);

    const launch = async (): Promise<void> => {
      if (settled || next >= jobs.length) return;
      const job = jobs[next++];
      let worker: PoolWorker;
      try {
        worker = await pool.startWorker();
      } catch (error) {
        finish(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (settled) {
        worker.terminate();
        return;
      }
      live.add(worker);
      worker.listen(
        (message) => {
          if (settled) return;
          if (message.type === 'progress') options.onProgress?.(message.progress);
          else if (message.type === 'failed') finish(rebuildError(message.error));
          else {
            results.push(message.result);
            live.delete(worker);
            worker.terminate();
            if (results.length === jobs.length) finish(undefined);
            else void launch();
          }
        },
        (error) => {
          if (!settled && live.has(worker))
            finish(new Error(`chain ${job.chainId}: ${error.message}`));
        },
      );
      worker.send({ type: 'run', request: job });
    };
    const concurrent = Math.max(1, Math.min(pool.maxConcurrency, jobs.length));
    for (let i = 0; i < concurrent; i++) void launch();
  });
}
