/**
 * The planner worker's API (the comlink contract): one planning session kept warm per loaded fit
 * report, so an edited cell costs one evaluation, not a rebuild. Runs in
 * renderer/workers/planner.worker.ts; tests call it directly and through a MessageChannel.
 */
import type { FrontierPoint } from '../../models/planning/efficientFrontier';
import type { HorizonResponseCurve } from '../../models/planning/horizonResponse';
import {
  createPlanningSession,
  type OptimisedScenario,
  type PlanningSession,
} from '../../models/planning/planningSession';
import type {
  Flighting,
  ScenarioInputs,
  ScenarioResult,
} from '../../models/planning/scenarioSchema';
import type { FitReport } from '../../models/report';

export interface PlannerSourceInfo {
  readonly channelNames: readonly string[];
  readonly provisional: boolean;
  readonly lastWeek: string;
}

export interface PlannerHorizon {
  /** Reference spend per channel over the horizon (the last N weeks of data), model order. */
  readonly reference: readonly number[];
  readonly dates: readonly string[];
}

export interface PlannerApi {
  load(report: FitReport): PlannerSourceInfo;
  horizon(weeks: number, flighting: Flighting): PlannerHorizon;
  evaluate(inputs: ScenarioInputs): ScenarioResult;
  optimise(inputs: ScenarioInputs): OptimisedScenario;
  frontier(inputs: ScenarioInputs): FrontierPoint[];
  curves(inputs: ScenarioInputs): HorizonResponseCurve[];
}

export function createPlannerApi(): PlannerApi {
  let session: PlanningSession | null = null;
  const current = (): PlanningSession => {
    if (!session) throw new Error('no fit result is loaded in the planner');
    return session;
  };
  return {
    load(report) {
      session = null;
      session = createPlanningSession(report);
      const dates = report.inputs?.dates ?? [];
      return {
        channelNames: [...session.channelNames],
        provisional: session.provisional,
        lastWeek: dates[dates.length - 1] ?? '',
      };
    },
    horizon(weeks, flighting) {
      const model = current().horizon(weeks, flighting);
      return { reference: Array.from(model.reference), dates: [...model.horizonDates] };
    },
    evaluate: (inputs) => current().evaluate(inputs),
    optimise: (inputs) => current().optimise(inputs),
    frontier: (inputs) => current().frontier(inputs),
    curves: (inputs) => current().responseCurves(inputs),
  };
}
