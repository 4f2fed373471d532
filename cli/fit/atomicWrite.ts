/**
 * Writes a file atomically: the text goes to a temporary file in the same folder, which is then
 * renamed over the target (rename is atomic within one file system), so a reader never sees a
 * half-written result and a failed write leaves any previous file untouched.
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      `cannot write ${path}: ${code === 'ENOENT' ? 'the folder does not exist' : code === 'EACCES' ? 'permission denied' : String(error)}`,
    );
  }
}
