/**
 * Proposes a mapping from column names and kinds. It is plain data: the UI shows it, the user edits
 * it, and it is saved as mapping.json. Rules (names in snake_case):
 * date — the first date column, preferring date-like names; geo — geo/region/dma/market/country/state…;
 * channel — a few-valued text column beside a bare `spend` in long data; spend — `*_spend`, `spend_*`,
 * `cost`, `x1`…; impressions — `*impressions*`, `imps`; clicks — `*clicks*`; KPI — one column across all
 * files, the first of revenue > sales > conversions > orders > kpi > y… (in English, German, French or
 * Spanish); revenue per KPI — `revenue_per_conversion` beside a count KPI of its file (the KPI becomes
 * their product, revenue); population — `population`; controls — price, promo, holiday, event,
 * competitor, organic media, temperature, index, `*_control`, Robyn's `*_B`…; names follow
 * columnNames.ts; personal data (unless kept) and anything else — ignore.
 */
import {
  isCompetitorName,
  isControlName,
  isDateName,
  isDerivedName,
  isGeoName,
  isMoneyKpi,
  isOrganicName,
  isPopulationName,
  isRevenuePerKpiName,
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
  if (column.kind === 'number' && isPopulationName(column.name))
    return { ...base, role: 'population' };
  // Kept only beside a count KPI of its own file (see detectMapping).
  if (column.kind === 'number' && isRevenuePerKpiName(column.name))
    return { ...base, role: 'revenue-per-kpi' };
  // A competitor's spend and organic (unpaid) media are context, not our media.
  if (isCompetitorName(column.name) || isOrganicName(column.name))
    return { ...base, role: 'control' };
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
  // A revenue per unit (Meridian's revenue_per_conversion) turns a count KPI of its own file into
  // revenue: offered by default, ignored beside a money KPI or without a KPI in its file.
  const multiplier =
    best && !isMoneyKpi(best.column)
      ? columns.find((column) => column.role === 'revenue-per-kpi' && column.file === best.file)
      : undefined;
  const resolved = columns.map((column) =>
    (column.role === 'kpi' && column !== best) ||
    (column.role === 'revenue-per-kpi' && column !== multiplier)
      ? { ...column, role: 'ignore' as const }
      : column,
  );
  return { version: 1, columns: resolved, weekStart: 'monday', aggregateGeos: true };
}
