import {
  appendFileSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jobKey, previousResult, writeJobRecord } from './jobOutput';
import { readManifest } from './manifest';

const root = mkdtempSync(join(tmpdir(), 'mmm-job-key-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A manifest folder holding its data file and lift tests, with one job per given flag set. */
async function jobsIn(folder: string, jobs: object[]) {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'm.json'), JSON.stringify({ jobs }));
  return readManifest(join(folder, 'm.json'));
}

describe('jobKey', () => {
  it('depends on the flags and the bytes of every file read, not on paths or flag order', async () => {
    const here = join(root, 'here');
    const there = join(root, 'moved');
    mkdirSync(here);
    writeFileSync(join(here, 'data.csv'), 'week,sales\n2024-01-01,1\n');
    writeFileSync(join(here, 'lift.csv'), 'channel\n');
    mkdirSync(there);
    copyFileSync(join(here, 'data.csv'), join(there, 'data.csv'));
    copyFileSync(join(here, 'lift.csv'), join(there, 'lift.csv'));
    const base = { market: 'a', data: 'data.csv', kpi: 'sales', seed: 1, 'lift-tests': 'lift.csv' };
    const [original, reordered, otherSeed, otherKpi] = await jobsIn(here, [
      base,
      { 'lift-tests': 'lift.csv', seed: 1, kpi: 'sales', data: 'data.csv', market: 'b' },
      { ...base, market: 'c', seed: 2 },
      { ...base, market: 'd', kpi: 'revenue' },
    ]);
    const [moved] = await jobsIn(there, [base]);
    const key = await jobKey(original);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(await jobKey(reordered)).toBe(key);
    expect(await jobKey(moved)).toBe(key);
    expect(await jobKey(otherSeed)).not.toBe(key);
    expect(await jobKey(otherKpi)).not.toBe(key);
    appendFileSync(join(there, 'lift.csv'), 'tv\n');
    expect(await jobKey(moved)).not.toBe(key);
  });

  it('names a file it cannot read', async () => {
    const [job] = await jobsIn(join(root, 'missing'), [{ market: 'a', data: 'gone.csv' }]);
    await expect(jobKey(job)).rejects.toThrow(/cannot read .*gone\.csv: no such file/);
  });
});

describe('previousResult', () => {
  it('is null without a matching job.json or a readable result', async () => {
    const folder = join(root, 'out', 'a');
    mkdirSync(folder, { recursive: true });
    expect(await previousResult(folder, 'k')).toBeNull();
    await writeJobRecord(folder, {
      kind: 'mmm-batch-job',
      version: 1,
      market: 'a',
      key: 'k',
      command: 'mmm fit x.csv',
      finishedAt: new Date(0).toISOString(),
    });
    // The key matches but result.json is missing, then not a fit report.
    expect(await previousResult(folder, 'k')).toBeNull();
    writeFileSync(join(folder, 'result.json'), '{"kind":"something else"}');
    expect(await previousResult(folder, 'k')).toBeNull();
    writeFileSync(join(folder, 'job.json'), '{"kind":"mmm-batch-job","key":');
    expect(await previousResult(folder, 'k')).toBeNull();
  });
});
