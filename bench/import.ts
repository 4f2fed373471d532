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
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { openNodeConnection } from '../cli/duckdbNode';
import { parquetToIpcNode } from '../cli/parquetNode';
import { DiskFile, openInputFile } from '../cli/readBytes';
import { frameTotals, importAndFrame } from './importPipeline';
import { buildChromiumBench, CHROMIUM, runChromiumCase } from './importChromium';
import type {
  ArrowTableLike,
  FileSource,
  InputFile,
  ParquetToIpc,
  SqlConnection,
} from '../models/data/index';
import { writeLargeExport } from '../sample-data/generator/largeExport';

type NativeConnection = SqlConnection & { parquetToIpc: ParquetToIpc };

/** wasm: duckdb-wasm in Node (CLI); chromium: the app's engine in Chromium (importChromium.ts). */
type Engine = 'wasm' | 'native' | 'chromium';

/** Rows of the small export each case imports first (see runCase), unless `--cold`. */
const warmupRows = 20_000;
type Format = 'csv' | 'parquet';

interface CaseResult {
  readonly rows: number;
  readonly format: Format;
  readonly engine: Engine;
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

/** Plain-object stand-in for an Arrow table over a node-api result (what the data layer reads). */
function tableFromColumns(names: string[], columns: unknown[][]): ArrowTableLike {
  const numRows = columns[0]?.length ?? 0;
  const rows = () =>
    Array.from({ length: numRows }, (_, row) =>
      Object.fromEntries(names.map((name, index) => [name, columns[index][row]])),
    );
  return {
    numRows,
    schema: { fields: names.map((name) => ({ name, type: null })) },
    getChild(name: string) {
      const index = names.indexOf(name);
      if (index < 0) return null;
      const values = columns[index];
      return { toArray: () => values, get: (row: number) => values[row] };
    },
    toArray: rows,
  };
}

/**
 * Native SqlConnection: a file is read from disk where it is (its source's path symlinked under the
 * name the data layer registers; Parquet through read_parquet); everything else is the same SQL.
 */
async function openNativeConnection(workDirectory: string): Promise<NativeConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`SET file_search_path = '${workDirectory}'`);
  let parquetPath: string | null = null;
  const opened = Date.now();
  // `MMM_TRACE_SQL=1`: each statement, its duration and when it ended (as cli/duckdbNode.ts logs wasm's).
  const trace = (sql: string, started: number) => {
    if (process.env.MMM_TRACE_SQL === '1')
      process.stderr.write(
        `[native sql ${Date.now() - started} ms @${Date.now() - opened}] ${sql.replace(/\s+/g, ' ').slice(0, 300)}\n`,
      );
  };
  return {
    async query(sql: string) {
      const started = Date.now();
      const reader = await connection.runAndReadAll(sql);
      const table = tableFromColumns(reader.columnNames(), reader.getColumnsJS());
      trace(sql, started);
      return table;
    },
    async registerFile(name: string, bytes: Uint8Array) {
      // Pieces of a file (the CSV head) are written as given.
      writeFileSync(join(workDirectory, name), bytes);
    },
    async registerSource(name: string, source: FileSource) {
      if (!(source.handle instanceof DiskFile)) return false;
      symlinkSync(source.handle.path, join(workDirectory, name));
      return true;
    },
    async insertArrowIpc(tableName: string) {
      if (parquetPath === null) throw new Error(`bench: no Parquet file for ${tableName}`);
      const started = Date.now();
      const sql = `CREATE TABLE ${tableName} AS SELECT * FROM read_parquet('${parquetPath}')`;
      await connection.run(sql);
      trace(sql, started);
    },
    async dropFile(name: string) {
      rmSync(join(workDirectory, name), { force: true });
    },
    // Native reads Parquet itself: the "decoder" only notes which file insertArrowIpc reads.
    parquetToIpc: async (input) => {
      if (input instanceof Uint8Array || !(input.handle instanceof DiskFile))
        throw new Error('bench: native reads Parquet from disk');
      parquetPath = input.handle.path;
      return new Uint8Array();
    },
  };
}

/** CPU seconds (user + system) of this process's main thread so far, from /proc (Linux). */
function mainThreadCpuSeconds(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** CPU seconds of every thread of this process so far, by thread id and name (Linux /proc). */
function threadCpuSeconds(): Map<string, number> {
  const threads = new Map<string, number>();
  try {
    for (const id of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${id}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      threads.set(`${id} ${name}`, (Number(fields[11]) + Number(fields[12])) / 100);
    }
  } catch {
    // not Linux: no per-thread breakdown
  }
  return threads;
}

/** `MMM_THREAD_CPU=1`: each thread's CPU seconds in the timed region, to stderr (where wasm's wall goes). */
function reportThreadCpu(before: Map<string, number>): void {
  const lines = [...threadCpuSeconds()]
    .map(([thread, seconds]) => ({ thread, seconds: seconds - (before.get(thread) ?? 0) }))
    .filter((entry) => entry.seconds > 0)
    .sort((a, b) => b.seconds - a.seconds)
    .map((entry) => `  ${entry.seconds.toFixed(2)} s  ${entry.thread}`);
  process.stderr.write(`thread CPU in the timed region:\n${lines.join('\n')}\n`);
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
  return importAndFrame(conn, reads, parquetToIpc, Date.now);
}

async function runCase(
  engine: Engine,
  format: Format,
  paths: string[],
  rows: number,
  warmupPaths: string[],
): Promise<CaseResult> {
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'mmm-bench-native-'));
  const conn = engine === 'wasm' ? await openNodeConnection() : await openNativeConnection(work);
  const opened = Date.now();
  // The same pipeline on a small export first: wasm code is compiled by V8 on first use (and
  // optimised once hot), which a one-off import would otherwise count; native gets the same warm-up.
  if (warmupPaths.length > 0) await importWith(conn, engine, warmupPaths);
  const warmed = Date.now();
  const cpuAtStart = process.cpuUsage();
  const threadAtStart = mainThreadCpuSeconds();
  const threadsAtStart = process.env.MMM_THREAD_CPU === '1' ? threadCpuSeconds() : null;
  const { frame, importedAt: imported } = await importWith(conn, engine, paths);
  const done = Date.now();
  const cpu = process.cpuUsage(cpuAtStart);
  const threadSeconds = mainThreadCpuSeconds() - threadAtStart;
  if (threadsAtStart) reportThreadCpu(threadsAtStart);
  rmSync(work, { recursive: true, force: true });
  return {
    rows,
    format,
    engine,
    startSeconds: (opened - started) / 1000,
    warmupSeconds: (warmed - opened) / 1000,
    importSeconds: (imported - warmed) / 1000,
    frameSeconds: (done - imported) / 1000,
    seconds: (done - warmed) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    engineThreadSeconds: threadSeconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    ...frameTotals(frame),
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

function child(args: string[]): CaseResult {
  const script = fileURLToPath(import.meta.url);
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, '--child', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (result.status !== 0)
    throw new Error(
      `case ${args.join(' ')} failed (exit ${result.status}): ${result.stderr.trim().split('\n').slice(-3).join(' | ')}`,
    );
  return JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as CaseResult;
}

function printTable(results: readonly CaseResult[]): void {
  const header = [
    'rows',
    'format',
    'engine',
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
        other.rows === result.rows && other.format === result.format && other.engine === 'native',
    );
    const ratio =
      result.engine !== 'native' && native ? (result.seconds / native.seconds).toFixed(2) : '';
    return [
      result.rows.toLocaleString('en'),
      result.format,
      result.engine,
      result.seconds.toFixed(2),
      result.cpuSeconds.toFixed(2),
      result.engine === 'wasm' ? result.engineThreadSeconds.toFixed(2) : '',
      result.importSeconds.toFixed(2),
      result.frameSeconds.toFixed(2),
      result.startSeconds.toFixed(2),
      result.warmupSeconds.toFixed(2),
      result.peakRssMb.toFixed(0),
      ratio,
    ];
  });
  const widths = header.map((_, index) =>
    Math.max(header[index].length, ...lines.map((line) => line[index].length)),
  );
  for (const line of [header, ...lines])
    process.stdout.write(line.map((cell, index) => cell.padStart(widths[index])).join('  ') + '\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      child: { type: 'boolean' },
      engine: { type: 'string' },
      format: { type: 'string' },
      paths: { type: 'string' },
      rows: { type: 'string' },
      large: { type: 'boolean' },
      keep: { type: 'boolean' },
      dir: { type: 'string' },
      cold: { type: 'boolean' },
      repeat: { type: 'string' },
      formats: { type: 'string' },
      'warmup-paths': { type: 'string' },
      'page-dir': { type: 'string' },
      engines: { type: 'string' },
    },
  });
  if (values.child && values.engine === 'chromium') {
    const paths = (values.paths ?? '').split(',');
    const timing = await runChromiumCase(
      values['page-dir'] ?? '',
      paths,
      values['warmup-paths'] ? values['warmup-paths'].split(',') : [],
    );
    const result: CaseResult = {
      ...timing,
      rows: Number(values.rows),
      format: values.format as Format,
      engine: 'chromium',
      engineThreadSeconds: Number.NaN,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  }
  if (values.child) {
    const result = await runCase(
      values.engine as Engine,
      values.format as Format,
      (values.paths ?? '').split(','),
      Number(values.rows),
      values['warmup-paths'] ? values['warmup-paths'].split(',') : [],
    );
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  }
  const sizes = values.rows
    ? values.rows.split(',').map(Number)
    : values.large
      ? [1_000_000, 10_000_000]
      : [1_000_000];
  const directory = values.dir
    ? resolve(values.dir)
    : mkdtempSync(join(tmpdir(), 'mmm-bench-import-'));
  mkdirSync(directory, { recursive: true });
  const repeat = Math.max(1, Number(values.repeat ?? 1) || 1);
  const engines = (values.engines ?? `native,wasm${existsSync(CHROMIUM) ? ',chromium' : ''}`)
    .split(',')
    .filter((name): name is Engine => ['native', 'wasm', 'chromium'].includes(name));
  const results: CaseResult[] = [];
  let pageDir: string | null = null;
  if (engines.includes('chromium')) {
    pageDir = mkdtempSync(join(tmpdir(), 'mmm-bench-browser-'));
    process.stderr.write('building the Chromium bench page…\n');
    buildChromiumBench(pageDir);
  }
  try {
    const warmup = values.cold ? null : await prepare(directory, warmupRows);
    for (const rows of sizes) {
      const paths = await prepare(directory, rows);
      const formats = (values.formats ?? 'csv,parquet')
        .split(',')
        .filter((format): format is Format => format === 'csv' || format === 'parquet');
      for (const format of formats) {
        // Engines alternate within each repeat, so both see the same background load; the fastest run counts.
        const best = new Map<Engine, CaseResult>();
        for (let attempt = 1; attempt <= repeat; attempt++) {
          for (const engine of engines) {
            process.stderr.write(
              `running ${rows} rows, ${format}, ${engine} (${attempt}/${repeat})…\n`,
            );
            const result = child([
              '--engine',
              engine,
              '--format',
              format,
              '--paths',
              paths[format].join(','),
              '--rows',
              String(rows),
              ...(warmup ? ['--warmup-paths', warmup[format].join(',')] : []),
              ...(pageDir ? ['--page-dir', pageDir] : []),
            ]);
            const previous = best.get(engine);
            if (!previous || result.seconds < previous.seconds) best.set(engine, result);
            process.stderr.write(
              `  ${result.seconds.toFixed(2)} s (cpu ${result.cpuSeconds.toFixed(2)} s), ${result.peakRssMb.toFixed(0)} MB, ${result.weeks} weeks, KPI total ${result.kpiTotal.toFixed(0)}, spend total ${result.spendTotal.toFixed(0)}\n`,
            );
          }
        }
        for (const engine of engines) {
          const result = best.get(engine);
          if (result) results.push(result);
        }
      }
    }
  } finally {
    if (!values.keep && !values.dir) rmSync(directory, { recursive: true, force: true });
    if (pageDir) rmSync(pageDir, { recursive: true, force: true });
  }
  printTable(results);
  const mismatched = results.filter((result) =>
    results.some(
      (other) =>
        other.rows === result.rows &&
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
    process.stderr.write(
      `bench:import: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
