/**
 * Ordered, pure migrations of the stored plan document (as nbformat's and Excalidraw's): each step
 * turns one format version into the next and keeps every field it does not know. They run after
 * the content hash is checked (the hash covers the file as its own version wrote it) and before
 * the schema. A newer minor version is read as it is (minor versions only add fields); a newer
 * major version is refused. A fixture of every version ever written lives in fixtures/ and is
 * opened by the tests forever.
 */
import {
  compareVersions,
  PLAN_FORMAT,
  PLAN_FORMAT_VERSION,
  versionText,
  type FormatVersion,
} from './planFormat';

type Json = Record<string, unknown>;

export interface PlanMigration {
  readonly from: FormatVersion;
  readonly to: FormatVersion;
  readonly migrate: (document: Json) => Json;
}

/** Every step ever needed, oldest first. */
export const PLAN_MIGRATIONS: readonly PlanMigration[] = [
  /** 1.0 → 1.1: `reproduce` (how the data were read) was not recorded. */
  {
    from: { major: 1, minor: 0 },
    to: { major: 1, minor: 1 },
    migrate: (document) => ({ ...document, reproduce: null }),
  },
];

export type PlanVersionProblem = 'not-a-plan' | 'newer-version' | 'invalid';

export class PlanVersionError extends Error {
  override readonly name = 'PlanVersionError';
  constructor(
    readonly problem: PlanVersionProblem,
    message: string,
  ) {
    super(message);
  }
}

export function isJsonObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The format version of a parsed file, after checking that it is a plan at all. Throws
 * PlanVersionError ('not-a-plan' or 'invalid') with one sentence.
 */
export function planFormatVersion(document: unknown): FormatVersion {
  if (!isJsonObject(document) || document.format !== PLAN_FORMAT) {
    const fitResult = isJsonObject(document) && document.kind === 'mmm-fit-result';
    throw new PlanVersionError(
      'not-a-plan',
      fitResult
        ? 'this is an MMM fit result, not a plan: open it as a fit result, or save a plan from it'
        : `this is not an MMM Workbench plan (it has no "format": "${PLAN_FORMAT}")`,
    );
  }
  const version = document.formatVersion;
  const whole = (value: unknown): value is number =>
    typeof value === 'number' && Number.isInteger(value) && value >= 0;
  if (!isJsonObject(version) || !whole(version.major) || !whole(version.minor))
    throw new PlanVersionError(
      'invalid',
      'the plan has no valid "formatVersion" ({ "major": …, "minor": … })',
    );
  return { major: version.major, minor: version.minor };
}

/** Refuses a version this app cannot read: a newer major one. */
export function checkReadable(
  version: FormatVersion,
  current: FormatVersion = PLAN_FORMAT_VERSION,
): void {
  if (version.major > current.major)
    throw new PlanVersionError(
      'newer-version',
      `this plan was written by a newer version of the app: update to open it (plan format ${versionText(version)}; this version reads ${current.major}.x)`,
    );
}

export interface MigratedPlan {
  readonly document: Json;
  readonly fromVersion: FormatVersion;
}

/**
 * Brings a stored plan of an older version to `current` through `migrations`; a plan of the
 * current or a newer minor version comes back as it is.
 */
export function migratePlan(
  document: Json,
  migrations: readonly PlanMigration[] = PLAN_MIGRATIONS,
  current: FormatVersion = PLAN_FORMAT_VERSION,
): MigratedPlan {
  const fromVersion = planFormatVersion(document);
  checkReadable(fromVersion, current);
  let version = fromVersion;
  let migrated = document;
  while (compareVersions(version, current) < 0) {
    const step = migrations.find((m) => compareVersions(m.from, version) === 0);
    if (!step)
      throw new PlanVersionError(
        'invalid',
        `plan format ${versionText(version)} is not a version this app knows (it reads ${versionText(current)} and the versions before it)`,
      );
    migrated = { ...step.migrate(migrated), formatVersion: { ...step.to } };
    version = step.to;
  }
  return { document: migrated, fromVersion };
}
