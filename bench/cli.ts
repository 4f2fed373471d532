/**
 * `npm run bench:cli` — how long `mmm` takes from the shell, each figure beside bare Node
 * (`node -e 0`) measured in the same run, and optionally beside another build of the CLI (`--baseline`)
 * measured alternately with it, so both see the same background load.
 *
 *   npx tsx bench/cli.ts [--baseline-ref main | --baseline <path/to/cli/bin/mmm.mjs>] [--repeat 5]
 *                        [--fit-repeat 1] [--no-fit] [--record bench/RESULTS.md]
 *
 * Cases (the targets): `mmm --help` (≤ 0.3 s above bare Node), `mmm inspect` of a 2-row CSV
 * (≤ 1 s), `mmm dml` of 500 rows (≤ 1.5 s: CCDDHNR 2018 design, p = 20 controls, a weekly date so
 * trend and Fourier terms are added, lasso, 5 folds) and `mmm fit` of the sample as `npm run demo` runs it
 * (4 chains × (1000 + 1000), seed 1; no slower than the baseline). Each process is started as a
 * user starts it (`node cli/bin/mmm.mjs …`); wall seconds are timed around it and its user + system
 * CPU seconds read through /usr/bin/time (NaN without it). Medians over `--repeat` rounds (fit:
 * `--fit-repeat`), cases and builds interleaved within each round. `--baseline-ref <git ref>`
 * extracts that commit of this repository into a temporary folder (sharing this node_modules) and
 * uses its launcher as the baseline. Every run's output is checked, so a broken build cannot look fast.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from '../models/random/rng';
import { SAMPLE_CHANNELS, SAMPLE_CONTROLS } from '../scripts/sampleMarkets';
import { simulateCcddhnr } from './dml-coverage';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

interface Case {
  readonly name: string;
  /** A reference measured once per round with its own command, for this tree only. */
  readonly command?: readonly string[];
  /** Seconds the case may take (`above node`: above bare Node's median). */
  readonly target: { readonly seconds: number; readonly aboveNode: boolean } | 'baseline' | null;
  readonly args: readonly string[];
  /** Throws when the run's exit code or output shows it did not do its work. */
  readonly check: (code: number, stdout: string) => void;
  readonly heavy?: boolean;
}

function writeInputs(folder: string): { twoRows: string; dml: string } {
  const twoRows = join(folder, 'two_rows.csv');
  writeFileSync(twoRows, 'date,revenue,tv_spend\n2024-01-01,100,10\n2024-01-08,120,12\n');
  const { y, d, X } = simulateCcddhnr(createRng(17), 500, 20);
  const header = ['week', 'y', 'd', ...Array.from({ length: X.cols }, (_, j) => `x${j + 1}`)];
  const start = Date.UTC(2014, 0, 6);
  const lines = Array.from({ length: X.rows }, (_, i) =>
    [
      new Date(start + i * 7 * 86_400_000).toISOString().slice(0, 10),
      y[i],
      d[i],
      ...X.data.subarray(i * X.cols, (i + 1) * X.cols),
    ].join(','),
  );
  const dml = join(folder, 'dml_500.csv');
  writeFileSync(dml, [header.join(','), ...lines].join('\n') + '\n');
  return { twoRows, dml };
}

/**
 * A script that only opens and closes the CLI's DuckDB (cli/duckdbNode.ts) with one query: the
 * floor under every command that reads data. Bundled into node_modules/.cache so that duckdb-wasm
 * resolves as it does for dist-cli/.
 */
async function duckdbStartScript(): Promise<string> {
  const folder = join(root, 'node_modules/.cache/mmm-bench-cli');
  const entry = join(folder, 'duckdbStart.ts');
  const outfile = join(folder, 'duckdbStart.mjs');
  execFileSync('mkdir', ['-p', folder]);
  writeFileSync(
    entry,
    `import { openNodeConnection } from ${JSON.stringify(join(root, 'cli/duckdbNode.ts'))};\nconst c = await openNodeConnection();\nawait c.query('SELECT 42');\nawait c.close();\n`,
  );
  const { build } = await import('esbuild');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['@duckdb/duckdb-wasm'],
    banner: {
      js: "import { createRequire as __create } from 'node:module'; const require = __create(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return outfile;
}

function cases(inputs: { twoRows: string; dml: string }, duckdbStart: string): Case[] {
  const channels = SAMPLE_CHANNELS.map((channel) => `${channel}_spend`).join(',');
  return [
    {
      name: 'duckdb-wasm start (reference)',
      command: [process.execPath, duckdbStart],
      target: null,
      args: [],
      check: (code) => {
        if (code !== 0) throw new Error(`the DuckDB start script exited ${code}`);
      },
    },
    {
      name: 'mmm --help',
      target: { seconds: 0.3, aboveNode: true },
      args: ['--help'],
      check: (code, out) => {
        if (code !== 0 || !out.includes('usage: mmm')) throw new Error('no usage printed');
      },
    },
    {
      name: 'mmm inspect (2-row CSV)',
      target: { seconds: 1, aboveNode: false },
      args: ['inspect', inputs.twoRows],
      check: (code, out) => {
        if (code > 1 || !out.includes('usable:')) throw new Error(`inspect exited ${code}`);
      },
    },
    {
      name: 'mmm dml (500 rows)',
      target: { seconds: 1.5, aboveNode: false },
      args: [
        'dml',
        inputs.dml,
        '--outcome',
        'y',
        '--treatments',
        'd',
        '--controls',
        Array.from({ length: 20 }, (_, j) => `x${j + 1}`).join(','),
        '--date',
        'week',
        '--json',
      ],
      check: (code, out) => {
        if (code !== 0 || !out.includes('"theta"')) throw new Error(`dml exited ${code}`);
      },
    },
    {
      name: 'mmm fit (sample, 4 × (1000 + 1000))',
      target: 'baseline',
      args: [
        'fit',
        join(root, 'sample-data/media_weekly_wide.csv'),
        '--date',
        'week',
        '--kpi',
        'revenue',
        '--channels',
        channels,
        '--controls',
        SAMPLE_CONTROLS.join(','),
        '--seed',
        '1',
        '--json',
      ],
      check: (code, out) => {
        if (code !== 0 || !out.includes('"mmm-fit-summary"')) throw new Error(`fit exited ${code}`);
      },
      heavy: true,
    },
  ];
}

interface Timing {
  readonly wall: number;
  readonly cpu: number;
  /** Peak resident memory of the process, MB. */
  readonly peakMb: number;
}

const TIME = '/usr/bin/time';
/** The CLI as a user gets it: never forced onto its TypeScript sources. */
const benchEnvironment = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => name !== 'MMM_FROM_SOURCE'),
);

function measure(command: readonly string[], check?: Case['check']): Timing {
  const cpuFile = join(tmpdir(), `mmm-bench-cli-${process.pid}.time`);
  const timed = existsSync(TIME) ? [TIME, '-f', '%U %S %M', '-o', cpuFile, ...command] : command;
  const started = performance.now();
  const result = spawnSync(timed[0], timed.slice(1), {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: benchEnvironment,
  });
  const wall = (performance.now() - started) / 1000;
  // A launcher that finds its bundle older than its sources runs them through tsx: not what a
  // user of an installed CLI gets, so not what is measured.
  if (/running from source/.test(result.stderr ?? ''))
    throw new Error(`${command.join(' ')}: ${result.stderr.trim()}`);
  check?.(result.status ?? -1, result.stdout);
  let cpu = Number.NaN;
  let peakMb = Number.NaN;
  if (existsSync(cpuFile)) {
    const [user, system, kilobytes] = readFileSync(cpuFile, 'utf8')
      .trim()
      .split(/\s+/)
      .slice(-3)
      .map(Number);
    cpu = user + system;
    peakMb = kilobytes / 1024;
    rmSync(cpuFile);
  }
  return { wall, cpu, peakMb };
}

/** Extracts `ref` of this repository beside a link to this node_modules; returns its launcher. */
function checkoutBaseline(ref: string, folder: string): { bin: string; label: string } {
  const sha = execFileSync('git', ['rev-parse', '--short', ref], { cwd: root, encoding: 'utf8' })
    .trim()
    .slice(0, 10);
  execFileSync('sh', ['-c', `git archive ${sha} | tar -x -C '${folder}'`], { cwd: root });
  symlinkSync(join(root, 'node_modules'), join(folder, 'node_modules'));
  // A baseline with its own build step gets it, as `npm ci` would have run it.
  if (existsSync(join(folder, 'scripts/build-cli.mjs')))
    execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: folder, stdio: 'ignore' });
  return { bin: join(folder, 'cli/bin/mmm.mjs'), label: `${ref} (${sha})` };
}

function format(value: number, digits = 2): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '–';
}

async function main(): Promise<void> {
  const repeat = Number(flag('repeat', '5'));
  const fitRepeat = Number(flag('fit-repeat', '1'));
  const withFit = !process.argv.includes('--no-fit');
  const record = flag('record', '');
  const work = mkdtempSync(join(tmpdir(), 'mmm-bench-cli-'));
  const startedAt = new Date().toISOString();
  const loadAtStart = loadavg()[0];
  try {
    const builds: { label: string; bin: string }[] = [
      { label: 'this tree', bin: join(root, 'cli/bin/mmm.mjs') },
    ];
    const baselineRef = flag('baseline-ref', '');
    const baselinePath = flag('baseline', '');
    if (baselineRef) {
      const folder = join(work, 'baseline');
      execFileSync('mkdir', ['-p', folder]);
      builds.push(checkoutBaseline(baselineRef, folder));
    } else if (baselinePath) builds.push({ label: baselinePath, bin: resolve(baselinePath) });
    // Built as `npm ci` builds it, so "this tree" is measured with its current sources.
    execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: root, stdio: 'ignore' });

    const inputs = writeInputs(work);
    const all = cases(inputs, await duckdbStartScript()).filter((item) => withFit || !item.heavy);
    const samples = new Map<string, Timing[]>();
    const add = (key: string, timing: Timing): void => {
      samples.set(key, [...(samples.get(key) ?? []), timing]);
    };
    // One untimed call per build: the first call after a build reads files cold.
    for (const build of builds) measure([process.execPath, build.bin, '--help']);
    const [current, baseline] = builds;
    const rounds = Math.max(repeat, withFit ? fitRepeat : 0);
    for (let round = 0; round < rounds; round++) {
      if (round < repeat) add('node', measure([process.execPath, '-e', '0']));
      for (const item of all) {
        if (round >= (item.heavy ? fitRepeat : repeat)) continue;
        // Alternate which build goes first, so neither always runs right after the other.
        const order = item.command ? [current] : round % 2 ? [...builds].reverse() : builds;
        for (const build of order) {
          const timing = measure(
            item.command ?? [process.execPath, build.bin, ...item.args],
            item.check,
          );
          add(`${item.name}|${build.label}`, timing);
          process.stderr.write(
            `round ${round + 1}: ${item.name} [${build.label}] ${timing.wall.toFixed(2)} s (cpu ${format(timing.cpu)} s)\n`,
          );
        }
      }
    }

    const node = samples.get('node')!;
    const nodeWall = median(node.map((t) => t.wall));
    const header = [
      'case',
      'target',
      ...(baseline ? [`${baseline.label} s`] : []),
      `${current.label} s`,
      `${current.label} − node s`,
      ...(baseline ? ['ratio to baseline'] : []),
      ...(baseline ? [`${baseline.label} cpu s`] : []),
      `${current.label} cpu s`,
      ...(baseline ? [`${baseline.label} peak MB`] : []),
      `${current.label} peak MB`,
      'met',
    ];
    const rows: string[][] = [
      [
        'node -e 0',
        '',
        ...(baseline ? [''] : []),
        format(nodeWall),
        '0.00',
        ...(baseline ? [''] : []),
        ...(baseline ? [''] : []),
        format(median(node.map((t) => t.cpu))),
        ...(baseline ? [''] : []),
        format(median(node.map((t) => t.peakMb)), 0),
        '',
      ],
    ];
    for (const item of all) {
      const ours = samples.get(`${item.name}|${current.label}`)!;
      const theirs = baseline ? samples.get(`${item.name}|${baseline.label}`) : undefined;
      const wall = median(ours.map((t) => t.wall));
      const baseWall = theirs ? median(theirs.map((t) => t.wall)) : Number.NaN;
      const target = item.target;
      const met =
        target === null
          ? ''
          : target === 'baseline'
            ? theirs
              ? wall <= baseWall * 1.05
                ? 'yes'
                : 'no'
              : '?'
            : (target.aboveNode ? wall - nodeWall : wall) <= target.seconds
              ? 'yes'
              : 'no';
      rows.push([
        item.name,
        target === null
          ? ''
          : target === 'baseline'
            ? '≤ baseline'
            : `≤ ${target.seconds} s${target.aboveNode ? ' above node' : ''}`,
        ...(baseline ? [format(baseWall)] : []),
        format(wall),
        format(wall - nodeWall),
        ...(baseline ? [format(wall / baseWall)] : []),
        ...(baseline ? [format(theirs ? median(theirs.map((t) => t.cpu)) : Number.NaN)] : []),
        format(median(ours.map((t) => t.cpu))),
        ...(baseline ? [format(theirs ? median(theirs.map((t) => t.peakMb)) : Number.NaN, 0)] : []),
        format(median(ours.map((t) => t.peakMb)), 0),
        met,
      ]);
    }
    const markdown = [
      `| ${header.join(' | ')} |`,
      `| ${header.map(() => '---').join(' | ')} |`,
      ...rows.map((row) => `| ${row.join(' | ')} |`),
    ].join('\n');
    const loadAtEnd = loadavg()[0];
    const note = `Started ${startedAt} — ${cpus().length} cores, load average ${loadAtStart.toFixed(1)} at the start and ${loadAtEnd.toFixed(1)} at the end; medians of ${repeat} rounds (fit: ${fitRepeat}), builds alternating. Command: npx tsx bench/cli.ts ${process.argv.slice(2).join(' ')}`;
    console.log(`\n${note}\n\n${markdown}`);
    if (record)
      appendFileSync(
        record,
        `\n## bench:cli ${startedAt.slice(0, 10)}\n\n${note}\n\n${markdown}\n`,
      );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`bench:cli: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
