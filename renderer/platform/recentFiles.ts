/**
 * Recent files of the browser build, kept in localStorage: names only (a browser never gives the
 * app a path it could reopen), newest first, at most `RECENT_LIMIT`.
 */
import type { RecentFile } from '../../electron/contract';
import { Fnv1a64 } from '../../models/report/dataFingerprint';

export const RECENT_STORAGE_KEY = 'mmm-workbench:recent-files';
export const RECENT_LIMIT = 10;

/** The part of `Storage` used here (so tests can pass a Map-backed fake). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Reads the list; anything malformed reads as an empty list rather than failing. */
export function readRecentFiles(storage: KeyValueStorage): RecentFile[] {
  const text = storage.getItem(RECENT_STORAGE_KEY);
  if (text === null) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.filter(isRecentFile).slice(0, RECENT_LIMIT);
}

function isRecentFile(value: unknown): value is RecentFile {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.id === 'string' &&
    typeof record.name === 'string' &&
    (record.kind === 'data' || record.kind === 'plan') &&
    typeof record.openedAt === 'string'
  );
}

/**
 * Adds files to the front of the list, dropping older entries of the same name and kind.
 * The id is derived from kind and name so it is stable across sessions.
 */
export function addRecentFiles(
  list: readonly RecentFile[],
  names: readonly string[],
  kind: RecentFile['kind'],
  openedAt: Date,
): RecentFile[] {
  const added = names.map((name) => ({
    id: recentId(kind, name),
    name,
    kind,
    openedAt: openedAt.toISOString(),
  }));
  const addedIds = new Set(added.map((entry) => entry.id));
  const uniqueAdded = added.filter(
    (entry, index) => added.findIndex((other) => other.id === entry.id) === index,
  );
  return [...uniqueAdded, ...list.filter((entry) => !addedIds.has(entry.id))].slice(
    0,
    RECENT_LIMIT,
  );
}

/** 16 hex digits of `kind:name` (the same id shape as the desktop build's sha256 prefix). */
export function recentId(kind: RecentFile['kind'], name: string): string {
  return fnv1a64(`${kind}:${name}`);
}

/**
 * 64-bit FNV-1a over the UTF-8 bytes, as 16 hex digits:
 *   h₀ = 0xcbf29ce484222325,  hᵢ = (hᵢ₋₁ ⊕ byteᵢ) · 0x100000001b3 mod 2⁶⁴.
 * Example: fnv1a64('a') = 'af63dc4c8601ec8c' (Fowler, Noll & Vo test vectors).
 */
export function fnv1a64(text: string): string {
  return new Fnv1a64().update(new TextEncoder().encode(text)).digest();
}

export function writeRecentFiles(storage: KeyValueStorage, list: readonly RecentFile[]): void {
  try {
    storage.setItem(RECENT_STORAGE_KEY, JSON.stringify(list));
  } catch {
    // Storage full or disabled (private mode): recent files are a convenience, not data.
  }
}
