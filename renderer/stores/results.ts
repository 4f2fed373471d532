/**
 * One store for every finished analysis: MMM fits and double-ML runs, so a Results screen can put
 * DML's per-channel effects beside the MMM's ROI. A result is written once, complete, when its run
 * finishes (never while it runs), and keeps its spec, the fingerprint of the data it saw, its
 * diagnostics and its verdict: consumers show the verdict, they do not recompute it. An MMM record
 * holds the fit report (models/report), the one source of every number the screens show. The
 * record types live in models/report/records.ts.
 *
 * The Results task reads one fit at a time (`selected`, the latest unless the analyst picked one
 * in the fit history) and compares two (`compareIds`). A fit result file written by `mmm fit
 * --out` is opened in a worker (renderer/fit/fitFiles.ts); a bad file changes nothing and leaves
 * one sentence in `openMessage`.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { createBrowserFitFileRunner, type FitFileRunner } from '../fit/fitFiles';
import {
  reportIntervals,
  type DmlChannelEstimate,
  type DmlRecord,
  type MmmBeside,
  type MmmFitRecord,
} from '../../models/report';

type Draft<T> = Omit<T, 'id' | 'finishedAt' | 'kind'>;

let fitFiles: FitFileRunner | null = null;

/** Replaces the fit-file worker (tests parse in process). */
export function provideFitFileRunner(runner: FitFileRunner): void {
  fitFiles = runner;
}

export function fitFileRunner(): FitFileRunner {
  fitFiles ??= createBrowserFitFileRunner();
  return fitFiles;
}

export const useResultsStore = defineStore('results', () => {
  const mmmFits = shallowRef<readonly MmmFitRecord[]>([]);
  const dmlRuns = shallowRef<readonly DmlRecord[]>([]);
  let nextId = 1;

  const latestMmm = computed(() => mmmFits.value[mmmFits.value.length - 1] ?? null);
  const selectedId = ref<number | null>(null);
  /** The fit the Results task shows: the one picked in the history, else the latest. */
  const selected = computed(
    () => mmmFits.value.find((fit) => fit.id === selectedId.value) ?? latestMmm.value,
  );
  const compareIds = ref<readonly number[]>([]);
  const comparing = computed(() => {
    const [a, b] = compareIds.value.map((id) => mmmFits.value.find((fit) => fit.id === id));
    return a && b ? ([a, b] as const) : null;
  });
  const openMessage = ref<string | null>(null);
  const opening = ref(false);
  const latestDml = computed(() => dmlRuns.value[dmlRuns.value.length - 1] ?? null);

  /** The newest DML estimate of each channel, with the run it came from. */
  const dmlByChannel = computed(() => {
    const byChannel = new Map<
      string,
      { readonly run: DmlRecord; readonly estimate: DmlChannelEstimate }
    >();
    for (const run of dmlRuns.value)
      for (const estimate of run.estimates) byChannel.set(estimate.channel, { run, estimate });
    return byChannel;
  });

  /** What every stored run gets when it lands: a session-wide id and its finishing time. */
  const stamp = (): { id: number; finishedAt: string } => ({
    id: nextId++,
    finishedAt: new Date().toISOString(),
  });

  function addMmmFit(draft: Draft<MmmFitRecord>): MmmFitRecord {
    const record: MmmFitRecord = { ...draft, kind: 'mmm', ...stamp() };
    mmmFits.value = [...mmmFits.value, Object.freeze(record)];
    selectedId.value = null; // show the newest
    return record;
  }

  /** Puts back fits an autosave held, with their ids and times; later fits number on from them. */
  function restoreMmmFits(records: readonly MmmFitRecord[]): void {
    const known = new Set(mmmFits.value.map((fit) => fit.id));
    const added = records.filter((record) => !known.has(record.id)).map((r) => Object.freeze(r));
    mmmFits.value = [...added, ...mmmFits.value].sort((a, b) => a.id - b.id);
    nextId = Math.max(nextId, ...mmmFits.value.map((fit) => fit.id + 1));
  }

  /** Shows this fit in the Results task. */
  function select(id: number): void {
    selectedId.value = id;
  }

  /** Ticks or unticks a fit for comparison; at most two, the older tick dropped. */
  function toggleCompare(id: number): void {
    compareIds.value = compareIds.value.includes(id)
      ? compareIds.value.filter((other) => other !== id)
      : [...compareIds.value, id].slice(-2);
  }

  /**
   * Opens a fit result file (`mmm fit --out`): read and checked in a worker; added and shown when
   * it is one, else nothing changes and `openMessage` says why in one sentence.
   */
  async function openFitResult(
    name: string,
    content: Blob | Uint8Array | string,
  ): Promise<MmmFitRecord | null> {
    opening.value = true;
    try {
      const parsed = await fitFileRunner().parse(content);
      if (!parsed.ok) {
        openMessage.value = `${name}: ${parsed.message}`;
        return null;
      }
      const record = addMmmFit({
        origin: 'file',
        spec: null,
        fingerprint: parsed.report.data.fingerprint,
        report: parsed.report,
      });
      selectedId.value = record.id;
      openMessage.value =
        `Opened ${name}` + (parsed.notices.length > 0 ? ` (${parsed.notices.join('; ')})` : '');
      return record;
    } catch (error) {
      openMessage.value = `${name}: ${error instanceof Error ? error.message : String(error)}`;
      return null;
    } finally {
      opening.value = false;
    }
  }

  function addDmlRun(draft: Draft<DmlRecord>): DmlRecord {
    const record: DmlRecord = { ...draft, kind: 'dml', ...stamp() };
    dmlRuns.value = [...dmlRuns.value, Object.freeze(record)];
    return record;
  }

  function mmmBeside(channel: string, fingerprint: string): MmmBeside | null {
    for (let i = mmmFits.value.length - 1; i >= 0; i -= 1) {
      const fit = mmmFits.value[i];
      if (fit.fingerprint !== fingerprint) continue;
      const intervals = reportIntervals(fit.report);
      const roi = intervals.roi.find((entry) => entry.channel === channel);
      const marginalRoi = intervals.marginalRoi.find((entry) => entry.channel === channel);
      if (roi && marginalRoi)
        return {
          fitId: fit.id,
          gatePassed: fit.report.diagnostics.gatePassed,
          roi,
          marginalRoi,
        };
    }
    return null;
  }

  function clear(): void {
    selectedId.value = null;
    compareIds.value = [];
    mmmFits.value = [];
    dmlRuns.value = [];
  }

  return {
    mmmFits,
    dmlRuns,
    latestMmm,
    selectedId,
    selected,
    compareIds,
    comparing,
    openMessage,
    opening,
    restoreMmmFits,
    select,
    toggleCompare,
    openFitResult,
    latestDml,
    dmlByChannel,
    addMmmFit,
    addDmlRun,
    mmmBeside,
    clear,
  };
});
