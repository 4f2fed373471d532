import type { ChainRequest } from './chains';
import type { ChainProgress, ChainResult } from './sampleChain';

/**
 * The typed messages between a chain pool and its workers (Node worker_threads and browser Web
 * Workers speak the same protocol). One worker runs one chain; cancellation is by terminating it.
 */

export interface RunMessage {
  readonly type: 'run';
  readonly request: ChainRequest;
}

export interface ProgressMessage {
  readonly type: 'progress';
  readonly progress: ChainProgress;
}

export interface DoneMessage {
  readonly type: 'done';
  readonly result: ChainResult;
}

/** Errors cross the boundary flattened, as duckdb-wasm's worker protocol does. */
export interface FailedMessage {
  readonly type: 'failed';
  readonly error: { readonly name: string; readonly message: string; readonly stack?: string };
}

export type ToWorker = RunMessage;
export type FromWorker = ProgressMessage | DoneMessage | FailedMessage;

export function flattenError(error: unknown): FailedMessage['error'] {
  if (error instanceof Error)
    return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

export function rebuildError(error: FailedMessage['error']): Error {
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  if (error.stack) rebuilt.stack = error.stack;
  return rebuilt;
}

/** The buffers of a chain result to transfer rather than copy. */
export function transferables(result: ChainResult): ArrayBuffer[] {
  return [result.draws.buffer, result.logDensity.buffer, result.energy.buffer] as ArrayBuffer[];
}
