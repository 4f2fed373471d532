/**
 * The Results work's stores and helpers in process: opening a fit result (a bad file changes
 * nothing), the session autosaving and restoring through a backend, the model inputs' field-named
 * problems, fit comparison, diagnostics judgments, and file digests against Node's SHA-256.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FitReport } from '../../models/report';
import { createBrowserFitFileRunner, handleFitFileMessage } from '../fit/fitFiles';
import { digestOf } from '../fit/fileDigests';
import { chainRows, parameterRows } from '../logic/diagnosticsRows';
import { channelComparison, intervalsOverlap, specDifferences } from '../logic/fitComparison';
import { inProcessOneShotWorker } from '../workers/inProcessWorker';
import { useModelInputsStore } from './modelInputs';
import { provideFitFileRunner, useResultsStore } from './results';
import { provideSessionBackend, useSessionStore } from './session';

const text = readFileSync(
  new URL('../charts/fixtures/fit-result.sample.json', import.meta.url),
  'utf8',
);
const report = JSON.parse(text) as FitReport;

provideFitFileRunner(
  createBrowserFitFileRunner({ createWorker: () => inProcessOneShotWorker(handleFitFileMessage) }),
);

beforeEach(() => setActivePinia(createPinia()));

describe('opening a fit result', () => {
  it('adds and shows a good file; a bad one leaves one sentence and changes nothing', async () => {
    const results = useResultsStore();
    const bad = await results.openFitResult('broken.json', '{"kind":"mmm-fit-result","version":2}');
    expect(bad).toBeNull();
    expect(results.openMessage).toMatch(/^broken\.json: not a valid fit result \(/);
    expect(results.mmmFits).toHaveLength(0);
    const good = await results.openFitResult('result.json', new Blob([text]));
    expect(good?.origin).toBe('file');
    expect(results.selected?.report.channels).toEqual(report.channels);
    expect(results.openMessage).toBe('Opened result.json');
  });
});

describe('the session', () => {
  it('saves every fit once and the setup, and a fresh app restores them', async () => {
    const saved = new Map<string, string>();
    provideSessionBackend(() => ({
      load: async () => Object.fromEntries(saved),
      save: async (key, value) => {
        if (value === null) saved.delete(key);
        else saved.set(key, typeof value === 'string' ? value : new TextDecoder().decode(value));
      },
    }));
    const session = useSessionStore();
    await session.start();
    useModelInputsStore().setRoi('tv', { median: 2, lower: 1, upper: 5 });
    await useResultsStore().openFitResult('result.json', text);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await session.flush();
    expect([...saved.keys()].sort()).toEqual(['fit-1', 'meta']);

    setActivePinia(createPinia());
    const restored = useSessionStore();
    await restored.start();
    expect(restored.restoredFits).toBe(1);
    expect(useResultsStore().mmmFits[0].report).toEqual(report);
    expect(useModelInputsStore().priors.tv.roi).toEqual({ median: 2, lower: 1, upper: 5 });
    // A new fit numbers on after the restored ones.
    const next = await useResultsStore().openFitResult('again.json', text);
    expect(next?.id).toBe(2);
  });
});

describe('model inputs', () => {
  it('names the field of a bad prior or lift test', () => {
    const inputs = useModelInputsStore();
    const choices = {
      channels: ['tv', 'search'],
      adstock: 'geometric',
      saturation: 'hill',
    } as const;
    inputs.setRoi('tv', { median: 2, lower: 3, upper: 5 });
    expect(() => inputs.resolved(choices)).toThrow(
      'Priors: channels.tv.roi.lower: must be below the median 2',
    );
    inputs.setRoi('tv', null);
    inputs.addLiftRow({
      channel: 'tv',
      startDate: '2024-01-01',
      endDate: '2024-01-07',
      measuredLift: '1e3',
      standardError: 'x',
    });
    expect(inputs.liftRowProblems(choices.channels)).toEqual([
      "the lift-test table: row 1, standard_error: 'x' must be a positive number",
    ]);
    inputs.updateLiftRow(0, { ...inputs.liftRows[0], standardError: '200' });
    expect(inputs.resolved(choices).experiments).toEqual([
      {
        channel: 'tv',
        startDate: '2024-01-01',
        endDate: '2024-01-07',
        measuredLift: 1000,
        standardError: 200,
      },
    ]);
  });
});

describe('comparison and diagnostics', () => {
  const record = (id: number, shift: number, seed: number) => ({
    kind: 'mmm' as const,
    id,
    finishedAt: '',
    origin: 'file' as const,
    spec: null,
    fingerprint: report.data.fingerprint,
    report: {
      ...report,
      sampler: { ...report.sampler, seed },
      channels: report.channels.map((c) => ({
        ...c,
        roi: { mean: c.roi.mean + shift, lo: c.roi.lo + shift, hi: c.roi.hi + shift },
      })),
    },
  });

  it('reports the change and whether the 90% intervals overlap', () => {
    expect(intervalsOverlap({ mean: 1, lo: 0, hi: 2 }, { mean: 3, lo: 2, hi: 4 })).toBe(true);
    expect(intervalsOverlap({ mean: 1, lo: 0, hi: 2 }, { mean: 3, lo: 2.1, hi: 4 })).toBe(false);
    const a = record(1, 0, 1);
    const b = record(2, 100, 2);
    const rows = channelComparison(a, b);
    expect(rows[0].roiChange).toBeCloseTo(100, 9);
    expect(rows[0].roiOverlap).toBe(false);
    expect(rows[0].mroiOverlap).toBe(true);
    expect(specDifferences(a, b).map((d) => d.field)).toEqual(['sampler']);
  });

  it('judges every parameter and chain against the gate thresholds', () => {
    const rows = parameterRows(report);
    for (const row of rows) {
      expect(row.status.rhat).toBe(row.rhat === null ? 'unknown' : row.rhat <= 1.01 ? 'ok' : 'bad');
      expect(row.status.essBulk).toBe(
        row.essBulk === null ? 'unknown' : row.essBulk >= 400 ? 'ok' : 'bad',
      );
    }
    // The fixture failed the gate: at least one parameter row says so.
    expect(rows.some((row) => row.failing)).toBe(true);
    expect(chainRows(report)).toHaveLength(report.sampler.chains);
  });
});

describe('file digests', () => {
  it('match Node’s SHA-256 for bytes and for a Blob read in slices', async () => {
    const bytes = new Uint8Array(9 * 1024 * 1024 + 17).map((_, i) => (i * 31) % 251);
    const expected = createHash('sha256').update(bytes).digest('hex');
    expect(await digestOf({ name: 'a', content: bytes })).toEqual({
      name: 'a',
      size: bytes.length,
      sha256: expected,
    });
    expect((await digestOf({ name: 'b', content: new Blob([bytes]) })).sha256).toBe(expected);
  });
});
