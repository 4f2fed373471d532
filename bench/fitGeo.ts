/**
 * `npm run bench:fit -- --geo` — the geo model's speed and recovery against the national model fitted
 * to the same data summed over geos, both 4 chains × (1000 + 1000) at their default settings through
 * the worker_threads runner (one worker per chain, 2 at a time on 2 cores).
 *
 *   npx tsx bench/fit.ts --geo [--sizes 40x156x6,20x104x5] [--seed 1] [--replicates 0]
 *                        [--chains 4] [--warmup 1000] [--draws 1000] [--target-accept δ]
 *                        [--record bench/RESULTS.md]
 *   npx tsx bench/fit.ts --geo --gradient-only [--sizes …] [--seconds 2]
 *   npx tsx bench/fit.ts --geo --warmup-phases [--sizes …] [--warmup 1000] [--draws 200]
 *
 * Data: `generateWeeklyGeo` (sample-data/generator/weeklyGeo.ts: the geo model's own form, per-geo
 * true ROIs known), sizes GEOSxWEEKSxCHANNELS. Columns: wall s; CPU s of the whole process (every
 * worker thread: on a shared machine the honest measure of work, wall ≥ CPU / 2 on 2 idle cores);
 * peak RSS (process-wide, so the largest of the rows so far); ms per gradient (one thread, in
 * process, at the MAP: geo vs national on the same data, the ratio in the national row); gradient
 * evaluations; mean tree depth; warmup / sampling seconds per chain; min bulk ESS and ESS/s (wall); max R-hat; divergences; the quality gate; national
 * ROI error (spend-weighted, relative) and 90% coverage; per-geo ROI error and coverage over every
 * geo × channel with spend (the national model's geo estimate is its national ROI).
 * Meridian's row is missing: it is on PyPI, which this machine cannot reach.
 *
 * `--gradient-only` and `--warmup-phases`: the quick views of bench/fitGeoQuick.ts.
 */
import { appendFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { hdi } from '../models/diagnostics/hdi';
import { pooledDraws, type FitRequest, type FitResult } from '../models/inference/chains';
import { createGeoMmmTarget } from '../models/mmm/geoTarget';
import type { GeoMmmInput } from '../models/mmm/geoTypes';
import { createMmmTarget } from '../models/mmm/target';
import type { MmmInput } from '../models/mmm/types';
import type { LogDensity, Target } from '../models/inference/types';
import { roiRecovery, type RoiEstimate } from '../models/report/roiRecovery';
import { createRng } from '../models/random/rng';
import { generateWeeklyGeo, type GeoTruth } from '../sample-data/generator/weeklyGeo';
import { createNodeChainRunner } from '../cli/workers/nodeChainRunner';

export interface GeoBenchData {
  readonly label: string;
  readonly geo: GeoMmmInput;
  /** The same data summed over geos (controls are national already). */
  readonly national: MmmInput;
  readonly truth: GeoTruth;
}

/** Fixed seeds per size and replicate, so every run compares on the same data. */
export function geoBenchData(
  geos: number,
  weeks: number,
  channels: number,
  replicate = 0,
): GeoBenchData {
  const seed = 31 * geos + 1000 * weeks + channels + 7919 * replicate;
  const g = generateWeeklyGeo({ geos, weeks, channels, seed });
  const sum = (values: Float64Array): Float64Array => {
    if (values.length === weeks) return values;
    const out = new Float64Array(weeks);
    for (let i = 0; i < values.length; i++) out[i % weeks] += values[i];
    return out;
  };
  const label = `${geos}x${weeks}x${channels}${replicate ? `#${replicate}` : ''}`;
  return {
    label,
    geo: {
      spec: {},
      data: {
        dates: g.dates,
        geoNames: g.geoNames,
        population: g.population,
        kpi: g.kpi,
        channelNames: g.channelNames,
        spend: g.spend,
        controlNames: g.controls.names,
        controls: g.controls.values,
      },
    },
    national: {
      spec: {},
      data: {
        dates: g.dates,
        kpi: sum(g.kpi),
        channelNames: g.channelNames,
        spend: g.spend.map(sum),
        controlNames: g.controls.names,
        controls: g.controls.values,
      },
    },
    truth: g.truth,
  };
}

/** Mean ms per log-density-and-gradient evaluation at `position`, after a warm-up. */
export function msPerGradient(target: LogDensity, position: Float64Array, seconds = 2): number {
  const gradient = new Float64Array(target.dimension);
  for (let i = 0; i < 50; i++) target.logDensityAndGradient(position, gradient);
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    for (let i = 0; i < 20; i++) target.logDensityAndGradient(position, gradient);
    count += 20;
  }
  return (performance.now() - started) / count;
}

export interface GeoRow {
  readonly model: 'geo' | 'national';
  readonly data: string;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
  readonly msPerGradient: number;
  readonly gradients: number;
  /** Mean NUTS tree depth over sampling, averaged over chains. */
  readonly treeDepth: number;
  /** Warmup and sampling seconds per chain, averaged over chains (thread time of each worker). */
  readonly warmupSeconds: number;
  readonly samplingSeconds: number;
  readonly essBulkMin: number;
  readonly rhatMax: number;
  readonly divergences: number;
  readonly gate: string;
  readonly roiError: number;
  readonly roiCoverage: number;
  readonly geoRoiError: number;
  readonly geoRoiCoverage: number;
  /** Per channel: national ROI mean [90% HDI] (truth). */
  readonly channels: string;
}

function estimate(name: string, draws: Float64Array): RoiEstimate {
  const interval = hdi(draws, 0.9);
  return {
    name,
    mean: draws.reduce((a, b) => a + b, 0) / draws.length,
    lo: interval.lower,
    hi: interval.upper,
  };
}

/** Constrained draws of a fit, mapped through `pick` into one column per output. */
function columns<P>(
  target: Target & { constrain(u: Float64Array): P },
  fit: FitResult,
  width: number,
  pick: (p: P, out: Float64Array) => void,
): Float64Array[] {
  const positions = pooledDraws(fit);
  const count = positions.length / target.dimension;
  const out = Array.from({ length: width }, () => new Float64Array(count));
  const row = new Float64Array(width);
  for (let d = 0; d < count; d++) {
    pick(
      target.constrain(positions.subarray(d * target.dimension, (d + 1) * target.dimension)),
      row,
    );
    row.forEach((v, k) => (out[k][d] = v));
  }
  return out;
}

function meanOverChains(fit: FitResult, value: (chain: FitResult['chains'][number]) => number) {
  return fit.chains.reduce((sum, chain) => sum + value(chain), 0) / fit.chains.length;
}

export interface FitSettings {
  readonly chains: number;
  readonly warmup: number;
  readonly draws: number;
  readonly seed: number;
  /** The geo fits' δ (`--target-accept`); the engine's default when absent. */
  readonly geoTargetAcceptance?: number;
}

/** Fits one model of `data` through the worker runner and scores it against the truth. */
export async function runGeoBenchFit(
  data: GeoBenchData,
  model: 'geo' | 'national',
  settings: FitSettings,
): Promise<GeoRow> {
  const { truth } = data;
  const names = truth.channels.map((c) => c.name);
  const geos = truth.geos.length;
  const request: FitRequest = {
    target:
      model === 'geo'
        ? { kind: 'geo-mmm', input: data.geo }
        : { kind: 'mmm', input: data.national },
    chains: settings.chains,
    warmup: settings.warmup,
    draws: settings.draws,
    seed: settings.seed,
    ...(model === 'geo' && settings.geoTargetAcceptance !== undefined
      ? { targetAcceptance: settings.geoTargetAcceptance }
      : {}),
  };
  const cpu = process.cpuUsage();
  const started = Date.now();
  const fit = await createNodeChainRunner({ maxConcurrency: 2 }).run(request);
  const wallSeconds = (Date.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const geoTarget = model === 'geo' ? createGeoMmmTarget(data.geo) : null;
  const nationalTarget = createMmmTarget(data.national);
  const target: Target = geoTarget ?? nationalTarget;
  const mode = target.initialPosition(createRng(0));
  // National ROI per channel, and per geo (the national model's geo estimate: its national ROI).
  const national = geoTarget
    ? columns(geoTarget, fit, names.length, (p, out) =>
        p.channels.forEach((c, k) => (out[k] = c.roi)),
      )
    : columns(nationalTarget, fit, names.length, (p, out) =>
        p.channels.forEach((c, k) => (out[k] = c.roi)),
      );
  const perGeo = geoTarget
    ? columns(geoTarget, fit, names.length * geos, (p, out) =>
        p.geo.channels.forEach((c, k) => c.roi.forEach((v, g) => (out[k * geos + g] = v))),
      )
    : national.flatMap((column) => Array.from({ length: geos }, () => column));
  const nationalEstimates = names.map((name, c) => estimate(name, national[c]));
  const recovery = roiRecovery(
    nationalEstimates,
    truth.channels.map((c) => c.roi),
    truth.channels.map((c) => c.totalSpend),
  );
  // Per-geo recovery over the geo × channel cells with spend.
  const cells: { estimate: RoiEstimate; truth: number; spend: number }[] = [];
  truth.channels.forEach((channel, c) =>
    channel.geoSpend.forEach((spend, g) => {
      if (spend > 0)
        cells.push({
          estimate: estimate(`${channel.name}@${g}`, perGeo[c * geos + g]),
          truth: channel.geoRoi[g],
          spend,
        });
    }),
  );
  const geoRecovery = roiRecovery(
    cells.map((x) => x.estimate),
    cells.map((x) => x.truth),
    cells.map((x) => x.spend),
  );
  return {
    model,
    data: data.label,
    wallSeconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    msPerGradient: msPerGradient(target, mode),
    gradients: fit.chains.reduce((n, c) => n + c.stats.gradientEvaluations, 0),
    treeDepth: meanOverChains(fit, (c) => c.stats.meanTreeDepth),
    warmupSeconds: meanOverChains(fit, (c) => c.stats.warmupSeconds),
    samplingSeconds: meanOverChains(fit, (c) => c.stats.samplingSeconds),
    essBulkMin: Math.min(...fit.summary.map((s) => s.essBulk)),
    rhatMax: Math.max(...fit.summary.map((s) => s.rhat)),
    divergences: fit.chains.reduce((n, c) => n + c.stats.divergences, 0),
    gate: fit.gate.passed ? 'pass' : `fail (${fit.gate.reasons.length})`,
    roiError: recovery.relativeError,
    roiCoverage: recovery.coverage,
    geoRoiError: geoRecovery.relativeError,
    geoRoiCoverage: geoRecovery.coverage,
    channels: nationalEstimates
      .map(
        (e, c) =>
          `${e.name} ${e.mean.toFixed(2)} [${e.lo.toFixed(2)}, ${e.hi.toFixed(2)}] (${truth.channels[c].roi.toFixed(2)})`,
      )
      .join('; '),
  };
}

const HEADER = [
  'model',
  'data',
  'wall s',
  'CPU s',
  'peak RSS MB',
  'ms/gradient',
  'gradients',
  'tree depth',
  'warmup / sampling s per chain',
  'min bulk ESS',
  'ESS/s',
  'max R-hat',
  'div',
  'gate',
  'ROI rel err',
  'ROI 90% cov',
  'geo ROI rel err',
  'geo ROI 90% cov',
];

export function markdownRows(
  rows: readonly GeoRow[],
  reference?: (row: GeoRow) => GeoRow | undefined,
): string[] {
  return rows.map((r) => {
    const peer = reference?.(r);
    const gradient = peer
      ? `${r.msPerGradient.toFixed(3)} (${(peer.msPerGradient / r.msPerGradient).toFixed(1)}×)`
      : r.msPerGradient.toFixed(3);
    return `| ${[
      r.model,
      r.data,
      r.wallSeconds.toFixed(1),
      r.cpuSeconds.toFixed(1),
      r.peakRssMb.toFixed(0),
      gradient,
      String(r.gradients),
      r.treeDepth.toFixed(1),
      `${r.warmupSeconds.toFixed(1)} / ${r.samplingSeconds.toFixed(1)}`,
      r.essBulkMin.toFixed(0),
      (r.essBulkMin / r.wallSeconds).toFixed(1),
      r.rhatMax.toFixed(3),
      String(r.divergences),
      r.gate,
      `${(100 * r.roiError).toFixed(1)}%`,
      `${(100 * r.roiCoverage).toFixed(0)}%`,
      `${(100 * r.geoRoiError).toFixed(1)}%`,
      `${(100 * r.geoRoiCoverage).toFixed(0)}%`,
    ].join(' | ')} |`;
  });
}

export const TABLE_HEAD = [
  `| ${HEADER.join(' | ')} |`,
  `| ${HEADER.map(() => '---').join(' | ')} |`,
];

/** The value after `--name` on the command line, or `fallback`. */
export function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

export function sizesOf(text: string): [number, number, number][] {
  return text.split(',').map((item) => {
    const match = /^(\d+)x(\d+)x(\d+)$/.exec(item.trim());
    if (!match) throw new Error(`--sizes expects GEOSxWEEKSxCHANNELS items, got '${item}'`);
    return [Number(match[1]), Number(match[2]), Number(match[3])];
  });
}

export function settingsOf(): FitSettings {
  return {
    chains: Number(flag('chains', '4')),
    warmup: Number(flag('warmup', '1000')),
    draws: Number(flag('draws', '1000')),
    seed: Number(flag('seed', '1')),
    ...(flag('target-accept', '')
      ? { geoTargetAcceptance: Number(flag('target-accept', '')) }
      : {}),
  };
}

export function recordHeading(title: string, record: string, settings: FitSettings): void {
  const note = `Started ${new Date().toISOString()} — ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), load average ${loadavg()[0].toFixed(1)} at the start (machine shared with other jobs); ${settings.chains} chains × (${settings.warmup} + ${settings.draws}), 2 workers at a time. Command: npx tsx ${process.argv
    .slice(1)
    .map((a) => a.replace(/^.*\/bench\//, 'bench/'))
    .join(' ')}`;
  appendFileSync(
    record,
    `\n## ${title} ${new Date().toISOString().slice(0, 10)}\n\n${note}\n\n${TABLE_HEAD.join('\n')}\n`,
  );
}

/** The national row's peer: the geo row of the same data (for the ms/gradient ratio). */
const geoPeer =
  (rows: readonly GeoRow[]) =>
  (r: GeoRow): GeoRow | undefined =>
    r.model === 'national' ? rows.find((x) => x.model === 'geo' && x.data === r.data) : undefined;

/** Fits the geo and the national model per size and replicate, printing and recording each row. */
export async function runGeoPairs(
  sizes: readonly [number, number, number][],
  replicates: readonly number[],
  settings: FitSettings,
  record: string,
): Promise<GeoRow[]> {
  const rows: GeoRow[] = [];
  for (const [geos, weeks, channels] of sizes)
    for (const replicate of replicates) {
      const data = geoBenchData(geos, weeks, channels, replicate);
      for (const model of ['geo', 'national'] as const) {
        const row = await runGeoBenchFit(data, model, settings);
        rows.push(row);
        const line = markdownRows([row], geoPeer(rows))[0];
        process.stderr.write(`${line}\n  ROI: ${row.channels}\n`);
        if (record) appendFileSync(record, `${line}\n`);
      }
    }
  return rows;
}

/** The speed table: per size, the geo model and the national model of the summed data. */
export async function main(): Promise<void> {
  const sizes = sizesOf(flag('sizes', '40x156x6,20x104x5'));
  if (process.argv.includes('--warmup-phases') || process.argv.includes('--gradient-only')) {
    const quick = await import('./fitGeoQuick');
    process.stdout.write(
      `${process.argv.includes('--warmup-phases') ? quick.warmupPhaseTable() : quick.gradientTable(sizes)}\n`,
    );
    return;
  }
  const replicates = flag('replicates', '0').split(',').map(Number);
  const settings = settingsOf();
  const record = flag('record', '');
  const started = Date.now();
  if (record) recordHeading('bench:fit --geo', record, settings);
  const rows = await runGeoPairs(sizes, replicates, settings, record);
  const table = markdownRows(rows, geoPeer(rows));
  process.stdout.write(
    `${[...TABLE_HEAD, ...table].join('\n')}\n\n${rows.map((r) => `- ${r.model} ${r.data}: ${r.channels}`).join('\n')}\n`,
  );
  if (record)
    appendFileSync(
      record,
      `\n${rows.map((r) => `- ${r.model} ${r.data}: ${r.channels}`).join('\n')}\n\nms/gradient: one thread, at the MAP; in the national row, (×) is how many national gradients one geo gradient costs. Meridian: not run (PyPI is unreachable from this machine). Finished after ${((Date.now() - started) / 1000).toFixed(0)} s, load average ${loadavg()[0].toFixed(1)} at the end.\n`,
    );
}
