/**
 * The model store against the real sampler, run in process (the Web Worker path is exercised
 * end to end in e2e/model.spec.ts): a small simulated fit lands complete in the results store with
 * its spec, fingerprint and gate; cancelling keeps the previous result and stores nothing.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { inProcessRunner, type ChainRunner } from '../../models/inference/chains';
import { MINIMUM_TRAINING_WEEKS } from '../../models/data';
import { simulatedFrame, simulatedGeoFrame } from '../causal/testFrames';
import {
  buildMmmInput,
  defaultFitSettings,
  provideChainRunner,
  provideReportRunner,
  resolveFitSpec,
  useModelStore,
} from './model';
import { frameFingerprint, reportIntervals } from '../../models/report';
import { useResultsStore } from './results';
import { createBrowserReportRunner, handleReportMessage } from '../fit/reportRunner';
import { inProcessOneShotWorker } from '../workers/inProcessWorker';

const { frame, truth } = simulatedFrame({ weeks: 80, channels: 2, seed: 11, noise: 0.02 });
const quick = { ...defaultFitSettings(), chains: 2, warmup: 100, draws: 100, seed: 3 };

beforeEach(() => {
  setActivePinia(createPinia());
  provideChainRunner(() => inProcessRunner);
  provideReportRunner(
    createBrowserReportRunner({
      createWorker: () => inProcessOneShotWorker(handleReportMessage),
    }),
  );
});

describe('resolveFitSpec', () => {
  it('defaults to every channel and control of the frame', () => {
    const spec = resolveFitSpec(frame, defaultFitSettings());
    expect(spec.channels).toEqual(['channel1', 'channel2']);
    expect(spec.controls).toEqual(['control1']);
    expect([spec.chains, spec.warmup, spec.draws]).toEqual([4, 1000, 1000]);
  });

  it('names the bad setting', () => {
    expect(() => resolveFitSpec(frame, { ...quick, channels: [] })).toThrow(/at least one channel/);
    expect(() => resolveFitSpec(frame, { ...quick, chains: 0 })).toThrow(
      /Chains must be a whole number from 1 to 16, got 0/,
    );
    expect(() => resolveFitSpec(frame, { ...quick, draws: 2.5 })).toThrow(/Draws/);
    expect(() => resolveFitSpec(frame, { ...quick, holdoutWeeks: 100 })).toThrow(
      /Holdout weeks must be a whole number from 0 to 54/,
    );
  });

  it('refuses a frame shorter than the model needs, saying how many weeks it needs', () => {
    const short = simulatedFrame({ weeks: MINIMUM_TRAINING_WEEKS - 1, channels: 1, seed: 2 }).frame;
    expect(() => resolveFitSpec(short, quick)).toThrow(
      `The model frame has ${MINIMUM_TRAINING_WEEKS - 1} weeks; the model needs at least ${MINIMUM_TRAINING_WEEKS} to tell adstock, saturation and trend apart`,
    );
    const minimal = simulatedFrame({ weeks: MINIMUM_TRAINING_WEEKS, channels: 1, seed: 2 }).frame;
    expect(resolveFitSpec(minimal, quick).channels).toEqual(['channel1']);
  });

  it('the MMM input keeps only the chosen columns', () => {
    const spec = resolveFitSpec(frame, { ...quick, channels: ['channel2'], controls: [] });
    const input = buildMmmInput(frame, spec);
    expect(input.data.channelNames).toEqual(['channel2']);
    expect(Array.from(input.data.spend[0])).toEqual(Array.from(frame.spend[1]));
    expect(input.data.controls).toEqual([]);
    expect(input.spec).toMatchObject({ adstock: 'geometric', saturation: 'hill', holdoutWeeks: 0 });
  });
});

describe('useModelStore', () => {
  it('fits, and the result lands whole in the results store with its gate', async () => {
    const store = useModelStore();
    const results = useResultsStore();
    store.settings = { ...quick };
    const seen: number[] = [];
    provideChainRunner(() => ({
      run: (request, options) =>
        inProcessRunner.run(request, {
          ...options,
          onProgress: (progress) => {
            seen.push(progress.iteration);
            options?.onProgress?.(progress);
          },
        }),
    }));
    const record = await store.fit(frame);
    expect(store.status, store.message ?? '').toBe('done');
    expect(record).not.toBeNull();
    expect(results.mmmFits).toHaveLength(1);
    const fit = results.latestMmm!;
    expect(fit.fingerprint).toBe(frameFingerprint(frame));
    expect(fit.spec).toMatchObject({
      channels: ['channel1', 'channel2'],
      chains: 2,
      warmup: 100,
      draws: 100,
      seed: 3,
    });
    expect(seen.length).toBeGreaterThan(0);
    expect(store.progress.every((entry) => entry !== null && entry.iteration === entry.total)).toBe(
      true,
    );
    // The verdict is the sampler's, reasons and all.
    const diagnostics = fit.report.diagnostics;
    expect(diagnostics.gatePassed).toBe(diagnostics.gateReasons.length === 0);
    expect(fit.report.draws.count).toBe(200);
    expect(diagnostics.gatePassed).toBe(
      diagnostics.rhatMax! <= 1.01 &&
        diagnostics.essBulkMin! >= 400 &&
        diagnostics.divergences === 0 &&
        diagnostics.essTailMin! >= 400 &&
        diagnostics.eBfmiMin! >= 0.3,
    );
    const { roi: rois, marginalRoi } = reportIntervals(fit.report);
    for (const [c, roi] of rois.entries()) {
      expect(roi.hdiLower).toBeLessThanOrEqual(roi.mean);
      expect(roi.mean).toBeLessThanOrEqual(roi.hdiUpper);
      // Simulated truth (Σ contribution / Σ spend), recovered loosely from 200 draws: channel1
      // within 20% (0.66 vs 0.56); channel2 (0.27 vs 0.19) within 45%, its true Hill shape being
      // 3.0, a steep S-curve that the default shape prior (mode 1) pulls towards concave.
      expect(
        Math.abs(roi.mean - truth.roi[c]) / truth.roi[c],
        `${roi.channel} ROI ${roi.mean} vs ${truth.roi[c]}`,
      ).toBeLessThan(c === 0 ? 0.2 : 0.45);
    }
    expect(marginalRoi.map((entry) => entry.channel)).toEqual(['channel1', 'channel2']);
    expect(fit.report.data.kpiName).toBe(frame.kpiName);
  });

  it('cancel stops the fit, says so, and keeps the previous result', async () => {
    const store = useModelStore();
    const results = useResultsStore();
    store.settings = { ...quick, warmup: 30, draws: 30, chains: 1 };
    const previous = await store.fit(frame);
    expect(previous).not.toBeNull();

    store.settings = { ...quick, warmup: 5000, draws: 5000 };
    const cancelling: ChainRunner = {
      run: (request, options) =>
        inProcessRunner.run(request, {
          ...options,
          // Cancel as the analyst would, once the fit is visibly under way.
          onProgress: (progress) => {
            options?.onProgress?.(progress);
            if (progress.iteration >= 5) store.cancel();
          },
        }),
    };
    provideChainRunner(() => cancelling);
    const started = Date.now();
    const outcome = await store.fit(frame);
    expect(outcome).toBeNull();
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(store.status).toBe('cancelled');
    expect(store.message).toMatch(/cancelled/);
    expect(results.mmmFits).toHaveLength(1);
    expect(results.latestMmm?.id).toBe(previous?.id);
  });

  it('a bad setting fails with its message and runs nothing', async () => {
    const store = useModelStore();
    store.settings = { ...quick, channels: ['nope'] };
    expect(await store.fit(frame)).toBeNull();
    expect(store.status).toBe('failed');
    expect(store.message).toMatch(/at least one channel/);
  });
});

describe('fitting by geo', () => {
  const { frame: geoFrame } = simulatedGeoFrame({ geos: 3, weeks: 40, channels: 2, seed: 4 });

  it('needs a frame with geos, and names a population column that is not there', () => {
    expect(() => resolveFitSpec(frame, { ...quick, level: 'geo' })).toThrow(/Aggregate geos/);
    expect(() =>
      resolveFitSpec(geoFrame, { ...quick, level: 'geo', population: 'people' }),
    ).toThrow(/population column people/);
    const spec = resolveFitSpec(geoFrame, { ...quick, level: 'geo', population: 'population' });
    expect(spec).toMatchObject({ level: 'geo', population: 'population' });
  });

  it('fits the geo model; the report carries each geo and national totals', async () => {
    const store = useModelStore();
    const results = useResultsStore();
    store.settings = { ...quick, warmup: 40, draws: 30, level: 'geo', population: 'population' };
    const record = await store.fit(geoFrame);
    expect(store.status, store.message ?? '').toBe('done');
    expect(record?.spec).toMatchObject({ level: 'geo', population: 'population' });
    const report = results.latestMmm!.report;
    expect(report.geo?.geos.map((g) => g.name)).toEqual(['geo1', 'geo2', 'geo3']);
    expect(report.inputs?.geo?.geos[0].population).toBeGreaterThan(0);
    // The population column left the controls.
    expect(report.data.controls).toEqual(['control1']);
    report.channels.forEach((channel, c) => {
      const spend = report.geo!.geos.reduce((sum, g) => sum + g.channels[c].spend, 0);
      expect(spend).toBeCloseTo(channel.spend, 6);
    });
  }, 120_000);
});
