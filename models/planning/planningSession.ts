/**
 * Plans on one fit report: rebuilds the model from the report alone (modelFromReport), lays out
 * the horizon once per (weeks, flighting) and answers evaluate / optimise / frontier / curves for
 * any ScenarioInputs. The planner worker keeps one warm; `mmm optimize` makes one per run.
 */
import { modelFromReport, type NationalReportModel } from '../report/modelFromReport';
import type { FitReport } from '../report/fitReportSchema';
import { resolveConstraints, type ResolvedConstraints } from './constraints';
import { efficientFrontier, type FrontierPoint } from './efficientFrontier';
import {
  createAllocationWorkspace,
  evaluateAllocation,
  type AllocationWorkspace,
} from './evaluateAllocation';
import { PlanningInputError } from './flighting';
import { buildHorizonModel, type HorizonModel } from './horizonModel';
import { horizonResponseCurves, type HorizonResponseCurve } from './horizonResponse';
import type { PlanningProblem } from './maximiseAtBudget';
import { optimiseObjective } from './optimiseObjective';
import { createRiskScratch } from './riskMeasure';
import { scenarioOutcome } from './scenarioOutcome';
import type { Flighting, Risk, ScenarioInputs, ScenarioResult } from './scenarioSchema';

export interface OptimisedScenario {
  readonly inputs: ScenarioInputs;
  readonly result: ScenarioResult;
  readonly kktResidual: number;
}

export interface PlanningSession {
  readonly report: FitReport;
  readonly channelNames: readonly string[];
  readonly provisional: boolean;
  horizon(weeks: number, flighting: Flighting): HorizonModel;
  /** The numbers of `inputs.allocation` as it stands (a manual scenario, or a re-evaluation). */
  evaluate(inputs: ScenarioInputs): ScenarioResult;
  /** The allocation `inputs.objective` asks for, and its numbers. */
  optimise(inputs: ScenarioInputs): OptimisedScenario;
  frontier(inputs: ScenarioInputs, factors?: readonly number[]): FrontierPoint[];
  responseCurves(inputs: ScenarioInputs, points?: number): HorizonResponseCurve[];
}

/** A geo model's report carries a `geo` section this national planner cannot evaluate. */
function refuseGeo(report: FitReport): void {
  const geo = (report as { geo?: unknown }).geo;
  if (geo !== undefined && geo !== null)
    throw new PlanningInputError(
      'this fit result is a geo model: the planner plans national models only — fit a national model to plan on it',
    );
}

export function allocationVector(
  channelNames: readonly string[],
  allocation: ScenarioInputs['allocation'],
): Float64Array {
  const spend = new Float64Array(channelNames.length);
  const seen = new Set<string>();
  for (const entry of allocation) {
    const c = channelNames.indexOf(entry.channel);
    if (c < 0)
      throw new PlanningInputError(
        `allocation: unknown channel '${entry.channel}' (the model's channels: ${channelNames.join(', ')})`,
      );
    spend[c] = entry.spend;
    seen.add(entry.channel);
  }
  const missing = channelNames.find((name) => !seen.has(name));
  if (missing !== undefined)
    throw new PlanningInputError(`allocation: no spend for channel '${missing}'`);
  return spend;
}

export function createPlanningSession(report: FitReport): PlanningSession {
  refuseGeo(report);
  let rebuilt: NationalReportModel;
  try {
    const model = modelFromReport(report);
    if (model.level === 'geo') throw new Error('it is a geo model'); // refuseGeo said so already
    rebuilt = model;
  } catch (error) {
    throw new PlanningInputError(
      `the fit result cannot be planned on: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const channelNames = rebuilt.target.design.channelNames;
  const provisional = !report.diagnostics.gatePassed;
  const horizons = new Map<string, HorizonModel>();
  // One workspace per horizon: a live edit then allocates no D × C arrays (calls run one at a time).
  const workspaces = new WeakMap<HorizonModel, AllocationWorkspace>();

  function horizon(weeks: number, flighting: Flighting): HorizonModel {
    const key = JSON.stringify([weeks, flighting]);
    let model = horizons.get(key);
    if (!model) {
      model = buildHorizonModel({
        target: rebuilt.target,
        draws: rebuilt.draws,
        horizonWeeks: weeks,
        flighting,
      });
      if (horizons.size >= 4) horizons.delete(horizons.keys().next().value as string);
      horizons.set(key, model);
    }
    return model;
  }

  function constraintsOf(
    model: HorizonModel,
    inputs: ScenarioInputs,
    current?: Float64Array,
  ): ResolvedConstraints {
    return resolveConstraints({
      channelNames,
      reference: model.reference,
      bounds: inputs.bounds,
      locked: inputs.locked,
      groups: inputs.groups,
      current,
    });
  }

  function problemOf(
    model: HorizonModel,
    inputs: ScenarioInputs,
    risk: Risk = inputs.risk,
  ): PlanningProblem {
    const current =
      inputs.allocation.length > 0 ? allocationVector(channelNames, inputs.allocation) : undefined;
    return {
      model,
      risk,
      constraints: constraintsOf(model, inputs, current),
      work: workspaceOf(model),
      scratch: createRiskScratch(model.draws, model.channels),
    };
  }

  function workspaceOf(model: HorizonModel): AllocationWorkspace {
    let work = workspaces.get(model);
    if (!work) {
      work = createAllocationWorkspace(model);
      workspaces.set(model, work);
    }
    return work;
  }

  function resultOf(
    model: HorizonModel,
    problem: PlanningProblem,
    spend: Float64Array,
    account: Pick<ScenarioResult, 'converged' | 'iterations' | 'seconds' | 'message'>,
  ): ScenarioResult {
    evaluateAllocation(model, spend, problem.work, { carryOut: true });
    return {
      ...scenarioOutcome(model, problem.work, spend, problem.constraints),
      ...account,
      provisional,
    };
  }

  return {
    report,
    channelNames,
    provisional,
    horizon,
    evaluate(inputs) {
      const started = Date.now();
      const model = horizon(inputs.horizonWeeks, inputs.flighting);
      const spend = allocationVector(channelNames, inputs.allocation);
      const problem = problemOf(model, inputs);
      const result = resultOf(model, problem, spend, {
        converged: true,
        iterations: 0,
        seconds: 0,
        message: null,
      });
      return { ...result, seconds: (Date.now() - started) / 1000 };
    },
    optimise(inputs) {
      const started = Date.now();
      if (inputs.objective.kind === 'manual')
        throw new PlanningInputError('objective: a manual scenario is evaluated, not optimised');
      const model = horizon(inputs.horizonWeeks, inputs.flighting);
      const problem = problemOf(model, inputs);
      const optimum = optimiseObjective(problem, inputs.objective);
      const spend = optimum.spend;
      const result = resultOf(model, problem, spend, {
        converged: optimum.converged,
        iterations: optimum.iterations,
        seconds: 0,
        message: optimum.message,
      });
      const allocation = channelNames.map((channel, c) => ({ channel, spend: spend[c] }));
      return {
        inputs: { ...inputs, allocation },
        result: { ...result, seconds: (Date.now() - started) / 1000 },
        kktResidual: optimum.kktResidual,
      };
    },
    frontier(inputs, factors) {
      const model = horizon(inputs.horizonWeeks, inputs.flighting);
      return efficientFrontier({
        model,
        risk: inputs.risk,
        constraintsAt: (factor) =>
          resolveConstraints({
            channelNames,
            reference: model.reference.map((r) => r * factor),
            bounds: inputs.bounds,
            locked: inputs.locked,
            groups: inputs.groups,
            current:
              inputs.allocation.length > 0
                ? allocationVector(channelNames, inputs.allocation)
                : model.reference,
          }),
        factors,
      });
    },
    responseCurves(inputs, points) {
      return horizonResponseCurves(horizon(inputs.horizonWeeks, inputs.flighting), points);
    },
  };
}
