/**
 * Runs one task in a fresh Web Worker: posts `{ type: 'run', input }`, relays progress, resolves
 * with the worker's result and terminates it. An abort terminates the worker at once (a long
 * forest or a summary pass is stopped mid-way) and rejects with an AbortError; nothing partial
 * comes back.
 */
import { AbortError } from '../../models/inference/cancellation';
import {
  flattenError,
  rebuildError,
  type FailedMessage,
} from '../../models/inference/chainProtocol';

export interface OneShotRun<Input> {
  readonly type: 'run';
  readonly input: Input;
}

export type OneShotReply<Result, Progress> =
  | { readonly type: 'progress'; readonly progress: Progress }
  | { readonly type: 'done'; readonly result: Result }
  | FailedMessage;

/** The part of a DOM Worker the runner uses (tests supply a stand-in). */
export interface OneShotWorkerLike<Input, Result, Progress> {
  postMessage(message: OneShotRun<Input>): void;
  addEventListener(
    type: 'message',
    listener: (event: MessageEvent<OneShotReply<Result, Progress>>) => void,
  ): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

export interface OneShotOptions<Progress> {
  readonly onProgress?: (progress: Progress) => void;
  readonly signal?: AbortSignal;
  /** The error when the worker script itself fails (e.g. 'the double-ML worker failed to load'). */
  readonly loadFailure: string;
}

export function runInOneShotWorker<Input, Result, Progress>(
  createWorker: () => OneShotWorkerLike<Input, Result, Progress>,
  input: Input,
  options: OneShotOptions<Progress>,
): Promise<Result> {
  const signal = options.signal;
  if (signal?.aborted) return Promise.reject(new AbortError());
  return new Promise<Result>((resolve, reject) => {
    const worker = createWorker();
    let settled = false;
    const finish = (outcome: { result: Result } | { error: Error }): void => {
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
      if (message.type === 'progress') options.onProgress?.(message.progress);
      else if (message.type === 'done') finish({ result: message.result });
      else finish({ error: rebuildError(message.error) });
    });
    worker.addEventListener('error', (event) =>
      finish({ error: new Error(event.message || options.loadFailure) }),
    );
    worker.postMessage({ type: 'run', input });
  });
}

/**
 * The worker's side of one task: answers a `run` message with `compute(input)`'s result (posted at
 * once when `compute` returns a value, when it settles for a promise) or with the error it threw or
 * rejected with; any other message is ignored.
 */
export function answerOneShot<Input, Result>(
  message: OneShotRun<Input>,
  post: (reply: OneShotReply<Result, never>) => void,
  compute: (input: Input) => Result | Promise<Result>,
): void {
  if (message.type !== 'run') return;
  const failed = (error: unknown): void => post({ type: 'failed', error: flattenError(error) });
  let result: Result | Promise<Result>;
  try {
    result = compute(message.input);
  } catch (error) {
    failed(error);
    return;
  }
  if (result instanceof Promise)
    result.then((value) => post({ type: 'done', result: value }), failed);
  else post({ type: 'done', result });
}
