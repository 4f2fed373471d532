import {
  runChainsInPool,
  type FitAssembler,
  type PoolWorker,
} from '../../models/inference/chainPool';
import type { FromWorker, ToWorker } from '../../models/inference/chainProtocol';
import type { ChainRunner } from '../../models/inference/chains';

/** The part of a DOM Worker the runner uses (so tests can supply a stand-in). */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<FromWorker>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  addEventListener(type: 'messageerror', listener: (event: MessageEvent) => void): void;
  terminate(): void;
}

export interface BrowserChainRunnerOptions {
  /** Chains running at once (default: navigator.hardwareConcurrency, at least 1). */
  readonly maxConcurrency?: number;
  /** Makes a chain worker; defaults to the bundled `chain.worker.ts` as a module worker. */
  readonly createWorker?: () => WorkerLike;
  /** Where the finished chains are summarised (default: on this thread; the app: a worker). */
  readonly assemble?: FitAssembler;
}

function createChainWorker(): WorkerLike {
  return new Worker(new URL('../workers/chain.worker.ts', import.meta.url), {
    type: 'module',
    name: 'nuts-chain',
  });
}

function poolWorker(worker: WorkerLike): PoolWorker {
  return {
    send: (message) => worker.postMessage(message),
    listen(onMessage, onFailure) {
      worker.addEventListener('message', (event) => onMessage(event.data));
      worker.addEventListener('error', (event) =>
        onFailure(new Error(event.message || 'the chain worker failed to load')),
      );
      worker.addEventListener('messageerror', () =>
        onFailure(new Error('a chain worker message could not be deserialised')),
      );
    },
    terminate: () => worker.terminate(),
  };
}

/**
 * Runs each chain of a fit in its own Web Worker (the same code and seeds as the Node and in-process
 * runners, so the same draws), draws coming back as transferred Float64Arrays. Aborting the signal
 * terminates the workers and rejects with an AbortError; nothing half-finished is returned.
 */
export function createBrowserChainRunner(options: BrowserChainRunnerOptions = {}): ChainRunner {
  const createWorker = options.createWorker ?? createChainWorker;
  const maxConcurrency =
    options.maxConcurrency ?? Math.max(1, globalThis.navigator?.hardwareConcurrency ?? 2);
  return {
    run: (request, runOptions = {}) =>
      runChainsInPool(request, runOptions, {
        startWorker: async () => poolWorker(createWorker()),
        maxConcurrency,
        assemble: options.assemble,
      }),
  };
}
