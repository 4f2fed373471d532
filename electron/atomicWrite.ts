/**
 * The one atomic file writer of the app and the CLI (both Node): the contents go to a fresh
 * temporary file beside the target (created with `wx`, so nothing existing is touched), are flushed
 * to disk (fsync), then renamed over the target, and the folder is flushed so the rename itself
 * survives a power cut. A crash or kill at any point leaves the old file or the new one, never half
 * of either; a failed write removes its temporary file and leaves the target as it was.
 *
 * `keepBackup: true` first copies an existing target to `<target>.bak` (itself written atomically),
 * so the previous version survives a save the user regrets. Whether replacing an existing target
 * is allowed at all is the caller's decision (the save dialog asks; plans save a new revision).
 * Errors are one line naming the path and why.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, open, rename, rm, stat } from 'node:fs/promises';
import nodePath from 'node:path';

export interface AtomicWriteOptions {
  /** Keep the file being replaced as `<target>.bak` (default false). */
  readonly keepBackup?: boolean;
}

function temporaryBeside(target: string): string {
  return nodePath.join(
    nodePath.dirname(target),
    `.${nodePath.basename(target)}.${randomBytes(6).toString('hex')}.tmp`,
  );
}

function writeProblem(target: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'the folder does not exist'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'ENOSPC'
          ? 'the disk is full'
          : code === 'EISDIR'
            ? 'it is a folder'
            : error instanceof Error
              ? error.message
              : String(error);
  return new Error(`cannot write ${target}: ${why}`);
}

/** Flushes a folder's entry table (a no-op where folders cannot be opened, as on Windows). */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: the rename is already atomic; only its durability across a power cut is at stake.
  }
}

async function writeTemporaryThenRename(
  target: string,
  write: (temporary: string) => Promise<void>,
): Promise<void> {
  const temporary = temporaryBeside(target);
  try {
    await write(temporary);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw writeProblem(target, error);
  }
  await syncFolder(nodePath.dirname(target));
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export async function writeFileAtomically(
  target: string,
  contents: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  if (options.keepBackup && (await exists(target))) {
    await writeTemporaryThenRename(`${target}.bak`, async (temporary) => {
      await copyFile(target, temporary, constants.COPYFILE_EXCL);
      const handle = await open(temporary, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    });
  }
  await writeTemporaryThenRename(target, async (temporary) => {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(contents);
      await handle.sync();
    } finally {
      await handle.close();
    }
  });
}
