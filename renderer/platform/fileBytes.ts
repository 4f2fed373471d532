/** Turning browser `File`s into the `OpenedFile`s the desktop build also returns. */
import { MAX_FILE_BYTES } from '../../electron/contract';
import type { OpenedFile, Result } from '../../electron/contract';
import { HEAD_BYTES, type FileSource, type InputFile } from '../../models/data/types';

const DATA_EXTENSIONS = ['.csv', '.tsv', '.txt', '.parquet'] as const;

/** Lower-case extension including the dot, or '' when the name has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}

/** Why a file cannot be opened as data, or null when it can. */
export function dataFileProblem(file: { name: string; size: number }): string | null {
  const extension = extensionOf(file.name);
  if (!(DATA_EXTENSIONS as readonly string[]).includes(extension)) {
    return `${file.name}: not a data file (expected ${DATA_EXTENSIONS.join(', ')})`;
  }
  if (file.size > MAX_FILE_BYTES) {
    return `${file.name}: ${(file.size / 1024 ** 3).toFixed(1)} GiB is larger than the 2 GiB limit`;
  }
  return null;
}

/**
 * Reads data files: a small one whole, a larger one only its head, kept with the `File` itself so
 * the data engine reads the rest in place. The first unacceptable file fails the whole batch, naming it.
 */
export async function readDataFiles(files: readonly File[]): Promise<Result<OpenedFile[]>> {
  for (const file of files) {
    const problem = dataFileProblem(file);
    if (problem !== null)
      return { ok: false, error: { code: 'unsupported-file', message: problem } };
  }
  try {
    const opened = await Promise.all(
      files.map(async (file): Promise<OpenedFile> => {
        if (file.size <= HEAD_BYTES)
          return {
            name: file.name,
            size: file.size,
            bytes: new Uint8Array(await file.arrayBuffer()),
          };
        const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
        return { name: file.name, size: file.size, bytes: head, file };
      }),
    );
    return { ok: true, value: opened };
  } catch (error) {
    return {
      ok: false,
      error: { code: 'read-failed', message: `could not read file: ${errorMessage(error)}` },
    };
  }
}

/** A Blob as a data-layer source: DuckDB's worker reads it in place (renderer/data/duckdb.ts). */
export function blobSource(blob: Blob): FileSource {
  return {
    size: blob.size,
    handle: blob,
    read: async () => new Uint8Array(await blob.arrayBuffer()),
  };
}

/**
 * A dropped file as the desktop answers it, paired with the `File` the page holds: a large data file
 * comes from main as its head only, and the `File` (the same size) is the rest.
 */
export function withDroppedFile(opened: OpenedFile, file: File | undefined): OpenedFile {
  if (opened.file || opened.bytes.length >= opened.size || file?.size !== opened.size)
    return opened;
  return { ...opened, file };
}

/** What the data layer imports from an opened file. */
export function inputFileOf({ name, bytes, size, file }: OpenedFile): InputFile {
  if (file) return { name, bytes, source: blobSource(file) };
  if (bytes.length < size)
    throw new Error(`${name}: only ${bytes.length} of its ${size} bytes arrived; open it again`);
  return { name, bytes };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
