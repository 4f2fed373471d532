/**
 * Runs a double-ML estimate off the UI thread: a fresh Web Worker per run, progress through one
 * callback, and cancel by terminating the worker (the promise then rejects with an AbortError and
 * nothing partial comes back).
 */
import type { DmlProgress, DmlResult } from '../../models/causal';
import { runInOneShotWorker, type OneShotWorkerLike } from '../workers/oneShotWorker';
import type { DmlWorkerInput } from './dmlProtocol';

/** The part of a DOM Worker the runner uses (tests supply a stand-in). */
export type DmlWorkerLike = OneShotWorkerLike<DmlWorkerInput, DmlResult, DmlProgress>;

export interface DmlRunOptions {
  readonly onProgress?: (progress: DmlProgress) => void;
  readonly signal?: AbortSignal;
}

export interface DmlRunner {
  run(input: DmlWorkerInput, options?: DmlRunOptions): Promise<DmlResult>;
}

function createDmlWorker(): DmlWorkerLike {
  return new Worker(new URL('../workers/dml.worker.ts', import.meta.url), {
    type: 'module',
    name: 'double-ml',
  });
}

export function createBrowserDmlRunner(
  options: { readonly createWorker?: () => DmlWorkerLike } = {},
): DmlRunner {
  const createWorker = options.createWorker ?? createDmlWorker;
  return {
    run: (input, runOptions = {}) =>
      runInOneShotWorker(createWorker, input, {
        ...runOptions,
        loadFailure: 'the double-ML worker failed to load',
      }),
  };
}
