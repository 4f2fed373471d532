/**
 * SHA-256 and size of the imported data files, computed off the UI thread (a fresh Web Worker per
 * request, renderer/workers/digest.worker.ts) so the fit report can list its inputs as `mmm fit`
 * does (name, size, SHA-256, rows, columns — never a path). A file the engine reads in place (a
 * picked `File`) is hashed in 4 MiB slices, never held whole.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { ImportedFile, InputFile } from '../../models/data';
import type { DataFile } from '../../models/report';
import {
  answerOneShot,
  runInOneShotWorker,
  type OneShotReply,
  type OneShotRun,
  type OneShotWorkerLike,
} from '../workers/oneShotWorker';

/** One file to hash: its bytes, or the Blob that holds them. */
export interface DigestRequest {
  readonly name: string;
  readonly content: Uint8Array | Blob;
}

export interface FileDigest {
  readonly name: string;
  readonly size: number;
  readonly sha256: string;
}

const SLICE = 4 * 1024 ** 2;

export async function digestOf(request: DigestRequest): Promise<FileDigest> {
  const hash = sha256.create();
  const { content } = request;
  if (content instanceof Uint8Array) {
    hash.update(content);
    return { name: request.name, size: content.length, sha256: bytesToHex(hash.digest()) };
  }
  for (let at = 0; at < content.size; at += SLICE)
    hash.update(new Uint8Array(await content.slice(at, at + SLICE).arrayBuffer()));
  return { name: request.name, size: content.size, sha256: bytesToHex(hash.digest()) };
}

export type DigestWorkerLike = OneShotWorkerLike<readonly DigestRequest[], FileDigest[], never>;

export function handleDigestMessage(
  message: OneShotRun<readonly DigestRequest[]>,
  post: (reply: OneShotReply<FileDigest[], never>) => void,
): void {
  answerOneShot(message, post, (requests) => Promise.all(requests.map(digestOf)));
}

export interface DigestRunner {
  digest(files: readonly DigestRequest[], signal?: AbortSignal): Promise<FileDigest[]>;
}

export function createBrowserDigestRunner(
  options: { readonly createWorker?: () => DigestWorkerLike } = {},
): DigestRunner {
  const createWorker =
    options.createWorker ??
    (() =>
      new Worker(new URL('../workers/digest.worker.ts', import.meta.url), {
        type: 'module',
        name: 'file-digest',
      }) as DigestWorkerLike);
  return {
    digest: (files, signal) =>
      runInOneShotWorker(createWorker, files, {
        signal,
        loadFailure: 'the file digest worker failed to load',
      }),
  };
}

/** What to hash of an imported file: the whole bytes, or the Blob the engine reads in place. */
export async function digestRequestOf(input: InputFile): Promise<DigestRequest> {
  if (!input.source) return { name: input.name, content: input.bytes };
  const handle = input.source.handle;
  if (typeof Blob !== 'undefined' && handle instanceof Blob)
    return { name: input.name, content: handle };
  return { name: input.name, content: await input.source.read() };
}

/** The report's file list: digests beside the rows and columns as imported. */
export function dataFilesOf(
  imported: readonly ImportedFile[],
  digests: readonly FileDigest[],
): DataFile[] {
  return imported.map((file) => {
    const digest = digests.find((entry) => entry.name === file.name);
    return {
      name: file.name,
      size: digest?.size ?? 0,
      sha256: digest?.sha256 ?? null,
      rows: file.rows,
      columns: file.columns.map((column) => column.name),
    };
  });
}
