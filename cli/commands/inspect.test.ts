import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from './inspect';

let directory: string;
let stdout = '';
let stderr = '';

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'mmm-inspect-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));
beforeEach(() => {
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

function write(name: string, content: string | Uint8Array): string {
  const path = join(directory, name);
  writeFileSync(path, content);
  return path;
}

function mondays(count: number): string[] {
  return Array.from({ length: count }, (_, index) =>
    new Date(Date.UTC(2024, 0, 1 + 7 * index)).toISOString().slice(0, 10),
  );
}

describe('mmm inspect', () => {
  it('prints one JSON object and exits 0 for usable data', async () => {
    const path = write(
      'good.csv',
      [
        'date,tv_spend,search_spend,revenue',
        ...mondays(10).map((week, index) => `${week},${index},${10 - index},${100 + index}`),
      ].join('\n'),
    );
    expect(await run([path, '--json'])).toBe(0);
    const output = JSON.parse(stdout);
    expect(output.validation.usable).toBe(true);
    expect(output.frame).toMatchObject({
      weeks: 10,
      firstWeek: '2024-01-01',
      kpiName: 'revenue',
      kpiTotal: 1045,
    });
    expect(
      output.frame.channels.map((channel: { name: string; totalSpend: number }) => [
        channel.name,
        channel.totalSpend,
      ]),
    ).toEqual([
      ['tv', 45],
      ['search', 55],
    ]);
    expect(stderr).toBe('');
  });

  it('exits 1 with one file:row:column line per error', async () => {
    const rows = mondays(6).map(
      (week, index) => `${week},${index === 2 ? 'oops' : index},${100 + index}`,
    );
    const path = write('bad.csv', ['date,tv_spend,revenue', ...rows].join('\n'));
    expect(await run([path])).toBe(1);
    expect(stderr.trim().split('\n')).toEqual(["bad.csv:3:tv_spend: 'oops' is not a number"]);
    expect(stdout).toContain('usable: no');
  });

  it('names a corrupt file without a stack trace', async () => {
    const path = write(
      'garbage.csv',
      Uint8Array.from({ length: 200 }, (_, index) => (index * 37) % 256),
    );
    expect(await run([path])).toBe(1);
    expect(stderr).toMatch(/^garbage\.csv: not a CSV text file/m);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects bad arguments and a bad mapping file with exit 2', async () => {
    const data = write('tiny.csv', 'date,tv_spend,revenue\n2024-01-01,1,2\n');
    expect(await run([])).toBe(2);
    expect(await run([data, '--week-start', 'friday'])).toBe(2);
    expect(stderr).toContain("--week-start must be monday or sunday, not 'friday'");
    expect(await run([join(directory, 'missing.csv')])).toBe(2);
    expect(stderr).toContain('missing.csv: no such file');
    const notJson = write('mapping.json', '{ "version": 1, ');
    expect(await run([data, '--mapping', notJson])).toBe(2);
    expect(stderr).toMatch(/mapping\.json: the (JSON ends too early|file is not valid JSON)/);
    const wrong = write(
      'wrong.json',
      JSON.stringify({ version: 1, columns: [], weekStart: 'monday', aggregateGeos: 'yes' }),
    );
    expect(await run([data, '--mapping', wrong])).toBe(2);
    expect(stderr).toMatch(/wrong\.json is not a valid mapping: aggregateGeos: /);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it.skipIf(!existsSync('../shared/datasets/pymc_marketing__mmm_roas_data.csv'))(
    'reads the public pymc-marketing example',
    async () => {
      expect(await run(['../shared/datasets/pymc_marketing__mmm_roas_data.csv', '--json'])).toBe(0);
      const output = JSON.parse(stdout);
      expect(output.frame).toMatchObject({ weeks: 131, kpiName: 'y' });
      expect(output.frame.channels.map((channel: { name: string }) => channel.name)).toEqual([
        'x1',
        'x2',
      ]);
    },
  );

  const sample = ['media_daily_long.csv', 'kpi_daily.csv', 'controls_daily.csv'].map(
    (name) => `sample-data/${name}`,
  );
  it.skipIf(!sample.every((path) => existsSync(path)))(
    'inspects the bundled sample export end to end, by geo and with Sunday weeks',
    async () => {
      expect(await run([...sample, '--json', '--by-geo', '--week-start', 'sunday'])).toBe(0);
      const output = JSON.parse(stdout);
      expect(output.mapping).toMatchObject({ weekStart: 'sunday', aggregateGeos: false });
      expect(output.files.map((file: { shape: string }) => file.shape)).toEqual([
        'long',
        'wide',
        'wide',
      ]);
      expect(output.frame.geos).toBe(5);
      expect(output.frame.rows).toBe(output.frame.weeks * 5);
      expect(output.frame.channels).toHaveLength(7);
    },
  );
});
