/**
 * The causal store through the DML runner and the real worker handler (in process): a frame whose
 * KPI has known per-unit effects of spend, the record in the results store, the MMM ROI beside it
 * only for a fit on the same data, and cancel keeping the previous run.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { ModelFrame } from '../../models/data';
import { createRng } from '../../models/random/rng';
import { createBrowserDmlRunner } from '../causal/dmlRunner';
import { inProcessWorker } from '../causal/inProcessDmlWorker';
import { defaultDmlSettings, provideDmlRunner, resolveDmlSpec, useCausalStore } from './causal';
import { readFileSync } from 'node:fs';
import { frameFingerprint, parseFitReport } from '../../models/report';
import { useResultsStore } from './results';

const THETA = { tv: 3, search: 0.5 };

/** 156 weeks: KPI = 3·tv + 0.5·search + seasonality + price effect + noise; spend depends on season. */
function knownEffectFrame(): ModelFrame {
  const rng = createRng(21);
  const n = 156;
  const weeks = Array.from({ length: n }, (_, t) =>
    new Date(Date.UTC(2022, 0, 3) + t * 7 * 86_400_000).toISOString().slice(0, 10),
  );
  const season = Float64Array.from({ length: n }, (_, t) =>
    Math.sin((2 * Math.PI * t) / (365.25 / 7)),
  );
  const price = Float64Array.from({ length: n }, () => 100 + 5 * rng.normal());
  const tv = season.map((s) => 1000 + 300 * s + 200 * rng.normal());
  const search = season.map((s) => 500 - 100 * s + 150 * rng.normal());
  const kpi = tv.map(
    (x, t) =>
      50_000 +
      THETA.tv * x +
      THETA.search * search[t] +
      4000 * season[t] -
      80 * price[t] +
      300 * rng.normal(),
  );
  return {
    weeks,
    geos: null,
    geoIndex: null,
    kpiName: 'revenue',
    kpi,
    channels: ['tv', 'search'],
    spend: [tv, search],
    impressions: [null, null],
    controls: ['price'],
    controlValues: [price],
  };
}

const frame = knownEffectFrame();

beforeEach(() => {
  setActivePinia(createPinia());
  provideDmlRunner(() => createBrowserDmlRunner({ createWorker: inProcessWorker }));
});

describe('resolveDmlSpec', () => {
  it('defaults to all channels and controls; random folds have no gap', () => {
    expect(resolveDmlSpec(frame, defaultDmlSettings())).toMatchObject({
      treatments: ['tv', 'search'],
      controls: ['price'],
      foldScheme: 'blocked',
      gap: 2,
    });
    expect(
      resolveDmlSpec(frame, { ...defaultDmlSettings(), foldScheme: 'random', gap: 3 }).gap,
    ).toBe(0);
  });

  it('names the bad setting', () => {
    expect(() => resolveDmlSpec(frame, { ...defaultDmlSettings(), treatments: [] })).toThrow(
      /at least one channel/,
    );
    expect(() => resolveDmlSpec(frame, { ...defaultDmlSettings(), folds: 1 })).toThrow(
      /Folds must be a whole number from 2 to 20, got 1/,
    );
    expect(() => resolveDmlSpec(frame, { ...defaultDmlSettings(), gap: -1 })).toThrow(/Gap/);
  });
});

describe('useCausalStore', () => {
  it('recovers the known effects and stores the run per channel', async () => {
    const store = useCausalStore();
    const results = useResultsStore();
    store.settings = { ...defaultDmlSettings(), learner: 'ridge', folds: 4 };
    const record = await store.run(frame);
    expect(store.status, store.message ?? '').toBe('done');
    expect(record?.fingerprint).toBe(frameFingerprint(frame));
    expect(record?.verdict).toEqual({ passed: true, reasons: [] });
    for (const estimate of record?.estimates ?? []) {
      const truth = THETA[estimate.channel as keyof typeof THETA];
      expect(
        Math.abs(estimate.theta - truth),
        `${estimate.channel} θ ${estimate.theta} ± ${estimate.seHac}`,
      ).toBeLessThan(3 * estimate.seHac);
      expect(estimate.lower).toBeLessThan(estimate.theta);
      expect(estimate.upper).toBeGreaterThan(estimate.theta);
      expect(estimate.pValue).toBeGreaterThanOrEqual(0);
      expect(estimate.pValue).toBeLessThanOrEqual(1);
    }
    expect(results.dmlByChannel.get('tv')?.run.id).toBe(record?.id);
    expect(record?.diagnostics.observations).toBe(156);
  });

  it('pairs an MMM fit only when it was made on the same data', () => {
    const results = useResultsStore();
    const parsed = parseFitReport(
      readFileSync(
        new URL('../../models/report/fixtures/fit-result.v2.json', import.meta.url),
        'utf8',
      ),
    );
    if (!parsed.ok) throw new Error(parsed.message);
    const report = parsed.report;
    const channel = report.channels[0];
    results.addMmmFit({
      origin: 'session',
      spec: null,
      fingerprint: frameFingerprint(frame),
      report: {
        ...report,
        diagnostics: { ...report.diagnostics, gatePassed: false },
        channels: [
          {
            ...channel,
            name: 'tv',
            roi: { mean: 2, lo: 1, hi: 3 },
            mroi: { mean: 1.5, lo: 0.5, hi: 2.5 },
          },
        ],
      },
    });
    expect(results.mmmBeside('tv', frameFingerprint(frame))).toMatchObject({
      gatePassed: false,
      roi: { mean: 2 },
      marginalRoi: { mean: 1.5 },
    });
    expect(results.mmmBeside('search', frameFingerprint(frame))).toBeNull();
    const changed = { ...frame, kpi: frame.kpi.map((value, t) => (t === 0 ? value + 1 : value)) };
    expect(frameFingerprint(changed)).not.toBe(frameFingerprint(frame));
    expect(results.mmmBeside('tv', frameFingerprint(changed))).toBeNull();
  });

  it('cancel keeps the previous run and stores nothing new', async () => {
    const store = useCausalStore();
    const results = useResultsStore();
    const first = await store.run(frame);
    expect(first).not.toBeNull();
    provideDmlRunner(() => ({
      run: (input, options) =>
        createBrowserDmlRunner({ createWorker: inProcessWorker }).run(input, {
          ...options,
          onProgress: (progress) => {
            options?.onProgress?.(progress);
            store.cancel();
          },
        }),
    }));
    expect(await store.run(frame)).toBeNull();
    expect(store.status).toBe('cancelled');
    expect(results.dmlRuns).toHaveLength(1);
    expect(results.latestDml?.id).toBe(first?.id);
  });
});
