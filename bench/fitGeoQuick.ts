/**
 * The geo bench's quick views, seconds or minutes instead of a fit's hours, to iterate on the geo
 * model's speed (models/mmm/README.md, "Speed"):
 *
 * `npx tsx bench/fit.ts --geo --gradient-only [--sizes …] [--seconds 2] [--record …]`: per size, ms
 * per gradient of the geo and the national model (interleaved rounds, so load hits both alike), ns
 * per geo × week × channel cell, and the seconds to the geo model's start (its mode and the
 * Laplace metric: 2d gradients).
 *
 * `npx tsx bench/fit.ts --geo --warmup-phases [--sizes 20x104x5] [--warmup 1000] [--draws 200]
 * [--target-accept δ] [--record bench/RESULTS.md]`: where a geo chain's gradients go. One chain
 * (seed, chain 0) in this thread, its gradients counted per iteration and averaged over Stan's
 * warmup phases (the initial buffer, each slow window, the terminal buffer) and over sampling: the
 * measure that found the degenerate start (models/mmm/README.md, "Speed").
 */
import { appendFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { LogDensity } from '../models/inference/types';
import { sampleChain } from '../models/inference/sampleChain';
import { warmupSchedule } from '../models/inference/warmup';
import { createGeoMmmTarget } from '../models/mmm/geoTarget';
import { createMmmTarget } from '../models/mmm/target';
import { createRng } from '../models/random/rng';
import { flag, geoBenchData, settingsOf, sizesOf } from './fitGeo';

/** Mean ms per gradient of each target, measured in alternating rounds of `seconds`/10 each. */
export function interleavedMsPerGradient(
  targets: readonly { target: LogDensity; position: Float64Array }[],
  seconds: number,
): number[] {
  const gradients = targets.map(({ target }) => new Float64Array(target.dimension));
  const elapsed = targets.map(() => 0);
  const counts = targets.map(() => 0);
  targets.forEach(({ target, position }, i) => {
    for (let k = 0; k < 50; k++) target.logDensityAndGradient(position, gradients[i]);
  });
  for (let round = 0; round < 10; round++)
    targets.forEach(({ target, position }, i) => {
      const started = performance.now();
      while (performance.now() - started < seconds * 100) {
        for (let k = 0; k < 10; k++) target.logDensityAndGradient(position, gradients[i]);
        counts[i] += 10;
      }
      elapsed[i] += performance.now() - started;
    });
  return elapsed.map((ms, i) => ms / counts[i]);
}

/** `--gradient-only`: the ms/gradient table, geo against national, per size. */
export function gradientTable(sizes: readonly [number, number, number][]): string {
  const seconds = Number(flag('seconds', '2'));
  const lines = [
    '| data | geo ms/gradient | national ms/gradient | geo / national | ns per cell | geo start s (MAP + metric) |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const [geos, weeks, channels] of sizes) {
    const data = geoBenchData(geos, weeks, channels);
    const geo = createGeoMmmTarget(data.geo);
    const started = performance.now();
    const geoStart = geo.initialPosition(createRng(0));
    geo.initialInverseMassMatrix?.(geoStart);
    const startSeconds = (performance.now() - started) / 1000;
    const national = createMmmTarget(data.national);
    const [geoMs, nationalMs] = interleavedMsPerGradient(
      [
        { target: geo, position: geoStart },
        { target: national, position: national.initialPosition(createRng(0)) },
      ],
      seconds,
    );
    const cells = geos * geo.geoDesign.trainingWeeks * channels;
    const line = `| ${data.label} | ${geoMs.toFixed(3)} | ${nationalMs.toFixed(3)} | ${(geoMs / nationalMs).toFixed(1)}× | ${((geoMs * 1e6) / cells).toFixed(0)} | ${startSeconds.toFixed(1)} |`;
    process.stderr.write(`${line}\n`);
    lines.push(line);
  }
  const table = lines.join('\n');
  record(
    '--gradient-only',
    "One thread, geo and national in alternating rounds at each model's starting point.",
    table,
  );
  return table;
}

/** Appends `table` under a dated heading to the file `--record` names, if any. */
function record(mode: string, note: string, table: string): void {
  const file = flag('record', '');
  if (file)
    appendFileSync(
      file,
      `\n## bench:fit --geo ${mode} ${new Date().toISOString().slice(0, 10)}\n\n${note} Load average ${loadavg()[0].toFixed(1)} at the end (machine shared). Command: npx tsx bench/fit.ts ${process.argv.slice(2).join(' ')}\n\n${table}\n`,
    );
}

/** [label, first iteration, end] of each phase of `warmup` + `draws` iterations. */
function phasesOf(warmup: number, draws: number): [string, number, number][] {
  const { initialBuffer, slowWindows } = warmupSchedule(warmup);
  const bounds = [0, initialBuffer, ...slowWindows.map((w) => w.end), warmup];
  const phases: [string, number, number][] = [];
  for (let i = 0; i + 1 < bounds.length; i++)
    if (bounds[i + 1] > bounds[i])
      phases.push([`${bounds[i]}–${bounds[i + 1]}`, bounds[i], bounds[i + 1]]);
  phases.push([`sampling (${draws})`, warmup, warmup + draws]);
  return phases;
}

export function warmupPhaseTable(): string {
  const settings = settingsOf();
  const draws = Number(flag('draws', '200'));
  const phases = phasesOf(settings.warmup, draws);
  const lines = [
    `| data | ${phases.map(([label]) => label).join(' | ')} | gradients | seconds |`,
    `| --- | ${phases.map(() => '---').join(' | ')} | --- | --- |`,
  ];
  for (const [geos, weeks, channels] of sizesOf(flag('sizes', '20x104x5'))) {
    const data = geoBenchData(geos, weeks, channels);
    const target = createGeoMmmTarget(data.geo);
    let count = 0;
    const counted: LogDensity = {
      dimension: target.dimension,
      logDensityAndGradient(position, gradient) {
        count += 1;
        return target.logDensityAndGradient(position, gradient);
      },
    };
    const perIteration: number[] = [];
    let last = 0;
    const started = performance.now();
    sampleChain({
      target: {
        ...target,
        logDensityAndGradient: counted.logDensityAndGradient,
      },
      warmup: settings.warmup,
      draws,
      seed: settings.seed,
      chainId: 0,
      targetAcceptance: settings.geoTargetAcceptance ?? 0.9,
      progressIntervalMs: 0,
      onProgress: () => {
        perIteration.push(count - last);
        last = count;
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const means = phases.map(([, from, to]) => {
      const slice = perIteration.slice(from, to);
      return slice.reduce((a, b) => a + b, 0) / slice.length;
    });
    const line = `| ${data.label} | ${means.map((m) => m.toFixed(1)).join(' | ')} | ${count} | ${seconds.toFixed(0)} |`;
    process.stderr.write(`${line}\n`);
    lines.push(line);
  }
  const table = lines.join('\n');
  record(
    '--warmup-phases',
    'Mean gradients per iteration by phase, one chain in one thread.',
    table,
  );
  return table;
}
