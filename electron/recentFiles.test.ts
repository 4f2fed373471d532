import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import nodePath from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { MAX_RECENT_FILES, openRecentFilesStore, recentFileId } from './recentFiles';

let folder: string;
let storePath: string;

beforeEach(async () => {
  folder = await mkdtemp(nodePath.join(tmpdir(), 'workbench-recent-'));
  storePath = nodePath.join(folder, 'userData', 'recent.json');
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** A clock that advances one minute per reading, so order is visible in `openedAt`. */
function steppingClock() {
  let minute = 0;
  return () => new Date(Date.UTC(2026, 0, 1, 0, minute++));
}

describe('recentFileId', () => {
  it('is the first 16 hex digits of sha256(path)', () => {
    // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad (FIPS 180-2).
    expect(recentFileId('abc')).toBe('ba7816bf8f01cfea');
    expect(recentFileId('/data/weekly.csv')).toMatch(/^[a-f0-9]{16}$/);
  });
});

describe('openRecentFilesStore', () => {
  it('starts empty when there is no file yet', async () => {
    const store = await openRecentFilesStore({ filePath: storePath });
    expect(store.list()).toEqual([]);
  });

  it('adds newest first and exposes names, never paths, to the renderer', async () => {
    const store = await openRecentFilesStore({ filePath: storePath, now: steppingClock() });
    await store.add('/data/a.csv', 'data');
    await store.add('/plans/b.mmmplan.json', 'plan');
    expect(store.toRecentFiles()).toEqual([
      {
        id: recentFileId('/plans/b.mmmplan.json'),
        name: 'b.mmmplan.json',
        kind: 'plan',
        openedAt: '2026-01-01T00:01:00.000Z',
      },
      {
        id: recentFileId('/data/a.csv'),
        name: 'a.csv',
        kind: 'data',
        openedAt: '2026-01-01T00:00:00.000Z',
      },
    ]);
    expect(JSON.stringify(store.toRecentFiles())).not.toContain('/data/');
    expect(store.find(recentFileId('/data/a.csv'))?.path).toBe('/data/a.csv');
  });

  it('moves a re-opened file to the front instead of duplicating it', async () => {
    const store = await openRecentFilesStore({ filePath: storePath, now: steppingClock() });
    await store.add('/data/a.csv', 'data');
    await store.add('/data/b.csv', 'data');
    await store.add('/data/a.csv', 'data');
    expect(store.list().map((entry) => entry.path)).toEqual(['/data/a.csv', '/data/b.csv']);
    expect(store.list()[0].openedAt).toBe('2026-01-01T00:02:00.000Z');
  });

  it('keeps only the newest ten', async () => {
    const store = await openRecentFilesStore({ filePath: storePath });
    for (let index = 0; index < 13; index += 1) await store.add(`/data/file-${index}.csv`, 'data');
    expect(MAX_RECENT_FILES).toBe(10);
    expect(store.list().map((entry) => entry.path)).toEqual(
      Array.from({ length: 10 }, (_, offset) => `/data/file-${12 - offset}.csv`),
    );
  });

  it('persists to disk and reads the same list back with the same ids', async () => {
    const first = await openRecentFilesStore({ filePath: storePath, now: steppingClock() });
    await first.add('/data/a.csv', 'data');
    await first.add('/plans/b.json', 'plan');
    const second = await openRecentFilesStore({ filePath: storePath });
    expect(second.list()).toEqual(first.list());
    const stored = JSON.parse(await readFile(storePath, 'utf8'));
    expect(stored.version).toBe(1);
    expect(stored.entries).toHaveLength(2);
    // No temporary files are left beside it.
    expect(await readdir(nodePath.dirname(storePath))).toEqual(['recent.json']);
  });

  it('removes entries', async () => {
    const store = await openRecentFilesStore({ filePath: storePath });
    await store.add('/data/a.csv', 'data');
    await store.add('/data/b.csv', 'data');
    await store.remove(recentFileId('/data/a.csv'));
    expect(store.list().map((entry) => entry.path)).toEqual(['/data/b.csv']);
    expect((await openRecentFilesStore({ filePath: storePath })).list()).toHaveLength(1);
  });

  it('recovers from a corrupt file by starting empty, and can save again', async () => {
    const resets: string[] = [];
    await openRecentFilesStore({ filePath: storePath }).then((store) =>
      store.add('/data/a.csv', 'data'),
    );
    await writeFile(storePath, '{"version":1,"entries":[{"path":');
    const store = await openRecentFilesStore({
      filePath: storePath,
      onReset: (reason) => resets.push(reason),
    });
    expect(store.list()).toEqual([]);
    expect(resets).toHaveLength(1);
    expect(resets[0]).toContain('not valid JSON');
    await store.add('/data/c.csv', 'data');
    expect(
      (await openRecentFilesStore({ filePath: storePath })).list().map((entry) => entry.path),
    ).toEqual(['/data/c.csv']);
  });

  it('resets on a well-formed file of the wrong shape', async () => {
    const resets: string[] = [];
    await openRecentFilesStore({ filePath: storePath }).then((store) =>
      store.add('/data/a.csv', 'data'),
    );
    for (const contents of [
      '[]',
      '{"version":2,"entries":[]}',
      '{"version":1,"entries":[{"path":"/a.csv","kind":"video","openedAt":"2026-01-01T00:00:00Z"}]}',
      '{"version":1,"entries":[{"path":"/a.csv","kind":"data","openedAt":"yesterday"}]}',
    ]) {
      await writeFile(storePath, contents);
      const store = await openRecentFilesStore({
        filePath: storePath,
        onReset: (reason) => resets.push(reason),
      });
      expect(store.list(), contents).toEqual([]);
    }
    expect(resets).toHaveLength(4);
  });

  it('drops relative paths and duplicates found in the file', async () => {
    await openRecentFilesStore({ filePath: storePath }).then((store) =>
      store.add('/data/a.csv', 'data'),
    );
    const openedAt = '2026-01-01T00:00:00.000Z';
    await writeFile(
      storePath,
      JSON.stringify({
        version: 1,
        entries: [
          { path: 'relative.csv', kind: 'data', openedAt },
          { path: '/data/a.csv', kind: 'data', openedAt },
          { path: '/data/a.csv', kind: 'data', openedAt },
        ],
      }),
    );
    const store = await openRecentFilesStore({ filePath: storePath });
    expect(store.list().map((entry) => entry.path)).toEqual(['/data/a.csv']);
  });
});
