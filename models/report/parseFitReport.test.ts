import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelRoi } from '../posterior';
import { FIT_REPORT_VERSION } from './fitReportSchema';
import { migrateFitReport } from './migrateFitReport';
import { modelFromReport, ReportInputsMissingError } from './modelFromReport';
import { parseFitReport } from './parseFitReport';

const FIXTURES = join(__dirname, 'fixtures');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
const files = readdirSync(FIXTURES).filter((f) => /^fit-result\.v\d+\.json$/.test(f));

describe('fit result versions', () => {
  it('has a fixture for every version up to the current one', () => {
    const versions = files.map((f) => Number(/v(\d+)/.exec(f)![1])).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: FIT_REPORT_VERSION }, (_, i) => i + 1));
  });

  it.each(files)('%s migrates to the current version and passes the schema', (name) => {
    const parsed = parseFitReport(fixture(name));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.report.version).toBe(FIT_REPORT_VERSION);
    const written = Number(/v(\d+)/.exec(name)![1]);
    if (written < FIT_REPORT_VERSION) expect(parsed.notices.join(' ')).toMatch(/older version/);
    else expect(parsed.notices).toEqual([]);
    // Numbers survive migration untouched.
    const original = JSON.parse(fixture(name)) as { channels: unknown };
    expect(parsed.report.channels).toEqual(original.channels);
  });

  it('v1 → v2 keeps unknown fields and marks the inputs missing', () => {
    const v1 = { ...JSON.parse(fixture('fit-result.v1.json')), extra: { kept: true } };
    const { document, fromVersion } = migrateFitReport(v1);
    expect(fromVersion).toBe(1);
    expect(document).toMatchObject({ version: 2, inputs: null, extra: { kept: true } });
    expect((document as { data: { files: unknown[] } }).data.files).toEqual([]);
  });

  it('refuses a newer version, another kind, and broken files with one sentence each', () => {
    const v2 = JSON.parse(fixture('fit-result.v2.json')) as Record<string, unknown>;
    const future = parseFitReport(JSON.stringify({ ...v2, version: FIT_REPORT_VERSION + 1 }));
    expect(future).toEqual({
      ok: false,
      message: expect.stringMatching(/newer version of the app: update to open it/),
    });
    expect(parseFitReport('{"kind":"mmm-plan"}')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not an MMM fit result/),
    });
    expect(parseFitReport(fixture('fit-result.v2.json').slice(0, 5000))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/truncated/),
    });
    const noDraws = { ...v2, draws: { count: 1, names: ['a'], values: [[1, 2]] } };
    expect(parseFitReport(JSON.stringify(noDraws))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^not a valid fit result \(draws/),
    });
    const path = {
      ...v2,
      data: {
        ...(v2.data as object),
        files: [{ name: '/home/me/x.csv', size: 1, sha256: null, rows: null, columns: [] }],
      },
    };
    expect(parseFitReport(JSON.stringify(path))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/file name without folders/),
    });
  });

  it('ignores prototype keys and says so', () => {
    const text = fixture('fit-result.v2.json').replace('{', '{"__proto__":{"polluted":true},');
    const parsed = parseFitReport(text);
    expect(parsed.ok && parsed.notices[0]).toMatch(/prototype key/);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

describe('modelFromReport', () => {
  it('rebuilds the fitted model from the file alone: the same spec and the same ROIs', () => {
    const parsed = parseFitReport(fixture('fit-result.v2.json'));
    if (!parsed.ok) throw new Error(parsed.message);
    const { report } = parsed;
    const { target, draws } = modelFromReport(report);
    expect(JSON.parse(JSON.stringify(target.spec))).toEqual(report.spec);
    expect(draws).toHaveLength(report.draws.count);
    const roi = channelRoi(target, draws, 0.9);
    report.channels.forEach((channel, c) => {
      expect(roi[c].mean).toBeCloseTo(channel.roi.mean, 10);
      expect(roi[c].hdiLower).toBeCloseTo(channel.roi.lo, 10);
    });
  });

  it('says plainly that a migrated v1 report cannot be rebuilt', () => {
    const parsed = parseFitReport(fixture('fit-result.v1.json'));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(() => modelFromReport(parsed.report)).toThrow(ReportInputsMissingError);
    expect(() => modelFromReport(parsed.report)).toThrow(/refit/);
  });
});
