/**
 * A job's folder under `--out`: `result.json` (written by `mmm fit --out`, atomically) and
 * `job.json`, written after it, holding the job's key: a SHA-256 over the report format's version,
 * the job's flags (sorted) and the SHA-256 of every file it reads in place of that file's path. A
 * re-run skips a job whose folder holds a readable result and the same key, so the same spec on the
 * same data is not fitted twice, while any change to a flag or a byte of its data runs it again.
 * Paths do not enter the key, so moving the manifest and data (to another machine, or a container's
 * mount) keeps finished jobs finished. Each fit also becomes a plan file (models/plan, no scenarios
 * yet) named by its key: a refit on new data or another spec writes a new plan beside the earlier
 * ones, for the app's Plans task to open and diff, and never replaces one.
 */
import { createHash } from 'node:crypto';
import { access, mkdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { writeFileAtomically } from '../../electron/atomicWrite';
import { parseJsonWithLimits } from '../../models/io/safeJson';
import { FIT_REPORT_VERSION, parseFitReport, type FitReport } from '../../models/report';
import { defaultPlanTitle } from '../../models/plan';
import { parseFitArguments } from '../fit/arguments';
import { planContent } from '../plan/fitPlan';
import { buildPlanFile } from '../plan/planFiles';
import { fileDigest } from '../readBytes';
import type { BatchJob } from './manifest';

export const RESULT_FILE = 'result.json';
export const JOB_FILE = 'job.json';

export interface JobRecord {
  readonly kind: 'mmm-batch-job';
  readonly version: 1;
  readonly market: string;
  readonly key: string;
  /** The job as one `mmm fit` command, run in the manifest's folder. */
  readonly command: string;
  readonly finishedAt: string;
}

/** The job's key (see the module comment). Throws, naming the file, when a file cannot be read. */
export async function jobKey(job: BatchJob): Promise<string> {
  const digest = new Map<string, string>();
  for (const file of job.files)
    if (!digest.has(file.path)) digest.set(file.path, (await fileDigest(file.path)).sha256);
  const data = job.files
    .filter((file) => file.flag === 'data')
    .map((file) => `sha256:${digest.get(file.path)}`);
  const flags = job.flags
    .map(([flag, value]) => [
      flag,
      typeof value === 'string' && digest.has(value) ? `sha256:${digest.get(value)}` : value,
    ])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = JSON.stringify({ report: FIT_REPORT_VERSION, data, flags });
  return createHash('sha256').update(canonical).digest('hex');
}

export function jobFolder(out: string, job: BatchJob): string {
  return join(out, job.market);
}

/** The finished result in the job's folder when it was made with `key`; else null. */
export async function previousResult(folder: string, key: string): Promise<FitReport | null> {
  try {
    const record = parseJsonWithLimits(await readFile(join(folder, JOB_FILE), 'utf8'), {
      maxBytes: 1024 * 1024,
    }).value as Partial<JobRecord> | null;
    if (record?.kind !== 'mmm-batch-job' || record.key !== key) return null;
    const parsed = parseFitReport(await readFile(join(folder, RESULT_FILE), 'utf8'));
    return parsed.ok ? parsed.report : null;
  } catch {
    return null; // missing or unreadable: the job runs again
  }
}

export async function prepareFolder(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
}

export async function writeJobRecord(folder: string, record: JobRecord): Promise<void> {
  await writeFileAtomically(join(folder, JOB_FILE), `${JSON.stringify(record, null, 2)}\n`);
}

/** The job's plan file name in its folder. */
export function planFileName(key: string): string {
  return `plan-${key.slice(0, 12)}.mmmplan`;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/**
 * Writes the job's plan from its result.json unless a plan of this key is there already (the same
 * key is the same fit: same data, spec and seed); returns its name, or null with `collectOnly`
 * when there is none. Throws one line when the plan cannot be written.
 */
export async function ensureJobPlan(
  folder: string,
  job: BatchJob,
  key: string,
  collectOnly: boolean,
): Promise<string | null> {
  const name = planFileName(key);
  if (await exists(join(folder, name))) return name;
  if (collectOnly) return null;
  const parsed = parseFitReport(await readFile(join(folder, RESULT_FILE), 'utf8'));
  if (!parsed.ok) throw new Error(`${RESULT_FILE}: ${parsed.message}`);
  const args = parseFitArguments(job.argv);
  const content = planContent(args, parsed.report, basename(args.file));
  await buildPlanFile(join(folder, name), {
    ...content,
    title: `${job.market} · ${defaultPlanTitle(parsed.report)}`,
  });
  return name;
}
