/**
 * `npm run bench:import [-- --large] [--rows 1000000,…] [--formats csv,parquet] [--keep] [--cold]
 * [--repeat N] [--engines native,wasm,chromium]`: export → weekly model frame with duckdb-wasm
 * against native DuckDB (@duckdb/node-api) on the same files, through the same data-layer code and
 * therefore the same SQL. duckdb-wasm runs twice: `chromium` is the app's own engine (its DuckDB
 * and Parquet workers, built by Vite, in Debian's Chromium: Electron's runtime; importChromium.ts)
 * and `wasm` the CLI's (our Node adapter + parquet-wasm, on Node 20's older V8). `chromium` is
 * skipped when /usr/bin/chromium (or CHROMIUM_PATH) is missing.
 *
 * Files: a long daily media export (sample-data's `writeLargeExport`) plus a daily KPI table per geo
 * derived from it, as CSV and as Parquet (written natively). Each case runs in its own child process
 * so peak RSS (`process.resourceUsage().maxRSS`) is per case. Engine start-up is timed apart: for
 * wasm it includes what the app's DuckDB worker also does at open (automatic checkpoints off, the
 * heap grown once: models/data/prepareEngine.ts). So is a warm-up: each case first runs the same
 * pipeline on a 20,000-row export, because V8 compiles duckdb-wasm's code on first use and optimises
 * it once hot (`--cold` skips the warm-up and shows that one-off cost inside the timed import).
 * `--repeat N` runs each case N times, engines alternating, and keeps each engine's fastest run (for
 * a machine shared with other jobs).
 * Both engines open the files as the CLI does (a large file as its head plus a source DuckDB reads in
 * place: NODE_FS for wasm). Native differs only in how a file reaches a table: every file is read
 * from disk (symlinked under the name the data layer registers; Parquet through read_parquet).
 * Diagnostics (stderr, inherited by the case processes): `MMM_TRACE_SQL=1` logs every statement and
 * Arrow insert of either engine with its duration and end time; `MMM_THREAD_CPU=1` prints each
 * thread's CPU seconds in the timed region (the engine's, the Parquet decoder's, V8's background
 * compiler and GC threads').
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { openNodeConnection } from '../cli/duckdbNode';
import { openNativeConnection, type NativeConnection } from './nativeConnection';
import { mainThreadCpuSeconds, reportThreadCpu, threadCpuSeconds } from './processCpu';
import { parquetToIpcNode } from '../cli/parquetNode';
import { DiskFile, openInputFile } from '../cli/readBytes';
import { frameTotals, importAndFrame } from './importPipeline';
import { buildChromiumBench, CHROMIUM, runChromiumCase } from './importChromium';
import type { FileSource, InputFile, SqlConnection } from '../models/data/index';
import { writeLargeExport } from '../sample-data/generator/largeExport';
import { wideExportCsv } from '../sample-data/generator/wideExport';

/**
 * wasm: duckdb-wasm in Node (the CLI's engine); chromium: the app's engine in Chromium
 * (importChromium.ts); cli (wide cases): the shipped `mmm inspect` (bundle) in a fresh process, start-up included.
 */
type Engine = 'wasm' | 'native' | 'chromium' | 'cli';
const engineNames: readonly Engine[] = ['native', 'wasm', 'chromium', 'cli'];

/** Rows of the small export each case imports first (see runCase), unless `--cold`. */
const warmupRows = 20_000;
type Format = 'csv' | 'parquet';

/** One benchmark case: files, what is timed, and the label it is printed under. */
interface BenchCase {
  readonly rows: number;
  /** Columns of a wide case's file (0: the long media + KPI export). */
  readonly columns: number;
  readonly format: Format;
  readonly paths: readonly string[];
  readonly warmupPaths: readonly string[];
  /** Validate too (as `mmm inspect` does), not just import and frame. */
  readonly inspect: boolean;
}

interface CaseResult {
  readonly rows: number;
  readonly columns: number;
  readonly format: Format;
  readonly engine: Engine;
  /** 'framed', 'error: <the message>' (e.g. a file refused), or 'no answer after N s'. */
  readonly outcome: string;
  readonly startSeconds: number;
  /** The warm-up import of a small export (0 with `--cold`). */
  readonly warmupSeconds: number;
  readonly importSeconds: number;
  readonly frameSeconds: number;
  readonly seconds: number;
  /** CPU time (user + system) of import + frame, all threads of the case's process. */
  readonly cpuSeconds: number;
  /**
   * CPU time of import + frame on the thread that calls the engine. For wasm that is the engine's
   * only thread (the Parquet decoder and V8's compiler threads aside): its wall time on an idle
   * machine. NaN where /proc is missing.
   */
  readonly engineThreadSeconds: number;
  readonly peakRssMb: number;
  readonly weeks: number;
  readonly kpiTotal: number;
  readonly spendTotal: number;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Imports the files and builds the weekly frame with the data layer, as the app does. Both engines
 * open the files as the CLI does (cli/readBytes.ts: a large file as its head and a source read in
 * place); native gets a source for every file, so it always reads from disk.
 */
function importWith(
  conn: SqlConnection | NativeConnection,
  engine: Engine,
  paths: readonly string[],
  inspect: boolean,
) {
  const reads = paths.map((path) => async (): Promise<InputFile> => {
    const input = await openInputFile(path);
    if (engine === 'wasm' || input.source) return input;
    const source: FileSource = {
      size: input.bytes.length,
      handle: new DiskFile(resolve(path)),
      read: async () => input.bytes,
    };
    return { ...input, source };
  });
  const parquetToIpc = 'parquetToIpc' in conn ? conn.parquetToIpc : parquetToIpcNode;
  return importAndFrame(conn, reads, parquetToIpc, Date.now, { inspect });
}

async function runCase(engine: Engine, benchCase: BenchCase): Promise<CaseResult> {
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'mmm-bench-native-'));
  const conn = engine === 'wasm' ? await openNodeConnection() : await openNativeConnection(work);
  const opened = Date.now();
  // The same pipeline on a small export first: wasm code is compiled by V8 on first use (and
  // optimised once hot), which a one-off import would otherwise count; native gets the same warm-up.
  if (benchCase.warmupPaths.length > 0)
    await importWith(conn, engine, benchCase.warmupPaths, benchCase.inspect);
  const warmed = Date.now();
  const cpuAtStart = process.cpuUsage();
  const threadAtStart = mainThreadCpuSeconds();
  const threadsAtStart = process.env.MMM_THREAD_CPU === '1' ? threadCpuSeconds() : null;
  let outcome = 'framed';
  let totals = { weeks: 0, kpiTotal: 0, spendTotal: 0 };
  let imported = warmed;
  try {
    const answer = await importWith(conn, engine, benchCase.paths, benchCase.inspect);
    totals = frameTotals(answer.frame);
    imported = answer.importedAt;
  } catch (error) {
    // A file the data layer refuses (e.g. too many columns): how fast it says so is the measure.
    outcome = `error: ${errorMessage(error)}`;
    imported = Date.now();
  }
  const done = Date.now();
  const cpu = process.cpuUsage(cpuAtStart);
  const threadSeconds = mainThreadCpuSeconds() - threadAtStart;
  if (threadsAtStart) reportThreadCpu(threadsAtStart);
  rmSync(work, { recursive: true, force: true });
  return {
    rows: benchCase.rows,
    columns: benchCase.columns,
    format: benchCase.format,
    engine,
    outcome,
    startSeconds: (opened - started) / 1000,
    warmupSeconds: (warmed - opened) / 1000,
    importSeconds: (imported - warmed) / 1000,
    frameSeconds: (done - imported) / 1000,
    seconds: (done - warmed) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    engineThreadSeconds: threadSeconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    ...totals,
  };
}

/** The message of the first error `mmm inspect` lists (`  error   <code>   <file>: <message>`). */
function firstError(printed: string): string | null {
  return /^ {2}error +\S+ +(.*)$/m.exec(printed)?.[1] ?? null;
}

/**
 * `mmm inspect <file>` as a user runs it: the shipped launcher (`cli/bin/mmm.mjs`, the prebuilt
 * bundle) in a fresh process under `/usr/bin/time`, so `seconds`, CPU and peak RSS are the whole
 * process's (Node's start, DuckDB's start, import, validation, frame).
 */
async function runCliCase(benchCase: BenchCase): Promise<CaseResult> {
  const launcher = fileURLToPath(new URL('../cli/bin/mmm.mjs', import.meta.url));
  const measured = spawnSync(
    '/usr/bin/time',
    ['-f', 'mmm-time %e %U %S %M', process.execPath, launcher, 'inspect', ...benchCase.paths],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const time = /mmm-time (\S+) (\S+) (\S+) (\d+)/.exec(measured.stderr ?? '');
  if (!time)
    throw new Error(`mmm inspect was not measured: ${String(measured.error ?? measured.stderr)}`);
  const printed = measured.stdout ?? '';
  const weeks = /model frame: (\d+) weeks/.exec(printed);
  return {
    rows: benchCase.rows,
    columns: benchCase.columns,
    format: benchCase.format,
    engine: 'cli',
    outcome:
      measured.status === 0
        ? 'framed'
        : `error: ${firstError(printed) ?? `exit ${measured.status}`}`,
    startSeconds: Number.NaN,
    warmupSeconds: 0,
    importSeconds: Number.NaN,
    frameSeconds: Number.NaN,
    seconds: Number(time[1]),
    cpuSeconds: Number(time[2]) + Number(time[3]),
    engineThreadSeconds: Number.NaN,
    peakRssMb: Number(time[4]) / 1024,
    weeks: weeks ? Number(weeks[1]) : 0,
    kpiTotal: Number.NaN,
    spendTotal: Number.NaN,
  };
}

/** Writes media (CSV via writeLargeExport) and a KPI table derived from it, then Parquet copies of both. */
async function prepare(directory: string, rows: number): Promise<Record<Format, string[]>> {
  const media = join(directory, `media_${rows}.csv`);
  const kpi = join(directory, `kpi_${rows}.csv`);
  if (!existsSync(media)) {
    const summary = await writeLargeExport({ path: media, rows, seed: 20240101 });
    process.stderr.write(
      `wrote ${media}: ${summary.rows} rows, ${(summary.bytes / 1e6).toFixed(0)} MB, ${summary.geos} geos in ${summary.seconds.toFixed(1)} s\n`,
    );
  }
  const instance = await DuckDBInstance.create(':memory:');
  const native = await instance.connect();
  if (!existsSync(kpi)) {
    // Revenue per geo and day: a baseline plus 2.5 × that day's spend (a KPI table the frame joins on date and geo).
    await native.run(
      `COPY (SELECT date, geo, round(1000 + 2.5 * sum(spend), 2) AS revenue FROM read_csv('${media}') GROUP BY date, geo ORDER BY date, geo) TO '${kpi}' (HEADER, DELIMITER ',')`,
    );
  }
  for (const path of [media, kpi]) {
    const parquet = path.replace(/\.csv$/, '.parquet');
    if (!existsSync(parquet))
      await native.run(`COPY (SELECT * FROM read_csv('${path}')) TO '${parquet}' (FORMAT parquet)`);
  }
  native.closeSync();
  return {
    csv: [media, kpi],
    parquet: [media, kpi].map((path) => path.replace(/\.csv$/, '.parquet')),
  };
}

function child(
  engine: Engine,
  benchCase: BenchCase,
  pageDir: string | null,
  timeoutSeconds: number,
): CaseResult {
  const script = fileURLToPath(import.meta.url);
  const args = ['--child', '--engine', engine, '--case', JSON.stringify(benchCase)];
  if (pageDir) args.push('--page-dir', pageDir);
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    timeout: timeoutSeconds * 1000,
    killSignal: 'SIGKILL',
  });
  if (result.error && /ETIMEDOUT/.test(String(result.error)))
    return unanswered(engine, benchCase, timeoutSeconds);
  if (result.status !== 0)
    throw new Error(
      `case ${engine} ${benchCase.paths.join(',')} failed (exit ${result.status}): ${result.stderr.trim().split('\n').slice(-3).join(' | ')}`,
    );
  return JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as CaseResult;
}

/** A case stopped after `--case-timeout` seconds without an answer. */
function unanswered(engine: Engine, benchCase: BenchCase, seconds: number): CaseResult {
  return {
    rows: benchCase.rows,
    columns: benchCase.columns,
    format: benchCase.format,
    engine,
    outcome: `no answer after ${seconds} s (stopped)`,
    startSeconds: Number.NaN,
    warmupSeconds: Number.NaN,
    importSeconds: Number.NaN,
    frameSeconds: Number.NaN,
    seconds,
    cpuSeconds: Number.NaN,
    engineThreadSeconds: Number.NaN,
    peakRssMb: Number.NaN,
    weeks: 0,
    kpiTotal: Number.NaN,
    spendTotal: Number.NaN,
  };
}

/** A figure to print ('' for none: NaN comes back from a case's JSON as null). */
function fixed(value: number | null, digits = 2): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '';
}

function printTable(results: readonly CaseResult[], wide: boolean): void {
  const header = [
    ...(wide ? ['columns', 'rows', 'engine', 'outcome'] : ['rows', 'format', 'engine']),
    'seconds',
    'cpu s',
    'wasm thread s',
    'import s',
    'frame s',
    'start s',
    'warm-up s',
    'peak RSS MB',
    'wasm/native',
  ];
  const lines = results.map((result) => {
    const native = results.find(
      (other) =>
        other.rows === result.rows &&
        other.columns === result.columns &&
        other.format === result.format &&
        other.engine === 'native',
    );
    // The CLI's seconds include its process start, which native's are without: no ratio.
    const ratio =
      result.engine !== 'native' && result.engine !== 'cli' && native
        ? (result.seconds / native.seconds).toFixed(2)
        : '';
    return [
      ...(wide
        ? [
            result.columns.toLocaleString('en'),
            result.rows.toLocaleString('en'),
            result.engine,
            result.outcome.length > 60 ? `${result.outcome.slice(0, 57)}...` : result.outcome,
          ]
        : [result.rows.toLocaleString('en'), result.format, result.engine]),
      fixed(result.seconds),
      fixed(result.cpuSeconds),
      result.engine === 'wasm' ? fixed(result.engineThreadSeconds) : '',
      fixed(result.importSeconds),
      fixed(result.frameSeconds),
      fixed(result.startSeconds),
      fixed(result.warmupSeconds),
      fixed(result.peakRssMb, 0),
      ratio,
    ];
  });
  const widths = header.map((_, index) =>
    Math.max(header[index].length, ...lines.map((line) => line[index].length)),
  );
  for (const line of [header, ...lines])
    process.stdout.write(line.map((cell, index) => cell.padStart(widths[index])).join('  ') + '\n');
}

/** `--wide 300x156,5000x60`: campaigns × weeks, a spend column per campaign (the issue's shape). */
function wideSpecs(text: string): { campaigns: number; weeks: number }[] {
  return text.split(',').map((spec) => {
    const match = /^(\d+)x(\d+)$/.exec(spec.trim());
    if (!match) throw new Error(`--wide: '${spec}' is not <spend columns>x<weeks>`);
    return { campaigns: Number(match[1]), weeks: Number(match[2]) };
  });
}

/** A wide CSV (`date, revenue, spend_c0 …`) in `directory`, written once. */
function wideFile(directory: string, campaigns: number, weeks: number): string {
  const path = join(directory, `wide_${campaigns}x${weeks}.csv`);
  if (!existsSync(path))
    writeFileSync(path, wideExportCsv({ campaigns, weeks, seed: 20240101 }).text);
  return path;
}

async function benchCases(values: {
  wide?: string;
  rows?: string;
  large?: boolean;
  formats?: string;
  cold?: boolean;
  directory: string;
}): Promise<BenchCase[]> {
  if (values.wide !== undefined) {
    const warmupPaths = values.cold ? [] : [wideFile(values.directory, 10, 20)];
    return wideSpecs(values.wide || defaultWide).map(({ campaigns, weeks }) => ({
      rows: weeks,
      columns: campaigns + 2,
      format: 'csv',
      paths: [wideFile(values.directory, campaigns, weeks)],
      warmupPaths,
      inspect: true,
    }));
  }
  const sizes = values.rows
    ? values.rows.split(',').map(Number)
    : values.large
      ? [1_000_000, 10_000_000]
      : [1_000_000];
  const warmup = values.cold ? null : await prepare(values.directory, warmupRows);
  const formats = (values.formats ?? 'csv,parquet')
    .split(',')
    .filter((format): format is Format => format === 'csv' || format === 'parquet');
  const cases: BenchCase[] = [];
  for (const rows of sizes) {
    const paths = await prepare(values.directory, rows);
    for (const format of formats)
      cases.push({
        rows,
        columns: 0,
        format,
        paths: paths[format],
        warmupPaths: warmup ? warmup[format] : [],
        inspect: false,
      });
  }
  return cases;
}

/** The issue's sizes: 30–300 spend columns × 156 weeks, 500 and 5,000 × 60. */
const defaultWide = '30x156,60x156,100x156,200x156,300x156,500x60,5000x60';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      child: { type: 'boolean' },
      engine: { type: 'string' },
      case: { type: 'string' },
      rows: { type: 'string' },
      large: { type: 'boolean' },
      wide: { type: 'string' },
      keep: { type: 'boolean' },
      dir: { type: 'string' },
      cold: { type: 'boolean' },
      repeat: { type: 'string' },
      formats: { type: 'string' },
      'page-dir': { type: 'string' },
      engines: { type: 'string' },
      'case-timeout': { type: 'string' },
    },
  });
  if (values.child) {
    const benchCase = JSON.parse(values.case ?? '{}') as BenchCase;
    let result: CaseResult;
    if (values.engine === 'chromium') {
      const timing = await runChromiumCase(values['page-dir'] ?? '', benchCase);
      result = {
        ...timing,
        rows: benchCase.rows,
        columns: benchCase.columns,
        format: benchCase.format,
        engine: 'chromium',
        engineThreadSeconds: Number.NaN,
      };
    } else if (values.engine === 'cli') result = await runCliCase(benchCase);
    else result = await runCase(values.engine as Engine, benchCase);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  }
  const directory = values.dir
    ? resolve(values.dir)
    : mkdtempSync(join(tmpdir(), 'mmm-bench-import-'));
  mkdirSync(directory, { recursive: true });
  const repeat = Math.max(1, Number(values.repeat ?? 1) || 1);
  const caseTimeout = Math.max(1, Number(values['case-timeout'] ?? 600) || 600);
  const wide = values.wide !== undefined;
  const defaultEngines = `native,wasm${existsSync(CHROMIUM) ? ',chromium' : ''}${wide ? ',cli' : ''}`;
  const engines = (values.engines ?? defaultEngines)
    .split(',')
    .filter((name): name is Engine => engineNames.includes(name as Engine));
  const results: CaseResult[] = [];
  let pageDir: string | null = null;
  if (engines.includes('chromium')) {
    pageDir = mkdtempSync(join(tmpdir(), 'mmm-bench-browser-'));
    process.stderr.write('building the Chromium bench page…\n');
    buildChromiumBench(pageDir);
  }
  try {
    for (const benchCase of await benchCases({ ...values, directory })) {
      // Engines alternate within each repeat, so all see the same background load; the fastest run counts.
      const best = new Map<Engine, CaseResult>();
      for (let attempt = 1; attempt <= repeat; attempt++) {
        for (const engine of engines) {
          const label = wide
            ? `${benchCase.columns} columns × ${benchCase.rows} rows`
            : `${benchCase.rows} rows, ${benchCase.format}`;
          process.stderr.write(`running ${label}, ${engine} (${attempt}/${repeat})…\n`);
          const result = child(engine, benchCase, pageDir, caseTimeout);
          const previous = best.get(engine);
          if (!previous || result.seconds < previous.seconds) best.set(engine, result);
          process.stderr.write(
            `  ${fixed(result.seconds)} s (cpu ${fixed(result.cpuSeconds)} s), ${fixed(result.peakRssMb, 0)} MB, ${result.outcome}, ${result.weeks} weeks, KPI total ${fixed(result.kpiTotal, 0)}, spend total ${fixed(result.spendTotal, 0)}\n`,
          );
        }
      }
      for (const engine of engines) {
        const result = best.get(engine);
        if (result) results.push(result);
      }
    }
  } finally {
    if (!values.keep && !values.dir) rmSync(directory, { recursive: true, force: true });
    if (pageDir) rmSync(pageDir, { recursive: true, force: true });
  }
  printTable(results, wide);
  const mismatched = results.filter((result) =>
    results.some(
      (other) =>
        other.rows === result.rows &&
        other.columns === result.columns &&
        Number.isFinite(other.spendTotal) &&
        Number.isFinite(result.spendTotal) &&
        Math.abs(other.spendTotal - result.spendTotal) > 1e-6 * Math.abs(result.spendTotal),
    ),
  );
  if (mismatched.length) {
    process.stderr.write('engines disagree on the frame totals\n');
    return 1;
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench:import: ${errorMessage(error)}\n`);
    process.exitCode = 1;
  },
);
