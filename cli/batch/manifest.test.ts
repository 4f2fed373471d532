import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFitArguments } from '../fit/arguments';
import { fitCommand, ManifestError, readManifest } from './manifest';

const folder = mkdtempSync(join(tmpdir(), 'mmm-manifest-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let count = 0;
function manifest(text: string, extension = 'json'): string {
  const path = join(folder, `m${count++}.${extension}`);
  writeFileSync(path, text);
  return path;
}

const json = (value: unknown): string => manifest(JSON.stringify(value));

describe('readManifest (JSON)', () => {
  it('merges defaults into each job, resolves paths from the manifest folder, and gives mmm fit arguments', async () => {
    const jobs = await readManifest(
      json({
        version: 1,
        defaults: {
          data: 'markets.csv',
          date: 'date',
          kpi: 'revenue',
          channels: { tv: 'tv_spend', search: 'search_spend' },
          controls: ['price_index', 'promo'],
          seed: 3,
          'lift-tests': 'lift.csv',
        },
        jobs: [
          { market: 'north', 'only-geo': 'north' },
          { market: 'national', data: '/data/weekly.csv', date: 'week', 'lift-tests': null },
        ],
      }),
    );
    expect(jobs.map((job) => job.market)).toEqual(['north', 'national']);
    expect(jobs[0].problem).toBeNull();
    expect(jobs[0].argv).toEqual([
      join(folder, 'markets.csv'),
      '--date',
      'date',
      '--kpi',
      'revenue',
      '--channels',
      'tv=tv_spend,search=search_spend',
      '--controls',
      'price_index,promo',
      '--seed',
      '3',
      '--lift-tests',
      join(folder, 'lift.csv'),
      '--only-geo',
      'north',
    ]);
    expect(jobs[0].files).toEqual([
      { flag: 'data', path: join(folder, 'markets.csv') },
      { flag: 'lift-tests', path: join(folder, 'lift.csv') },
    ]);
    // null removes a default; an absolute path stays as written.
    expect(jobs[1].argv).not.toContain('--lift-tests');
    expect(jobs[1].argv[0]).toBe('/data/weekly.csv');
    // The arguments are exactly what mmm fit parses.
    const parsed = parseFitArguments(jobs[0].argv);
    expect(parsed).toMatchObject({
      file: join(folder, 'markets.csv'),
      channels: ['tv', 'search'],
      channelColumns: ['tv_spend', 'search_spend'],
      controls: ['price_index', 'promo'],
      seed: 3,
      onlyGeo: 'north',
    });
    // The command to run the job alone keeps the manifest's own (relative) paths.
    expect(fitCommand(jobs[0])).toBe(
      'mmm fit markets.csv --date date --kpi revenue --channels tv=tv_spend,search=search_spend --controls price_index,promo --seed 3 --lift-tests lift.csv --only-geo north',
    );
  });

  it('keeps a problem with one job on that job, so the others still run', async () => {
    const jobs = await readManifest(
      json({
        defaults: { data: 'x.csv', kpi: 'sales' },
        jobs: [
          { market: 'a', out: 'elsewhere.json' },
          { market: 'b', channels: ['tv,radio'] },
          { market: 'c', data: null },
          { market: 'd', chains: Number.MAX_VALUE, Seed: 1 },
          { market: 'e' },
        ],
      }),
    );
    expect(jobs.map((job) => job.problem)).toEqual([
      "'out' is set by mmm batch, not by a job",
      "'channels': 'tv,radio' holds a comma",
      "no 'data' file",
      "'Seed' is not a flag of mmm fit",
      null,
    ]);
  });

  it('refuses a manifest that is not one, naming the file and what is wrong', async () => {
    const cases: [string, RegExp][] = [
      [manifest('{"jobs": ['), /m\d+\.json: .*JSON/],
      [json({ jobs: [] }), /lists no jobs/],
      [json([{ market: 'a' }]), /expected an object with a 'jobs' list/],
      [json({ jobs: [{ market: 'a', data: 'x' }], extra: 1 }), /unknown top-level key 'extra'/],
      [json({ version: 2, jobs: [{ market: 'a' }] }), /version 2 is not supported/],
      [json({ jobs: [{ data: 'x' }] }), /job 1 has no 'market'/],
      [json({ jobs: [{ market: '../up', data: 'x' }] }), /market '\.\.\/up' must be/],
      [
        json({
          jobs: [
            { market: 'North', data: 'x' },
            { market: 'north', data: 'y' },
          ],
        }),
        /market 'north' is named by jobs 1 and 2/,
      ],
      [join(folder, 'absent.json'), /cannot read the manifest .*absent\.json: no such file/],
    ];
    for (const [path, message] of cases) {
      const error = await readManifest(path).catch((caught: unknown) => caught);
      expect(error, path).toBeInstanceOf(ManifestError);
      expect((error as Error).message).toMatch(message);
    }
  });
});

describe('readManifest (CSV)', () => {
  it('reads one job per row with the same keys; empty cells leave flags out; quoted lists work', async () => {
    const jobs = await readManifest(
      manifest(
        [
          '\uFEFFmarket,data,date,kpi,channels,seed,only-geo',
          'north,markets.csv,date,revenue,"tv=tv_spend,search=search_spend",1,north',
          'national,weekly.csv,week,revenue,"tv=tv_spend,search=search_spend",,',
        ].join('\r\n'),
        'csv',
      ),
    );
    expect(jobs.map((job) => [job.market, job.problem])).toEqual([
      ['north', null],
      ['national', null],
    ]);
    expect(parseFitArguments(jobs[0].argv)).toMatchObject({
      channels: ['tv', 'search'],
      seed: 1,
      onlyGeo: 'north',
    });
    expect(jobs[1].argv).toEqual([
      join(folder, 'weekly.csv'),
      '--date',
      'week',
      '--kpi',
      'revenue',
      '--channels',
      'tv=tv_spend,search=search_spend',
    ]);
  });

  it('names a CSV it cannot read', async () => {
    await expect(readManifest(manifest('market,data\n"north,x.csv\n', 'csv'))).rejects.toThrow(
      /not a readable CSV manifest/,
    );
  });
});
