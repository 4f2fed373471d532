/**
 * Plan files as the planner CLI's input and output (for `mmm optimize`): a plan opens as the fit
 * report to plan on plus its scenarios, and the optimiser's scenarios are written back as a plan —
 * the next revision of the plan they came from (lineage kept, unknown fields kept), or a first plan
 * when they came from a fit result.
 */
import { basename } from 'node:path';
import { defaultPlanTitle, nextRevision, type OpenedPlan, type SavedPlan } from '../../models/plan';
import type { Scenario } from '../../models/planning/scenarioSchema';
import type { FitReport } from '../../models/report';
import { buildPlanFile, CLI_WRITER, readPlanFile, writePlanFile } from './planFiles';

export interface PlanningSource {
  readonly report: FitReport;
  readonly scenarios: readonly Scenario[];
  /** The opened plan, when the source was a plan file (null for a fit result). */
  readonly plan: OpenedPlan | null;
}

export function isPlanFile(path: string): boolean {
  return /\.mmmplan(\.json)?$/i.test(path);
}

/** Opens a plan file as a planning source; throws one sentence naming the file when refused. */
export async function planningSourceOfPlan(path: string): Promise<PlanningSource> {
  const opened = await readPlanFile(path);
  if (!opened.ok) throw new Error(opened.message);
  return { report: opened.plan.fit, scenarios: opened.plan.scenarios, plan: opened };
}

/**
 * Writes `scenarios` (the last one chosen) as a plan at `out`: the next revision of the source plan,
 * or a first plan on the source's fit.
 */
export async function writeScenariosAsPlan(
  out: string,
  source: PlanningSource,
  scenarios: readonly Scenario[],
): Promise<SavedPlan> {
  const chosenScenarioId = scenarios[scenarios.length - 1]?.id ?? null;
  if (source.plan) {
    const { plan } = source.plan;
    const saved = nextRevision(
      source.plan,
      { title: plan.title, author: plan.author, notes: plan.notes, scenarios, chosenScenarioId },
      { writtenBy: CLI_WRITER },
    );
    await writePlanFile(out, saved);
    return saved;
  }
  return buildPlanFile(out, {
    report: source.report,
    title: defaultPlanTitle(source.report),
    author: '',
    notes: `Scenarios optimised by mmm optimize on ${basename(out)}.`,
    scenarios,
    chosenScenarioId,
  });
}
