/**
 * The autosaved session in browser mode: each entry's text in IndexedDB (idb-keyval, its own
 * database), the same keys and text the desktop writes under userData. IndexedDB commits each
 * `put` as a transaction, so a closed or crashed tab keeps the last completed entry. Writes run in
 * a worker (renderer/workers/sessionStore.worker.ts), in the order they were asked for: a fit's
 * entry is megabytes of text, and storing it took 20–30 ms of the page's main thread.
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

/**
 * One write, as the page posts it to the worker: the text as UTF-8 bytes, transferred. A fit's
 * entry is a ~2 MB string, often a concatenation; posting it as a string cost the page 30–45 ms to
 * serialise, encoding it and handing over the buffer a few.
 */
export interface SessionWrite {
  readonly id: number;
  readonly key: string;
  readonly bytes: Uint8Array | null;
}

/** The worker's answer to write `id`. */
export interface SessionWritten {
  readonly id: number;
  readonly result: Result<void>;
}

let writer: Worker | null = null;
let nextWrite = 0;
const pending = new Map<number, (result: Result<void>) => void>();

function sessionWriter(): Worker | null {
  if (writer || typeof Worker === 'undefined') return writer;
  writer = new Worker(new URL('../workers/sessionStore.worker.ts', import.meta.url), {
    type: 'module',
    name: 'session-store',
  });
  writer.addEventListener('message', (event: MessageEvent<SessionWritten>) => {
    pending.get(event.data.id)?.(event.data.result);
    pending.delete(event.data.id);
  });
  writer.addEventListener('error', () => {
    for (const settle of pending.values())
      settle(failure('The session could not be autosaved', 'its storage worker failed'));
    pending.clear();
  });
  return writer;
}

export function saveBrowserSessionEntry(
  key: string,
  text: string | Uint8Array | null,
): Promise<Result<void>> {
  const worker = sessionWriter();
  if (!worker)
    return writeSessionEntry(
      key,
      text instanceof Uint8Array ? new TextDecoder().decode(text) : text,
    );
  const id = nextWrite++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    // Copied, not transferred, when given: the caller may still hold them.
    const bytes =
      text === null
        ? null
        : text instanceof Uint8Array
          ? text.slice()
          : new TextEncoder().encode(text);
    worker.postMessage({ id, key, bytes } satisfies SessionWrite, bytes ? [bytes.buffer] : []);
  });
}

/** Stores (or, for null, deletes) one entry here: in the storage worker, or where none exists. */
export async function writeSessionEntry(key: string, text: string | null): Promise<Result<void>> {
  try {
    if (text === null) await del(key, sessionStore());
    else await set(key, text, sessionStore());
    return { ok: true, value: undefined };
  } catch (error) {
    return failure('The session could not be autosaved', error);
  }
}
