/**
 * The autosaved session in browser mode: each entry's text in IndexedDB (idb-keyval, its own
 * database), the same keys and text the desktop writes under userData. IndexedDB commits each
 * `put` as a transaction, so a closed or crashed tab keeps the last completed entry.
 */
import { createStore, del, entries, set, type UseStore } from 'idb-keyval';
import type { Result, SessionEntries } from '../../electron/contract';

let store: UseStore | null = null;

function sessionStore(): UseStore {
  store ??= createStore('mmm-workbench-session', 'entries');
  return store;
}

function failure(what: string, error: unknown): Result<never> {
  const detail = error instanceof Error ? error.message : String(error);
  return { ok: false, error: { code: 'storage-failed', message: `${what} (${detail})` } };
}

export async function loadBrowserSession(): Promise<Result<SessionEntries>> {
  try {
    const found: SessionEntries = {};
    for (const [key, value] of await entries(sessionStore()))
      if (typeof key === 'string' && typeof value === 'string') found[key] = value;
    return { ok: true, value: found };
  } catch (error) {
    return failure('The autosaved session could not be read', error);
  }
}

export async function saveBrowserSessionEntry(
  key: string,
  text: string | null,
): Promise<Result<void>> {
  try {
    if (text === null) await del(key, sessionStore());
    else await set(key, text, sessionStore());
    return { ok: true, value: undefined };
  } catch (error) {
    return failure('The session could not be autosaved', error);
  }
}
