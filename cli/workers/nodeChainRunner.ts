import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { runChainsInPool, type PoolWorker } from '../../models/inference/chainPool';
import type { ChainRunner } from '../../models/inference/chains';
import { startWorker, workerEntry } from './startWorker';

export interface NodeChainRunnerOptions {
  /** Chains running at once (default: the machine's available parallelism). */
  readonly maxConcurrency?: number;
}

/** chainWorker.ts from source, chainWorker.mjs beside the bundle's chunks (see startWorker.ts). */
const chainWorkerEntry = workerEntry('chainWorker', import.meta.url);

/** Adapts a worker_threads Worker to the pool's interface. */
function poolWorker(worker: Worker): PoolWorker {
  return {
    send: (message) => worker.postMessage(message),
    listen(onMessage, onFailure) {
      worker.on('message', onMessage);
      worker.on('error', onFailure);
      worker.on('exit', (code) =>
        onFailure(new Error(`worker exited with code ${code} before finishing`)),
      );
    },
    terminate: () => void worker.terminate(),
  };
}

/**
 * Runs each chain in its own worker_threads worker (at most `maxConcurrency` at once), through the
 * same `runChainRequest` as the in-process runner, so draws are bit-identical. Aborting the signal
 * terminates every worker and rejects with an AbortError; a failing chain terminates the others and
 * rejects with that chain's error.
 */
export function createNodeChainRunner(options: NodeChainRunnerOptions = {}): ChainRunner {
  const maxConcurrency = options.maxConcurrency ?? availableParallelism();
  return {
    run: (request, runOptions = {}) =>
      runChainsInPool(request, runOptions, {
        startWorker: async () => poolWorker(await startWorker(chainWorkerEntry)),
        maxConcurrency,
      }),
  };
}
