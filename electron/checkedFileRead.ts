/**
 * Reads a file the user chose or dropped, after checking it: an absolute path, an accepted
 * extension, an existing regular file (not a directory, FIFO or device), within the size limit.
 * Every failure is a `ShellError` naming the file. The stat before `open` keeps a FIFO from
 * blocking the read; the `fstat` after it makes sure the file opened is the file checked.
 */
import { open, stat } from 'node:fs/promises';
import nodePath from 'node:path';

import type { OpenedFile } from './contract';
import { type FilePolicy, policyForName } from './filePolicy';
import { ShellError } from './shellError';

export interface CheckedFile {
  file: OpenedFile;
  kind: FilePolicy['kind'];
  path: string;
}

export interface ReadOptions {
  /**
   * Read at most this many bytes of a data file (its head): for a drop, whose `File` the renderer
   * holds and its data engine reads in place. `file.size` stays the whole file's size.
   */
  dataHeadBytes?: number;
}

export async function readCheckedFile(
  filePath: string,
  policies: readonly FilePolicy[],
  options: ReadOptions = {},
): Promise<CheckedFile> {
  if (!nodePath.isAbsolute(filePath)) {
    throw new ShellError('not-absolute', `"${filePath}" is not an absolute path.`);
  }
  const name = nodePath.basename(filePath);
  const policy = policyForName(name, policies);
  if (policy === undefined) {
    const accepted = policies.flatMap((candidate) => candidate.extensions).join(', ');
    throw new ShellError(
      'unsupported-extension',
      `"${name}" is not a supported file type (accepted: ${accepted}).`,
    );
  }

  const before = await statOrThrow(filePath, name);
  checkRegularFile(before, name, policy);

  let handle;
  try {
    handle = await open(filePath, 'r');
  } catch (error) {
    throw describeFileSystemError(error, name);
  }
  try {
    const info = await handle.stat();
    if (info.ino !== before.ino || info.dev !== before.dev) {
      throw new ShellError(
        'read-failed',
        `"${name}" changed while it was being opened; try again.`,
      );
    }
    checkRegularFile(info, name, policy);
    const headOnly = policy.kind === 'data' && options.dataHeadBytes !== undefined;
    const bytes = new Uint8Array(
      headOnly ? Math.min(info.size, options.dataHeadBytes ?? 0) : info.size,
    );
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    const contents = filled === bytes.length ? bytes : bytes.subarray(0, filled);
    // A file that shrank while being read reports what was read.
    const size = contents.length < bytes.length ? contents.length : info.size;
    return {
      file: { name, bytes: contents, size },
      kind: policy.kind,
      path: filePath,
    };
  } catch (error) {
    throw error instanceof ShellError ? error : describeFileSystemError(error, name);
  } finally {
    await handle.close();
  }
}

interface FileInfo {
  isFile(): boolean;
  isDirectory(): boolean;
  size: number;
}

function checkRegularFile(info: FileInfo, name: string, policy: FilePolicy): void {
  if (info.isDirectory()) throw new ShellError('not-a-file', `"${name}" is a folder, not a file.`);
  if (!info.isFile()) throw new ShellError('not-a-file', `"${name}" is not a regular file.`);
  if (info.size > policy.maxBytes) {
    throw new ShellError(
      'file-too-large',
      `"${name}" is ${describeSize(info.size)}; the limit for ${policy.kind} files is ${describeSize(policy.maxBytes)}.`,
    );
  }
}

async function statOrThrow(filePath: string, name: string) {
  try {
    return await stat(filePath);
  } catch (error) {
    throw describeFileSystemError(error, name);
  }
}

function describeFileSystemError(error: unknown, name: string): ShellError {
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return new ShellError('file-not-found', `"${name}" does not exist.`);
  if (code === 'EISDIR') return new ShellError('not-a-file', `"${name}" is a folder, not a file.`);
  if (code === 'EACCES' || code === 'EPERM') {
    return new ShellError('read-failed', `"${name}" cannot be read: permission denied.`);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new ShellError('read-failed', `"${name}" could not be read (${detail}).`);
}

/** Rounded units plus the exact count, so "just over the limit" never reads as "equal to it". */
function describeSize(bytes: number): string {
  return bytes < 1024
    ? formatBytes(bytes)
    : `${formatBytes(bytes)} (${bytes.toLocaleString('en-US')} bytes)`;
}

/** 1536 → "1.5 KiB"; binary units, as file managers on Linux and Windows show them. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0
    ? `${bytes} bytes`
    : `${Number(value.toFixed(value < 10 ? 2 : 1))} ${units[unit]}`;
}
