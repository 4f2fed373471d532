/**
 * One store for every finished analysis: MMM fits and double-ML runs, so a Results screen can put
 * DML's per-channel effects beside the MMM's ROI. A result is written once, complete, when its run
 * finishes (never while it runs), and keeps its spec, the fingerprint of the data it saw, its
 * diagnostics and its verdict: consumers show the verdict, they do not recompute it. An MMM record
 * holds the fit report (models/report), the one source of every number the screens show. The
 * record types live in models/report/records.ts.
 */
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import {
  reportIntervals,
  type DmlChannelEstimate,
  type DmlRecord,
  type MmmBeside,
  type MmmFitRecord,
} from '../../models/report';

type Draft<T> = Omit<T, 'id' | 'finishedAt' | 'kind'>;

export const useResultsStore = defineStore('results', () => {
  const mmmFits = shallowRef<readonly MmmFitRecord[]>([]);
  const dmlRuns = shallowRef<readonly DmlRecord[]>([]);
  let nextId = 1;

  const latestMmm = computed(() => mmmFits.value[mmmFits.value.length - 1] ?? null);
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
    return record;
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
    mmmFits.value = [];
    dmlRuns.value = [];
  }

  return {
    mmmFits,
    dmlRuns,
    latestMmm,
    latestDml,
    dmlByChannel,
    addMmmFit,
    addDmlRun,
    mmmBeside,
    clear,
  };
});
