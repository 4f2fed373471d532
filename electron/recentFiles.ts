/**
 * The recently opened files, kept by main in `userData/recent.json` (newest first, at most 10).
 * The renderer sees only `RecentFile` (a stable id, the file name, kind, time), never the path;
 * `openRecent(id)` looks the id up here. Ids are the first 16 hex digits of sha256(path), so the
 * same file keeps the same id across runs. The stored file is validated on read: anything corrupt
 * or of another version starts an empty list instead of crashing the app.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import nodePath from 'node:path';

import { z } from 'zod';

import { parseJsonWithLimits } from '../models/io/safeJson';

import { writeFileAtomically } from './atomicWrite';
import type { RecentFile } from './contract';
import type { FileKind } from './filePolicy';

export const MAX_RECENT_FILES = 10;

const storedRecentFilesSchema = z.object({
  version: z.literal(1),
  entries: z.array(
    z.object({
      path: z.string().min(1).max(4096),
      kind: z.enum(['data', 'plan']),
      openedAt: z.iso.datetime(),
    }),
  ),
});

type StoredRecentFiles = z.infer<typeof storedRecentFilesSchema>;

export interface RecentEntry {
  id: string;
  path: string;
  kind: FileKind;
  openedAt: string;
}

export interface RecentFilesStore {
  /** Newest first. */
  list(): readonly RecentEntry[];
  /** What the renderer and the menu may see: no paths. */
  toRecentFiles(): RecentFile[];
  find(id: string): RecentEntry | undefined;
  /** Moves `path` to the front (adding it if new), trims to the cap and saves. */
  add(path: string, kind: FileKind): Promise<void>;
  remove(id: string): Promise<void>;
}

export interface RecentFilesOptions {
  /** Usually `path.join(app.getPath('userData'), 'recent.json')`. */
  filePath: string;
  now?: () => Date;
  /** Told when the file was unreadable and the list was reset (for a log line). */
  onReset?: (reason: string) => void;
}

/** sha256(path) → first 16 hex digits. */
export function recentFileId(path: string): string {
  return createHash('sha256').update(path, 'utf8').digest('hex').slice(0, 16);
}

export async function openRecentFilesStore(options: RecentFilesOptions): Promise<RecentFilesStore> {
  const now = options.now ?? (() => new Date());
  let entries: RecentEntry[] = await load(options);
  // Saves run one after another so a slow write never lands after a newer one.
  let saving: Promise<void> = Promise.resolve();

  const save = (): Promise<void> => {
    const snapshot: StoredRecentFiles = {
      version: 1,
      entries: entries.map(({ path, kind, openedAt }) => ({ path, kind, openedAt })),
    };
    saving = saving
      .catch(() => undefined)
      .then(async () => {
        await mkdir(nodePath.dirname(options.filePath), { recursive: true });
        await writeFileAtomically(options.filePath, `${JSON.stringify(snapshot, null, 2)}\n`);
      });
    return saving;
  };

  return {
    list: () => entries,
    toRecentFiles: () =>
      entries.map(({ id, path, kind, openedAt }) => ({
        id,
        name: nodePath.basename(path),
        kind,
        openedAt,
      })),
    find: (id) => entries.find((entry) => entry.id === id),
    async add(path, kind) {
      const id = recentFileId(path);
      const entry: RecentEntry = { id, path, kind, openedAt: now().toISOString() };
      entries = [entry, ...entries.filter((existing) => existing.id !== id)].slice(
        0,
        MAX_RECENT_FILES,
      );
      await save();
    },
    async remove(id) {
      entries = entries.filter((entry) => entry.id !== id);
      await save();
    },
  };
}

async function load(options: RecentFilesOptions): Promise<RecentEntry[]> {
  let text: string;
  try {
    text = await readFile(options.filePath, 'utf8');
  } catch {
    return []; // first run: no file yet
  }
  let json: unknown;
  try {
    // A list of at most MAX_RECENT_FILES entries: 1 MB is far more than it ever needs.
    json = parseJsonWithLimits(text, { maxBytes: 1024 ** 2, maxDepth: 8 }).value;
  } catch {
    options.onReset?.(
      `${options.filePath} is not valid JSON; starting with an empty recent-files list.`,
    );
    return [];
  }
  const parsed = storedRecentFilesSchema.safeParse(json);
  if (!parsed.success) {
    options.onReset?.(
      `${options.filePath} has an unexpected shape; starting with an empty recent-files list.`,
    );
    return [];
  }
  const seen = new Set<string>();
  const entries: RecentEntry[] = [];
  for (const stored of parsed.data.entries) {
    const id = recentFileId(stored.path);
    if (!nodePath.isAbsolute(stored.path) || seen.has(id)) continue;
    seen.add(id);
    entries.push({ id, ...stored });
  }
  return entries.slice(0, MAX_RECENT_FILES);
}
