/**
 * Reading export files from disk for the data layer. A file's bytes come as a plain Uint8Array over
 * the Buffer Node read, without copying them: a 400 MB export is then held once, not twice. (A Buffer
 * itself would not do: its `slice` shares memory, so a callee's "copy" to transfer to a worker would
 * detach the caller's bytes.) A file larger than its head is opened as a source that DuckDB reads in
 * place (cli/duckdbNode.ts), so it is never read whole into memory at all.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { HEAD_BYTES, type FileSource, type InputFile } from '../models/data/types';

function plainView(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

export async function readBytes(path: string): Promise<Uint8Array> {
  return plainView(await readFile(path));
}

export function readBytesSync(path: string): Uint8Array {
  return plainView(readFileSync(path));
}

/** A source's handle in Node: the file's absolute path. */
export class DiskFile {
  constructor(readonly path: string) {}
}

function readProblem(path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'it is a folder'
        : code === 'EACCES'
          ? 'permission denied'
          : error instanceof Error
            ? error.message
            : String(error);
  return new Error(`cannot read ${path}: ${why}`);
}

/**
 * An export file for the data layer: the whole file when it is at most `HEAD_BYTES`, else its head
 * and a source for the rest. Errors name the path and say why.
 */
export async function openInputFile(path: string): Promise<InputFile> {
  const name = basename(path);
  try {
    const handle = await open(path, 'r');
    try {
      const stats = await handle.stat();
      if (stats.isDirectory()) throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
      const size = stats.size;
      if (size <= HEAD_BYTES) return { name, bytes: plainView(await handle.readFile()) };
      const head = new Uint8Array(HEAD_BYTES);
      const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
      const source: FileSource = {
        size,
        handle: new DiskFile(resolve(path)),
        read: () => readBytes(path),
      };
      return { name, bytes: head.subarray(0, bytesRead), source };
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw readProblem(path, error);
  }
}

/** SHA-256 (hex) and size of a file, streamed: a 2 GiB export is never held whole for its hash. */
export async function fileDigest(path: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of createReadStream(path)) {
      const bytes = chunk as Buffer;
      size += bytes.length;
      hash.update(bytes);
    }
  } catch (error) {
    throw readProblem(path, error);
  }
  return { size, sha256: hash.digest('hex') };
}
