/**
 * The autosaved session on disk: one file per entry, `<folder>/<key>.json` (keys as
 * renderer/session/sessionCodec.ts names them), each written with the one atomic writer
 * (electron/atomicWrite.ts: temporary file, fsync, rename, folder fsync) and a `.bak` of the entry
 * it replaces — so a crash or kill at any moment leaves every entry either as it was or as it
 * became, never half-written. Main only moves text: the renderer checks what it reads back.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import nodePath from 'node:path';

import { writeFileAtomically } from './atomicWrite';

const KEY = /^(meta|fit-\d{1,9}|aside-[0-9a-z-]{1,60})$/;

function pathOf(folder: string, key: string): string {
  if (!KEY.test(key)) throw new Error(`"${key}" is not a session entry name`);
  return nodePath.join(folder, `${key}.json`);
}

/** Every entry's text by key (an unreadable or stray file is skipped). */
export async function readSessionEntries(folder: string): Promise<Record<string, string>> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const entries: Record<string, string> = {};
  for (const name of names) {
    // A temporary file left by a write that was killed before its rename: the entry is intact.
    if (/^\..+\.json(\.bak)?\.[0-9a-f]+\.tmp$/.test(name)) {
      await rm(nodePath.join(folder, name), { force: true });
      continue;
    }
    if (!name.endsWith('.json')) continue;
    const key = name.slice(0, -'.json'.length);
    if (!KEY.test(key)) continue;
    try {
      entries[key] = await readFile(nodePath.join(folder, name), 'utf8');
    } catch {
      // Removed meanwhile: the next autosave writes it again.
    }
  }
  return entries;
}

/** Writes (or with null removes) one entry; a write replaces the entry whole or not at all. */
export async function writeSessionEntry(
  folder: string,
  key: string,
  text: string | null,
): Promise<void> {
  const path = pathOf(folder, key);
  if (text === null) {
    await rm(path, { force: true });
    return;
  }
  await mkdir(folder, { recursive: true });
  await writeFileAtomically(path, text, { keepBackup: true });
}
