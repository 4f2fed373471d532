/**
 * The Planner form's state and how it becomes a scenario's inputs (pure functions, tested beside
 * them): horizon, total budget (null = the reference spend), objective with its target, risk,
 * flighting, per-channel bounds (relative multipliers or currency) and locks.
 */
import { DEFAULT_RELATIVE_BOUNDS } from '../../models/planning/constraints';
import type {
  ChannelBound,
  Flighting,
  Objective,
  Risk,
  Scenario,
  ScenarioInputs,
} from '../../models/planning/scenarioSchema';
import type { ScenarioSeries } from '../charts/plannerCharts';

export type ObjectiveKind = Exclude<Objective['kind'], 'manual'>;

export interface BoundSetting {
  unit: 'relative' | 'absolute';
  lower: number;
  upper: number;
}

export interface PlannerSettings {
  horizonWeeks: number;
  budget: number | null;
  objective: ObjectiveKind;
  target: number | null;
  risk: Risk;
  flighting: Flighting;
  bounds: Record<string, BoundSetting>;
  locked: string[];
}

export function defaultPlannerSettings(channelNames: readonly string[]): PlannerSettings {
  return {
    horizonWeeks: 13,
    budget: null,
    objective: 'max-kpi',
    target: null,
    risk: { kind: 'mean' },
    flighting: { kind: 'reference' },
    bounds: Object.fromEntries(
      channelNames.map((channel) => [channel, { unit: 'relative', ...DEFAULT_RELATIVE_BOUNDS }]),
    ),
    locked: [],
  };
}

const TARGET_NAMES: Record<Exclude<ObjectiveKind, 'max-kpi'>, string> = {
  'min-spend': 'the incremental KPI to reach',
  'target-roi': 'the ROI to keep',
  'target-mroi': 'the marginal ROI to spend down to',
};

/** The objective the settings ask for; throws one sentence naming what is missing. */
export function objectiveOf(settings: PlannerSettings, referenceBudget: number): Objective {
  if (settings.objective === 'max-kpi')
    return { kind: 'max-kpi', budget: settings.budget ?? referenceBudget };
  const target = settings.target;
  if (target === null || !Number.isFinite(target) || target < 0)
    throw new Error(
      `Objective: enter ${TARGET_NAMES[settings.objective]} (a number of zero or more)`,
    );
  if (settings.objective === 'min-spend') return { kind: 'min-spend', targetKpi: target };
  if (settings.objective === 'target-roi') return { kind: 'target-roi', targetRoi: target };
  return { kind: 'target-mroi', targetMroi: target };
}

export function boundsOf(settings: PlannerSettings): ChannelBound[] {
  return Object.entries(settings.bounds).map(([channel, bound]) => ({ channel, ...bound }));
}

/** A scenario's inputs: the settings' constraints with `objective` and `allocation`. */
export function inputsOf(
  settings: PlannerSettings,
  scenario: { name: string; objective: Objective; allocation: ScenarioInputs['allocation'] },
): ScenarioInputs {
  return {
    name: scenario.name,
    horizonWeeks: settings.horizonWeeks,
    objective: scenario.objective,
    risk: settings.risk,
    flighting: settings.flighting,
    bounds: boundsOf(settings),
    locked: [...settings.locked],
    groups: [],
    allocation: scenario.allocation.map((entry) => ({ ...entry })),
  };
}

/** The next free id and name for a hand-edited copy ("Scenario 3"). */
export function nextScenarioName(scenarios: readonly Scenario[]): { id: string; name: string } {
  let n = 1;
  while (scenarios.some((s) => s.id === `scenario-${n}`)) n += 1;
  return { id: `scenario-${n}`, name: `Scenario ${n}` };
}

/** What the charts read from a scenario. */
export function seriesOf(scenario: Scenario): ScenarioSeries {
  const { result, inputs } = scenario;
  return {
    name: inputs.name,
    provisional: result.provisional,
    spend: result.channels.map((c) => c.spend),
    incremental: result.channels.map((c) => c.incremental.mean),
    total: { spend: result.total.spend, incremental: result.total.incremental },
  };
}
