/**
 * The weekly, wide model frame in one SQL statement: a spine of consecutive weeks over the range all
 * files share (and every geo, unless aggregated), each file's weekly aggregate left-joined onto it.
 * Weeks a media file lacks count as zero spend; a missing KPI or control week is NaN (validation
 * reports it as a missing week). Columns come back as Arrow and are read with `getChild().toArray()`.
 */
import { framePopulation } from './population';
import { toNumber, toText } from './sql';
import { keepsGeo, weeklySourcesOf, type WeeklyMetric, type WeeklySource } from './weeklySources';
import type { ImportedFile, Mapping, ModelFrame, SqlConnection } from './types';

function toFloat64(values: ArrayLike<unknown>): Float64Array {
  if (values instanceof Float64Array) return Float64Array.from(values);
  const out = new Float64Array(values.length);
  for (let index = 0; index < values.length; index++)
    out[index] = toNumber(values[index]) ?? Number.NaN;
  return out;
}

function groupByName(metrics: readonly WeeklyMetric[]): Map<string, WeeklyMetric[]> {
  const groups = new Map<string, WeeklyMetric[]>();
  for (const metric of metrics)
    groups.set(metric.name, [...(groups.get(metric.name) ?? []), metric]);
  return groups;
}

/** The shared range of the weekly sources: [latest first week, earliest last week]. */
export function spineSql(sources: readonly WeeklySource[]): string {
  const bounds = sources
    .map(
      (source, index) =>
        `SELECT min(week) AS first, max(week) AS last, ${index} AS source FROM w${index}`,
    )
    .join(' UNION ALL ');
  return `SELECT CAST(range AS DATE) AS week FROM (SELECT max(first) AS first, min(last) AS last FROM (${bounds})) AS bounds, range(bounds.first, bounds.last + 1, INTERVAL 7 DAY)`;
}

export async function buildModelFrame(
  conn: SqlConnection,
  files: readonly ImportedFile[],
  mapping: Mapping,
  /** The mapping's weekly sources when already built (`weeklySourcesOf`), else built here. */
  prepared?: readonly WeeklySource[],
): Promise<ModelFrame> {
  const keepGeo = keepsGeo(mapping);
  const sources = prepared ?? (await weeklySourcesOf(conn, files, mapping));
  if (sources.length === 0)
    throw new Error('the mapping has no date column: map one column of each file to the date');
  const all = sources.flatMap((source, index) =>
    source.metrics.map((metric) => ({ metric, index, geo: source.geoColumn !== null })),
  );
  const kpis = all.filter((item) => item.metric.role === 'kpi');
  if (kpis.length === 0)
    throw new Error('the mapping has no KPI column: map one column to the KPI');
  if (kpis.length > 1)
    throw new Error(
      `the mapping has ${kpis.length} KPI columns (${kpis.map((item) => item.metric.column).join(', ')}): map exactly one`,
    );
  const reference = (item: { metric: WeeklyMetric; index: number }) =>
    `w${item.index}.${item.metric.alias}`;
  const sumOf = (items: { metric: WeeklyMetric; index: number }[]) =>
    items.map((item) => `COALESCE(${reference(item)}, 0)`).join(' + ');
  const select: string[] = [
    `strftime(spine.week, '%Y-%m-%d') AS week`,
    `COALESCE(${reference(kpis[0])}, 'NaN'::DOUBLE) AS kpi`,
  ];
  const channels = [
    ...groupByName(
      all.filter((item) => item.metric.role === 'spend').map((item) => item.metric),
    ).keys(),
  ];
  const byRole = (role: string, name: string) =>
    all.filter((item) => item.metric.role === role && item.metric.name === name);
  channels.forEach((channel, index) => {
    select.push(`(${sumOf(byRole('spend', channel))})::DOUBLE AS spend${index}`);
    const impressions = byRole('impressions', channel);
    if (impressions.length) select.push(`(${sumOf(impressions)})::DOUBLE AS impressions${index}`);
  });
  const controls = all.filter((item) => item.metric.role === 'control');
  const controlNames = controls.map((item) =>
    controls.filter((other) => other.metric.name === item.metric.name).length > 1
      ? `${item.metric.name} (${sources[item.index].file.name})`
      : item.metric.name,
  );
  controls.forEach((item, index) =>
    select.push(`COALESCE(${reference(item)}, 'NaN'::DOUBLE) AS control${index}`),
  );

  const ctes = sources.map((source, index) => `w${index} AS (${source.sql})`);
  const geoSources = sources
    .map((source, index) => ({ source, index }))
    .filter((item) => item.source.geoColumn !== null);
  let spine = `weeks AS (${spineSql(sources)})`;
  let from = 'weeks AS spine';
  if (keepGeo && geoSources.length > 0) {
    const geos = geoSources
      .map((item) => `SELECT DISTINCT geo FROM w${item.index} WHERE geo IS NOT NULL`)
      .join(' UNION ');
    spine += `, geos AS (${geos})`;
    from = '(SELECT weeks.week, geos.geo FROM weeks CROSS JOIN geos) AS spine';
    select.push('spine.geo AS geo');
  }
  const joins = sources.map(
    (source, index) =>
      `LEFT JOIN w${index} ON w${index}.week = spine.week${source.geoColumn ? ` AND w${index}.geo = spine.geo` : ''}`,
  );
  const order =
    keepGeo && geoSources.length > 0 ? 'ORDER BY spine.geo, spine.week' : 'ORDER BY spine.week';
  const sql = `WITH ${[...ctes, spine].join(', ')} SELECT ${select.join(', ')} FROM ${from} ${joins.join(' ')} ${order}`;
  const table = await conn.query(sql);
  const column = (name: string) => table.getChild(name)?.toArray() ?? [];
  const weeks = Array.from(column('week'), (value) => toText(value) ?? '');
  let geos: string[] | null = null;
  let geoIndex: Int32Array | null = null;
  if (keepGeo && geoSources.length > 0) {
    const labels = Array.from(column('geo'), (value) => toText(value) ?? '');
    geos = [...new Set(labels)];
    const position = new Map(geos.map((geo, index) => [geo, index]));
    geoIndex = Int32Array.from(labels, (label) => position.get(label) ?? -1);
  }
  const population = await framePopulation(conn, files, mapping, {
    rows: weeks.length,
    geos,
    geoIndex,
  });
  return {
    weeks,
    geos,
    kpiName: kpis[0].metric.name,
    kpi: toFloat64(column('kpi')),
    channels,
    spend: channels.map((_, index) => toFloat64(column(`spend${index}`))),
    impressions: channels.map((_, index) =>
      table.getChild(`impressions${index}`) ? toFloat64(column(`impressions${index}`)) : null,
    ),
    controls: controlNames,
    controlValues: controls.map((_, index) => toFloat64(column(`control${index}`))),
    geoIndex,
    ...(population ? { population } : {}),
  };
}
