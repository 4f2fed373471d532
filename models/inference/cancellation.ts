/**
 * Thrown when a run is cancelled. Named 'AbortError' like the DOM's so callers handle worker
 * termination, `AbortSignal` and in-process cancel the same way.
 */
export class AbortError extends Error {
  constructor(message = 'the run was cancelled') {
    super(message);
    this.name = 'AbortError';
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
