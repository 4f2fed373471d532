/**
 * Rebuilds a fitted model from its result file alone, no data files: the MMM target (same spec,
 * same weekly inputs, hence the same scales and adstock history) and the stored posterior draws as
 * named parameters. The planner, plan files and the Results screens evaluate scenarios with it:
 *
 *   contributions of draw d under spend x = target.components(draws[d], x)
 *
 * for a geo fit too: its target is the geo model, whose `components` takes national spend,
 * allocates it to geos as the data split each channel's spend, and sums the geos back up.
 *
 * The report's spec is the resolved one, with the ROI prior already derived from the media-share
 * prior; that derived prior is dropped before rebuilding so `resolveModelSpec` derives it again
 * from the same data (and keeps `mediaSharePrior` as it was).
 */
import type { GeoMmmInput } from '../mmm/geoTypes';
import type { MmmModel } from '../mmm/model';
import type { ModelSpecInput } from '../mmm/spec';
import { createMmmTarget, type MmmTarget } from '../mmm/target';
import type { MmmInput, MmmParameters } from '../mmm/types';
import type { FitReport, ModelInputs } from './fitReportSchema';
import { geoModelFromReport } from './geoReport';
import { parametersFromTable } from './posteriorDraws';

export class ReportInputsMissingError extends Error {
  override readonly name = 'ReportInputsMissingError';
}

/** A rebuilt national fit: its input and target (MmmTarget: the planner's horizon model needs it). */
export interface NationalReportModel {
  readonly level: 'national';
  readonly input: MmmInput;
  readonly target: MmmTarget;
  /** The stored (thinned) posterior draws, constrained and named. */
  readonly draws: readonly MmmParameters[];
}

/**
 * A rebuilt geo fit: `target` is the geo model, whose national facade `components(draw,
 * nationalSpend)` allocates national spend to geos as the data did and sums over geos
 * (geoComponents.ts); `draws` are geo draws.
 */
export interface GeoReportModel {
  readonly level: 'geo';
  readonly input: GeoMmmInput;
  readonly target: MmmModel;
  readonly draws: readonly MmmParameters[];
}

/** The national model, or the geo model (`level` tells which); both read as an MmmModel. */
export type ReportModel = NationalReportModel | GeoReportModel;

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

/** The report's spec as a spec input, the data-derived ROI prior dropped so it is derived again. */
function specInputOf(report: FitReport): ModelSpecInput {
  if (report.inputs === null)
    throw new ReportInputsMissingError(
      'this fit result was written by an older version of the app without its weekly inputs: refit it (mmm fit … --out) to plan on it',
    );
  const { spec } = report;
  const channelPriors = { ...spec.channelPriors };
  if (spec.mediaSharePrior) delete channelPriors.roi;
  return { ...spec, channelPriors, mediaSharePrior: spec.mediaSharePrior ?? null };
}

/** The MmmInput that reproduces a national report's target (for a geo fit: its national sums). */
export function mmmInputOf(report: FitReport): MmmInput {
  const spec = specInputOf(report);
  const inputs = report.inputs!;
  return {
    spec,
    data: mmmDataOf(inputs),
    experiments: inputs.experiments
      .filter((test) => !test.geo)
      .map(({ geo: _geo, ...test }) => ({ ...test })),
  };
}

export function modelFromReport(report: FitReport): ReportModel {
  const spec = specInputOf(report);
  if (report.inputs?.geo) return { level: 'geo', ...geoModelFromReport(report, spec) };
  const input = mmmInputOf(report);
  const target = createMmmTarget(input);
  const channels = target.design.channelNames;
  const draws = Array.from({ length: report.draws.count }, (_, d) =>
    parametersFromTable(report.draws, d, channels),
  );
  return { input, level: 'national', target, draws };
}
