/**
 * Proposes a mapping from column names and kinds. It is plain data: the UI shows it, the user edits
 * it, and it is saved as mapping.json. Rules (names in snake_case):
 * date — the first date column, preferring date-like names; geo — geo/region/dma/market/country/state…;
 * channel — a few-valued text column beside a bare `spend` in long data; spend — `*_spend`, `spend_*`,
 * `cost`, `x1`…; impressions — `*impressions*`, `imps`; clicks — `*clicks*`; KPI — one column across all
 * files, the first of revenue > sales > conversions > orders > kpi > y…; controls — price, promo, holiday,
 * event, competitor, temperature, index…; personal data (unless kept) and anything else — ignore.
 */
import {
  isCompetitorName,
  isControlName,
  isDateName,
  isDerivedName,
  isGeoName,
  kpiRank,
  metricOf,
} from './columnNames';
import { channelColumnOf } from './fileShape';
import type { ColumnMapping, ColumnProfile, ImportedFile, Mapping } from './types';

function dateColumnOf(columns: readonly ColumnProfile[]): ColumnProfile | null {
  const dates = columns.filter((column) => column.kind === 'date');
  return dates.find((column) => isDateName(column.name)) ?? dates[0] ?? null;
}

function roleOf(
  file: ImportedFile,
  column: ColumnProfile,
  dateColumn: ColumnProfile | null,
  channelColumn: ColumnProfile | null,
  keep: ReadonlySet<string>,
): ColumnMapping {
  if (column.personalData !== null) {
    if (!keep.has(column.name)) return { file: file.name, column: column.name, role: 'ignore' };
    return {
      ...roleOf(file, { ...column, personalData: null }, dateColumn, channelColumn, keep),
      keepPersonalData: true,
    };
  }
  const base = { file: file.name, column: column.name };
  if (column === dateColumn) return { ...base, role: 'date' };
  if (column === channelColumn) return { ...base, role: 'channel' };
  if (column.kind === 'text' && isGeoName(column.name)) return { ...base, role: 'geo' };
  if (column.kind !== 'number' && column.kind !== 'boolean') return { ...base, role: 'ignore' };
  if (isDerivedName(column.name)) return { ...base, role: 'ignore' };
  // A competitor's spend is context, not our media.
  if (isCompetitorName(column.name)) return { ...base, role: 'control' };
  const metric = column.kind === 'number' ? metricOf(column.name) : null;
  if (metric) {
    if (channelColumn)
      return metric.channel === '' ? { ...base, role: metric.role } : { ...base, role: 'ignore' };
    return { ...base, role: metric.role, channel: metric.channel || column.name };
  }
  if (kpiRank(column.name) !== null) return { ...base, role: 'kpi' };
  if (isControlName(column.name)) return { ...base, role: 'control' };
  return { ...base, role: 'ignore' };
}

export interface DetectOptions {
  /**
   * Columns (by name, in any file) the user keeps although they look like personal data: they
   * get the role their name and kind give them, and `keepPersonalData` (`--keep-personal`).
   */
  readonly keepPersonal?: readonly string[];
}

/** Detects a mapping for all files together (one KPI overall: the best-ranked name). */
export function detectMapping(
  files: readonly ImportedFile[],
  options: DetectOptions = {},
): Mapping {
  const keep = new Set(options.keepPersonal ?? []);
  const columns: ColumnMapping[] = [];
  for (const file of files) {
    const dateColumn = dateColumnOf(file.columns);
    const channelColumn = channelColumnOf(file.columns);
    for (const column of file.columns)
      columns.push(roleOf(file, column, dateColumn, channelColumn, keep));
  }
  const kpis = columns.filter((column) => column.role === 'kpi');
  const best = kpis.reduce<ColumnMapping | null>(
    (chosen, column) =>
      chosen === null || (kpiRank(column.column) ?? 99) < (kpiRank(chosen.column) ?? 99)
        ? column
        : chosen,
    null,
  );
  const resolved = columns.map((column) =>
    column.role === 'kpi' && column !== best ? { ...column, role: 'ignore' as const } : column,
  );
  return { version: 1, columns: resolved, weekStart: 'monday', aggregateGeos: true };
}
