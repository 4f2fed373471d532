import { describe, expect, it } from 'vitest';
import {
  RECENT_LIMIT,
  RECENT_STORAGE_KEY,
  addRecentFiles,
  fnv1a64,
  readRecentFiles,
  recentId,
  writeRecentFiles,
} from './recentFiles';
import type { KeyValueStorage } from './recentFiles';

function memoryStorage(
  initial: Record<string, string> = {},
): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
  };
}

describe('fnv1a64', () => {
  // Published FNV-1a 64-bit test vectors (isthe.com/chongo/tech/comp/fnv).
  it.each([
    ['', 'cbf29ce484222325'],
    ['a', 'af63dc4c8601ec8c'],
    ['foobar', '85944171f73967e8'],
  ])('%j → %s', (text, hash) => {
    expect(fnv1a64(text)).toBe(hash);
  });

  it('gives ids of the desktop shape (16 hex digits) that depend on kind and name', () => {
    expect(recentId('data', 'kpi.csv')).toMatch(/^[a-f0-9]{16}$/);
    expect(recentId('data', 'kpi.csv')).not.toBe(recentId('plan', 'kpi.csv'));
  });
});

describe('recent files', () => {
  const at = new Date('2026-11-29T10:00:00Z');

  it('puts new files first, de-duplicates by name and caps the list', () => {
    let list = addRecentFiles([], ['a.csv', 'b.csv'], 'data', at);
    list = addRecentFiles(list, ['a.csv'], 'data', new Date('2026-11-29T11:00:00Z'));
    expect(list.map((entry) => entry.name)).toEqual(['a.csv', 'b.csv']);
    expect(list[0].openedAt).toBe('2026-11-29T11:00:00.000Z');
    const many = Array.from({ length: 15 }, (_, index) => `f${index}.csv`);
    expect(addRecentFiles(list, many, 'data', at)).toHaveLength(RECENT_LIMIT);
  });

  it('round-trips through storage', () => {
    const storage = memoryStorage();
    const list = addRecentFiles([], ['sales.parquet'], 'data', at);
    writeRecentFiles(storage, list);
    expect(readRecentFiles(storage)).toEqual(list);
  });

  it('reads malformed storage as an empty list, dropping bad entries', () => {
    expect(readRecentFiles(memoryStorage({ [RECENT_STORAGE_KEY]: '{not json' }))).toEqual([]);
    expect(readRecentFiles(memoryStorage({ [RECENT_STORAGE_KEY]: '{"a":1}' }))).toEqual([]);
    const good = {
      id: '0123456789abcdef',
      name: 'x.csv',
      kind: 'data',
      openedAt: at.toISOString(),
    };
    const mixed = JSON.stringify([good, { id: 1 }, { ...good, kind: 'other' }]);
    expect(readRecentFiles(memoryStorage({ [RECENT_STORAGE_KEY]: mixed }))).toEqual([good]);
  });

  it('survives a storage that refuses writes', () => {
    const refusing: KeyValueStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => writeRecentFiles(refusing, [])).not.toThrow();
  });
});
