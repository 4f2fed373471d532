/**
 * Per-file weekly aggregates in SQL, shared by the model frame and validation. Spend, impressions,
 * clicks and the KPI are summed per week; controls are averaged per week (a weekly price index or
 * promo share is an average of the days, not a total). Long data is summed per week[, geo] and
 * channel in one scan into a small temporary table, whose distinct channels are the labels, then
 * pivoted to one column per channel with `SUM(if(channel = …, spend, NULL))` over those sums (a
 * control's mean is then Σ sums / Σ counts). With `aggregateGeos` the geos are summed (controls
 * averaged) into one national series. Each file's weekly series is kept in a small temporary table.
 */
import { dateSql, numberSql, textSql } from './columnExpressions';
import { quoteLiteral, toText } from './sql';
import { weekStartSql } from './weekStart';
import type { ColumnMapping, ColumnProfile, ImportedFile, Mapping, SqlConnection } from './types';

export type MetricRole = 'spend' | 'impressions' | 'clicks' | 'kpi' | 'control';

export interface WeeklyMetric {
  /** Column alias in the weekly SQL. */
  readonly alias: string;
  readonly role: MetricRole;
  /** Channel name (spend/impressions/clicks), else the column name (the KPI's `kpi × multiplier`). */
  readonly name: string;
  readonly column: string;
}

export interface WeeklySource {
  readonly file: ImportedFile;
  readonly dateColumn: ColumnProfile;
  readonly geoColumn: ColumnProfile | null;
  readonly channelColumn: ColumnProfile | null;
  readonly metrics: readonly WeeklyMetric[];
  /**
   * SELECT week[, geo], metrics…, one row per week (and geo): a temporary table `<table>__by_week`
   * summed over the file, or for long data over its per-channel weekly sums (`<table>__weekly`),
   * both rebuilt by each `weeklySources` call.
   */
  readonly sql: string;
}

function mappedColumn(file: ImportedFile, mapping: ColumnMapping): ColumnProfile | null {
  return mapping.file === file.name
    ? (file.columns.find((column) => column.name === mapping.column) ?? null)
    : null;
}

/** The KPI's name when a revenue per unit multiplies it: `conversions × revenue_per_conversion`. */
export function kpiProductName(kpi: ColumnProfile, multiplier: ColumnProfile): string {
  return `${kpi.name} × ${multiplier.name}`;
}

/** True when a mapped column may enter the frame (personal data only with `keepPersonalData`). */
export function admitted(column: ColumnProfile, mapping: ColumnMapping): boolean {
  return column.personalData === null || mapping.keepPersonalData === true;
}

/** Distinct channel labels (column `channel`) of a grouped weekly table, sorted. */
async function channelLabels(conn: SqlConnection, grouped: string): Promise<string[]> {
  const table = await conn.query(
    `SELECT DISTINCT channel AS label FROM ${grouped} WHERE channel IS NOT NULL ORDER BY 1`,
  );
  return Array.from(table.toArray(), (row) => toText(row.label) ?? '');
}

const metricRoles: readonly MetricRole[] = ['spend', 'impressions', 'clicks', 'kpi', 'control'];

/** Whether the weekly aggregates keep geos: a geo column is mapped and geos are not aggregated. */
export function keepsGeo(mapping: Mapping): boolean {
  return !mapping.aggregateGeos && mapping.columns.some((column) => column.role === 'geo');
}

/**
 * The weekly sources of a mapping, as `validate` and `buildModelFrame` use them. Build them once
 * and pass them to both: each build scans every long file again (≈ 1 s at 10M rows).
 */
export function weeklySourcesOf(
  conn: SqlConnection,
  files: readonly ImportedFile[],
  mapping: Mapping,
): Promise<WeeklySource[]> {
  return weeklySources(conn, files, mapping, { keepGeo: keepsGeo(mapping) });
}

/** Builds the weekly aggregate of each file that has a mapped date column and something to aggregate. */
export async function weeklySources(
  conn: SqlConnection,
  files: readonly ImportedFile[],
  mapping: Mapping,
  options: { keepGeo: boolean },
): Promise<WeeklySource[]> {
  const sources: WeeklySource[] = [];
  for (const [fileIndex, file] of files.entries()) {
    const mapped = mapping.columns
      .map((entry) => ({ entry, column: mappedColumn(file, entry) }))
      .filter(
        (item): item is { entry: ColumnMapping; column: ColumnProfile } =>
          item.column !== null && admitted(item.column, item.entry),
      );
    const dateColumn = mapped.find((item) => item.entry.role === 'date')?.column;
    if (!dateColumn) continue;
    const geoColumn = options.keepGeo
      ? (mapped.find((item) => item.entry.role === 'geo')?.column ?? null)
      : null;
    const channelColumn = mapped.find((item) => item.entry.role === 'channel')?.column ?? null;
    const inner: string[] = [`${weekStartSql(dateSql(dateColumn), mapping.weekStart)} AS week`];
    if (geoColumn) inner.push(`${textSql(geoColumn)} AS geo`);
    if (channelColumn) inner.push(`${textSql(channelColumn)} AS channel`);
    // A revenue per KPI unit (Meridian's revenue_per_conversion) turns the KPI into revenue, row by row.
    const multiplier = mapped.find((item) => item.entry.role === 'revenue-per-kpi')?.column;
    const measured = [...mapped.entries()]
      .filter(([, { entry }]) => metricRoles.includes(entry.role as MetricRole))
      .map(([index, { entry, column }]) => ({
        entry,
        column,
        role: entry.role as MetricRole,
        value: `v${index}`,
        sql:
          entry.role === 'kpi' && multiplier
            ? `(${numberSql(column, file.decimalSeparator ?? '.')} * ${numberSql(multiplier, file.decimalSeparator ?? '.')})`
            : numberSql(column, file.decimalSeparator ?? '.'),
        name: entry.role === 'kpi' && multiplier ? kpiProductName(column, multiplier) : column.name,
      }));
    // With a channel column, rows are first summed per week[, geo] and channel, then pivoted from
    // that small table: one hash aggregate over the rows instead of a filtered sum per channel.
    const pivot = channelColumn !== null;
    const middle: string[] = [];
    for (const { role, value, sql } of measured) {
      inner.push(`${sql} AS ${value}`);
      // A control is a weekly mean: Σ/count, carried through the per-channel sums as both.
      middle.push(`SUM(${value}) AS ${value}`);
      if (role === 'control') middle.push(`COUNT(${value}) AS ${value}_n`);
    }
    const keys = geoColumn ? 'week, geo' : 'week';
    const source = file.rawTable ?? file.table;
    let from = `(SELECT ${inner.join(', ')} FROM ${source}) WHERE week IS NOT NULL`;
    let labels: string[] = [];
    if (pivot) {
      // The one scan of the file: its per-week[, geo] and channel sums, kept as a small temporary
      // table that the channel labels, the pivot, and validation's series checks all read. Rows
      // whose date does not parse form the NULL week here (dropped by the pivot), so the labels
      // are those of every row, as a DISTINCT over the file would give.
      const grouped = `${file.table}__weekly`;
      await conn.query(
        `CREATE OR REPLACE TEMP TABLE ${grouped} AS SELECT ${keys}, channel${middle.length ? ', ' + middle.join(', ') : ''} FROM (SELECT ${inner.join(', ')} FROM ${source}) GROUP BY ${keys}, channel`,
      );
      labels = await channelLabels(conn, grouped);
      from = `${grouped} WHERE week IS NOT NULL`;
    }
    const metrics: WeeklyMetric[] = [];
    const outer: string[] = [];
    for (const { entry, column, role, value, name } of measured) {
      const isMedia = role === 'spend' || role === 'impressions' || role === 'clicks';
      if (isMedia && channelColumn && !entry.channel) {
        for (const [labelIndex, label] of labels.entries()) {
          const alias = `f${fileIndex}_${value}_${labelIndex}`;
          metrics.push({ alias, role, name: label, column: column.name });
          outer.push(
            // if(), not FILTER: duckdb-wasm's cost of FILTER grows with the square of the channels.
            `COALESCE(SUM(if(channel = ${quoteLiteral(label)}, ${value}, NULL)), 0)::DOUBLE AS ${alias}`,
          );
        }
      } else {
        const alias = `f${fileIndex}_${value}`;
        metrics.push({
          alias,
          role,
          name: isMedia ? (entry.channel ?? column.name) : name,
          column: column.name,
        });
        outer.push(
          role !== 'control'
            ? `SUM(${value})::DOUBLE AS ${alias}`
            : pivot
              ? `(SUM(${value}) / SUM(${value}_n))::DOUBLE AS ${alias}`
              : `AVG(${value})::DOUBLE AS ${alias}`,
        );
      }
    }
    // Kept as a small temporary table: validation's checks and the frame each read it, and
    // recomputing the weekly sums of a file with hundreds of columns costs as much as the checks.
    const weeks = `${file.table}__by_week`;
    await conn.query(
      `CREATE OR REPLACE TEMP TABLE ${weeks} AS SELECT ${keys}${outer.length ? ', ' + outer.join(', ') : ''} FROM ${from} GROUP BY ${keys}`,
    );
    sources.push({
      file,
      dateColumn,
      geoColumn,
      channelColumn,
      metrics,
      sql: `SELECT * FROM ${weeks}`,
    });
  }
  return sources;
}
