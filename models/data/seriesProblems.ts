/**
 * Checks on the weekly series of each file: missing weeks (gaps in the weekly sequence), channels
 * whose weekly spend is all zero or constant, KPI outliers, date ranges that do not overlap, and
 * too few shared weeks for a model (seriesLength.ts).
 * KPI outliers use the robust z-score z = 0.6745·(x − median)/MAD (Iglewicz & Hoaglin 1993), flagged
 * as a warning when |z| > 4; MAD = median|x − median|. Example: weeks 10, 11, 9, 10, 50 → MAD 1, z(50) = 27.
 */
import { scanColumns } from './columnScan';
import { capped, problemsPerColumn } from './problemLimits';
import { seriesLengthProblems } from './seriesLength';
import { toNumber, toText } from './sql';
import type { WeeklySource } from './weeklySources';
import type { SqlConnection, ValidationProblem } from './types';

export const outlierThreshold = 4;

export async function missingWeeks(
  conn: SqlConnection,
  source: WeeklySource,
): Promise<ValidationProblem[]> {
  const geo = source.geoColumn !== null;
  const hasKpi = source.metrics.some((metric) => metric.role === 'kpi');
  const sql = `WITH s AS (${source.sql}),
    b AS (SELECT ${geo ? 'geo, ' : ''}min(week) AS first, max(week) AS last FROM s GROUP BY ALL),
    expected AS (SELECT ${geo ? 'b.geo, ' : ''}CAST(range AS DATE) AS week FROM b, range(b.first, b.last + 1, INTERVAL 7 DAY))
    SELECT strftime(expected.week, '%Y-%m-%d') AS week, ${geo ? 'expected.geo' : 'NULL'} AS geo, count(*) OVER () AS total
    FROM expected LEFT JOIN s ON s.week = expected.week${geo ? ' AND s.geo IS NOT DISTINCT FROM expected.geo' : ''}
    WHERE s.week IS NULL ORDER BY ${geo ? 'expected.geo, ' : ''}expected.week LIMIT ${problemsPerColumn}`;
  const rows = Array.from((await conn.query(sql)).toArray());
  const problems = rows.map((row): ValidationProblem => ({
    severity: hasKpi ? 'error' : 'warning',
    code: 'missing-week',
    file: source.file.name,
    date: toText(row.week) ?? '',
    column: source.dateColumn.name,
    message: `no rows in the week of ${toText(row.week)}${row.geo !== null && row.geo !== undefined ? ` for ${toText(row.geo)}` : ''}${hasKpi ? '' : ' (spend counted as 0)'}`,
  }));
  return capped(problems, toNumber(rows[0]?.total) ?? 0);
}

export async function flatChannels(
  conn: SqlConnection,
  source: WeeklySource,
): Promise<ValidationProblem[]> {
  const spend = source.metrics.filter((metric) => metric.role === 'spend');
  if (spend.length === 0) return [];
  const rows = await scanColumns(
    conn,
    `(${source.sql})`,
    {
      columns: spend.map((metric) => [metric.alias]),
      aggregates: {
        min: ([value]) => `min(${value})::DOUBLE`,
        max: ([value]) => `max(${value})::DOUBLE`,
      },
      slotTypes: ['DOUBLE'],
    },
    { rows: 0 },
  );
  const problems: ValidationProblem[] = [];
  for (const [index, metric] of spend.entries()) {
    const min = toNumber(rows[index].min);
    const max = toNumber(rows[index].max);
    const base = { severity: 'warning' as const, file: source.file.name, column: metric.column };
    if ((min === null && max === null) || (min === 0 && max === 0))
      problems.push({
        ...base,
        code: 'zero-channel',
        message: `channel ${metric.name} has no spend in any week`,
      });
    else if (min !== null && min === max)
      problems.push({
        ...base,
        code: 'constant-channel',
        message: `channel ${metric.name} spends the same ${min} every week (its effect cannot be told from the baseline)`,
      });
  }
  return problems;
}

export async function kpiOutliers(
  conn: SqlConnection,
  source: WeeklySource,
): Promise<ValidationProblem[]> {
  const kpi = source.metrics.find((metric) => metric.role === 'kpi');
  if (!kpi) return [];
  const geo = source.geoColumn !== null;
  const sql = `WITH s AS (${source.sql}),
    m AS (SELECT ${geo ? 'geo, ' : ''}median(${kpi.alias})::DOUBLE AS center FROM s GROUP BY ALL),
    d AS (SELECT ${geo ? 'm.geo, ' : ''}m.center, median(abs(s.${kpi.alias} - m.center))::DOUBLE AS spread FROM s JOIN m ON ${geo ? 's.geo IS NOT DISTINCT FROM m.geo' : 'true'} GROUP BY ALL)
    SELECT strftime(s.week, '%Y-%m-%d') AS week, ${geo ? 's.geo' : 'NULL'} AS geo, s.${kpi.alias} AS value, 0.6745 * (s.${kpi.alias} - d.center) / d.spread AS z, count(*) OVER () AS total
    FROM s JOIN d ON ${geo ? 's.geo IS NOT DISTINCT FROM d.geo' : 'true'}
    WHERE d.spread > 0 AND abs(0.6745 * (s.${kpi.alias} - d.center) / d.spread) > ${outlierThreshold} ORDER BY s.week LIMIT ${problemsPerColumn}`;
  const rows = Array.from((await conn.query(sql)).toArray());
  const problems = rows.map((row): ValidationProblem => ({
    severity: 'warning',
    code: 'kpi-outlier',
    file: source.file.name,
    date: toText(row.week) ?? '',
    column: kpi.column,
    message: `weekly ${kpi.column} ${toNumber(row.value)} in the week of ${toText(row.week)}${row.geo !== null && row.geo !== undefined ? ` for ${toText(row.geo)}` : ''} is an outlier (robust z = ${(toNumber(row.z) ?? 0).toFixed(1)})`,
  }));
  return capped(problems, toNumber(rows[0]?.total) ?? 0);
}

/** The first and last week of a weekly source. */
export interface WeekRange {
  readonly source: WeeklySource;
  readonly first: string;
  readonly last: string;
}

/** Each source's first and last week (sources without any week are left out). */
export async function weekRanges(
  conn: SqlConnection,
  sources: readonly WeeklySource[],
): Promise<WeekRange[]> {
  const ranges: WeekRange[] = [];
  for (const source of sources) {
    const row = (
      await conn.query(
        `SELECT strftime(min(week), '%Y-%m-%d') AS first, strftime(max(week), '%Y-%m-%d') AS last FROM (${source.sql})`,
      )
    ).toArray()[0];
    const first = toText(row?.first);
    const last = toText(row?.last);
    if (first && last) ranges.push({ source, first, last });
  }
  return ranges;
}

/** Error when the files' week ranges share no week; info naming the weeks left out otherwise. */
export function overlapProblems(ranges: readonly WeekRange[]): ValidationProblem[] {
  if (ranges.length < 2) return [];
  const latestStart = ranges.reduce((a, b) => (b.first > a.first ? b : a));
  const earliestEnd = ranges.reduce((a, b) => (b.last < a.last ? b : a));
  if (latestStart.first > earliestEnd.last) {
    return [
      {
        severity: 'error',
        code: 'non-overlapping-dates',
        file: latestStart.source.file.name,
        column: latestStart.source.dateColumn.name,
        message: `its weeks start ${latestStart.first}, after the weeks of ${earliestEnd.source.file.name} end (${earliestEnd.last}): the files share no week`,
      },
    ];
  }
  return ranges
    .filter((range) => range.first < latestStart.first || range.last > earliestEnd.last)
    .map((range) => ({
      severity: 'info' as const,
      code: 'non-overlapping-dates' as const,
      file: range.source.file.name,
      column: range.source.dateColumn.name,
      message: `weeks ${range.first}…${range.last}; the model frame keeps only the shared weeks ${latestStart.first}…${earliestEnd.last}`,
    }));
}

/**
 * Too few weeks for a model, over the weeks the files share (the frame's), named on the file that
 * bounds them (the KPI's when it does). Nothing when the files share no week (overlapProblems says so).
 */
export function lengthProblems(ranges: readonly WeekRange[]): ValidationProblem[] {
  if (ranges.length === 0) return [];
  const first = ranges.reduce((a, b) => (b.first > a.first ? b : a)).first;
  const last = ranges.reduce((a, b) => (b.last < a.last ? b : a)).last;
  if (first > last) return [];
  const kpi = ranges.find((range) => range.source.metrics.some((metric) => metric.role === 'kpi'));
  const named = kpi ?? ranges[0];
  return seriesLengthProblems({
    first,
    last,
    file: named.source.file.name,
    column: named.source.dateColumn.name,
  });
}
