/**
 * `mmm optimize <result.json | plan.mmmplan> [--budget <total>] [options]` — the budget planner
 * without the app: rebuilds the model from the fit result (or the plan's fit) alone
 * (models/planning, models/report/modelFromReport), optimises the horizon's allocation for the
 * objective over the posterior, and prints it (table, or one JSON object with --json). A pipeline:
 * arguments → source → flighting → optimise → output [→ --out plan file, atomically]. Exit codes:
 * 0 done (a provisional fit included: it says so), 1 bad input or an infeasible plan (the
 * constraint is named), 2 bad flags.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { PlanningInputError } from '../../models/planning/flighting';
import { readFlightingCsv } from '../../models/planning/flightingCsv';
import { createPlanningSession } from '../../models/planning/planningSession';
import { scenarioInputs } from '../../models/planning/scenarioInputs';
import type { Flighting, Objective, Risk } from '../../models/planning/scenarioSchema';
import { openNodeConnection, type ClosableSqlConnection } from '../duckdbNode';
import { UsageError } from '../commandLine';
import {
  OPTIMIZE_USAGE,
  parseOptimizeArguments,
  type OptimizeArguments,
} from '../optimize/arguments';
import { optimizeOutput, optimizeTable } from '../optimize/output';
import {
  loadPlanningSource,
  PlanningSourceError,
  writeOptimisedPlan,
} from '../optimize/planningSource';

interface Output {
  write(text: string): boolean;
}

export interface OptimizeCommandDependencies {
  readonly openConnection?: () => Promise<ClosableSqlConnection>;
  readonly stdout?: Output;
  readonly stderr?: Output;
}

function objectiveOf(
  args: OptimizeArguments,
  referenceBudget: number,
): Exclude<Objective, { kind: 'manual' }> {
  const target = args.target ?? 0;
  switch (args.objective) {
    case 'min-spend':
      return { kind: 'min-spend', targetKpi: target };
    case 'target-roi':
      return { kind: 'target-roi', targetRoi: target };
    case 'target-mroi':
      return { kind: 'target-mroi', targetMroi: target };
    default:
      return { kind: 'max-kpi', budget: args.budget ?? referenceBudget };
  }
}

function riskLabel(risk: Risk): string {
  if (risk.kind === 'quantile') return `q${Math.round(risk.quantile * 100)}`;
  return risk.kind === 'mean-sd' ? `mean-sd:${risk.lambda}` : 'mean';
}

async function flightingOf(
  args: OptimizeArguments,
  channelNames: readonly string[],
  dependencies: OptimizeCommandDependencies,
): Promise<Flighting> {
  if (args.flighting === 'flat' || args.flighting === 'reference') return { kind: args.flighting };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(args.flighting));
  } catch {
    throw new PlanningInputError(
      `--flighting: cannot read '${args.flighting}' (flat, reference or a CSV file)`,
    );
  }
  const connection = await (dependencies.openConnection ?? openNodeConnection)();
  try {
    return await readFlightingCsv({
      connection,
      fileName: basename(args.flighting),
      bytes,
      channelNames,
      horizonWeeks: args.weeks,
    });
  } finally {
    if (!dependencies.openConnection) await connection.close();
  }
}

export async function run(
  argv: string[],
  dependencies: OptimizeCommandDependencies = {},
): Promise<number> {
  const stdout = dependencies.stdout ?? process.stdout;
  const stderr = dependencies.stderr ?? process.stderr;
  const started = Date.now();
  let args: OptimizeArguments;
  try {
    args = parseOptimizeArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.write(`mmm optimize: ${error.message} (mmm optimize --help for the options)\n`);
    return 2;
  }
  if (args.help) {
    stdout.write(`${OPTIMIZE_USAGE}\n`);
    return 0;
  }
  try {
    const source = await loadPlanningSource(args.file);
    for (const notice of source.notices) stderr.write(`mmm optimize: ${notice}\n`);
    const session = createPlanningSession(source.report);
    const flighting = await flightingOf(args, session.channelNames, dependencies);
    const reference = session.horizon(args.weeks, flighting).reference;
    const referenceBudget = reference.reduce((a, b) => a + b, 0);
    const inputs = scenarioInputs(session.channelNames, reference, {
      name: 'Optimised',
      horizonWeeks: args.weeks,
      objective: objectiveOf(args, referenceBudget),
      risk: args.risk,
      flighting,
      bounds: [...args.bounds],
      locked: [...args.locked],
    });
    const optimised = session.optimise(inputs);
    const output = optimizeOutput(
      optimised,
      {
        target: args.target,
        risk: riskLabel(args.risk),
        flighting: flighting.kind === 'weekly' ? (flighting.source ?? 'weekly') : flighting.kind,
      },
      (Date.now() - started) / 1000,
    );
    if (args.out !== null)
      await writeOptimisedPlan(args.out, source, {
        id: 'optimised',
        inputs: optimised.inputs,
        result: optimised.result,
      });
    if (args.json) stdout.write(`${JSON.stringify(output)}\n`);
    else stdout.write(`${optimizeTable(output)}\n`);
    if (output.provisional && args.json)
      stderr.write('mmm optimize: provisional — the fit failed its quality gate\n');
    return 0;
  } catch (error) {
    if (error instanceof PlanningInputError || error instanceof PlanningSourceError) {
      stderr.write(`mmm optimize: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
