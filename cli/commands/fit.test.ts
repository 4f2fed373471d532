import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChainRunner } from '../../models/inference/chains';
import { dataFingerprint, FitReportSchema } from '../../models/report';
import { generateWeeklyGeo } from '../../sample-data/generator/weeklyGeo';
import { generateWeeklyNational } from '../../sample-data/generator/weeklyNational';
import { capture, useSharedConnection } from '../testing/commandHarness';
import { createNodeChainRunner } from '../workers/nodeChainRunner';
import { run as runCommand, type FitCommandDependencies } from './fit';

// One duckdb-wasm instance for every run (each open costs seconds); `run` must not close it.
const openConnection = useSharedConnection();

async function run(
  argv: string[],
  extra: FitCommandDependencies = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = capture();
  const stderr = capture();
  const code = await runCommand(argv, {
    openConnection,
    stdout,
    stderr,
    ...extra,
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const dir = mkdtempSync(join(tmpdir(), 'mmm-fit-'));
const generated = generateWeeklyNational({ weeks: 60, channels: 2, seed: 12 });
const channelColumns = generated.channelNames.map((name) => `${name}_spend`);
const csv = join(dir, 'weekly.csv');
// Full-precision numbers, so the data reaching the model must hash to the generator's exact values.
writeFileSync(
  csv,
  [
    ['week', 'sales', ...channelColumns, ...generated.controls.names, 'note'].join(','),
    ...generated.dates.map((date, t) =>
      [
        date,
        generated.kpi[t],
        ...generated.spend.map((s) => s[t]),
        ...generated.controls.values.map((v) => v[t]),
        `w${t}`,
      ].join(','),
    ),
  ].join('\n') + '\n',
);
const base = [
  '--date',
  'week',
  '--kpi',
  'sales',
  '--channels',
  channelColumns.join(','),
  '--controls',
  generated.controls.names.join(','),
];
const small = ['--chains', '2', '--warmup', '150', '--draws', '150', '--seed', '3'];

describe('mmm fit', () => {
  it('fits through the data layer and prints the JSON contract; --out holds a valid full report', async () => {
    const out = join(dir, 'result.json');
    const { code, stdout, stderr } = await run([csv, ...base, ...small, '--json', '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const summary = JSON.parse(stdout);
    expect(summary.channels.map((c: { name: string }) => c.name)).toEqual(channelColumns);
    for (const channel of summary.channels) {
      for (const key of ['roi', 'mroi', 'contribution']) {
        const { mean, lo, hi } = channel[key];
        expect(lo).toBeLessThanOrEqual(mean);
        expect(mean).toBeLessThanOrEqual(hi);
      }
      expect(channel.contribution.mean).toBeCloseTo(channel.roi.mean * channel.spend, -2);
    }
    for (const key of ['rhatMax', 'essBulkMin', 'essTailMin', 'divergences', 'gatePassed'])
      expect(summary.diagnostics).toHaveProperty(key);
    expect(summary.fit).toHaveProperty('holdoutMape', null);
    expect(summary.fit.r2).toBeGreaterThan(0.6);
    expect(summary.timing.totalSeconds).toBeGreaterThanOrEqual(summary.timing.samplingSeconds);
    // The model saw exactly the generated numbers, in week order.
    expect(summary.data.fingerprint).toBe(
      dataFingerprint({
        dates: generated.dates,
        kpi: generated.kpi,
        channelNames: channelColumns,
        spend: generated.spend,
        controlNames: generated.controls.names,
        controls: generated.controls.values,
      }),
    );
    const report = FitReportSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(report.draws.count).toBe(300);
    expect(report.diagnostics.chains).toHaveLength(2);
    expect(report.channels).toEqual(summary.channels);
    // The defaults the report records: media-share ROI prior (resolved to numbers) and δ = 0.9.
    expect(report.spec.mediaSharePrior).toEqual({ mean: 0.4, sd: 0.2 });
    expect(report.spec.channelPriors.roi?.distribution).toBe('logNormal');
    expect(report.sampler.targetAcceptance).toBe(0.9);
  }, 240_000);

  it('cancels cleanly: exit 130, nothing written', async () => {
    const out = join(dir, 'cancelled.json');
    const controller = new AbortController();
    const workers = createNodeChainRunner();
    // Abort as soon as a chain reports progress, i.e. while the workers are sampling.
    const runner: ChainRunner = {
      run: (request, options = {}) =>
        workers.run(request, { ...options, onProgress: () => controller.abort() }),
    };
    const { code, stderr, stdout } = await run(
      [csv, ...base, '--chains', '2', '--warmup', '5000', '--draws', '5000', '--out', out],
      { runner, signal: controller.signal },
    );
    expect(code).toBe(130);
    expect(stderr).toMatch(/cancelled; nothing was written/);
    expect(stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  }, 120_000);

  const failures: Array<[string, string[], number, RegExp]> = [
    [
      'a missing column',
      [csv, ...base.slice(0, 4), '--channels', 'nope_spend'],
      1,
      /no column 'nope_spend' \(from --channels\)/,
    ],
    [
      'a non-numeric column',
      [csv, ...base.slice(0, 4), '--channels', 'note'],
      1,
      /column 'note' \(from --channels\) is not numeric/,
    ],
    [
      'a KPI that is not a date for --date',
      [csv, '--date', 'sales', '--kpi', 'week', '--channels', channelColumns[0]],
      1,
      /'sales' \(from --date\) does not hold dates/,
    ],
    [
      'too few weeks',
      [csv, ...base, '--holdout-weeks', '40'],
      1,
      /leave 20 to fit on; the model needs at least 26/,
    ],
    [
      'a missing file',
      [join(dir, 'absent.csv'), ...base],
      1,
      /cannot read .*absent\.csv: no such file/,
    ],
    [
      'a bad --chains',
      [csv, ...base, '--chains', '0'],
      2,
      /--chains must be an integer in 1 … 64, got '0'/,
    ],
    ['an unknown flag', [csv, ...base, '--colour', 'red'], 2, /Unknown option '--colour'/],
    [
      'a bad --adstock',
      [csv, ...base, '--adstock', 'carryover'],
      2,
      /--adstock must be one of geometric, weibull-cdf, weibull-pdf, delayed, got 'carryover'/,
    ],
    ['no --kpi', [csv, '--date', 'week', '--channels', channelColumns[0]], 2, /missing --kpi/],
    [
      'two files without --mapping',
      [csv, csv, ...base],
      2,
      /2 data files need --mapping mapping\.json/,
    ],
    [
      '--date beside --mapping',
      [csv, '--mapping', join(dir, 'm.json'), '--date', 'week'],
      2,
      /--date comes from --mapping: leave it out/,
    ],
    [
      'a missing mapping file',
      [csv, '--mapping', join(dir, 'absent.json')],
      1,
      /cannot read the mapping .*absent\.json: no such file/,
    ],
    [
      'a missing priors file',
      [csv, ...base, '--priors', join(dir, 'absent.json')],
      1,
      /cannot read the priors .*absent\.json: no such file/,
    ],
    [
      'a bad --metric',
      [csv, ...base, '--metric', 'full'],
      2,
      /--metric must be one of dense, diagonal, got 'full'/,
    ],
    [
      'a bad --target-accept',
      [csv, ...base, '--target-accept', '1.2'],
      2,
      /--target-accept must be a number in \(0, 1\), got '1.2'/,
    ],
    [
      'a bad --media-share',
      [csv, ...base, '--media-share', '0.4'],
      2,
      /--media-share must be 'mean,sd'/,
    ],
  ];
  it.each(failures)(
    'rejects %s with one line on stderr',
    async (_label, argv, expected, pattern) => {
      const { code, stdout, stderr } = await run(argv);
      expect(code).toBe(expected);
      expect(stdout).toBe('');
      expect(stderr).toMatch(pattern);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).not.toMatch(/\n\s+at /);
    },
    60_000,
  );

  it('sums daily rows of every geo into national weeks', async () => {
    const daily = join(import.meta.dirname, '../../sample-data/kpi_daily.csv');
    const rows = readFileSync(daily, 'utf8').trim().split('\n').slice(1);
    const orders = rows.reduce((sum, row) => sum + Number(row.split(',')[3]), 0);
    // A tiny chain: this checks the data path, not the posterior.
    const { code, stdout, stderr } = await run([
      daily,
      '--date',
      'date',
      '--kpi',
      'revenue',
      '--channels',
      'orders',
      '--chains',
      '1',
      '--warmup',
      '10',
      '--draws',
      '10',
      '--json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.data).toMatchObject({
      weeks: 156,
      firstWeek: '2022-01-03',
      lastWeek: '2024-12-23',
    });
    expect(summary.channels[0].spend).toBeCloseTo(orders, 6);
  }, 120_000);

  it('reads several files through --mapping, picks channels by name, applies --priors', async () => {
    const sample = (name: string) => join(import.meta.dirname, '../../sample-data', name);
    const files = ['media_daily_long.csv', 'kpi_daily.csv', 'controls_daily.csv'].map(sample);
    // The mapping the Data task detects for these files (revenue is the KPI, channel by name).
    const { importFile, detectMapping } = await import('../../models/data');
    const { openInputFile } = await import('../readBytes');
    const imported = [];
    const conn = await openConnection();
    for (const path of files) imported.push(await importFile(conn, await openInputFile(path)));
    const mappingPath = join(dir, 'mapping.json');
    writeFileSync(mappingPath, JSON.stringify(detectMapping(imported)));
    const priorsPath = join(dir, 'priors.json');
    writeFileSync(
      priorsPath,
      JSON.stringify({
        kind: 'mmm-priors',
        version: 1,
        channels: { tv: { roi: { median: 1.5, lower: 0.5, upper: 4 } } },
      }),
    );
    const lift = join(dir, 'lift-quoted.csv');
    writeFileSync(
      lift,
      '\uFEFF"channel","start_date","end_date","lift","standard_error"\r\n"tv","2023-03-06","2023-03-27","250000","60000"\r\n',
    );
    const out = join(dir, 'mapped.json');
    const { code, stderr } = await run([
      ...files,
      '--mapping',
      mappingPath,
      '--channels',
      'tv,search',
      '--controls',
      '',
      '--priors',
      priorsPath,
      '--lift-tests',
      lift,
      '--chains',
      '1',
      '--warmup',
      '10',
      '--draws',
      '10',
      '--out',
      out,
      '--json',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = FitReportSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    // The frame's order (a long file's channels sort by name), no controls, the prior as a LogNormal.
    expect(report.data.channels).toEqual(['search', 'tv']);
    expect(report.data.controls).toEqual([]);
    expect(report.data.kpiName).toBe('revenue');
    expect(report.data.weeks).toBe(156);
    expect(report.spec.channelOverrides.tv.roi).toMatchObject({
      distribution: 'logNormal',
      mu: Math.log(1.5),
    });
    expect(report.inputs?.experiments).toEqual([
      {
        channel: 'tv',
        startDate: '2023-03-06',
        endDate: '2023-03-27',
        measuredLift: 250000,
        standardError: 60000,
      },
    ]);
    expect(report.data.files.map((file) => [file.name, file.rows])).toEqual([
      ['media_daily_long.csv', 38220],
      ['kpi_daily.csv', 5460],
      ['controls_daily.csv', 5460],
    ]);
    expect(report.data.files[1].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.data.source).toBe('media_daily_long.csv, kpi_daily.csv, controls_daily.csv');
  }, 180_000);

  it('rejects a lift test outside the data with a clear message', async () => {
    const tests = join(dir, 'lift.csv');
    writeFileSync(
      tests,
      `channel,start_date,end_date,lift,standard_error\n${channelColumns[0]},2030-01-07,2030-01-28,1000,100\n`,
    );
    const { code, stderr } = await run([csv, ...base, '--lift-tests', tests]);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/2030-01-07/);
  }, 60_000);
});

describe('mmm fit --geo', () => {
  const geoData = generateWeeklyGeo({ geos: 4, weeks: 52, channels: 2, seed: 8 });
  const geoCsv = join(dir, 'geo.csv');
  const G = geoData.geoNames.length;
  const T = geoData.dates.length;
  writeFileSync(
    geoCsv,
    [
      ['week', 'region', 'people', 'sales', ...geoData.channelNames.map((n) => `${n}_spend`)].join(
        ',',
      ),
      ...geoData.geoNames.flatMap((geo, g) =>
        geoData.dates.map((date, t) =>
          [
            date,
            geo,
            geoData.population[g],
            geoData.kpi[g * T + t],
            ...geoData.spend.map((s) => s[g * T + t]),
          ].join(','),
        ),
      ),
    ].join('\n') + '\n',
  );
  const geoBase = [
    '--date',
    'week',
    '--kpi',
    'sales',
    '--channels',
    geoData.channelNames.map((n) => `${n}=${n}_spend`).join(','),
    '--geo',
    'region',
    '--population',
    'people',
  ];

  it('fits the geo model: --json adds geos, and channels stay the national sums', async () => {
    const out = join(dir, 'geo-result.json');
    const { code, stdout, stderr } = await run([
      geoCsv,
      ...geoBase,
      '--chains',
      '2',
      '--warmup',
      '40',
      '--draws',
      '30',
      '--json',
      '--out',
      out,
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.geos.map((g: { name: string }) => g.name)).toEqual(geoData.geoNames);
    summary.geos.forEach((geo: { population: number }, g: number) =>
      expect(geo.population).toBeCloseTo(geoData.population[g], 6),
    );
    summary.channels.forEach(
      (channel: { name: string; spend: number; contribution: { mean: number } }, c: number) => {
        const perGeo = summary.geos.map(
          (geo: { channels: { spend: number; contribution: { mean: number } }[] }) =>
            geo.channels[c],
        );
        expect(perGeo.reduce((sum: number, x: { spend: number }) => sum + x.spend, 0)).toBeCloseTo(
          channel.spend,
          2,
        );
        expect(
          perGeo.reduce(
            (sum: number, x: { contribution: { mean: number } }) => sum + x.contribution.mean,
            0,
          ),
        ).toBeCloseTo(channel.contribution.mean, 0);
        expect(channel.name).toBe(geoData.channelNames[c]);
      },
    );
    const report = FitReportSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(report.inputs?.geo?.kpi).toHaveLength(G);
    expect(report.data.weeks).toBe(T);
  }, 240_000);

  it('refuses --population without --geo, and a geo column that is not there', async () => {
    const flags = await run([
      geoCsv,
      '--date',
      'week',
      '--kpi',
      'sales',
      '--channels',
      'tv_spend',
      '--population',
      'people',
    ]);
    expect(flags.code).toBe(2);
    expect(flags.stderr).toMatch(/--population needs --geo/);
    const missing = await run([geoCsv, ...geoBase.slice(0, 6), '--geo', 'state']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no column 'state' \(from --geo\)/);
    // The geo model reads one file by columns; a mapping of several files is national only.
    const mapped = await run([geoCsv, '--mapping', 'mapping.json', '--geo', 'geo']);
    expect(mapped.code).toBe(2);
    expect(mapped.stderr).toMatch(/--geo reads one data file .* not with --mapping/);
    expect(mapped.stderr.trim().split('\n')).toHaveLength(1);
  }, 60_000);
});
