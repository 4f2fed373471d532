/**
 * Rebuilds a fitted model from its result file alone, no data files: the MMM target (same spec,
 * same weekly inputs, hence the same scales and adstock history) and the stored posterior draws as
 * named parameters. The planner, plan files and the Results screens evaluate scenarios with it:
 *
 *   contributions of draw d under spend x = target.components(draws[d], x)
 *
 * The report's spec is the resolved one, with the ROI prior already derived from the media-share
 * prior; that derived prior is dropped before rebuilding so `resolveModelSpec` derives it again
 * from the same data (and keeps `mediaSharePrior` as it was).
 */
import { createMmmTarget, type MmmTarget } from '../mmm/target';
import type { MmmInput, MmmParameters } from '../mmm/types';
import type { FitReport, ModelInputs } from './fitReportSchema';
import { parametersFromTable } from './posteriorDraws';

export class ReportInputsMissingError extends Error {
  override readonly name = 'ReportInputsMissingError';
}

export interface ReportModel {
  readonly input: MmmInput;
  readonly target: MmmTarget;
  /** The stored (thinned) posterior draws, constrained and named. */
  readonly draws: readonly MmmParameters[];
}

/** The weekly inputs of a report as the model's data types (Float64Arrays). */
export function mmmDataOf(inputs: ModelInputs): MmmInput['data'] {
  return {
    dates: [...inputs.dates],
    kpi: Float64Array.from(inputs.kpi),
    channelNames: inputs.channels.map((c) => c.name),
    spend: inputs.channels.map((c) => Float64Array.from(c.spend)),
    controlNames: inputs.controls.map((c) => c.name),
    controls: inputs.controls.map((c) => Float64Array.from(c.values)),
  };
}

/** The MmmInput that reproduces the report's target. */
export function mmmInputOf(report: FitReport): MmmInput {
  if (report.inputs === null)
    throw new ReportInputsMissingError(
      'this fit result was written by an older version of the app without its weekly inputs: refit it (mmm fit … --out) to plan on it',
    );
  const { spec } = report;
  const channelPriors = { ...spec.channelPriors };
  if (spec.mediaSharePrior) delete channelPriors.roi;
  return {
    spec: { ...spec, channelPriors, mediaSharePrior: spec.mediaSharePrior ?? null },
    data: mmmDataOf(report.inputs),
    experiments: report.inputs.experiments.map((test) => ({ ...test })),
  };
}

export function modelFromReport(report: FitReport): ReportModel {
  const input = mmmInputOf(report);
  const target = createMmmTarget(input);
  const channels = target.design.channelNames;
  const draws = Array.from({ length: report.draws.count }, (_, d) =>
    parametersFromTable(report.draws, d, channels),
  );
  return { input, target, draws };
}
