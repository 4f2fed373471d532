/**
 * One job of `mmm batch` is one `mmm fit` run: the fit command itself (cli/commands/fit.ts) with the
 * job's flags plus `--out <folder>/result.json --json`, so a batch job and the same `mmm fit` run
 * alone share every step (data, model, chains, report, atomic write) and give identical results.
 * Runs inside a job worker (jobWorker.ts), or in this thread where tests inject the fit's engine.
 */
import type { ChainProgress } from '../../models/inference/sampleChain';
import { collectOutput } from '../collectOutput';
import { run as runFit, type FitCommandDependencies } from '../commands/fit';
import type { FitNumbers } from './summary';

export type JobOutcome =
  | { readonly ok: true; readonly fit: FitNumbers }
  | { readonly ok: false; readonly reason: string; readonly cancelled: boolean };

export interface JobRunOptions {
  readonly onProgress: (progress: ChainProgress) => void;
  readonly signal: AbortSignal;
}

/** Runs one job's fit; resolves (never rejects) with its numbers or the reason it failed. */
export interface JobRunner {
  run(argv: readonly string[], resultPath: string, options: JobRunOptions): Promise<JobOutcome>;
}

/** `mmm fit: <reason> (mmm fit --help …)` → `<reason>`. */
function reasonOf(stderr: string, code: number): string {
  const line = stderr
    .split('\n')
    .map((text) => text.trim())
    .filter((text) => text !== '')
    .at(-1);
  if (!line) return `mmm fit exited with code ${code}`;
  return line.replace(/^mmm fit: /, '').replace(/ \(mmm fit --help for the options\)$/, '');
}

export async function runFitJob(
  argv: readonly string[],
  resultPath: string,
  options: JobRunOptions & { readonly fit?: FitCommandDependencies },
): Promise<JobOutcome> {
  const stdout = collectOutput();
  const stderr = collectOutput();
  try {
    const code = await runFit([...argv, '--out', resultPath, '--json'], {
      ...options.fit,
      stdout,
      stderr,
      signal: options.signal,
      onProgress: options.onProgress,
    });
    if (code === 0) return { ok: true, fit: JSON.parse(stdout.text()) as FitNumbers };
    return { ok: false, reason: reasonOf(stderr.text(), code), cancelled: code === 130 };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: text.split('\n')[0], cancelled: false };
  }
}

/** Runs jobs in this thread with the given fit engine (tests: a shared DuckDB, in-process chains). */
export function inThreadJobRunner(fit: FitCommandDependencies = {}): JobRunner {
  return { run: (argv, resultPath, options) => runFitJob(argv, resultPath, { ...options, fit }) };
}
