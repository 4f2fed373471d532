/**
 * The one way a finished fit becomes its report, shared by `mmm fit --out` and the app's report
 * worker, so the same request and draws give the same report in both (timing and createdAt
 * aside): the target is rebuilt from the request, the data fingerprint taken from its inputs, and
 * the timing read off the chains (warmup and sampling: the slowest chain's).
 */
import type { FitRequest, FitResult } from '../inference/chains';
import { createGeoMmmTarget } from '../mmm/geoTarget';
import { createMmmTarget } from '../mmm/target';
import { dataFingerprint, geoDataFingerprint } from './dataFingerprint';
import { buildFitReport } from './fitReport';
import type { DataFile, FitReport } from './fitReportSchema';

export interface FitContext {
  readonly kpiName: string;
  /** Where the data came from: file name(s), never a path. */
  readonly source: string | null;
  readonly files: readonly DataFile[];
  readonly createdAt: string | null;
  /** Wall time of the whole run (default: the fit's own wall time). */
  readonly totalSeconds?: number;
}

/** The report's `data.source`: the input files' names, comma-separated (null when none). */
export function sourceOf(files: readonly { readonly name: string }[]): string | null {
  return files.length === 0 ? null : files.map((file) => file.name).join(', ');
}

export function reportOfFit(request: FitRequest, fit: FitResult, context: FitContext): FitReport {
  const description = request.target;
  if (description.kind !== 'mmm' && description.kind !== 'geo-mmm')
    throw new Error(`fit report: the fit sampled a '${description.kind}' target, not an MMM`);
  const target =
    description.kind === 'mmm'
      ? createMmmTarget(description.input)
      : createGeoMmmTarget(description.input);
  const slowest = (pick: (seconds: { warmupSeconds: number; samplingSeconds: number }) => number) =>
    Math.max(0, ...fit.chains.map((chain) => pick(chain.stats)));
  return buildFitReport({
    request,
    fit,
    target,
    timing: {
      totalSeconds: context.totalSeconds ?? fit.wallSeconds,
      warmupSeconds: slowest((s) => s.warmupSeconds),
      samplingSeconds: slowest((s) => s.samplingSeconds),
    },
    dataFingerprint:
      description.kind === 'mmm'
        ? dataFingerprint(description.input.data)
        : geoDataFingerprint(description.input.data),
    kpiName: context.kpiName,
    source: context.source,
    files: context.files,
    createdAt: context.createdAt,
  });
}
