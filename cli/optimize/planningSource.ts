/**
 * What `mmm optimize` plans on, from one file: a fit result today. The Plans task (issue 13) adds
 * plan files here — a plan holds its fit report and its scenarios — so this returns both.
 */
import { readFile, stat } from 'node:fs/promises';
import type { Scenario } from '../../models/planning/scenarioSchema';
import { FIT_REPORT_LIMITS, parseFitReport } from '../../models/report/parseFitReport';
import type { FitReport } from '../../models/report/fitReportSchema';

export interface PlanningSource {
  readonly report: FitReport;
  /** The scenarios a plan file holds (none for a fit result). */
  readonly scenarios: readonly Scenario[];
  /** What the reader should know (a migrated report, dropped keys). */
  readonly notices: readonly string[];
}

export class PlanningSourceError extends Error {
  override readonly name = 'PlanningSourceError';
}

export async function loadPlanningSource(path: string): Promise<PlanningSource> {
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
  return { report: parsed.report, scenarios: [], notices: parsed.notices };
}
