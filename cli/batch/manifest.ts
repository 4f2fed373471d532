/**
 * The manifest of `mmm batch`: one job per market, each job the flags of one `mmm fit` run. Keys are
 * `mmm fit`'s flag names without `--` (so whatever `mmm fit` accepts, a job accepts), plus
 * `market` (the job's name and output folder) and `data` (the data file, or a list of files).
 *
 * JSON: `{ "version": 1, "defaults": { …flags }, "jobs": [{ "market": "north", …flags }] }`; a job's
 * flags override the defaults, `null` removes one. Values: text, a number, `true` (a switch), a list
 * (joined with commas) or, for `channels`, `{ "tv": "tv_spend", … }` (name=column).
 * CSV: a header of the same keys and one row per job; an empty cell leaves the flag out.
 *
 * Relative paths (`data`, `lift-tests` and the other file flags) are read from the manifest's
 * folder, so a manifest travels with its data. Problems with the manifest as a whole (not JSON, no
 * jobs, a market named twice) are a `ManifestError`; a problem with one job's values is kept on that
 * job, which then fails alone while the others run.
 */
import { readFile } from 'node:fs/promises';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parseJsonWithLimits } from '../../models/io/safeJson';

export class ManifestError extends Error {}

/** A file the job reads: its flag (`data` for the data files) and the resolved path. */
export interface JobFile {
  readonly flag: string;
  readonly path: string;
}

export interface BatchJob {
  /** 1-based position in the manifest. */
  readonly index: number;
  readonly market: string;
  /** The `mmm fit` arguments (data files first), paths resolved; no --out or --json. */
  readonly argv: readonly string[];
  /** The same with paths as the manifest writes them (relative to its folder, as a rule). */
  readonly writtenArgv: readonly string[];
  /** The flags besides the data files (file flags' values resolved), in manifest order. */
  readonly flags: ReadonlyArray<readonly [flag: string, value: string | true]>;
  readonly files: readonly JobFile[];
  /** Why this job cannot run as written (it is reported as failed); null when it can. */
  readonly problem: string | null;
}

/** Flags whose value is a file to read (resolved against the manifest's folder). */
const FILE_FLAGS = new Set(['lift-tests', 'mapping', 'priors']);
/** `mmm batch` sets these itself. */
const RESERVED = new Set(['out', 'json', 'help']);
/** A market names an output folder: plain characters only, on every file system. */
const MARKET = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const KEY = /^[a-z][a-z0-9-]*$/;
/** A manifest is a small text file. */
const MAX_MANIFEST_BYTES = 8 * 1024 * 1024;

type Value = string | number | boolean | null | readonly unknown[] | Record<string, unknown>;

/** One flag's value as command-line text; undefined leaves the flag out. */
function flagText(key: string, value: Value): string | true | undefined {
  if (value === null || value === false || value === '') return undefined;
  if (value === true) return true;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`'${key}' must be a finite number`);
    return String(value);
  }
  const parts = Array.isArray(value)
    ? value.map((item) => {
        if (typeof item !== 'string' && typeof item !== 'number')
          throw new Error(`'${key}' must list text or numbers`);
        return String(item);
      })
    : Object.entries(value).map(([name, column]) => {
        if (typeof column !== 'string')
          throw new Error(`'${key}': '${name}' must map to a column name`);
        return `${name}=${column}`;
      });
  const withComma = parts.find((part) => part.includes(','));
  if (withComma !== undefined) throw new Error(`'${key}': '${withComma}' holds a comma`);
  return parts.join(',');
}

function dataFiles(value: Value): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => {
    if (typeof item !== 'string' || item === '') throw new Error("'data' must name a file");
    return item;
  });
}

/** A job's merged entries → its fit arguments and the files it reads. */
function jobOf(index: number, entries: Record<string, Value>, folder: string): BatchJob {
  const market = typeof entries.market === 'string' ? entries.market : '';
  const files: JobFile[] = [];
  const argv: string[] = [];
  const writtenArgv: string[] = [];
  const flags: [string, string | true][] = [];
  const file = (flag: string, written: string): string => {
    const path = isAbsolute(written) ? written : resolve(folder, written);
    files.push({ flag, path });
    return path;
  };
  let problem: string | null = null;
  try {
    if (entries.data === undefined || entries.data === null) throw new Error("no 'data' file");
    for (const written of dataFiles(entries.data)) {
      argv.push(file('data', written));
      writtenArgv.push(written);
    }
    for (const [key, value] of Object.entries(entries)) {
      if (key === 'market' || key === 'data') continue;
      if (!KEY.test(key)) throw new Error(`'${key}' is not a flag of mmm fit`);
      if (RESERVED.has(key)) throw new Error(`'${key}' is set by mmm batch, not by a job`);
      const text = flagText(key, value);
      if (text === true) {
        argv.push(`--${key}`);
        writtenArgv.push(`--${key}`);
        flags.push([key, true]);
      } else if (text !== undefined) {
        const resolved = FILE_FLAGS.has(key) ? file(key, text) : text;
        argv.push(`--${key}`, resolved);
        writtenArgv.push(`--${key}`, text);
        flags.push([key, resolved]);
      }
    }
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  return { index, market, argv, writtenArgv, flags, files, problem };
}

function checkMarkets(jobs: readonly BatchJob[], where: string): void {
  const seen = new Map<string, number>();
  for (const job of jobs) {
    if (!MARKET.test(job.market))
      throw new ManifestError(
        job.market === ''
          ? `${where}: job ${job.index} has no 'market'`
          : `${where}: job ${job.index}: market '${job.market}' must be 1–64 letters, digits, '.', '_' or '-' (it names the job's folder)`,
      );
    const lower = job.market.toLowerCase();
    const first = seen.get(lower);
    if (first !== undefined)
      throw new ManifestError(
        `${where}: market '${job.market}' is named by jobs ${first} and ${job.index}; each market needs its own folder`,
      );
    seen.set(lower, job.index);
  }
}

function isRecord(value: unknown): value is Record<string, Value> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonJobs(text: string, where: string, folder: string): BatchJob[] {
  let document: unknown;
  try {
    document = parseJsonWithLimits(text, { maxBytes: MAX_MANIFEST_BYTES }).value;
  } catch (error) {
    throw new ManifestError(`${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isRecord(document) || !Array.isArray(document.jobs))
    throw new ManifestError(`${where}: expected an object with a 'jobs' list`);
  const unknown = Object.keys(document).find(
    (key) => !['version', 'defaults', 'jobs'].includes(key),
  );
  if (unknown !== undefined)
    throw new ManifestError(
      `${where}: unknown top-level key '${unknown}' (expected version, defaults, jobs)`,
    );
  if (document.version !== undefined && document.version !== 1)
    throw new ManifestError(
      `${where}: version ${JSON.stringify(document.version)} is not supported (this mmm reads version 1)`,
    );
  const defaults = document.defaults ?? {};
  if (!isRecord(defaults)) throw new ManifestError(`${where}: 'defaults' must be an object`);
  return document.jobs.map((job, position) => {
    if (!isRecord(job))
      throw new ManifestError(`${where}: job ${position + 1} must be an object of flags`);
    return jobOf(position + 1, { ...defaults, ...job }, folder);
  });
}

function csvJobs(text: string, where: string, folder: string): BatchJob[] {
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(text, { columns: true, bom: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new ManifestError(
      `${where}: not a readable CSV manifest: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
  }
  return rows.map((row, position) => jobOf(position + 1, row, folder));
}

/** Reads a manifest (`.csv` as CSV, anything else as JSON) into jobs, in file order. */
export async function readManifest(path: string): Promise<BatchJob[]> {
  let text: string;
  try {
    const bytes = await readFile(path);
    if (bytes.byteLength > MAX_MANIFEST_BYTES)
      throw new Error(`it is larger than ${MAX_MANIFEST_BYTES / 1024 / 1024} MiB`);
    text = bytes.toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error);
    throw new ManifestError(`cannot read the manifest ${path}: ${why}`);
  }
  const folder = dirname(resolve(path));
  const jobs =
    extname(path).toLowerCase() === '.csv'
      ? csvJobs(text, path, folder)
      : jsonJobs(text, path, folder);
  if (jobs.length === 0) throw new ManifestError(`${path}: the manifest lists no jobs`);
  checkMarkets(jobs, path);
  return jobs;
}

/**
 * The job as one `mmm fit` command to paste in a shell in the manifest's folder (paths as the
 * manifest writes them; words single-quoted where a shell would split or expand them).
 */
export function fitCommand(job: BatchJob): string {
  const quote = (word: string): string =>
    /^[A-Za-z0-9_./=,:@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
  return ['mmm', 'fit', ...job.writtenArgv].map(quote).join(' ');
}
