import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { simulatedFrame } from '../causal/testFrames';
import { frameFingerprint, type DmlRecord } from '../../models/report';
import { useResultsStore } from './results';

const { frame } = simulatedFrame({ weeks: 30, channels: 2, seed: 4 });

beforeEach(() => setActivePinia(createPinia()));

describe('frameFingerprint', () => {
  it('is stable for equal data and changes with any number, name or week', () => {
    const copy = {
      ...frame,
      kpi: Float64Array.from(frame.kpi),
      spend: frame.spend.map((s) => Float64Array.from(s)),
    };
    expect(frameFingerprint(copy)).toBe(frameFingerprint(frame));
    expect(frameFingerprint(frame)).toMatch(/^[0-9a-f]{16}$/);
    const spend = frame.spend.map((s) => Float64Array.from(s));
    spend[1][29] += 1e-9;
    const variants = [
      { ...frame, spend },
      { ...frame, channels: ['channel1', 'renamed'] },
      { ...frame, weeks: [...frame.weeks.slice(1), '2030-01-07'] },
      { ...frame, controlValues: [frame.controlValues[0].map((v) => v * 2)] },
      { ...frame, kpiName: 'orders' },
    ];
    const prints = new Set([frame, ...variants].map(frameFingerprint));
    expect(prints.size).toBe(6);
  });
});

describe('useResultsStore', () => {
  const run = (
    channels: Record<string, number>,
  ): Omit<DmlRecord, 'id' | 'finishedAt' | 'kind'> => ({
    spec: {
      treatments: Object.keys(channels),
      controls: [],
      learner: 'ridge',
      folds: 5,
      foldScheme: 'random',
      gap: 0,
      standardError: 'hac',
      seed: 0,
    },
    fingerprint: 'f',
    estimates: Object.entries(channels).map(([channel, theta]) => ({
      channel,
      theta,
      seIid: 1,
      seHac: 1,
      lower: theta - 2,
      upper: theta + 2,
      pValue: 0.5,
      hacLag: 2,
    })),
    diagnostics: { nuisance: [], observations: 30, seconds: 0.1 },
    verdict: { passed: true, reasons: [] },
  });

  it('keeps every run and gives each channel its newest estimate', () => {
    const results = useResultsStore();
    const first = results.addDmlRun(run({ tv: 1, search: 2 }));
    const second = results.addDmlRun(run({ tv: 3 }));
    expect(results.dmlRuns).toHaveLength(2);
    expect(second.id).toBeGreaterThan(first.id);
    expect(results.dmlByChannel.get('tv')?.estimate.theta).toBe(3);
    expect(results.dmlByChannel.get('search')?.run.id).toBe(first.id);
    expect(Object.isFrozen(results.latestDml)).toBe(true);
    results.clear();
    expect(results.latestDml).toBeNull();
  });
});
