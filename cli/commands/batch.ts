/**
 * `mmm batch <manifest.json|manifest.csv> --out <folder> [options]` — many `mmm fit` runs from one
 * manifest (cli/batch/manifest.ts: one job per market), over a pool of job workers, each job's
 * result in `<folder>/<market>/result.json`, then `summary.json` and `summary.csv` in <folder>
 * (written atomically) and the summary tables (or, with --json, the summary) on stdout.
 * A straight pipeline: arguments → manifest → jobs → summary. Exit codes: 0 every job done or
 * skipped, 1 a job failed or (--summary-only) is missing, 2 bad flags or manifest, 130 cancelled.
 */
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { writeFileAtomically } from '../../electron/atomicWrite';
import { createBatchProgress } from '../batch/batchProgress';
import { ManifestError, readManifest, type BatchJob } from '../batch/manifest';
import { runBatch } from '../batch/runBatch';
import type { JobRunner } from '../batch/runJob';
import { summaryCsv, summaryText, type BatchSummary } from '../batch/summary';
import { createWorkerJobRunner } from '../batch/workerJobRunner';
import { list, parseFlags, UsageError } from '../commandLine';

const DEFAULT_JOBS = Math.max(1, Math.floor(availableParallelism() / 4));

const USAGE = `usage: mmm batch <manifest.json|manifest.csv> --out <folder> [options]

  Runs one \`mmm fit\` per job of the manifest. A job is a market and the flags of \`mmm fit\`
  (data, date, kpi, channels, controls, only-geo, seed, chains, …); see docs/batch.md.

  --out <folder>         each job writes <folder>/<market>/result.json; the run writes
                         <folder>/summary.json and <folder>/summary.csv
  --jobs <N>             jobs at once, each in its own worker with a worker per chain
                         (default ${DEFAULT_JOBS}: the cores ÷ 4, at least 1)
  --force                re-run jobs whose result was made with the same spec and data
  --only <m1,m2,…>       run only these markets (one orchestrator task per market); writes no
                         summary files (collect them after with --summary-only)
  --shard <i>/<n>        run the jobs at positions i, i+n, i+2n, … (0-based; a Kubernetes
                         Indexed Job's JOB_COMPLETION_INDEX), no summary files
  --summary-only         run nothing: write the summary of the results already in --out
  --json                 print the summary as one JSON object instead of tables`;

interface BatchArguments {
  readonly manifest: string;
  readonly out: string;
  readonly jobs: number;
  readonly force: boolean;
  readonly only: readonly string[] | null;
  readonly shard: { readonly index: number; readonly count: number } | null;
  readonly summaryOnly: boolean;
  readonly json: boolean;
}

function parseBatchArguments(argv: readonly string[]): BatchArguments | 'help' {
  const parsed = parseFlags(argv, {
    out: { type: 'string' },
    jobs: { type: 'string' },
    force: { type: 'boolean' },
    only: { type: 'string' },
    shard: { type: 'string' },
    'summary-only': { type: 'boolean' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0
        ? 'missing the manifest'
        : `expected one manifest, got ${positionals.length}: ${positionals.join(' ')}`,
    );
  if (!values.out) throw new UsageError('missing --out <folder>');
  const jobs = values.jobs === undefined ? DEFAULT_JOBS : Number(values.jobs);
  if (!/^\d+$/.test(values.jobs ?? '1') || !Number.isSafeInteger(jobs) || jobs < 1 || jobs > 256)
    throw new UsageError(`--jobs must be an integer in 1 … 256, got '${values.jobs}'`);
  let shard: BatchArguments['shard'] = null;
  if (values.shard !== undefined) {
    const match = /^(\d+)\/(\d+)$/.exec(values.shard);
    const index = Number(match?.[1]);
    const count = Number(match?.[2]);
    if (!match || !(count >= 1) || !(index < count))
      throw new UsageError(`--shard must be i/n with 0 ≤ i < n, got '${values.shard}'`);
    shard = { index, count };
  }
  const only = values.only === undefined ? null : list(values.only);
  if (only !== null && only.length === 0) throw new UsageError('--only names no market');
  const summaryOnly = values['summary-only'] === true;
  if (summaryOnly && (only !== null || shard !== null || values.force))
    throw new UsageError('--summary-only runs nothing, so it takes no --only, --shard or --force');
  return {
    manifest: positionals[0],
    out: values.out,
    jobs,
    force: values.force === true,
    only,
    shard,
    summaryOnly,
    json: values.json === true,
  };
}

function selectJobs(all: readonly BatchJob[], args: BatchArguments): BatchJob[] {
  let jobs = [...all];
  if (args.only !== null) {
    const markets = new Set(all.map((job) => job.market));
    const unknown = args.only.find((market) => !markets.has(market));
    if (unknown !== undefined)
      throw new ManifestError(
        `--only: no market '${unknown}' in ${args.manifest}; its markets are ${all.map((job) => job.market).join(', ')}`,
      );
    jobs = jobs.filter((job) => args.only!.includes(job.market));
  }
  if (args.shard !== null) {
    const { index, count } = args.shard;
    jobs = jobs.filter((_, position) => position % count === index);
  }
  return jobs;
}

/** NaN and ±∞ become null so the JSON stays valid. */
function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

interface Output {
  write(text: string): boolean;
  readonly isTTY?: boolean;
  readonly rows?: number;
}

/** Tests inject the job runner (in-thread fits), streams and a cancel signal. */
export interface BatchCommandDependencies {
  readonly runner?: JobRunner;
  readonly stdout?: Output;
  readonly stderr?: Output;
  readonly signal?: AbortSignal;
}

export async function run(
  argv: string[],
  dependencies: BatchCommandDependencies = {},
): Promise<number> {
  const stdout = dependencies.stdout ?? process.stdout;
  const stderr = dependencies.stderr ?? process.stderr;
  const startedAt = new Date();
  let args: BatchArguments | 'help';
  let jobs: BatchJob[];
  try {
    args = parseBatchArguments(argv);
    if (args === 'help') {
      stdout.write(`${USAGE}\n`);
      return 0;
    }
    jobs = selectJobs(await readManifest(args.manifest), args);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof ManifestError)) throw error;
    const hint = error instanceof UsageError ? ' (mmm batch --help for the options)' : '';
    stderr.write(`mmm batch: ${error.message}${hint}\n`);
    return 2;
  }

  const controller = new AbortController();
  const onInterrupt = (): void => controller.abort();
  dependencies.signal?.addEventListener('abort', onInterrupt);
  process.on('SIGINT', onInterrupt);
  try {
    const outcome = await runBatch(jobs, {
      out: args.out,
      concurrency: args.jobs,
      force: args.force,
      collectOnly: args.summaryOnly,
      runner: dependencies.runner ?? createWorkerJobRunner(),
      progress: createBatchProgress(
        stderr,
        jobs.map((job) => job.market),
      ),
      signal: controller.signal,
    });
    if (outcome.cancelled) {
      stderr.write(
        `mmm batch: cancelled; ${outcome.rows.filter((row) => row.status === 'done').length} finished job(s) kept (a re-run skips them), no summary written\n`,
      );
      return 130;
    }
    const summary: BatchSummary = {
      kind: 'mmm-batch-summary',
      version: 1,
      manifest: basename(args.manifest),
      startedAt: startedAt.toISOString(),
      seconds: (Date.now() - startedAt.getTime()) / 1000,
      jobs: outcome.rows,
    };
    // A task running part of the manifest must not overwrite the whole batch's summary.
    const writesSummary = args.only === null && args.shard === null;
    if (writesSummary) {
      await mkdir(args.out, { recursive: true });
      await writeFileAtomically(
        join(args.out, 'summary.json'),
        `${JSON.stringify(summary, jsonReplacer, 2)}\n`,
      );
      await writeFileAtomically(join(args.out, 'summary.csv'), summaryCsv(summary.jobs));
    }
    if (args.json) stdout.write(`${JSON.stringify(summary, jsonReplacer)}\n`);
    else
      stdout.write(
        `${summaryText(summary, writesSummary ? `summary in ${join(args.out, 'summary.csv')} and summary.json` : 'no summary files written (part of the manifest)')}\n`,
      );
    return summary.jobs.every((row) => row.status === 'done' || row.status === 'skipped') ? 0 : 1;
  } catch (error) {
    stderr.write(
      `mmm batch: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}\n`,
    );
    return 1;
  } finally {
    process.off('SIGINT', onInterrupt);
    dependencies.signal?.removeEventListener('abort', onInterrupt);
  }
}
