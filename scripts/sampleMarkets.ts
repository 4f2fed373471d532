/**
 * Markets cut from the bundled sample for `mmm batch` (the demo, the tests, docs/batch.md): the
 * three daily exports (long media, KPI, controls — 5 geos) joined into one wide daily file with a
 * row per date and geo (`date, geo, revenue, tv_spend, …, price_index, promo, holiday`), which
 * `mmm fit --only-geo <geo>` reads one market at a time; and the manifest of the sample's batch:
 * one job per geo plus the national weekly file as a sixth market.
 */
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toCsv, type Cell } from '../models/io/delimitedText';
import type { SqlConnection } from '../models/data/types';
import { readBytes } from '../cli/readBytes';

export const SAMPLE_GEOS = ['north', 'south', 'east', 'west', 'central'] as const;
export const SAMPLE_CHANNELS = [
  'tv',
  'search',
  'social',
  'display',
  'video',
  'audio',
  'affiliate',
] as const;
export const SAMPLE_CONTROLS = ['price_index', 'promo', 'holiday'] as const;

const SAMPLE = fileURLToPath(new URL('../sample-data/', import.meta.url));

/** Writes `<folder>/markets_daily.csv` (every geo, or those given) and returns its path. */
export async function writeSampleMarkets(
  conn: SqlConnection,
  folder: string,
  geos: readonly string[] = SAMPLE_GEOS,
): Promise<string> {
  for (const name of ['media_daily_long.csv', 'kpi_daily.csv', 'controls_daily.csv'])
    await conn.registerFile(`markets_${name}`, await readBytes(join(SAMPLE, name)));
  const spend = SAMPLE_CHANNELS.map(
    (channel) => `sum(m.spend) FILTER (WHERE m.channel = '${channel}') AS ${channel}_spend`,
  );
  const table = await conn.query(`
    SELECT strftime(m.date, '%Y-%m-%d') AS date, m.geo, any_value(k.revenue) AS revenue,
      ${spend.join(', ')}, ${SAMPLE_CONTROLS.map((c) => `any_value(c.${c}) AS ${c}`).join(', ')}
    FROM read_csv('markets_media_daily_long.csv') m
    JOIN read_csv('markets_kpi_daily.csv') k ON k.date = m.date AND k.geo = m.geo
    JOIN read_csv('markets_controls_daily.csv') c ON c.date = m.date AND c.geo = m.geo
    WHERE m.geo IN (${geos.map((geo) => `'${geo}'`).join(', ')})
    GROUP BY m.date, m.geo ORDER BY m.date, m.geo`);
  const columns = table.schema.fields.map((field) => field.name);
  const rows = Array.from(table.toArray(), (row) =>
    columns.map((name): Cell => {
      const value = row[name];
      return typeof value === 'bigint' ? Number(value) : (value as Cell);
    }),
  );
  for (const name of ['media_daily_long.csv', 'kpi_daily.csv', 'controls_daily.csv'])
    await conn.dropFile(`markets_${name}`);
  const path = join(folder, 'markets_daily.csv');
  writeFileSync(path, toCsv([columns, ...rows]));
  return path;
}

/** Every sample channel as name=column, less those left out. */
export function sampleChannels(without: readonly string[] = []): Record<string, string> {
  return Object.fromEntries(
    SAMPLE_CHANNELS.filter((name) => !without.includes(name)).map((name) => [
      name,
      `${name}_spend`,
    ]),
  );
}

/**
 * The sample's batch: a job per geo of markets_daily.csv (east buys no audio, so its job leaves
 * audio out) and `national`, the national weekly file; `sampler` flags apply to every job.
 */
export function sampleManifest(
  folder: string,
  sampler: Record<string, number> = {},
): Record<string, unknown> {
  return {
    version: 1,
    defaults: {
      data: 'markets_daily.csv',
      date: 'date',
      kpi: 'revenue',
      channels: sampleChannels(),
      controls: [...SAMPLE_CONTROLS],
      seed: 1,
      ...sampler,
    },
    jobs: [
      ...SAMPLE_GEOS.map((geo) => ({
        market: geo,
        'only-geo': geo,
        ...(geo === 'east' ? { channels: sampleChannels(['audio']) } : {}),
      })),
      {
        market: 'national',
        data: relative(folder, join(SAMPLE, 'media_weekly_wide.csv')),
        date: 'week',
      },
    ],
  };
}
