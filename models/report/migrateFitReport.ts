/**
 * Ordered, pure migrations of the fit result file, one per version step (as nbformat's and
 * Excalidraw's): `MIGRATIONS[v]` turns a version-v document into version v + 1 and keeps every
 * field it does not know. A file of a newer version than this app writes is refused, never guessed
 * at. Fixtures of every version ever written live in fixtures/ and are migrated in the tests.
 */
import { FIT_REPORT_KIND, FIT_REPORT_VERSION } from './fitReportSchema';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** v1 → v2: no weekly inputs were stored (the planner says so); no metric or file list. */
function v1ToV2(document: Json): Json {
  const sampler = isObject(document.sampler) ? document.sampler : {};
  const data = isObject(document.data) ? document.data : {};
  return {
    ...document,
    version: 2,
    sampler: { ...sampler, metric: null },
    data: { ...data, files: [] },
    inputs: null,
  };
}

const MIGRATIONS: Readonly<Record<number, (document: Json) => Json>> = { 1: v1ToV2 };

export class FitReportVersionError extends Error {
  override readonly name = 'FitReportVersionError';
}

export interface MigratedFitReport {
  readonly document: unknown;
  /** The version the file was written in; equal to FIT_REPORT_VERSION when nothing was migrated. */
  readonly fromVersion: number;
}

/**
 * Brings a parsed fit result (any version) to FIT_REPORT_VERSION. Throws FitReportVersionError for
 * a document that is not a fit result, or whose version is unknown or newer than this app's.
 */
export function migrateFitReport(document: unknown): MigratedFitReport {
  if (!isObject(document) || document.kind !== FIT_REPORT_KIND)
    throw new FitReportVersionError(`not an MMM fit result (no "kind": "${FIT_REPORT_KIND}")`);
  const version = document.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    throw new FitReportVersionError('the fit result has no valid version number');
  if (version > FIT_REPORT_VERSION)
    throw new FitReportVersionError(
      `the fit result is version ${version}, written by a newer version of the app: update to open it (this version reads fit results up to version ${FIT_REPORT_VERSION})`,
    );
  let current: Json = document;
  for (let v = version; v < FIT_REPORT_VERSION; v++) current = MIGRATIONS[v](current);
  return { document: current, fromVersion: version };
}
