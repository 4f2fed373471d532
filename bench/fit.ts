/**
 * `npm run bench:fit` — our NUTS on the MMM against Stan (rstan) on the same model and data.
 *
 *   npx tsx bench/fit.ts [--only ours|stan|chromium] [--sizes 156x6,260x10] [--models textbook,roi]
 *                        [--seed 1] [--replicates 0,1,2] [--record bench/RESULTS.md]
 *
 * Data: `generateWeeklyNational` (fixed seeds), scaled once by `createMmmTarget` (textbook), so
 * Stan gets exactly the numbers our log density sees. Stan runs `bench/stan/fit.R` (the README's
 * program, 4 chains × (1000 + 1000), cores = 2, compile timed apart); ours runs the textbook
 * parametrisation (the identical model, `textbookSpec`, at Stan's target acceptance 0.8) and the
 * default model (ROI parametrisation, target acceptance 0.9), 4 chains ×
 * (1000 + 1000) through the worker_threads runner. ESS/s = min bulk ESS / sampling wall seconds
 * (warmup + draws; ours includes worker start-up and the MAP start) and / total (Stan: + compile).
 * ROI error and coverage use each engine's ROI draws with the same 90% HDI code.
 *
 * `--geo` runs the geo model's table instead (bench/fitGeo.ts: geo sizes GEOSxWEEKSxCHANNELS, the
 * geo model against the national model of the summed data).
 *
 * `--replicates` draws further data sets of each size from the same generator with other seeds
 * (replicate 0 is the fixed benchmark set): one data set cannot tell two estimators apart when a
 * channel's ROI is weakly identified, so the summary pools error and coverage over replicates.
 *
 * `--only chromium` is the app's engine: the Standard fit of the sample in the built app in
 * Chromium against the CLI's engine on the same input, with main-thread long tasks (fitChromium.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hdi } from '../models/diagnostics/hdi';
import type { FitRequest } from '../models/inference/chains';
import { createMmmTarget } from '../models/mmm';
import type { MmmInput, MmmTarget, ModelSpecInput, Parametrisation } from '../models/mmm';
import { roiRecovery, type RoiEstimate } from '../models/report/roiRecovery';
import { generateWeeklyNational } from '../sample-data/generator/weeklyNational';
import { createNodeChainRunner } from '../cli/workers/nodeChainRunner';
import { chromiumFitTable, runChromiumFitBench } from './fitChromium';

const here = dirname(fileURLToPath(import.meta.url));

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

interface Row {
  engine: string;
  data: string;
  wallSeconds: number;
  samplingSeconds: number;
  essBulkMin: number;
  essTailMin: number;
  rhatMax: number;
  divergences: number;
  roiError: number;
  roiRelativeError: number;
  coverage: number;
  gate: string;
  /** Per channel: posterior mean ROI [90% HDI] vs truth, for the closing notes. */
  channels: string;
}

export interface BenchData {
  label: string;
  input: MmmInput;
  trueRoi: number[];
  spendTotal: number[];
}

/**
 * The Stan program's model (bench/stan/mmm_textbook.stan) in our spec: the 'textbook'
 * parametrisation with the program's priors, which for the Hill shape (S ~ Gamma(3, 1)) differ from
 * our default.
 */
export const textbookSpec: ModelSpecInput = {
  parametrisation: 'textbook',
  channelPriors: { saturation: { shape: { distribution: 'gamma', shape: 3, rate: 1 } } },
};

/** Fixed seeds per size and replicate, so every run compares on the same data. */
export function benchData(weeks: number, channels: number, replicate = 0): BenchData {
  const seed = 1000 * weeks + channels + 7919 * replicate;
  const g = generateWeeklyNational({ weeks, channels, seed });
  return {
    label: replicate === 0 ? `${weeks}x${channels}` : `${weeks}x${channels}#${replicate}`,
    input: {
      spec: {},
      data: {
        dates: g.dates,
        kpi: g.kpi,
        channelNames: g.channelNames,
        spend: g.spend,
        controlNames: g.controls.names,
        controls: g.controls.values,
      },
    },
    trueRoi: g.truth.channels.map((c) => c.roi),
    spendTotal: g.spend.map((s) => s.reduce((a, b) => a + b, 0)),
  };
}

function summariseRoi(names: readonly string[], draws: readonly Float64Array[]): RoiEstimate[] {
  return names.map((name, c) => {
    const interval = hdi(draws[c], 0.9);
    const mean = draws[c].reduce((a, b) => a + b, 0) / draws[c].length;
    return { name, mean, lo: interval.lower, hi: interval.upper };
  });
}

function describeChannels(estimates: readonly RoiEstimate[], truth: readonly number[]): string {
  return estimates
    .map(
      (e, c) =>
        `${e.name} ${e.mean.toFixed(2)} [${e.lo.toFixed(2)}, ${e.hi.toFixed(2)}] (${truth[c].toFixed(2)})`,
    )
    .join('; ');
}

function ensureRstan(): void {
  const probe = spawnSync('Rscript', ['-e', 'library(rstan)'], { encoding: 'utf8' });
  if (probe.status === 0) return;
  process.stderr.write('rstan is missing: apt-get install -y r-cran-rstan (benchmark only)\n');
  const install = spawnSync('apt-get', ['install', '-y', 'r-cran-rstan'], { stdio: 'inherit' });
  if (install.status !== 0)
    throw new Error('could not install r-cran-rstan (try apt-get update first)');
}

interface StanOutput {
  compileSeconds: number;
  samplingSeconds: number;
  essBulkMin: number;
  essTailMin: number;
  rhatMax: number;
  divergences: number;
  roiDraws: number[][];
}

function compileStan(): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('Rscript', [join(here, 'stan', 'fit.R'), '--compile-only'], {
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolvePromise() : reject(new Error(`Stan compile failed:\n${errors}`)),
    );
  });
}

/** The Stan program's data block from our 'textbook' target (scaled exactly as our log density sees it). */
export function stanData(target: MmmTarget): Record<string, unknown> {
  const d = target.design;
  return {
    T: d.trainingWeeks,
    C: d.channelNames.length,
    J: d.controlNames.length,
    F: d.seasonality.length,
    L: target.spec.maxLag,
    y: Array.from(d.scaledKpi.subarray(0, d.trainingWeeks)),
    tau: Array.from(d.trend.subarray(0, d.trainingWeeks)),
    x: d.scaledSpend.map((s) => Array.from(s.subarray(0, d.trainingWeeks))),
    z: d.scaledControls.map((s) => Array.from(s.subarray(0, d.trainingWeeks))),
    s: d.seasonality.map((s) => Array.from(s.subarray(0, d.trainingWeeks))),
    kpi_scale: d.kpiScale,
    spend_total: Array.from(d.spendTotal),
  };
}

function runStan(data: BenchData, seed: number): Row {
  const target = createMmmTarget({ ...data.input, spec: textbookSpec });
  const d = target.design;
  const dir = mkdtempSync(join(tmpdir(), 'mmm-bench-stan-'));
  try {
    const input = join(dir, 'data.json');
    const output = join(dir, 'out.json');
    writeFileSync(input, JSON.stringify(stanData(target)));
    const started = Date.now();
    const child = spawnSync('Rscript', [join(here, 'stan', 'fit.R'), input, output, String(seed)], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    const wall = (Date.now() - started) / 1000;
    if (child.status !== 0) throw new Error(`Stan run failed:\n${child.stderr}`);
    const out = JSON.parse(readFileSync(output, 'utf8')) as StanOutput;
    const roi = summariseRoi(
      d.channelNames,
      out.roiDraws.map((v) => Float64Array.from(v)),
    );
    const recovery = roiRecovery(roi, data.trueRoi, data.spendTotal);
    const channels = describeChannels(roi, data.trueRoi);
    return {
      engine: 'Stan textbook',
      data: data.label,
      wallSeconds: out.compileSeconds + out.samplingSeconds,
      samplingSeconds: out.samplingSeconds,
      essBulkMin: out.essBulkMin,
      essTailMin: out.essTailMin,
      rhatMax: out.rhatMax,
      divergences: out.divergences,
      roiError: recovery.weightedAbsoluteError,
      roiRelativeError: recovery.relativeError,
      coverage: recovery.coverage,
      // The same thresholds as our quality gate (models/diagnostics/gate.ts).
      channels,
      gate: `${out.rhatMax <= 1.01 && out.essBulkMin >= 400 && out.essTailMin >= 400 && out.divergences === 0 ? 'pass' : 'fail'} (Rscript ${wall.toFixed(0)} s)`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runOurs(
  data: BenchData,
  parametrisation: Parametrisation,
  seed: number,
): Promise<Row> {
  const input: MmmInput = {
    ...data.input,
    spec: parametrisation === 'textbook' ? textbookSpec : { parametrisation },
  };
  const request: FitRequest = {
    target: { kind: 'mmm', input },
    chains: 4,
    warmup: 1000,
    draws: 1000,
    seed,
    // The identical model samples at Stan's default adapt_delta (0.8); our default model at ours (0.9).
    ...(parametrisation === 'textbook' ? { targetAcceptance: 0.8 } : {}),
  };
  const started = Date.now();
  const fit = await createNodeChainRunner().run(request);
  const wall = (Date.now() - started) / 1000;
  const target = createMmmTarget(input);
  const names = target.design.channelNames;
  const roiDraws = names.map(
    () => new Float64Array(fit.chains.reduce((n, c) => n + c.numDraws, 0)),
  );
  let k = 0;
  for (const chain of fit.chains) {
    for (let i = 0; i < chain.numDraws; i++, k++) {
      const parameters = target.constrain(
        chain.draws.subarray(i * chain.dimension, (i + 1) * chain.dimension),
      );
      parameters.channels.forEach((channel, c) => (roiDraws[c][k] = channel.roi));
    }
  }
  const estimates = summariseRoi(names, roiDraws);
  const recovery = roiRecovery(estimates, data.trueRoi, data.spendTotal);
  return {
    engine: `ours ${parametrisation}`,
    data: data.label,
    wallSeconds: wall,
    samplingSeconds: wall,
    essBulkMin: Math.min(...fit.summary.map((s) => s.essBulk)),
    essTailMin: Math.min(...fit.summary.map((s) => s.essTail)),
    rhatMax: Math.max(...fit.summary.map((s) => s.rhat)),
    divergences: fit.chains.reduce((n, c) => n + c.stats.divergences, 0),
    roiError: recovery.weightedAbsoluteError,
    roiRelativeError: recovery.relativeError,
    coverage: recovery.coverage,
    gate: fit.gate.passed ? 'pass' : `fail (${fit.gate.reasons.length})`,
    channels: describeChannels(estimates, data.trueRoi),
  };
}

const HEADER = [
  'engine/model',
  'data',
  'wall s',
  'min bulk ESS',
  'min tail ESS',
  'ESS/s sampling',
  'ESS/s total',
  'max R-hat',
  'div',
  'ROI abs err (rel)',
  '90% cov',
  'gate',
];

function markdownLines(cells: readonly string[][]): string {
  return cells.map((row) => `| ${row.join(' | ')} |`).join('\n');
}

function table(rows: readonly Row[], withHeader = true): string {
  const lines = rows.map((r) => [
    r.engine,
    r.data,
    r.wallSeconds.toFixed(1),
    r.essBulkMin.toFixed(0),
    r.essTailMin.toFixed(0),
    (r.essBulkMin / r.samplingSeconds).toFixed(1),
    (r.essBulkMin / r.wallSeconds).toFixed(1),
    r.rhatMax.toFixed(3),
    String(r.divergences),
    `${r.roiError.toFixed(3)} (${(100 * r.roiRelativeError).toFixed(1)}%)`,
    `${(100 * r.coverage).toFixed(0)}%`,
    r.gate,
  ]);
  return markdownLines(withHeader ? [HEADER, HEADER.map(() => '---'), ...lines] : lines);
}

/** Per engine and size, over replicates: mean relative ROI error and pooled 90% coverage. */
function pooledTable(rows: readonly Row[]): string {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = `${row.engine}|${row.data.replace(/#\d+$/, '')}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const lines = [...groups.entries()].map(([key, group]) => {
    const [engine, size] = key.split('|');
    const mean = (f: (r: Row) => number) => group.reduce((a, r) => a + f(r), 0) / group.length;
    return [
      engine,
      size,
      String(group.length),
      `${(100 * mean((r) => r.roiRelativeError)).toFixed(1)}%`,
      `${(100 * mean((r) => r.coverage)).toFixed(0)}%`,
      String(group.filter((r) => r.gate.startsWith('pass')).length),
      String(group.reduce((a, r) => a + r.divergences, 0)),
    ];
  });
  const header = [
    'engine/model',
    'size',
    'data sets',
    'mean ROI rel err',
    'pooled 90% cov',
    'gates passed',
    'div',
  ];
  return markdownLines([header, header.map(() => '---'), ...lines]);
}

async function main(): Promise<void> {
  const only = flag('only', 'both');
  if (!['ours', 'stan', 'both', 'chromium'].includes(only))
    throw new Error(`--only must be ours, stan or chromium, got '${only}'`);
  if (only === 'chromium') return chromiumEngine(flag('record', ''));
  const sizes = flag('sizes', '156x6,260x10')
    .split(',')
    .map((text) => {
      const match = /^(\d+)x(\d+)$/.exec(text.trim());
      if (!match) throw new Error(`--sizes expects WEEKSxCHANNELS items, got '${text}'`);
      return [Number(match[1]), Number(match[2])] as const;
    });
  const seed = Number(flag('seed', '1'));
  const models = flag('models', 'textbook,roi')
    .split(',')
    .map((name) => {
      if (name !== 'textbook' && name !== 'roi')
        throw new Error(`--models takes textbook and/or roi, got '${name}'`);
      return name as Parametrisation;
    });
  const replicates = flag('replicates', '0')
    .split(',')
    .map((text) => {
      const replicate = Number(text);
      if (!Number.isInteger(replicate) || replicate < 0)
        throw new Error(`--replicates expects non-negative integers, got '${text}'`);
      return replicate;
    });
  const record = flag('record', '');
  if (only !== 'ours') ensureRstan();
  // Compiling takes minutes: start it now (cached by fit.R) and let our runs go meanwhile.
  const compiled = only === 'ours' ? Promise.resolve() : compileStan();
  compiled.catch(() => undefined); // awaited before the first Stan run; not unhandled meanwhile
  const started = new Date();
  const load = loadavg()[0];
  const rows: Row[] = [];
  const channelLines: string[] = [];
  // Rows are recorded as they finish, so a long run that is stopped still leaves its results.
  if (record) {
    const note = `Started ${started.toISOString()} — ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), load average ${load.toFixed(1)} at the start (machine shared with other jobs); ours: one worker per chain (4) on ${cpus().length} cores, Stan: cores = 2. Command: npx tsx bench/fit.ts ${process.argv.slice(2).join(' ')}`;
    appendFileSync(
      record,
      `\n## bench:fit ${started.toISOString().slice(0, 10)}\n\n${note}\n\n${markdownLines([HEADER, HEADER.map(() => '---')])}\n`,
    );
  }
  const add = (row: Row): void => {
    rows.push(row);
    process.stderr.write(`${table([row], false)}\n  ROI: ${row.channels}\n`);
    if (record) appendFileSync(record, `${table([row], false)}\n`);
    channelLines.push(`- ${row.engine} ${row.data}: ${row.channels}`);
  };
  for (const [weeks, channels] of sizes) {
    for (const replicate of replicates) {
      const data = benchData(weeks, channels, replicate);
      if (only !== 'stan') {
        for (const parametrisation of models) add(await runOurs(data, parametrisation, seed));
      }
      if (only !== 'ours') {
        await compiled;
        add(runStan(data, seed));
      }
    }
  }
  const pooled = replicates.length > 1 ? `\n${pooledTable(rows)}\n` : '';
  process.stdout.write(`${table(rows)}\n${pooled}${channelLines.join('\n')}\n`);
  if (record && pooled) appendFileSync(record, pooled);
  if (record)
    appendFileSync(
      record,
      `\nROI per channel, mean [90% HDI] (truth):\n${channelLines.join('\n')}\n\nFinished after ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s, load average ${loadavg()[0].toFixed(1)} at the end.\n`,
    );
}

async function chromiumEngine(record: string): Promise<void> {
  const started = new Date();
  const load = loadavg()[0];
  const row = await runChromiumFitBench();
  const table = chromiumFitTable(row);
  process.stdout.write(`${table}\n`);
  if (record)
    appendFileSync(
      record,
      `\n## bench:fit chromium ${started.toISOString().slice(0, 10)}\n\nStarted ${started.toISOString()} — ${cpus().length} cores, load average ${load.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end (machine shared). The sample, Standard preset (4 × (1000 + 1000), all channels and controls): the built app in Chromium vs the CLI's engine (worker_threads + reportOfFit) on the same input. Command: npx tsx bench/fit.ts --only chromium --record bench/RESULTS.md\n\n${table}\n`,
    );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const run = process.argv.includes('--geo')
    ? import('./fitGeo').then((geo) => geo.main())
    : main();
  run.catch((error: unknown) => {
    process.stderr.write(`bench:fit: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
