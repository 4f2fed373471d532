/**
 * The Model task: fit settings, the running fit (per-chain progress, cancel) and the hand-over of
 * finished fits to the results store. Sampling never runs on the UI thread: the chain runner puts
 * each chain in its own Web Worker. The MAP "quick answer" is not shown: it is an optimisation over
 * the whole posterior, and running it here would block the window.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { MINIMUM_TRAINING_WEEKS, type ModelFrame } from '../../models/data';
import { AbortError } from '../../models/inference/cancellation';
import type { ChainRunner, FitRequest } from '../../models/inference/chains';
import type { ChainProgress } from '../../models/inference/sampleChain';
import type { AdstockKind, MmmInput, SaturationKind } from '../../models/mmm';
import { nationalSeries } from '../causal/nationalSeries';
import { useCancellableRun, type RunStatus } from '../composables/useCancellableRun';
import { createBrowserChainRunner } from '../fit/browserChainRunner';
import {
  createBrowserDigestRunner,
  dataFilesOf,
  digestRequestOf,
  type DigestRunner,
} from '../fit/fileDigests';
import { createBrowserReportRunner, type FitReportRunner } from '../fit/reportRunner';
import { createFitAssembler } from '../fit/fitSummaryRunner';
import {
  frameFingerprint,
  sourceOf,
  type DataFile,
  type MmmFitRecord,
  type MmmFitSpec,
  type ModelLevel,
} from '../../models/report';
import type { TargetDescription } from '../../models/inference/targets';
import type { ChannelPriorOverrides, LiftTest } from '../../models/mmm';
import { useDataStore } from './data';
import { useModelInputsStore } from './modelInputs';
import { useResultsStore } from './results';
import { buildGeoFitTarget } from '../fit/geoFitTarget';
import { nextTask } from '../composables/nextTask';

export const ADSTOCK_CHOICES: readonly { readonly value: AdstockKind; readonly label: string }[] = [
  { value: 'geometric', label: 'Geometric' },
  { value: 'weibullCdf', label: 'Weibull CDF' },
  { value: 'weibullPdf', label: 'Weibull PDF' },
  { value: 'delayed', label: 'Delayed (peak after a lag)' },
];

export const SATURATION_CHOICES: readonly {
  readonly value: SaturationKind;
  readonly label: string;
}[] = [
  { value: 'hill', label: 'Hill  x^s/(x^s+k^s)' },
  { value: 'logistic', label: 'Logistic  (1−e^(−λx))/(1+e^(−λx))' },
  { value: 'michaelisMenten', label: 'Michaelis–Menten  x/(x+k)' },
];

export const FIT_PRESETS = {
  quick: { warmup: 300, draws: 300 },
  standard: { warmup: 1000, draws: 1000 },
} as const;

export type FitPreset = keyof typeof FIT_PRESETS;

/** What the analyst chose; `channels`/`controls` null means "all in the frame". */
export interface FitSettings {
  channels: string[] | null;
  controls: string[] | null;
  adstock: AdstockKind;
  saturation: SaturationKind;
  chains: number;
  warmup: number;
  draws: number;
  seed: number;
  holdoutWeeks: number;
  /** 'geo' fits the geo model (the frame must keep geos); 'national' sums the geos. */
  level: ModelLevel;
  /** With the geo model: the control holding each geo's population; null: geos count as equal. */
  population: string | null;
}

export function defaultFitSettings(): FitSettings {
  return {
    channels: null,
    controls: null,
    adstock: 'geometric',
    saturation: 'hill',
    chains: 4,
    ...FIT_PRESETS.standard,
    seed: 1,
    holdoutWeeks: 0,
    level: 'national',
    population: null,
  };
}

export type FitStatus = RunStatus | 'summarising';

/** What a fit's report says about its data beyond the frame: the files, without paths. */
export interface FitDataContext {
  readonly source: string | null;
  readonly files: readonly DataFile[];
}

/** The concrete spec of a fit of `frame` (defaults resolved), with every number checked. */
export function resolveFitSpec(frame: ModelFrame, settings: FitSettings): MmmFitSpec {
  const channels = (settings.channels ?? [...frame.channels]).filter((name) =>
    frame.channels.includes(name),
  );
  const controls = (settings.controls ?? [...frame.controls]).filter((name) =>
    frame.controls.includes(name),
  );
  if (channels.length === 0) throw new Error('Choose at least one channel to fit.');
  const integer = (
    name: string,
    value: number,
    minimum: number,
    maximum = Number.MAX_SAFE_INTEGER,
  ): number => {
    if (!Number.isInteger(value) || value < minimum || value > maximum) {
      throw new Error(
        `${name} must be a whole number from ${minimum} to ${maximum === Number.MAX_SAFE_INTEGER ? '…' : maximum}, got ${String(value)}`,
      );
    }
    return value;
  };
  const weeks = new Set(frame.weeks).size;
  if (weeks < MINIMUM_TRAINING_WEEKS)
    throw new Error(
      `The model frame has ${weeks} weeks; the model needs at least ${MINIMUM_TRAINING_WEEKS} to tell adstock, saturation and trend apart`,
    );
  const geo = settings.level === 'geo';
  if (geo && (frame.geos?.length ?? 0) < 2)
    throw new Error(
      'Fitting by geo needs a frame with geos: untick "Aggregate geos to national" in the Data task.',
    );
  if (geo && settings.population !== null && !frame.controls.includes(settings.population))
    throw new Error(`The population column ${settings.population} is not in the model frame.`);
  return {
    channels: frame.channels.filter((name) => channels.includes(name)),
    controls: frame.controls.filter((name) => controls.includes(name)),
    adstock: settings.adstock,
    saturation: settings.saturation,
    chains: integer('Chains', settings.chains, 1, 16),
    warmup: integer('Warmup', settings.warmup, 10, 20_000),
    draws: integer('Draws', settings.draws, 10, 20_000),
    seed: integer('Seed', settings.seed, 0),
    holdoutWeeks: integer(
      'Holdout weeks',
      settings.holdoutWeeks,
      0,
      Math.max(0, weeks - MINIMUM_TRAINING_WEEKS),
    ),
    level: settings.level,
    population: geo ? settings.population : null,
  };
}

/**
 * The MMM input of a spec: the frame's national weekly series, only the chosen columns, with the
 * stated priors and lift tests (as `mmm fit --priors --lift-tests` builds it).
 */
export function buildMmmInput(
  frame: ModelFrame,
  spec: MmmFitSpec,
  extra: {
    readonly channelOverrides?: Record<string, ChannelPriorOverrides>;
    readonly experiments?: readonly LiftTest[];
  } = {},
): MmmInput {
  const series = nationalSeries(frame, { channels: spec.channels, controls: spec.controls });
  const overrides = extra.channelOverrides ?? {};
  return {
    spec: {
      adstock: spec.adstock,
      saturation: spec.saturation,
      holdoutWeeks: spec.holdoutWeeks,
      ...(Object.keys(overrides).length > 0 ? { channelOverrides: overrides } : {}),
    },
    experiments: [...(extra.experiments ?? [])],
    data: {
      dates: series.weeks,
      kpi: series.kpi,
      channelNames: series.channels,
      spend: series.spend,
      controlNames: series.controls,
      controls: series.controlValues,
    },
  };
}

/** The request of a fit: `input` is the national model's, or the target to sample (geo). */
export function buildFitRequest(input: MmmInput | TargetDescription, spec: MmmFitSpec): FitRequest {
  return {
    target: 'kind' in input ? input : { kind: 'mmm', input },
    chains: spec.chains,
    warmup: spec.warmup,
    draws: spec.draws,
    seed: spec.seed,
    // Explicit, as `mmm fit` passes it: the same request gives the same report in both.
    metric: 'dense',
  };
}

type RunnerFactory = (chains: number) => ChainRunner;
let runnerFactory: RunnerFactory = (chains) =>
  createBrowserChainRunner({
    maxConcurrency: Math.max(1, Math.min(chains, globalThis.navigator?.hardwareConcurrency ?? 2)),
    // R-hat and ESS of every parameter take ~0.5 s: never on the page's thread.
    assemble: createFitAssembler(),
  });

/** Replaces the chain runner before the store runs a fit (tests run chains in process). */
export function provideChainRunner(factory: RunnerFactory): void {
  runnerFactory = factory;
}

let reportRunner: FitReportRunner = createBrowserReportRunner();

/** Replaces the report runner (tests build reports in process; the app uses a Web Worker). */
export function provideReportRunner(runner: FitReportRunner): void {
  reportRunner = runner;
}

let digestRunner: DigestRunner = createBrowserDigestRunner();

/** Replaces the runner that hashes the input files (tests hash in process). */
export function provideDigestRunner(runner: DigestRunner): void {
  digestRunner = runner;
}

/** Marks the page's timeline (the Chromium benchmark reads them); a no-op where there is none. */
export function markTimeline(name: string): void {
  globalThis.performance?.mark?.(name);
}

export const useModelStore = defineStore('model', () => {
  const results = useResultsStore();
  const dataStore = useDataStore();
  const inputs = useModelInputsStore();
  const settings = ref<FitSettings>(defaultFitSettings());
  const { status, message, launch, cancel } = useCancellableRun<FitStatus>(
    'Fit cancelled; the previous result is kept.',
  );
  /** Latest progress of each chain, indexed by chain id. */
  const progress = shallowRef<readonly (ChainProgress | null)[]>([]);
  const runningSpec = shallowRef<MmmFitSpec | null>(null);
  const running = computed(() => status.value === 'running' || status.value === 'summarising');

  function applyPreset(preset: FitPreset): void {
    settings.value = { ...settings.value, ...FIT_PRESETS[preset] };
  }

  function onProgress(update: ChainProgress): void {
    if (status.value !== 'running') return;
    const next = [...progress.value];
    next[update.chainId] = update;
    progress.value = next;
  }

  /** The data files as the report lists them, hashed in a worker (the data store's imports). */
  async function describeFiles(signal: AbortSignal): Promise<FitDataContext> {
    const imported = dataStore.files;
    const requests = [];
    for (const file of imported) {
      const input = dataStore.inputFileOf(file.name);
      if (input) requests.push(await digestRequestOf(input));
    }
    const digests = requests.length > 0 ? await digestRunner.digest(requests, signal) : [];
    const files = dataFilesOf(imported, digests);
    return { source: sourceOf(files), files };
  }

  /**
   * Fits the MMM to `frame` with the stated priors and lift tests; resolves when the fit is
   * stored, cancelled or has failed. The report lists the imported files unless `data` says
   * otherwise.
   */
  async function fit(frame: ModelFrame, data?: FitDataContext): Promise<MmmFitRecord | null> {
    if (running.value) return null;
    return launch({
      prepare: () => {
        const base = resolveFitSpec(frame, settings.value);
        const extra = inputs.resolved(base);
        const liftTests = extra.experiments;
        const priors = inputs.priorsFile.channels;
        const spec: MmmFitSpec = {
          ...base,
          ...(Object.keys(priors).length > 0 ? { priors } : {}),
          ...(liftTests.length > 0 ? { liftTests } : {}),
          ...(dataStore.mapping ? { mapping: dataStore.mapping } : {}),
        };
        const target =
          spec.level === 'geo'
            ? buildGeoFitTarget(frame, spec, dataStore.mapping ?? null, extra)
            : buildMmmInput(frame, spec, extra);
        return {
          spec,
          request: buildFitRequest(target, spec),
          fingerprint: frameFingerprint(frame),
        };
      },
      start: ({ spec }) => {
        runningSpec.value = spec;
        progress.value = Array.from({ length: spec.chains }, () => null);
      },
      execute: async ({ spec, request }, signal) => {
        const described = data ? Promise.resolve(data) : describeFiles(signal);
        described.catch(() => undefined); // awaited below; not unhandled while the chains run
        reportRunner.warm?.();
        const result = await runnerFactory(spec.chains).run(request, { onProgress, signal });
        markTimeline('mmm:chains-done');
        if (signal.aborted) throw new AbortError();
        status.value = 'summarising';
        const context = await described;
        const report = await reportRunner.build(
          {
            request,
            fit: result,
            context: {
              kpiName: frame.kpiName,
              source: context.source,
              files: context.files,
              createdAt: new Date().toISOString(),
            },
          },
          signal,
        );
        markTimeline('mmm:report-built');
        // The report's last fields were parsed in this task; the screens update in the next.
        await nextTask();
        if (signal.aborted) throw new AbortError();
        return { result, report };
      },
      commit: ({ spec, fingerprint }, { result, report }) => ({
        outcome: results.addMmmFit({ origin: 'session', spec, fingerprint, report }),
        message: `Fitted in ${result.wallSeconds.toFixed(1)} s`,
      }),
    });
  }

  /** The model input a fit of `frame` would sample (priors and lift tests included); throws a problem. */
  function inputFor(frame: ModelFrame): MmmInput {
    const spec = resolveFitSpec(frame, settings.value);
    return buildMmmInput(frame, spec, inputs.resolved(spec));
  }

  return {
    settings,
    status,
    message,
    progress,
    runningSpec,
    running,
    applyPreset,
    fit,
    cancel,
    inputFor,
  };
});
