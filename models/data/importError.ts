/**
 * The one error an import ends with when the file is at fault (an `ImportCancelled` when the user
 * stopped it): the message names the file and says why in one line, whatever DuckDB or the Parquet
 * reader threw underneath (their messages can span lines, or quote a whole multi-megabyte line).
 */

/** Longest reason kept: enough for DuckDB's "line N: expected X columns, found Y" and a sample. */
const MAX_REASON_LENGTH = 300;

export class FileImportError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'FileImportError';
  }
}

/** `error` as a FileImportError of `file`: one line, the file named once, at most ~300 characters. */
export function fileImportError(file: string, error: unknown): FileImportError {
  if (error instanceof FileImportError && error.file === file) return error;
  let reason = (error instanceof Error ? error.message : String(error))
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (reason.startsWith(`${file}: `)) reason = reason.slice(file.length + 2);
  if (reason.length > MAX_REASON_LENGTH) reason = `${reason.slice(0, MAX_REASON_LENGTH - 1)}…`;
  return new FileImportError(file, reason || 'could not be imported');
}
