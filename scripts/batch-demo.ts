/**
 * `npm run demo:batch` — `mmm batch` on markets cut from the bundled sample (scripts/sampleMarkets.ts:
 * the 5 geos of the daily exports, one `--only-geo` job each, and the national weekly file as a
 * sixth market), then, with `--verify`, every finished job run again alone as `mmm fit --json
 * --out` and compared with its batch result and summary row: identical reports (timings aside) and
 * identical summary numbers, or the run fails.
 *
 *   npx tsx scripts/batch-demo.ts [--dir artifacts/batch-demo] [--jobs N] [--quick] [--broken]
 *                                 [--verify]
 *
 * `--quick`: 2 chains × (300 + 300) instead of mmm fit's defaults. `--broken`: a seventh job reads
 * a copy of the markets file cut off mid-row, as an interrupted transfer leaves it; it must fail
 * with its reason while the others finish. Everything is written under `--dir`, and a re-run there
 * skips the jobs already done.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { comparableReport, parseFitReport, type FitReport } from '../models/report';
import { isDeepStrictEqual } from 'node:util';
import { openNodeConnection } from '../cli/duckdbNode';
import { readManifest } from '../cli/batch/manifest';
import type { BatchSummary } from '../cli/batch/summary';
import { sampleManifest, writeSampleMarkets } from './sampleMarkets';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const root = resolve(import.meta.dirname, '..');
const mmm = (args: string[], capture = false) =>
  spawnSync(process.execPath, [join(root, 'cli/bin/mmm.mjs'), ...args], {
    cwd: root,
    stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });

function report(path: string): FitReport {
  const parsed = parseFitReport(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(`${path}: ${parsed.message}`);
  return parsed.report;
}

async function main(): Promise<number> {
  const dir = resolve(flag('dir', join(root, 'artifacts/batch-demo')));
  const out = join(dir, 'out');
  mkdirSync(dir, { recursive: true });
  const conn = await openNodeConnection();
  const markets = await writeSampleMarkets(conn, dir);
  await conn.close();
  const manifest = sampleManifest(
    dir,
    process.argv.includes('--quick') ? { chains: 2, warmup: 300, draws: 300 } : {},
  );
  if (process.argv.includes('--broken')) {
    const text = readFileSync(markets, 'utf8');
    writeFileSync(join(dir, 'broken.csv'), text.slice(0, Math.floor(text.length * 0.4)));
    (manifest.jobs as object[]).push({ market: 'broken', data: 'broken.csv', 'only-geo': 'north' });
  }
  const manifestPath = join(dir, 'markets.json');
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

  const batchArgs = ['batch', manifestPath, '--out', out, '--jobs', flag('jobs', '1')];
  console.log(`$ mmm ${batchArgs.join(' ')}\n`);
  const batch = mmm(batchArgs);
  if (!process.argv.includes('--verify')) return batch.status ?? 1;

  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as BatchSummary;
  const jobs = new Map((await readManifest(manifestPath)).map((job) => [job.market, job]));
  let differences = 0;
  console.log('\nEach finished job run again alone (mmm fit --json --out):');
  for (const row of summary.jobs) {
    const job = jobs.get(row.market);
    if (!job || row.result === null) {
      console.log(`  ${row.market}: ${row.status} (${row.error}), nothing to compare`);
      continue;
    }
    const alone = join(dir, `alone-${row.market}.json`);
    const single = mmm(['fit', ...job.argv, '--json', '--out', alone], true);
    if (single.status !== 0) throw new Error(`mmm fit for ${row.market} exited ${single.status}`);
    const printed = JSON.parse(single.stdout);
    const sameReport = isDeepStrictEqual(
      comparableReport(report(join(out, row.result))),
      comparableReport(report(alone)),
    );
    const sameNumbers = isDeepStrictEqual(
      [row.rhatMax, row.essBulkMin, row.essTailMin, row.divergences, row.channels],
      [
        printed.diagnostics.rhatMax,
        printed.diagnostics.essBulkMin,
        printed.diagnostics.essTailMin,
        printed.diagnostics.divergences,
        printed.channels.map((c: { name: string; roi: unknown }) => ({ name: c.name, roi: c.roi })),
      ],
    );
    if (!sameReport || !sameNumbers) differences += 1;
    console.log(
      `  ${row.market}: result.json ${sameReport ? 'identical' : 'DIFFERS'}, summary numbers ${sameNumbers ? 'identical' : 'DIFFER'} (R-hat ${row.rhatMax}, ROI tv ${row.channels[0]?.roi.mean})`,
    );
  }
  return differences > 0 ? 1 : (batch.status ?? 1);
}

main().then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(`demo:batch: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
