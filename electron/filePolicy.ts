/**
 * Which files the shell agrees to read, by kind: the accepted extensions and the size limit.
 * Paths reach main only from native dialogs (the user chose them) or drops (the preload turned a
 * dropped `File` into a path); both are checked against a policy before a byte is read.
 */
import { MAX_FILE_BYTES } from './contract';

export type FileKind = 'data' | 'plan';

export interface FilePolicy {
  /** 'fit': a fit result file, read but never listed among the recent files. */
  kind: FileKind | 'fit';
  /** Lower-case, with the dot; matched against the end of the lower-cased file name. */
  extensions: readonly string[];
  maxBytes: number;
}

/** Plans are small JSON documents; same cap as the `savePlan` payload schema. */
export const MAX_PLAN_BYTES = 64 * 1024 ** 2;

export const dataFilePolicy: FilePolicy = {
  kind: 'data',
  extensions: ['.csv', '.tsv', '.txt', '.parquet'],
  maxBytes: MAX_FILE_BYTES,
};

/** Through the plan dialog the user picked the file, so any `.json` is acceptable. */
export const planFilePolicy: FilePolicy = {
  kind: 'plan',
  extensions: ['.mmmplan', '.mmmplan.json', '.json'],
  maxBytes: MAX_PLAN_BYTES,
};

/**
 * A drop path comes from the renderer, so drops accept only unambiguous workbench files: data files
 * and plans (`.mmmplan`, `.mmmplan.json`) — never an arbitrary `.json` (config files holding
 * secrets are often JSON).
 */
export const droppedPlanFilePolicy: FilePolicy = {
  ...planFilePolicy,
  extensions: ['.mmmplan', '.mmmplan.json'],
};

export const droppedFilePolicies: readonly FilePolicy[] = [dataFilePolicy, droppedPlanFilePolicy];

/** Dialog filter extensions (no dot), derived from a policy. */
export function dialogExtensions(policy: FilePolicy): string[] {
  return [
    ...new Set(
      policy.extensions.map((extension) => extension.slice(extension.lastIndexOf('.') + 1)),
    ),
  ];
}

/** The first policy whose extension list matches the file name, if any. */
export function policyForName(
  fileName: string,
  policies: readonly FilePolicy[],
): FilePolicy | undefined {
  const lower = fileName.toLowerCase();
  return policies.find((policy) =>
    policy.extensions.some((extension) => lower.endsWith(extension)),
  );
}

/** A fit result (`mmm fit --out`), picked in its own dialog; as large as the app reads one. */
export const fitResultFilePolicy: FilePolicy = {
  kind: 'fit',
  extensions: ['.json'],
  maxBytes: 256 * 1024 ** 2,
};
