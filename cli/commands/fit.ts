/**
 * `mmm fit <data file> --date <col> --kpi <col> --channels <a,b,…> [options]` — fits the Bayesian
 * adstock + saturation MMM (models/mmm) with NUTS, one worker_threads worker per chain, and prints
 * ROI, marginal ROI and contribution per channel with diagnostics (table, or one JSON object with
 * --json). `--out` writes the full result file (models/report) atomically, only after a finished fit.
 * Ctrl-C stops every chain and writes nothing. Exit codes: 0 done (even if the quality gate fails:
 * the verdict is in the output), 1 bad data or a failed fit, 2 bad flags, 130 cancelled.
 */
import { AbortError, isAbortError } from '../../models/inference/cancellation';
import type { ChainRunner, FitRequest } from '../../models/inference/chains';
import type { TargetDescription } from '../../models/inference/targets';
import { createMmmTarget, type ModelSpecInput } from '../../models/mmm';
import { createGeoMmmTarget } from '../../models/mmm/geoTarget';
import { reportOfFit } from '../../models/report';
import { openNodeConnection, type ClosableSqlConnection } from '../duckdbNode';
import { FIT_USAGE, parseFitArguments, UsageError, type FitArguments } from '../fit/arguments';
import { writeFileAtomically } from '../../electron/atomicWrite';
import { readLiftTests } from '../fit/liftTestsFile';
import { loadGeoModelData } from '../fit/loadGeoModelData';
import { loadModelData } from '../fit/loadModelData';
import type { DataFile } from '../../models/report';
import { fileDigest, openInputFile } from '../readBytes';
import { createProgressDisplay } from '../fit/progressDisplay';
import { geoJsonSummary, geoTextSummary } from '../fit/geoSummary';
import { jsonSummary, textSummary } from '../fit/summaryOutput';
import { createNodeChainRunner } from '../workers/nodeChainRunner';
import { isPlanPath, planContent } from '../plan/fitPlan';
import { buildPlanFile } from '../plan/planFiles';

interface Output {
  write(text: string): boolean;
  readonly isTTY?: boolean;
}

/** Tests inject a shared connection, a runner, streams and a cancel signal; the CLI uses the real ones. */
export interface FitCommandDependencies {
  readonly openConnection?: () => Promise<ClosableSqlConnection>;
  readonly runner?: ChainRunner;
  readonly stdout?: Output;
  readonly stderr?: Output;
  /** Aborts the fit like Ctrl-C does. */
  readonly signal?: AbortSignal;
}

function message(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0];
}

/** NaN and ±∞ become null so the JSON stays valid. */
function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

function specOf(args: FitArguments): ModelSpecInput {
  return {
    adstock: args.adstock,
    saturation: args.saturation,
    parametrisation: args.parametrisation,
    holdoutWeeks: args.holdoutWeeks,
    ...(args.maxLag !== undefined ? { maxLag: args.maxLag } : {}),
    ...(args.mediaShare !== undefined ? { mediaSharePrior: args.mediaShare } : {}),
  };
}

/**
 * The target to sample from the file and flags: the national model, or with --geo the geo model.
 * Checks the spec, the data and the lift tests against each other before any worker starts.
 */
async function loadInput(
  args: FitArguments,
  dependencies: FitCommandDependencies,
): Promise<{ target: TargetDescription; fileName: string; file: DataFile }> {
  const file = await openInputFile(args.file);
  const experiments = args.liftTests ? await readLiftTests(args.liftTests, args.channels) : [];
  const conn = await (dependencies.openConnection ?? openNodeConnection)();
  try {
    const spec = specOf(args);
    let target: TargetDescription;
    let loaded: { fileName: string; rows: number; columns: readonly string[] };
    if (args.geo === null) {
      const national = await loadModelData(conn, file, args);
      target = { kind: 'mmm', input: { spec, data: national.data, experiments } };
      createMmmTarget(target.input);
      loaded = national;
    } else {
      const geo = await loadGeoModelData(conn, file, { ...args, geo: args.geo });
      target = { kind: 'geo-mmm', input: { spec, data: geo.data, experiments } };
      createGeoMmmTarget(target.input);
      loaded = geo;
    }
    const digest = await fileDigest(args.file);
    return {
      fileName: loaded.fileName,
      file: {
        name: loaded.fileName,
        size: digest.size,
        sha256: digest.sha256,
        rows: loaded.rows,
        columns: [...loaded.columns],
      },
      target,
    };
  } finally {
    // Tests share one connection across runs; only close what we opened.
    if (!dependencies.openConnection) await conn.close();
  }
}

export async function run(
  argv: string[],
  dependencies: FitCommandDependencies = {},
): Promise<number> {
  const stdout = dependencies.stdout ?? process.stdout;
  const stderr = dependencies.stderr ?? process.stderr;
  const started = Date.now();
  let args: FitArguments;
  try {
    args = parseFitArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.write(`mmm fit: ${error.message} (mmm fit --help for the options)\n`);
    return 2;
  }
  if (args.help) {
    stdout.write(`${FIT_USAGE}\n`);
    return 0;
  }

  const controller = new AbortController();
  const onInterrupt = (): void => controller.abort();
  const outer = dependencies.signal;
  outer?.addEventListener('abort', onInterrupt);
  process.on('SIGINT', onInterrupt);
  try {
    const { target, fileName, file } = await loadInput(args, dependencies);
    const request: FitRequest = {
      target,
      chains: args.chains,
      warmup: args.warmup,
      draws: args.draws,
      seed: args.seed,
      metric: args.metric,
      ...(args.targetAcceptance !== undefined ? { targetAcceptance: args.targetAcceptance } : {}),
    };
    const runner = dependencies.runner ?? createNodeChainRunner({ maxConcurrency: args.chains });
    const progress = args.json ? null : createProgressDisplay(stderr, args.chains);
    // Ctrl-C while the data was loading: stop before starting any worker.
    if (outer?.aborted || controller.signal.aborted) throw new AbortError();
    const fit = await runner.run(request, {
      signal: controller.signal,
      onProgress: progress ? (p) => progress.update(p) : undefined,
    });
    progress?.finish();
    const report = reportOfFit(request, fit, {
      kpiName: args.kpi,
      source: fileName,
      files: [file],
      createdAt: new Date().toISOString(),
    });
    const finished = {
      ...report,
      timing: { ...report.timing, totalSeconds: (Date.now() - started) / 1000 },
    };
    if (controller.signal.aborted) throw new AbortError();
    if (args.out && isPlanPath(args.out))
      await buildPlanFile(args.out, planContent(args, finished, fileName));
    else if (args.out)
      await writeFileAtomically(args.out, `${JSON.stringify(finished, jsonReplacer)}\n`);
    if (args.json)
      stdout.write(
        `${JSON.stringify({ ...jsonSummary(finished, args.out), ...geoJsonSummary(finished) }, jsonReplacer)}\n`,
      );
    else stdout.write(`${textSummary(finished, args.out)}${geoTextSummary(finished)}\n`);
    return 0;
  } catch (error) {
    if (isAbortError(error)) {
      stderr.write('mmm fit: cancelled; nothing was written\n');
      return 130;
    }
    stderr.write(`mmm fit: ${message(error)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onInterrupt);
    outer?.removeEventListener('abort', onInterrupt);
  }
}
