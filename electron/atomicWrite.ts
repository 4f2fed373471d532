/**
 * Writes a file atomically: the contents go to a fresh temporary file beside the target (created
 * with `wx`, so nothing existing is touched), are flushed to disk, then renamed over the target.
 * A crash leaves either the old file or the new one, never half of either. Whether replacing an
 * existing target is allowed is the caller's decision (the save dialog asks the user).
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import nodePath from 'node:path';

export async function writeFileAtomically(
  target: string,
  contents: string | Uint8Array,
): Promise<void> {
  const directory = nodePath.dirname(target);
  const temporary = nodePath.join(
    directory,
    `.${nodePath.basename(target)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  const handle = await open(temporary, 'wx');
  try {
    try {
      await handle.writeFile(contents);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
