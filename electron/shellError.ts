/**
 * Errors the shell reports to the renderer. Each carries a stable `code` the UI can branch on and a
 * message written for the analyst (it names the file or the payload field at fault).
 */
import type { Result } from './contract';

export type ShellErrorCode =
  | 'forbidden-sender'
  | 'invalid-payload'
  | 'not-absolute'
  | 'unsupported-extension'
  | 'file-not-found'
  | 'not-a-file'
  | 'file-too-large'
  | 'read-failed'
  | 'write-failed'
  | 'unknown-recent'
  | 'no-window'
  | 'internal';

export class ShellError extends Error {
  readonly code: ShellErrorCode;

  constructor(code: ShellErrorCode, message: string) {
    super(message);
    this.name = 'ShellError';
    this.code = code;
  }
}

export function success<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Turns anything thrown into the `Result` failure that crosses IPC (no stack traces cross). */
export function failure(error: unknown): { ok: false; error: { code: string; message: string } } {
  if (error instanceof ShellError)
    return { ok: false, error: { code: error.code, message: error.message } };
  const message = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    error: { code: 'internal', message: `Unexpected error in the desktop shell: ${message}` },
  };
}
