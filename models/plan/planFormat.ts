/**
 * The plan file's identity: its `format` string, the version this app writes, and the version
 * arithmetic (nbformat's rule: a minor version only adds fields, so an older app can open a newer
 * minor and keep what it does not know; a new major may change meanings and is refused by older
 * apps). Version history: README.md.
 */
export const PLAN_FORMAT = 'mmm-workbench.plan';

/** File extension (the save dialogs and downloads use it; `.mmmplan.json` is also read). */
export const PLAN_EXTENSION = '.mmmplan';

export interface FormatVersion {
  readonly major: number;
  readonly minor: number;
}

/** The version this app writes. */
export const PLAN_FORMAT_VERSION: FormatVersion = { major: 1, minor: 1 };

/** Negative when a < b, 0 when equal, positive when a > b. */
export function compareVersions(a: FormatVersion, b: FormatVersion): number {
  return a.major !== b.major ? a.major - b.major : a.minor - b.minor;
}

export function versionText(version: FormatVersion): string {
  return `${version.major}.${version.minor}`;
}

/** The application that writes a plan, as stored in `writtenBy`. */
export interface Writer {
  readonly app: string;
  readonly version: string;
}
