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
import type { ChainProgress } from '../../models/inference/sampleChain';
import { basename } from 'node:path';
import type { TargetDescription } from '../../models/inference/targets';
import { createMmmTarget, type MmmData, type MmmInput } from '../../models/mmm';
import { createGeoMmmTarget } from '../../models/mmm/geoTarget';
import { reportOfFit, sourceOf } from '../../models/report';
import { openNodeConnection, type ClosableSqlConnection } from '../duckdbNode';
import { UsageError } from '../commandLine';
import { FIT_USAGE, parseFitArguments, type FitArguments } from '../fit/arguments';
import { writeFileAtomically } from '../../electron/atomicWrite';
import { readLiftTests } from '../fit/liftTestsFile';
import { loadGeoModelData } from '../fit/loadGeoModelData';
import { loadMappedData, readMappingFile } from '../fit/loadMappedData';
import { loadModelData } from '../fit/loadModelData';
import { readPriors } from '../fit/priorsFile';
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
  /** Receives chain progress instead of the stderr display (mmm batch's job workers). */
  readonly onProgress?: (progress: ChainProgress) => void;
}

function message(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0];
}

/** NaN and ±∞ become null so the JSON stays valid. */
function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

/** The spec flags of the command as the model's spec input (priors file applied). */
function specOf(
  args: FitArguments,
  channelOverrides: MmmInput['spec']['channelOverrides'],
): MmmInput['spec'] {
  return {
    adstock: args.adstock,
    saturation: args.saturation,
    parametrisation: args.parametrisation,
    holdoutWeeks: args.holdoutWeeks,
    ...(args.maxLag !== undefined ? { maxLag: args.maxLag } : {}),
    ...(args.mediaShare !== undefined ? { mediaSharePrior: args.mediaShare } : {}),
    ...(channelOverrides && Object.keys(channelOverrides).length > 0 ? { channelOverrides } : {}),
  };
}

/** The data files as the report lists them: name, size, SHA-256, rows and columns as imported. */
async function describeFiles(
  paths: readonly string[],
  imported: readonly { rows: number; columns: readonly string[] }[],
): Promise<DataFile[]> {
  return Promise.all(
    paths.map(async (path, i) => {
      const digest = await fileDigest(path);
      return {
        name: basename(path),
        size: digest.size,
        sha256: digest.sha256,
        rows: imported[i].rows,
        columns: [...imported[i].columns],
      };
    }),
  );
}

interface LoadedInput {
  readonly target: TargetDescription;
  readonly kpiName: string;
  readonly files: readonly DataFile[];
}

/** The model's data, by the flags' columns or by a mapping of one or more files. */
async function loadData(
  conn: ClosableSqlConnection,
  args: FitArguments,
): Promise<{ data: MmmData; kpiName: string; files: DataFile[] }> {
  if (args.data.kind === 'mapping') {
    const mapping = await readMappingFile(args.data.mapping);
    const inputs = [];
    for (const path of args.files) inputs.push(await openInputFile(path));
    const loaded = await loadMappedData(conn, inputs, mapping, {
      ...args.data,
      holdoutWeeks: args.holdoutWeeks,
    });
    const imported = loaded.files.map((file) => ({
      rows: file.rows,
      columns: file.columns.map((column) => column.name),
    }));
    return {
      data: loaded.data,
      kpiName: loaded.kpiName,
      files: await describeFiles(args.files, imported),
    };
  }
  const loaded = await loadModelData(conn, await openInputFile(args.file), args);
  return {
    data: loaded.data,
    kpiName: args.kpi,
    files: await describeFiles([args.file], [loaded]),
  };
}

/** Lift tests and the priors file, checked against the fitted channels. */
async function calibrationOf(
  conn: ClosableSqlConnection,
  args: FitArguments,
  channels: readonly string[],
): Promise<{ experiments: MmmInput['experiments']; spec: MmmInput['spec'] }> {
  const experiments = args.liftTests ? await readLiftTests(conn, args.liftTests, channels) : [];
  const priors = args.priors
    ? await readPriors(args.priors, {
        channels: [...channels],
        adstock: args.adstock,
        saturation: args.saturation,
      })
    : undefined;
  return { experiments, spec: specOf(args, priors) };
}

/** --geo: the geo model of one file (cli/fit/loadGeoModelData.ts). */
async function loadGeoInput(
  conn: ClosableSqlConnection,
  args: FitArguments,
  geo: string,
): Promise<LoadedInput> {
  const loaded = await loadGeoModelData(conn, await openInputFile(args.file), { ...args, geo });
  const input = {
    ...(await calibrationOf(conn, args, loaded.data.channelNames)),
    data: loaded.data,
  };
  createGeoMmmTarget(input);
  return {
    target: { kind: 'geo-mmm', input },
    kpiName: args.kpi,
    files: await describeFiles([args.file], [loaded]),
  };
}

/**
 * The target to sample: the national model, or with --geo the geo model. Building it checks the
 * spec, the data and the lift tests against each other before any worker starts.
 */
async function loadInput(
  args: FitArguments,
  dependencies: FitCommandDependencies,
): Promise<LoadedInput> {
  const conn = await (dependencies.openConnection ?? openNodeConnection)();
  try {
    if (args.geo !== null) return await loadGeoInput(conn, args, args.geo);
    const { data, kpiName, files } = await loadData(conn, args);
    const input = { ...(await calibrationOf(conn, args, data.channelNames)), data };
    createMmmTarget(input);
    return { target: { kind: 'mmm', input }, kpiName, files };
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
    const { target, kpiName, files } = await loadInput(args, dependencies);
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
    const progress =
      args.json || dependencies.onProgress ? null : createProgressDisplay(stderr, args.chains);
    // Ctrl-C while the data was loading: stop before starting any worker.
    if (outer?.aborted || controller.signal.aborted) throw new AbortError();
    const fit = await runner.run(request, {
      signal: controller.signal,
      onProgress: dependencies.onProgress ?? (progress ? (p) => progress.update(p) : undefined),
    });
    progress?.finish();
    const report = reportOfFit(request, fit, {
      kpiName,
      source: sourceOf(files),
      files,
      createdAt: new Date().toISOString(),
    });
    const finished = {
      ...report,
      timing: { ...report.timing, totalSeconds: (Date.now() - started) / 1000 },
    };
    if (controller.signal.aborted) throw new AbortError();
    if (args.out && isPlanPath(args.out))
      await buildPlanFile(args.out, planContent(args, finished, files[0]?.name ?? ''));
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
