/**
 * Runs a batch's jobs, at most `concurrency` at once, each to one summary row: a job whose folder
 * already holds a result of the same key is skipped (unless `force`); otherwise its fit runs
 * (`JobRunner`) and, when it finishes, `job.json` records the key and its fit is written as a plan
 * file (jobOutput.ts; also for a skipped job whose plan is missing). A job that fails — bad flags, an
 * unreadable or invalid file, a failed fit, a crashed worker — becomes a failed row with its reason
 * and the others go on. Once `signal` aborts, no further job starts and running ones are cancelled.
 */
import { join } from 'node:path';
import { fitCommand, type BatchJob } from './manifest';
import {
  ensureJobPlan,
  JOB_FILE,
  jobFolder,
  jobKey,
  prepareFolder,
  previousResult,
  RESULT_FILE,
  writeJobRecord,
} from './jobOutput';
import type { BatchProgress } from './batchProgress';
import type { JobRunner } from './runJob';
import { fittedRow, unfittedRow, type JobSummary } from './summary';

export interface BatchOptions {
  readonly out: string;
  readonly concurrency: number;
  /** Re-run jobs whose output is current. */
  readonly force: boolean;
  /** Run nothing: report what `out` already holds (`--summary-only`). */
  readonly collectOnly: boolean;
  readonly runner: JobRunner;
  readonly progress: BatchProgress;
  readonly signal: AbortSignal;
}

export interface BatchOutcome {
  /** In manifest order; jobs not reached before a cancel are absent. */
  readonly rows: JobSummary[];
  readonly cancelled: boolean;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/** The fitted job's row with its plan file, or the reason its plan could not be written. */
async function withPlan(
  job: BatchJob,
  folder: string,
  key: string,
  options: BatchOptions,
  row: (plan: string | null) => JobSummary,
): Promise<JobSummary> {
  try {
    const plan = await ensureJobPlan(folder, job, key, options.collectOnly);
    return row(plan === null ? null : `${job.market}/${plan}`);
  } catch (error) {
    return { ...row(null), error: `plan file: ${firstLine(error)}` };
  }
}

async function runOne(job: BatchJob, options: BatchOptions): Promise<JobSummary | null> {
  const base = { market: job.market, command: fitCommand(job) };
  if (job.problem !== null) return unfittedRow(base, 'failed', job.problem);
  let key: string;
  try {
    key = await jobKey(job);
  } catch (error) {
    return unfittedRow(base, 'failed', firstLine(error));
  }
  const folder = jobFolder(options.out, job);
  const result = `${job.market}/${RESULT_FILE}`;
  if (!options.force || options.collectOnly) {
    const previous = await previousResult(folder, key);
    if (previous)
      return withPlan(job, folder, key, options, (plan) =>
        fittedRow({ ...base, result, plan }, 'skipped', previous),
      );
  }
  if (options.collectOnly)
    return unfittedRow(
      base,
      'missing',
      `no ${result} with this spec and data (its ${JOB_FILE} is missing or has another key)`,
    );
  if (options.signal.aborted) return null;
  try {
    await prepareFolder(folder);
  } catch (error) {
    return unfittedRow(base, 'failed', `cannot make ${folder}: ${firstLine(error)}`);
  }
  options.progress.started(job.market);
  const outcome = await options.runner
    .run(job.argv, join(folder, RESULT_FILE), {
      signal: options.signal,
      onProgress: (progress) => options.progress.progress(job.market, progress),
    })
    .catch((error: unknown) => ({
      ok: false as const,
      reason: firstLine(error),
      cancelled: false,
    }));
  if (!outcome.ok) return outcome.cancelled ? null : unfittedRow(base, 'failed', outcome.reason);
  try {
    await writeJobRecord(folder, {
      kind: 'mmm-batch-job',
      version: 1,
      market: job.market,
      key,
      command: base.command,
      finishedAt: new Date().toISOString(),
    });
  } catch (error) {
    // The result stands; only a later re-run cannot tell it is current.
    return {
      ...fittedRow({ ...base, result, plan: null }, 'done', outcome.fit),
      error: firstLine(error),
    };
  }
  return withPlan(job, folder, key, options, (plan) =>
    fittedRow({ ...base, result, plan }, 'done', outcome.fit),
  );
}

export async function runBatch(
  jobs: readonly BatchJob[],
  options: BatchOptions,
): Promise<BatchOutcome> {
  const rows: (JobSummary | null)[] = new Array(jobs.length).fill(null);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < jobs.length && !options.signal.aborted) {
      const index = next++;
      const row = await runOne(jobs[index], options);
      rows[index] = row;
      if (row) options.progress.finished(row);
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency, jobs.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  options.progress.close();
  return {
    rows: rows.filter((row): row is JobSummary => row !== null),
    cancelled: options.signal.aborted,
  };
}
