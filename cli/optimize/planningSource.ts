/**
 * What `mmm optimize` plans on, from one file: a fit result (`mmm fit --out result.json`) or a plan
 * file (`.mmmplan`: its fit and its scenarios, cli/plan/planningSource.ts), and where the optimised
 * scenario goes with `--out`: a plan file, the next revision of the source plan or a first plan on
 * the fit result.
 */
import { readFile, stat } from 'node:fs/promises';
import { FIT_REPORT_LIMITS, parseFitReport } from '../../models/report/parseFitReport';
import type { Scenario } from '../../models/planning/scenarioSchema';
import {
  isPlanFile,
  planningSourceOfPlan,
  writeScenariosAsPlan,
  type PlanningSource as PlanSource,
} from '../plan/planningSource';

export interface PlanningSource extends PlanSource {
  /** What the reader should know (a migrated report, dropped keys). */
  readonly notices: readonly string[];
}

export class PlanningSourceError extends Error {
  override readonly name = 'PlanningSourceError';
}

async function fitResultSource(path: string): Promise<PlanningSource> {
  let text: string;
  try {
    const size = (await stat(path)).size;
    const limit = FIT_REPORT_LIMITS.maxBytes ?? Infinity;
    if (size > limit)
      throw new PlanningSourceError(
        `${path}: ${size} bytes is larger than a fit result may be (${limit})`,
      );
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof PlanningSourceError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new PlanningSourceError(
      code === 'ENOENT'
        ? `${path}: no such file`
        : `${path}: cannot be read (${code ?? String(error)})`,
    );
  }
  const parsed = parseFitReport(text);
  if (!parsed.ok) throw new PlanningSourceError(`${path}: ${parsed.message}`);
  return { report: parsed.report, scenarios: [], plan: null, notices: parsed.notices };
}

export async function loadPlanningSource(path: string): Promise<PlanningSource> {
  if (!isPlanFile(path)) return fitResultSource(path);
  try {
    const source = await planningSourceOfPlan(path);
    return { ...source, notices: source.plan?.notices ?? [] };
  } catch (error) {
    throw new PlanningSourceError(error instanceof Error ? error.message : String(error));
  }
}

/** Writes the source's scenarios with `scenario` (replacing one of the same id) as a plan at `out`. */
export async function writeOptimisedPlan(
  out: string,
  source: PlanningSource,
  scenario: Scenario,
): Promise<void> {
  if (!isPlanFile(out))
    throw new PlanningSourceError(`--out: '${out}' is not a plan file (name it *.mmmplan)`);
  const kept = source.scenarios.filter((s) => s.id !== scenario.id);
  try {
    await writeScenariosAsPlan(out, source, [...kept, scenario]);
  } catch (error) {
    throw new PlanningSourceError(error instanceof Error ? error.message : String(error));
  }
}
