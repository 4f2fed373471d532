/**
 * The Causal task: double-ML settings, the running estimate (progress, cancel) and the hand-over
 * of finished runs to the results store. The estimate runs in a Web Worker (renderer/causal).
 * θ is the KPI gained per extra unit of a channel's spend, holding the other channels and the
 * controls fixed: comparable to the MMM's marginal ROI, not to its average ROI.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { DmlProgress, DmlResult, FoldScheme } from '../../models/causal';
import type { ModelFrame } from '../../models/data';
import type { LearnerName } from '../../models/learners';
import { buildDmlInput } from '../causal/dmlInput';
import { createBrowserDmlRunner, type DmlRunner } from '../causal/dmlRunner';
import { useCancellableRun, type RunStatus } from '../composables/useCancellableRun';
import {
  frameFingerprint,
  type DmlChannelEstimate,
  type DmlDiagnostics,
  type DmlRecord,
  type DmlRunSpec,
  type DmlVerdict,
} from '../../models/report';
import { useResultsStore } from './results';

export const DML_LEARNERS: readonly { readonly value: LearnerName; readonly label: string }[] = [
  { value: 'ridge', label: 'Ridge' },
  { value: 'lasso', label: 'Lasso' },
  { value: 'forest', label: 'Random forest' },
  { value: 'gbm', label: 'Gradient boosting' },
];

export const FOLD_SCHEMES: readonly { readonly value: FoldScheme; readonly label: string }[] = [
  { value: 'random', label: 'Random' },
  { value: 'blocked', label: 'Blocked in time' },
  { value: 'neighbours-left-out', label: 'Neighbours left out (NLO)' },
];

export const STANDARD_ERRORS: readonly {
  readonly value: DmlSettings['standardError'];
  readonly label: string;
}[] = [
  { value: 'hac', label: 'HAC (Newey–West)' },
  { value: 'iid', label: 'i.i.d.' },
];

export interface DmlSettings {
  /** null = every channel in the frame. */
  treatments: string[] | null;
  controls: string[] | null;
  learner: LearnerName;
  folds: number;
  foldScheme: FoldScheme;
  gap: number;
  standardError: 'iid' | 'hac';
  seed: number;
}

export function defaultDmlSettings(): DmlSettings {
  return {
    treatments: null,
    controls: null,
    learner: 'ridge',
    folds: 5,
    foldScheme: 'blocked',
    gap: 2,
    standardError: 'hac',
    seed: 0,
  };
}

export function resolveDmlSpec(frame: ModelFrame, settings: DmlSettings): DmlRunSpec {
  const treatments = frame.channels.filter((name) =>
    (settings.treatments ?? frame.channels).includes(name),
  );
  const controls = frame.controls.filter((name) =>
    (settings.controls ?? frame.controls).includes(name),
  );
  if (treatments.length === 0) throw new Error('Choose at least one channel as a treatment.');
  if (!Number.isInteger(settings.folds) || settings.folds < 2 || settings.folds > 20) {
    throw new Error(`Folds must be a whole number from 2 to 20, got ${String(settings.folds)}`);
  }
  if (!Number.isInteger(settings.gap) || settings.gap < 0 || settings.gap > 26) {
    throw new Error(
      `Gap must be a whole number of weeks from 0 to 26, got ${String(settings.gap)}`,
    );
  }
  if (!Number.isInteger(settings.seed) || settings.seed < 0)
    throw new Error(`Seed must be a whole number ≥ 0, got ${String(settings.seed)}`);
  return {
    ...settings,
    treatments,
    controls,
    gap: settings.foldScheme === 'random' ? 0 : settings.gap,
  };
}

const mean = (values: readonly number[]): number =>
  values.reduce((sum, value) => sum + value, 0) / values.length;

/** The stored form of a finished estimate: per-channel numbers, nuisance fit quality and a verdict. */
export function dmlRecordDraft(
  result: DmlResult,
  spec: DmlRunSpec,
  fingerprint: string,
): Omit<DmlRecord, 'id' | 'finishedAt' | 'kind'> {
  const estimates: DmlChannelEstimate[] = result.estimates.map((estimate) => ({
    channel: estimate.treatment,
    theta: estimate.theta,
    seIid: estimate.se,
    seHac: estimate.seHac,
    lower: estimate.lo,
    upper: estimate.hi,
    pValue: estimate.pValue,
    hacLag: estimate.hacLag,
  }));
  const diagnostics: DmlDiagnostics = {
    nuisance: result.nuisance.map((entry) => ({
      channel: entry.treatment,
      outcomeRmse: mean(entry.outcomeRmse.flat()),
      treatmentRmse: mean(entry.treatmentRmse.flat()),
    })),
    observations: result.settings.observations,
    seconds: result.timing.totalSeconds,
  };
  const reasons: string[] = [];
  for (const estimate of estimates) {
    const numbers = [
      estimate.theta,
      estimate.seIid,
      estimate.seHac,
      estimate.lower,
      estimate.upper,
      estimate.pValue,
    ];
    if (!numbers.every(Number.isFinite))
      reasons.push(`${estimate.channel}: the estimate or its SE is not a finite number`);
  }
  for (const entry of diagnostics.nuisance) {
    // Spend fully explained by X leaves no variation to learn θ from.
    if (!(entry.treatmentRmse > 0))
      reasons.push(`${entry.channel}: spend is fully predicted by the controls (residual RMSE 0)`);
  }
  const verdict: DmlVerdict = { passed: reasons.length === 0, reasons };
  return { spec, fingerprint, estimates, diagnostics, verdict };
}

export type DmlStatus = RunStatus;

let runnerFactory: () => DmlRunner = () => createBrowserDmlRunner();

/** Replaces the DML runner (tests drive the worker handler in process). */
export function provideDmlRunner(factory: () => DmlRunner): void {
  runnerFactory = factory;
}

export const useCausalStore = defineStore('causal', () => {
  const results = useResultsStore();
  const settings = ref<DmlSettings>(defaultDmlSettings());
  const { status, message, launch, cancel } = useCancellableRun<DmlStatus>(
    'Run cancelled; the previous estimates are kept.',
  );
  const progress = shallowRef<DmlProgress | null>(null);
  const running = computed(() => status.value === 'running');

  async function run(frame: ModelFrame): Promise<DmlRecord | null> {
    if (running.value) return null;
    return launch({
      prepare: () => {
        const spec = resolveDmlSpec(frame, settings.value);
        return { spec, input: buildDmlInput(frame, spec), fingerprint: frameFingerprint(frame) };
      },
      start: () => {
        progress.value = null;
      },
      execute: ({ input }, signal, current) =>
        runnerFactory().run(input, {
          signal,
          onProgress: (update) => {
            if (current()) progress.value = update;
          },
        }),
      commit: ({ spec, fingerprint }, result) => ({
        outcome: results.addDmlRun(dmlRecordDraft(result, spec, fingerprint)),
        message: `Estimated in ${result.timing.totalSeconds.toFixed(1)} s`,
      }),
    });
  }

  return { settings, status, message, progress, running, run, cancel };
});
