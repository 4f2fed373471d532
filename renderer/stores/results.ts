/**
 * One store for every finished analysis: MMM fits and double-ML runs, so a Results screen can put
 * DML's per-channel effects beside the MMM's ROI. A result is written once, complete, when its run
 * finishes (never while it runs), and keeps its spec, the fingerprint of the data it saw, its
 * diagnostics and its verdict: consumers show the verdict, they do not recompute it.
 */
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { ModelFrame } from '../../models/data';
import { dataFingerprint, Fnv1a64 } from '../../models/report/dataFingerprint';
import type { AdstockKind, SaturationKind } from '../../models/mmm';
import type { GateVerdict } from '../../models/diagnostics/gate';
import type { FoldScheme } from '../../models/causal';
import type { LearnerName } from '../../models/learners/learnerOptions';

/** A posterior mean with its highest-density interval (KPI units per currency unit). */
export interface ChannelInterval {
  readonly channel: string;
  readonly mean: number;
  readonly hdiLower: number;
  readonly hdiUpper: number;
}

export interface MmmFitSpec {
  readonly channels: readonly string[];
  readonly controls: readonly string[];
  readonly adstock: AdstockKind;
  readonly saturation: SaturationKind;
  readonly chains: number;
  readonly warmup: number;
  readonly draws: number;
  readonly seed: number;
  readonly holdoutWeeks: number;
}

export interface MmmDiagnostics {
  readonly maxRhat: number;
  readonly minBulkEss: number;
  readonly minTailEss: number;
  readonly divergences: number;
  readonly minEBfmi: number;
  readonly wallSeconds: number;
  /** Draws the ROI summaries were computed from (evenly thinned when there are many). */
  readonly summaryDraws: number;
}

export interface MmmFitRecord {
  readonly kind: 'mmm';
  readonly id: number;
  readonly finishedAt: string;
  readonly spec: MmmFitSpec;
  readonly fingerprint: string;
  readonly gate: GateVerdict;
  readonly diagnostics: MmmDiagnostics;
  /** Average ROI Σcontribution / Σspend with its 90% HDI. */
  readonly roi: readonly ChannelInterval[];
  /** Marginal ROI (return of the next unit of spend) with its 90% HDI. */
  readonly marginalRoi: readonly ChannelInterval[];
  readonly hdiProbability: number;
}

export interface DmlRunSpec {
  readonly treatments: readonly string[];
  readonly controls: readonly string[];
  readonly learner: LearnerName;
  readonly folds: number;
  readonly foldScheme: FoldScheme;
  readonly gap: number;
  readonly standardError: 'iid' | 'hac';
  readonly seed: number;
}

/** One channel's DML effect: θ is KPI per extra unit of spend (comparable to marginal ROI). */
export interface DmlChannelEstimate {
  readonly channel: string;
  readonly theta: number;
  readonly seIid: number;
  readonly seHac: number;
  /** 95% CI under the chosen SE. */
  readonly lower: number;
  readonly upper: number;
  readonly pValue: number;
  readonly hacLag: number;
}

export interface DmlDiagnostics {
  /** Mean out-of-fold RMSE of Ê[Y|X] and Ê[D|X] per channel. */
  readonly nuisance: readonly {
    readonly channel: string;
    readonly outcomeRmse: number;
    readonly treatmentRmse: number;
  }[];
  readonly observations: number;
  readonly seconds: number;
}

/** DML has no sampler diagnostics; its verdict says whether the numbers can be read at all. */
export interface DmlVerdict {
  readonly passed: boolean;
  readonly reasons: readonly string[];
}

export interface DmlRecord {
  readonly kind: 'dml';
  readonly id: number;
  readonly finishedAt: string;
  readonly spec: DmlRunSpec;
  readonly fingerprint: string;
  readonly estimates: readonly DmlChannelEstimate[];
  readonly diagnostics: DmlDiagnostics;
  readonly verdict: DmlVerdict;
}

type Draft<T> = Omit<T, 'id' | 'finishedAt' | 'kind'>;

/**
 * A content hash of a model frame, so a result can say which data it was computed from and results
 * on other data are not paired: the fit report's data fingerprint (models/report, FNV-1a 64) of
 * the weeks, KPI, each channel's spend and each control, hashed again with what a frame adds — the
 * KPI's name, the geos and each row's geo. Example: two frames differing in one spend value get
 * different hashes.
 */
export function frameFingerprint(frame: ModelFrame): string {
  const geos = frame.geos ?? [];
  const hash = new Fnv1a64()
    .updateText(
      dataFingerprint({
        dates: frame.weeks,
        kpi: frame.kpi,
        channelNames: frame.channels,
        spend: frame.spend,
        controlNames: frame.controls,
        controls: frame.controlValues,
      }),
    )
    .updateText(`\u0000kpi:${frame.kpiName}\u0000geos:${geos.length}\u0000${geos.join('\n')}`);
  if (frame.geoIndex) hash.updateNumbers(Float64Array.from(frame.geoIndex));
  return hash.digest();
}

/** The MMM ROI and mROI of `channel` from the latest fit on the same data, if any. */
export interface MmmBeside {
  readonly fitId: number;
  readonly gatePassed: boolean;
  readonly roi: ChannelInterval;
  readonly marginalRoi: ChannelInterval;
}

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
      const roi = fit.roi.find((entry) => entry.channel === channel);
      const marginalRoi = fit.marginalRoi.find((entry) => entry.channel === channel);
      if (roi && marginalRoi)
        return { fitId: fit.id, gatePassed: fit.gate.passed, roi, marginalRoi };
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
