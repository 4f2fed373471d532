/**
 * `mmm batch` end to end in this thread (the fit engine injected as in fit.test.ts): markets cut
 * by geo from the sample plus a broken file; each job's result is the result of the same `mmm fit`
 * run alone, bit for bit, and the summary's numbers are those runs' numbers. (Job workers and the
 * prebuilt bundle: cli/bin/mmm.test.ts.)
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessRunner } from '../../models/inference/chains';
import { comparableReport, parseFitReport, type FitReport } from '../../models/report';
import { writeSampleMarkets } from '../../scripts/sampleMarkets';
import { readManifest } from '../batch/manifest';
import { readPlanFile } from '../plan/planFiles';
import { inThreadJobRunner, type JobRunner } from '../batch/runJob';
import { collectOutput } from '../collectOutput';
import type { BatchSummary } from '../batch/summary';
import { openNodeConnection, type ClosableSqlConnection } from '../duckdbNode';
import { run as runBatch } from './batch';
import { run as runFit, type FitCommandDependencies } from './fit';

let shared: ClosableSqlConnection;
let folder: string;
let manifestPath: string;
let fitEngine: FitCommandDependencies;
let calls: string[];
let counting: JobRunner;

const SAMPLER = { chains: 2, warmup: 60, draws: 40 };

beforeAll(async () => {
  shared = await openNodeConnection();
  folder = mkdtempSync(join(tmpdir(), 'mmm-batch-'));
  const markets = await writeSampleMarkets(shared, folder, ['north', 'south']);
  // A broken export: cut off in the middle of a row, as an interrupted copy leaves it.
  const text = readFileSync(markets, 'utf8');
  writeFileSync(join(folder, 'broken.csv'), text.slice(0, Math.floor(text.length * 0.4)));
  manifestPath = join(folder, 'markets.json');
  writeFileSync(
    manifestPath,
    JSON.stringify({
      version: 1,
      defaults: {
        data: 'markets_daily.csv',
        date: 'date',
        kpi: 'revenue',
        channels: { tv: 'tv_spend', search: 'search_spend' },
        controls: ['price_index'],
        seed: 5,
        ...SAMPLER,
      },
      jobs: [
        { market: 'north', 'only-geo': 'north' },
        { market: 'south', 'only-geo': 'south' },
        { market: 'broken', data: 'broken.csv', 'only-geo': 'north' },
        { market: 'atlantis', 'only-geo': 'atlantis' },
      ],
    }),
  );
  fitEngine = {
    openConnection: async () => ({ ...shared, close: async () => undefined }),
    runner: inProcessRunner,
  };
  calls = [];
  const inThread = inThreadJobRunner(fitEngine);
  counting = {
    run: (argv, resultPath, options) => {
      calls.push(resultPath);
      return inThread.run(argv, resultPath, options);
    },
  };
});
afterAll(async () => {
  await shared.close();
  rmSync(folder, { recursive: true, force: true });
});

async function batch(argv: string[], runner: JobRunner = counting, signal?: AbortSignal) {
  const stdout = collectOutput();
  const stderr = collectOutput();
  const code = await runBatch(argv, { runner, stdout, stderr, signal });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

function readSummary(out: string): BatchSummary {
  return JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as BatchSummary;
}

function readReport(path: string): FitReport {
  const parsed = parseFitReport(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.report;
}

describe('mmm batch', () => {
  it('fits each market as mmm fit alone would, reports failures with their reason, and sums up', async () => {
    const out = join(folder, 'out');
    const { code, stdout, stderr } = await batch([manifestPath, '--out', out, '--jobs', '1']);
    expect(code).toBe(1); // two jobs fail; the others still ran
    expect(calls).toHaveLength(4);

    const summary = readSummary(out);
    expect(summary).toMatchObject({
      kind: 'mmm-batch-summary',
      version: 1,
      manifest: 'markets.json',
    });
    expect(summary.jobs.map((job) => [job.market, job.status])).toEqual([
      ['north', 'done'],
      ['south', 'done'],
      ['broken', 'failed'],
      ['atlantis', 'failed'],
    ]);
    const [north, south, broken, atlantis] = summary.jobs;
    expect(broken.error).toMatch(/^broken\.csv/);
    expect(atlantis.error).toMatch(
      /markets_daily\.csv: no rows for geo 'atlantis' \(from --only-geo\) in column 'geo'; its geos are north, south/,
    );
    expect(broken.result).toBeNull();
    expect(broken.plan).toBeNull();
    // Each fit is also a plan file (no scenarios yet), named by the job's key.
    expect(north.plan).toMatch(/^north\/plan-[0-9a-f]{12}\.mmmplan$/);
    const plan = await readPlanFile(join(out, north.plan!));
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.plan.title).toMatch(/^north · revenue · 2022-01-03 to /);
    expect(plan.plan.scenarios).toEqual([]);
    // One geo's rows: no command from the data file (it would sum every geo), as the plan says.
    expect(plan.plan.reproduce).toBeNull();
    expect(comparableReport(plan.plan.fit)).toEqual(
      comparableReport(readReport(join(out, 'north', 'result.json'))),
    );
    // One line per job on stderr (not a terminal), then the tables on stdout.
    expect(stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^\[1\/4\] north +done in [\d.]+ s, gate (passed|failed)$/),
      expect.stringMatching(/^\[2\/4\] south +done in/),
      expect.stringMatching(/^\[3\/4\] broken +failed: broken\.csv/),
      expect.stringMatching(/^\[4\/4\] atlantis +failed: markets_daily\.csv: no rows for geo/),
    ]);
    expect(stdout).toMatch(/market +status +gate +max R-hat/);
    expect(stdout).toMatch(/ROI \[90% HDI\]\n +channel +north +south\n +tv /);

    // The job alone: the command the summary names, as `mmm fit --out --json`.
    const [job] = await readManifest(manifestPath);
    expect(north.command).toBe(
      'mmm fit markets_daily.csv --date date --kpi revenue --channels tv=tv_spend,search=search_spend --controls price_index --seed 5 --chains 2 --warmup 60 --draws 40 --only-geo north',
    );
    const alone = join(folder, 'north-alone.json');
    const printed = collectOutput();
    const fitCode = await runFit([...job.argv, '--out', alone, '--json'], {
      ...fitEngine,
      stdout: printed,
      stderr: collectOutput(),
    });
    expect(fitCode).toBe(0);
    const batchReport = readReport(join(out, 'north', 'result.json'));
    const aloneReport = readReport(alone);
    expect(comparableReport(batchReport)).toEqual(comparableReport(aloneReport));
    expect(batchReport.draws.values[0]).toHaveLength(SAMPLER.chains * SAMPLER.draws);
    // The two markets are different data, not one fit written twice.
    expect(readReport(join(out, 'south', 'result.json')).data.fingerprint).not.toBe(
      batchReport.data.fingerprint,
    );

    // The summary's numbers are the single run's numbers, exactly.
    const single = JSON.parse(printed.text());
    expect(north.channels).toEqual(
      single.channels.map((c: { name: string; roi: unknown }) => ({ name: c.name, roi: c.roi })),
    );
    expect([north.rhatMax, north.essBulkMin, north.essTailMin, north.divergences]).toEqual([
      single.diagnostics.rhatMax,
      single.diagnostics.essBulkMin,
      single.diagnostics.essTailMin,
      single.diagnostics.divergences,
    ]);
    expect(north.gate).toBe(single.diagnostics.gatePassed ? 'passed' : 'failed');
    expect(north.seconds).toBe(batchReport.timing.totalSeconds);
    expect(south.channels.map((c) => c.name)).toEqual(['tv', 'search']);

    // summary.csv holds the same numbers (full precision), one row per job.
    const rows = parseCsv(readFileSync(join(out, 'summary.csv'), 'utf8'), {
      columns: true,
    }) as Record<string, string>[];
    expect(rows.map((row) => row.market)).toEqual(['north', 'south', 'broken', 'atlantis']);
    expect(Number(rows[0].roi_tv)).toBe(north.channels[0].roi.mean);
    expect(Number(rows[0].roi_search_hi)).toBe(north.channels[1].roi.hi);
    expect(Number(rows[0].rhat_max)).toBe(north.rhatMax);
    expect(rows[0]).toMatchObject({ result: 'north/result.json', plan: north.plan });
    expect(rows[2]).toMatchObject({ status: 'failed', roi_tv: '', plan: '', error: broken.error });
  }, 300_000);

  it('skips jobs whose result holds the same spec and data; --force and --only re-run one', async () => {
    const out = join(folder, 'out');
    const before = readSummary(out);
    const planWritten = statSync(join(out, before.jobs[0].plan!)).mtimeMs;
    calls.length = 0;
    const again = await batch([manifestPath, '--out', out]);
    expect(again.code).toBe(1);
    // Only the failed jobs ran again.
    expect(calls.map((path) => path.split('/').at(-2))).toEqual(['broken', 'atlantis']);
    const after = readSummary(out);
    expect(after.jobs.map((job) => job.status)).toEqual(['skipped', 'skipped', 'failed', 'failed']);
    expect(after.jobs[0].channels).toEqual(before.jobs[0].channels);
    expect(again.stderr).toMatch(
      /north +skipped: north\/result\.json already holds this spec and data/,
    );
    // The same fit keeps its plan: not written again.
    expect(after.jobs[0].plan).toBe(before.jobs[0].plan);
    expect(statSync(join(out, after.jobs[0].plan!)).mtimeMs).toBe(planWritten);

    const summaryWritten = statSync(join(out, 'summary.json')).mtimeMs;
    calls.length = 0;
    const forced = await batch([manifestPath, '--out', out, '--force', '--only', 'north']);
    expect(forced.code).toBe(0);
    expect(calls).toEqual([join(out, 'north', 'result.json')]);
    expect(forced.stdout).toMatch(/no summary files written/);
    expect(statSync(join(out, 'summary.json')).mtimeMs).toBe(summaryWritten);

    calls.length = 0;
    const collected = await batch([manifestPath, '--out', out, '--summary-only', '--json']);
    expect(calls).toEqual([]);
    expect(collected.code).toBe(1);
    const jobs = (JSON.parse(collected.stdout) as BatchSummary).jobs;
    expect(jobs.map((job) => job.status)).toEqual(['skipped', 'skipped', 'missing', 'missing']);
    expect(jobs[0].channels).toEqual(before.jobs[0].channels); // same seed, same draws
  }, 300_000);

  it('runs a shard of the jobs, and refuses bad flags and manifests with one line', async () => {
    const seen: string[] = [];
    const failing: JobRunner = {
      run: async (argv) => {
        seen.push(argv[argv.indexOf('--only-geo') + 1]);
        return { ok: false, reason: 'not run in this test', cancelled: false };
      },
    };
    const sharded = await batch(
      [manifestPath, '--out', join(folder, 'shard'), '--shard', '1/2'],
      failing,
    );
    expect(seen).toEqual(['south', 'atlantis']);
    expect(sharded.code).toBe(1);

    const cases: [string[], RegExp][] = [
      [[manifestPath], /missing --out <folder>/],
      [
        [manifestPath, '--out', folder, '--jobs', '0'],
        /--jobs must be an integer in 1 … 256, got '0'/,
      ],
      [[manifestPath, '--out', folder, '--shard', '2/2'], /--shard must be i\/n with 0 ≤ i < n/],
      [
        [manifestPath, '--out', folder, '--only', 'mars'],
        /--only: no market 'mars' in .*markets\.json; its markets are north, south, broken, atlantis/,
      ],
      [[manifestPath, '--out', folder, '--summary-only', '--force'], /--summary-only runs nothing/],
      [
        [join(folder, 'absent.json'), '--out', folder],
        /cannot read the manifest .*absent\.json: no such file/,
      ],
      [[manifestPath, '--out', folder, '--colour'], /Unknown option '--colour'/],
    ];
    for (const [argv, message] of cases) {
      const result = await batch(argv, failing);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('stops on cancel: running jobs are cancelled, no further job starts, no summary', async () => {
    const out = join(folder, 'cancelled');
    const controller = new AbortController();
    let started = 0;
    const slow: JobRunner = {
      run: (_argv, _path, { signal }) => {
        started += 1;
        controller.abort();
        return new Promise((resolve) => {
          const cancelled = () => resolve({ ok: false, reason: 'cancelled', cancelled: true });
          if (signal.aborted) cancelled();
          else signal.addEventListener('abort', cancelled);
        });
      },
    };
    const result = await batch(
      [manifestPath, '--out', out, '--jobs', '1'],
      slow,
      controller.signal,
    );
    expect(result.code).toBe(130);
    expect(started).toBe(1);
    expect(result.stderr).toMatch(/cancelled; 0 finished job\(s\) kept/);
    expect(() => statSync(join(out, 'summary.json'))).toThrow();
  });
});
