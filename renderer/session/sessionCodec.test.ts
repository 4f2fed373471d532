import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FitReport, MmmFitRecord } from '../../models/report';
import {
  decodeSession,
  encodeFitEntry,
  encodeFitEntryBytes,
  encodeMeta,
  META_KEY,
} from './sessionCodec';

const reportJson = readFileSync(
  new URL('../charts/fixtures/fit-result.sample.json', import.meta.url),
  'utf8',
);
const v1Json = readFileSync(
  new URL('../../models/report/fixtures/fit-result.v1.json', import.meta.url),
  'utf8',
);
const report = JSON.parse(reportJson) as FitReport;
const now = new Date('2026-12-07T16:00:00Z');

function record(id: number): MmmFitRecord {
  return {
    kind: 'mmm',
    id,
    finishedAt: '2026-12-07T15:00:00.000Z',
    origin: 'session',
    spec: {
      channels: ['tv'],
      controls: [],
      adstock: 'geometric',
      saturation: 'hill',
      chains: 2,
      warmup: 100,
      draws: 100,
      seed: 1,
      holdoutWeeks: 0,
      priors: { tv: { roi: { median: 2, lower: 1, upper: 4 } } },
    },
    fingerprint: report.data.fingerprint,
    report,
  };
}

const meta = encodeMeta({
  savedAt: now.toISOString(),
  mapping: null,
  fitSettings: null,
  priors: { tv: { roi: { median: 2, lower: 1, upper: 4 } } },
  liftRows: [],
  fitIds: [1, 2],
});

describe('session codec', () => {
  it('round-trips the meta and fit entries (the report text embedded as written)', () => {
    const session = decodeSession(
      {
        [META_KEY]: meta,
        'fit-1': encodeFitEntry(record(1), reportJson),
        'fit-2': encodeFitEntry(record(2), v1Json),
      },
      now,
    );
    expect(session.setAside).toEqual([]);
    expect(session.meta?.priors).toEqual({ tv: { roi: { median: 2, lower: 1, upper: 4 } } });
    expect(session.fits.map((fit) => fit.id)).toEqual([1, 2]);
    expect(session.fits[0].report).toEqual(report);
    expect(session.fits[0].spec).toEqual(record(1).spec);
    // An older report inside an entry is migrated like an opened file, and said so.
    expect(session.fits[1].report.version).toBe(2);
    expect(session.fits[1].report.inputs).toBeNull();
    expect(session.notices).toEqual(['fit 2: migrated from fit result version 1 to 2']);
  });

  it('sets aside what it cannot read, with one sentence each, and restores the rest', () => {
    const stale = meta.replace('"version":1', '"version":7');
    const session = decodeSession(
      {
        [META_KEY]: stale,
        'fit-1': encodeFitEntry(record(1), reportJson),
        'fit-2': '{"kind":"mmm-workbench-fit"',
      },
      now,
    );
    expect(session.meta).toBeNull();
    expect(session.fits.map((fit) => fit.id)).toEqual([1]);
    expect(session.setAside.map((entry) => [entry.key, entry.asideKey])).toEqual([
      ['meta', 'aside-20261207160000-meta'],
      ['fit-2', 'aside-20261207160000-fit-2'],
    ]);
    expect(session.notices[0]).toBe(
      'The autosaved session could not be restored (written by another version of the app (session version 7)); it was set aside as aside-20261207160000-meta.',
    );
    expect(session.notices[1]).toMatch(
      /^The autosaved fit 2 could not be restored \(.+\); it was set aside/,
    );
  });
});

describe('encodeFitEntryBytes', () => {
  it('is encodeFitEntry as UTF-8, from the report JSON as UTF-8 (non-ASCII included)', () => {
    const named = { ...report, data: { ...report.data, kpiName: 'Umsatz € — télé' } };
    const json = JSON.stringify(named);
    const bytes = encodeFitEntryBytes(record(7), new TextEncoder().encode(json));
    const text = encodeFitEntry(record(7), json);
    expect(new TextDecoder().decode(bytes)).toBe(text);
    expect(bytes).toEqual(new TextEncoder().encode(text));
    const restored = decodeSession({ 'fit-7': text }, now);
    expect(restored.fits[0].report.data.kpiName).toBe('Umsatz € — télé');
  });
});
