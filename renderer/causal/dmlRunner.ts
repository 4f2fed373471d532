/**
 * Runs a double-ML estimate off the UI thread: a fresh Web Worker per run, progress through one
 * callback, and cancel by terminating the worker (the promise then rejects with an AbortError and
 * nothing partial comes back).
 */
import type { DmlProgress, DmlResult } from '../../models/causal';
import { AbortError } from '../../models/inference/cancellation';
import {
  rebuildError,
  type DmlWorkerInput,
  type FromDmlWorker,
  type ToDmlWorker,
} from './dmlProtocol';

/** The part of a DOM Worker the runner uses (tests supply a stand-in). */
export interface DmlWorkerLike {
  postMessage(message: ToDmlWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<FromDmlWorker>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

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
    run(input, runOptions = {}) {
      const signal = runOptions.signal;
      if (signal?.aborted) return Promise.reject(new AbortError());
      return new Promise<DmlResult>((resolve, reject) => {
        const worker = createWorker();
        let settled = false;
        const finish = (outcome: { result: DmlResult } | { error: Error }): void => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          worker.terminate();
          if ('result' in outcome) resolve(outcome.result);
          else reject(outcome.error);
        };
        const onAbort = (): void => finish({ error: new AbortError() });
        signal?.addEventListener('abort', onAbort);
        worker.addEventListener('message', (event) => {
          if (settled) return;
          const message = event.data;
          if (message.type === 'progress') runOptions.onProgress?.(message.progress);
          else if (message.type === 'done') finish({ result: message.result });
          else finish({ error: rebuildError(message.error) });
        });
        worker.addEventListener('error', (event) =>
          finish({ error: new Error(event.message || 'the double-ML worker failed to load') }),
        );
        worker.postMessage({ type: 'run', input });
      });
    },
  };
}
