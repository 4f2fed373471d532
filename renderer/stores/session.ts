/**
 * Session autosave and restore: the data mapping, the fit settings, the priors, the lift tests and
 * every finished fit (with its full report) are written as they change — the small `meta` entry
 * after a short pause, each fit once when it lands (its report serialised in a worker) — through
 * the platform (desktop: userData with atomic writes; browser: IndexedDB). At start the entries
 * are read back in a worker (renderer/session/sessionCodec.ts); past fits are then viewable
 * without their data, and an entry from another version is set aside with a message.
 */
import { defineStore } from 'pinia';
import { ref, toRaw, watch } from 'vue';
import type { SessionEntries } from '../../electron/contract';
import type { MmmFitRecord } from '../../models/report';
import { getWorkbenchApi } from '../platform';
import { encodeFitEntry, encodeFitEntryBytes, encodeMeta, META_KEY } from '../session/sessionCodec';
import { serialisedBytesOf } from '../fit/fitText';
import { useDataStore } from './data';
import { useModelStore } from './model';
import { useModelInputsStore } from './modelInputs';
import { fitFileRunner, useResultsStore } from './results';
import { nextTask } from '../composables/nextTask';

const META_DELAY_MS = 400;

export interface SessionBackend {
  load(): Promise<SessionEntries>;
  /** The entry's text or UTF-8 bytes; null deletes it. */
  save(key: string, text: string | Uint8Array | null): Promise<void>;
}

function platformBackend(): SessionBackend {
  const api = getWorkbenchApi();
  return {
    async load() {
      const result = await api.loadSession();
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    },
    async save(key, text) {
      const result = await api.saveSessionEntry(key, text);
      if (!result.ok) throw new Error(result.error.message);
    },
  };
}

let backendFactory: () => SessionBackend = platformBackend;

/** Replaces where the session is kept (tests keep it in memory). */
export function provideSessionBackend(factory: () => SessionBackend): void {
  backendFactory = factory;
}

export const useSessionStore = defineStore('session', () => {
  const data = useDataStore();
  const model = useModelStore();
  const inputs = useModelInputsStore();
  const results = useResultsStore();
  const notices = ref<string[]>([]);
  const restoredFits = ref(0);
  const lastSaved = ref<string | null>(null);
  let backend: SessionBackend | null = null;
  const saved = new Set<number>();
  // Writes go one after another, so an older text never lands after a newer one.
  let writing: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | null = null;

  function write(key: string, text: string | Uint8Array | null): Promise<void> {
    const target = backend;
    if (!target) return Promise.resolve();
    writing = writing
      .then(() => target.save(key, text))
      .then(() => {
        lastSaved.value = new Date().toISOString();
      })
      .catch((error: unknown) => {
        notices.value = [...notices.value, error instanceof Error ? error.message : String(error)];
      });
    return writing;
  }

  function metaText(): string {
    return encodeMeta({
      savedAt: new Date().toISOString(),
      mapping: data.mapping,
      fitSettings: { ...model.settings },
      priors: inputs.priorsFile.channels,
      liftRows: inputs.liftRows.map((row) => ({ ...row })),
      fitIds: results.mmmFits.map((fit) => fit.id),
    });
  }

  function saveMetaSoon(): void {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void write(META_KEY, metaText());
    }, META_DELAY_MS);
  }

  async function saveFit(record: MmmFitRecord): Promise<void> {
    saved.add(record.id);
    globalThis.performance?.mark?.('mmm:autosave-fit');
    // A report the report worker just built comes with its JSON's bytes: stored as they are.
    const bytes = serialisedBytesOf(toRaw(record.report));
    const entry = bytes
      ? encodeFitEntryBytes(record, bytes)
      : encodeFitEntry(record, await fitFileRunner().serialise(record.report));
    globalThis.performance?.mark?.('mmm:autosave-fit-serialised');
    // A task of its own: storing a report's text is not added to the task that received it.
    await nextTask();
    await write(`fit-${record.id}`, entry);
  }

  /** Reads the last session back, then keeps saving; call once when the app starts. */
  async function start(): Promise<void> {
    backend = backendFactory();
    try {
      const entries = await backend.load();
      const session = await fitFileRunner().restore(entries);
      for (const aside of session.setAside)
        await write(aside.asideKey, entries[aside.key]).then(() => write(aside.key, null));
      notices.value = [...session.notices];
      if (session.meta) {
        if (session.meta.mapping && data.mapping === null) data.mapping = session.meta.mapping;
        if (session.meta.fitSettings) model.settings = { ...session.meta.fitSettings };
        inputs.restore({ priors: session.meta.priors, liftTests: session.meta.liftRows });
      }
      for (const fit of session.fits) saved.add(fit.id);
      results.restoreMmmFits(session.fits);
      restoredFits.value = session.fits.length;
    } catch (error) {
      notices.value = [
        `The last session could not be restored (${error instanceof Error ? error.message : String(error)}); starting afresh.`,
      ];
    }
    watch(() => [data.mapping, model.settings, inputs.priors, inputs.liftRows], saveMetaSoon, {
      deep: true,
    });
    watch(
      () => results.mmmFits,
      async (fits) => {
        for (const fit of fits) if (!saved.has(fit.id)) await saveFit(fit);
        saveMetaSoon();
      },
    );
  }

  /** Waits for every pending write (tests; the benchmark's end). */
  async function flush(): Promise<void> {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
      void write(META_KEY, metaText());
    }
    await writing;
  }

  return { notices, restoredFits, lastSaved, start, flush };
});
