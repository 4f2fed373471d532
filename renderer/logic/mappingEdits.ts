/**
 * Pure edits of a `Mapping` (the UI never mutates one in place) and the merge that keeps an
 * analyst's choices when files are added or re-imported.
 */
import { detectMapping, metricOf, snakeCase } from '../../models/data';
import type { ColumnMapping, ColumnRole, ImportedFile, Mapping } from '../../models/data';

export { COLUMN_ROLES } from '../../models/data';

/** Roles that, in a wide file, carry one channel per column and so need a channel name. */
export const CHANNEL_ROLES: readonly ColumnRole[] = ['spend', 'impressions', 'clicks'];

export function findColumn(
  mapping: Mapping,
  file: string,
  column: string,
): ColumnMapping | undefined {
  return mapping.columns.find((entry) => entry.file === file && entry.column === column);
}

/** Replaces (or adds) the entry of one column with `change` applied. */
export function updateColumn(
  mapping: Mapping,
  file: string,
  column: string,
  change: Partial<Omit<ColumnMapping, 'file' | 'column'>>,
): Mapping {
  const existing = findColumn(mapping, file, column);
  const updated: ColumnMapping = { ...(existing ?? { file, column, role: 'ignore' }), ...change };
  const columns = existing
    ? mapping.columns.map((entry) => (entry === existing ? updated : entry))
    : [...mapping.columns, updated];
  return { ...mapping, columns };
}

/**
 * Sets a column's role; a wide channel column gets a channel name derived from its name. Giving a
 * role to a column that looks like personal data (`personal`) is choosing it: it is kept.
 */
export function setColumnRole(
  mapping: Mapping,
  file: string,
  column: string,
  role: ColumnRole,
  shape: ImportedFile['shape'],
  personal = false,
): Mapping {
  const existing = findColumn(mapping, file, column);
  const needsChannel = shape === 'wide' && CHANNEL_ROLES.includes(role);
  const channel = needsChannel ? (existing?.channel ?? channelNameFromColumn(column)) : undefined;
  const next = updateColumn(mapping, file, column, {
    role,
    channel,
    ...(personal && role !== 'ignore' ? { keepPersonalData: true } : {}),
  });
  if (channel !== undefined) return next;
  // Drop a stale channel name rather than leave `channel: undefined` in the saved JSON.
  return {
    ...next,
    columns: next.columns.map((entry) => {
      if (entry.file !== file || entry.column !== column) return entry;
      const { channel: _dropped, ...rest } = entry;
      return rest;
    }),
  };
}

/**
 * Keeps (or stops keeping) a column that looks like personal data. Kept while it has no role, it
 * takes the role detection gives its name and kind (`spend_email` → spend, channel email).
 */
export function keepPersonalColumn(
  mapping: Mapping,
  file: ImportedFile,
  column: string,
  keep: boolean,
): Mapping {
  if (!keep) return updateColumn(mapping, file.name, column, { keepPersonalData: false });
  const existing = findColumn(mapping, file.name, column);
  if (existing && existing.role !== 'ignore')
    return updateColumn(mapping, file.name, column, { keepPersonalData: true });
  const detected = findColumn(detectMapping([file], { keepPersonal: [column] }), file.name, column);
  return updateColumn(mapping, file.name, column, {
    role: detected?.role ?? 'ignore',
    ...(detected?.channel ? { channel: detected.channel } : {}),
    keepPersonalData: true,
  });
}

/**
 * The channel a column's name gives, as detection names it (`tv_spend` → `tv`, `Facebook
 * Impressions` → `facebook`, Robyn's `tv_S` → `tv`); the whole name when it has no metric word.
 */
export function channelNameFromColumn(column: string): string {
  return metricOf(column)?.channel || snakeCase(column);
}

/**
 * Combines a freshly detected mapping with the previous one: for every (file, column) the
 * previous entry wins, so edits survive re-detection; entries of files no longer loaded are
 * dropped. Week start and geo aggregation are the analyst's settings and are kept.
 */
export function mergeMapping(
  previous: Mapping | null,
  detected: Mapping,
  loadedFiles: readonly string[],
): Mapping {
  if (previous === null) return detected;
  const loaded = new Set(loadedFiles);
  const columns = detected.columns.map(
    (entry) => findColumn(previous, entry.file, entry.column) ?? entry,
  );
  return {
    version: 1,
    columns: columns.filter((entry) => loaded.has(entry.file)),
    weekStart: previous.weekStart,
    aggregateGeos: previous.aggregateGeos,
  };
}
