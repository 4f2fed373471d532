/** Cancelling an import: the error it ends with, and the check made between its steps. */
import type { CancelSignal } from './types';

/** An import stopped by its `CancelSignal`: not a fault of the file. */
export class ImportCancelled extends Error {
  constructor(fileName: string) {
    super(`${fileName}: import cancelled`);
    this.name = 'ImportCancelled';
  }
}

/** Throws `ImportCancelled` once the signal is set (checked between an import's steps). */
export function throwIfCancelled(signal: CancelSignal | undefined, fileName: string): void {
  if (signal?.aborted) throw new ImportCancelled(fileName);
}
