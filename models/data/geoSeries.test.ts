import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeConnection, type ClosableSqlConnection } from '../../cli/duckdbNode';
import { buildModelFrame } from './buildModelFrame';
import { geoSeries } from './geoSeries';
import { importFile } from './importFile';
import { nationalOnlyChannels } from './nationalOnlyMedia';
import type { ColumnMapping, ImportedFile, Mapping, ModelFrame } from './types';
import { validate } from './validate';
import { weeklySourcesOf } from './weeklySources';

const encode = (text: string) => new TextEncoder().encode(text);
const mondays = Array.from({ length: 4 }, (_, t) =>
  new Date(Date.UTC(2024, 0, 1 + 7 * t)).toISOString().slice(0, 10),
);
/** Weekly geo data: kpi = 100·(t+1)·(g+1), search = 10·(t+1)·(g+1), population 1000·(g+1), price by geo. */
const geoFile = [
  'week,region,kpi,search_spend,people,price',
  ...mondays.flatMap((week, t) =>
    ['north', 'south', 'east'].map(
      (geo, g) =>
        `${week},${geo},${100 * (t + 1) * (g + 1)},${10 * (t + 1) * (g + 1)},${1000 * (g + 1)},${t + g}`,
    ),
  ),
].join('\n');
/** National TV, bought nationally only: 50·(t+1). */
const nationalFile = ['week,tv_spend', ...mondays.map((week, t) => `${week},${50 * (t + 1)}`)].join(
  '\n',
);

let conn: ClosableSqlConnection;
let files: ImportedFile[];
let mapping: Mapping;
let frame: ModelFrame;

beforeAll(async () => {
  conn = await openNodeConnection();
  files = [
    await importFile(conn, { name: 'geo.csv', bytes: encode(geoFile) }),
    await importFile(conn, { name: 'tv.csv', bytes: encode(nationalFile) }),
  ];
  const column = (file: string, name: string, entry: Omit<ColumnMapping, 'file' | 'column'>) => ({
    file,
    column: name,
    ...entry,
  });
  mapping = {
    version: 1,
    weekStart: 'monday',
    aggregateGeos: false,
    columns: [
      column('geo.csv', 'week', { role: 'date' }),
      column('geo.csv', 'region', { role: 'geo' }),
      column('geo.csv', 'kpi', { role: 'kpi' }),
      column('geo.csv', 'search_spend', { role: 'spend', channel: 'search' }),
      column('geo.csv', 'people', { role: 'control' }),
      column('geo.csv', 'price', { role: 'control' }),
      column('tv.csv', 'week', { role: 'date' }),
      column('tv.csv', 'tv_spend', { role: 'spend', channel: 'tv' }),
    ],
  };
  frame = await buildModelFrame(conn, files, mapping);
});
afterAll(async () => {
  await conn.close();
});

describe('national-only media', () => {
  it('is flagged by validation, naming the channel and its file', async () => {
    const report = await validate(
      conn,
      files,
      mapping,
      await weeklySourcesOf(conn, files, mapping),
    );
    const flagged = report.problems.filter((p) => p.code === 'national-only-media');
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toMatchObject({ severity: 'warning', file: 'tv.csv' });
    expect(flagged[0].message).toMatch(/channel tv has national spend only.*population share/);
  });

  it('is the channel the frame repeats in every geo, and only when a media file has no geo', () => {
    expect(nationalOnlyChannels(frame, mapping)).toEqual(['tv']);
    const allByGeo = { ...mapping, columns: mapping.columns.filter((c) => c.file === 'geo.csv') };
    expect(nationalOnlyChannels(frame, allByGeo)).toEqual([]);
  });
});

describe('geoSeries', () => {
  it('lays the frame out geo-major, with national media and population apart', () => {
    const data = geoSeries(frame, {
      channels: ['tv', 'search'],
      controls: ['people', 'price'],
      population: 'people',
      nationalChannels: ['tv'],
    });
    const g = (name: string) => data.geoNames.indexOf(name);
    expect(data.dates).toEqual(mondays);
    expect([...data.geoNames].sort()).toEqual(['east', 'north', 'south']);
    const T = 4;
    for (const [geo, factor] of [
      ['north', 1],
      ['south', 2],
      ['east', 3],
    ] as const) {
      for (let t = 0; t < T; t++) {
        expect(data.kpi[g(geo) * T + t]).toBe(100 * (t + 1) * factor);
        expect(data.spend[data.channelNames.indexOf('search')][g(geo) * T + t]).toBe(
          10 * (t + 1) * factor,
        );
      }
      expect(data.population![g(geo)]).toBe(1000 * factor);
    }
    const tv = data.spend[data.channelNames.indexOf('tv')];
    expect(Array.from(tv)).toEqual([50, 100, 150, 200]);
    expect(data.controlNames).toEqual(['price']);
    expect(data.controls[0].length).toBe(3 * T);
  });

  it('refuses a frame without geos and a KPI repeated per geo, in one sentence', () => {
    const national = { ...frame, geos: null, geoIndex: null };
    const selection = {
      channels: ['search'],
      controls: [],
      population: null,
      nationalChannels: [],
    };
    expect(() => geoSeries(national, selection)).toThrow(/has no geos: map a geo column/);
    const repeated = {
      ...frame,
      kpi: frame.kpi.map((_, row) => Number(frame.weeks[row].slice(-2))),
    };
    expect(() => geoSeries(repeated, selection)).toThrow(/same in every geo each week/);
  });
});
