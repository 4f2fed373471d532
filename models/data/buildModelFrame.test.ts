import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeConnection, type ClosableSqlConnection } from '../../cli/duckdbNode';
import { buildModelFrame } from './buildModelFrame';
import { detectMapping } from './detectMapping';
import { importFile } from './importFile';
import { summariseFrame } from './summariseFrame';
import { validate } from './validate';
import { weeklySourcesOf } from './weeklySources';
import type { ImportedFile, Mapping, ModelFrame, SqlConnection } from './types';

const encode = (text: string) => new TextEncoder().encode(text);
let conn: ClosableSqlConnection;

/** ISO date of 2024-01-02 + day (day 1 = Wednesday 2024-01-03). */
function isoDay(day: number): string {
  return new Date(Date.UTC(2024, 0, 2 + day)).toISOString().slice(0, 10);
}

/** Days 1…14 (Wed 2024-01-03 … Tue 2024-01-16): tv_spend = d, revenue = 10·d, price = d. */
const wideDaily = [
  'date,tv_spend,revenue,price',
  ...Array.from(
    { length: 14 },
    (_, index) => `${isoDay(index + 1)},${index + 1},${10 * (index + 1)},${index + 1}`,
  ),
].join('\n');

/** Same days, two geos and two channels: spend = d · (north 1, south 2) · (tv 1, search 10). */
const longDaily = [
  'date,geo,channel,spend,impressions',
  ...Array.from({ length: 14 }, (_, index) =>
    ['north', 'south'].flatMap((geo, geoIndex) =>
      ['tv', 'search'].map((channel, channelIndex) => {
        const spend = (index + 1) * (geoIndex + 1) * (channelIndex === 0 ? 1 : 10);
        return `${isoDay(index + 1)},${geo},${channel},${spend},${spend * 100}`;
      }),
    ),
  ).flat(),
].join('\n');

/** KPI per geo (revenue = d · 100 north, d · 200 south) over days 2…14 only; a national control over days 1…14. */
const kpiDaily = [
  'date,geo,revenue',
  ...Array.from({ length: 13 }, (_, index) => [
    `${isoDay(index + 2)},north,${(index + 2) * 100}`,
    `${isoDay(index + 2)},south,${(index + 2) * 200}`,
  ]).flat(),
].join('\n');
const controlsDaily = [
  'date,promo',
  ...Array.from({ length: 14 }, (_, index) => `${isoDay(index + 1)},${index % 2}`),
].join('\n');

beforeAll(async () => {
  conn = await openNodeConnection();
});
afterAll(async () => {
  await conn.close();
});

const sumDays = (from: number, to: number) => ((from + to) * (to - from + 1)) / 2;
const array = (values: Float64Array) => Array.from(values);

describe('buildModelFrame: daily wide data to weeks', () => {
  let file: ImportedFile;
  beforeAll(async () => {
    file = await importFile(conn, { name: 'wide.csv', bytes: encode(wideDaily) });
  });

  it('sums spend and KPI and averages controls over Monday weeks', async () => {
    const mapping = detectMapping([file]);
    const frame = await buildModelFrame(conn, [file], mapping);
    expect(frame.weeks).toEqual(['2024-01-01', '2024-01-08', '2024-01-15']);
    expect(frame.channels).toEqual(['tv']);
    expect(array(frame.spend[0])).toEqual([sumDays(1, 5), sumDays(6, 12), sumDays(13, 14)]);
    expect(array(frame.kpi)).toEqual([
      10 * sumDays(1, 5),
      10 * sumDays(6, 12),
      10 * sumDays(13, 14),
    ]);
    expect(frame.controls).toEqual(['price']);
    expect(array(frame.controlValues[0])).toEqual([3, 9, 13.5]);
    expect(frame.geos).toBeNull();
  });

  it('shifts to Sunday weeks when asked', async () => {
    const mapping: Mapping = { ...detectMapping([file]), weekStart: 'sunday' };
    const frame = await buildModelFrame(conn, [file], mapping);
    expect(frame.weeks).toEqual(['2023-12-31', '2024-01-07', '2024-01-14']);
    expect(array(frame.spend[0])).toEqual([sumDays(1, 4), sumDays(5, 11), sumDays(12, 14)]);
    expect(array(frame.controlValues[0])).toEqual([2.5, 8, 13]);
  });

  it('keeps personal-data columns out unless the mapping keeps them', async () => {
    const people = await importFile(conn, {
      name: 'people.csv',
      bytes: encode('date,spend,revenue,user_id\n2024-01-01,1,10,7\n2024-01-02,2,20,8\n'),
    });
    const mapping = detectMapping([people]);
    const asControl = mapping.columns.map((entry) =>
      entry.column === 'user_id' ? { ...entry, role: 'control' as const } : entry,
    );
    expect(
      (await buildModelFrame(conn, [people], { ...mapping, columns: asControl })).controls,
    ).toEqual([]);
    const kept = asControl.map((entry) =>
      entry.column === 'user_id' ? { ...entry, keepPersonalData: true } : entry,
    );
    const frame = await buildModelFrame(conn, [people], { ...mapping, columns: kept });
    expect(frame.controls).toEqual(['user_id']);
    expect(array(frame.controlValues[0])).toEqual([7.5]);
  });

  it('names a missing KPI or date in its error', async () => {
    const mapping = detectMapping([file]);
    const noKpi = { ...mapping, columns: mapping.columns.filter((entry) => entry.role !== 'kpi') };
    await expect(buildModelFrame(conn, [file], noKpi)).rejects.toThrow(/no KPI/);
    const noDate = {
      ...mapping,
      columns: mapping.columns.filter((entry) => entry.role !== 'date'),
    };
    await expect(buildModelFrame(conn, [file], noDate)).rejects.toThrow(/no date/);
  });
});

describe('buildModelFrame: long data, geos and several files', () => {
  let files: ImportedFile[];
  beforeAll(async () => {
    files = [
      await importFile(conn, { name: 'media.csv', bytes: encode(longDaily) }),
      await importFile(conn, { name: 'kpi.csv', bytes: encode(kpiDaily) }),
      await importFile(conn, { name: 'controls.csv', bytes: encode(controlsDaily) }),
    ];
  });

  it('pivots long data to one column per channel and sums geos', async () => {
    const frame = await buildModelFrame(conn, files, detectMapping(files));
    expect(frame.channels).toEqual(['search', 'tv']);
    const weeks = [sumDays(1, 5), sumDays(6, 12), sumDays(13, 14)];
    expect(array(frame.spend[1])).toEqual(weeks.map((value) => 3 * value));
    expect(array(frame.spend[0])).toEqual(weeks.map((value) => 30 * value));
    expect(array(frame.impressions[1] ?? new Float64Array())).toEqual(
      weeks.map((value) => 300 * value),
    );
    // KPI starts on day 2: week 1 has days 2…5.
    expect(array(frame.kpi)).toEqual([
      300 * sumDays(2, 5),
      300 * sumDays(6, 12),
      300 * sumDays(13, 14),
    ]);
    // promo = (d − 1) mod 2: days 1…5 → 0,1,0,1,0.
    expect(frame.controlValues[0][0]).toBeCloseTo(2 / 5, 12);
  });

  it('weekly sources built once serve validation and the frame, each long file scanned once', async () => {
    for (const aggregateGeos of [true, false]) {
      const mapping = { ...detectMapping(files), aggregateGeos };
      let scans = 0;
      const counting: SqlConnection = {
        ...conn,
        query: (sql: string) => {
          if (/CREATE OR REPLACE TEMP TABLE \w+__weekly /.test(sql)) scans += 1;
          return conn.query(sql);
        },
      };
      const sources = await weeklySourcesOf(counting, files, mapping);
      const shared = {
        report: await validate(counting, files, mapping, sources),
        frame: await buildModelFrame(counting, files, mapping, sources),
      };
      // One long file (media.csv): one grouped scan for both.
      expect(scans).toBe(1);
      const separate = {
        report: await validate(conn, files, mapping),
        frame: await buildModelFrame(conn, files, mapping),
      };
      expect(shared.report).toEqual(separate.report);
      expect(shared.frame).toEqual(separate.frame);
    }
  });

  it('keeps geos apart, broadcasting a national control to each geo', async () => {
    const frame: ModelFrame = await buildModelFrame(conn, files, {
      ...detectMapping(files),
      aggregateGeos: false,
    });
    expect(frame.geos).toEqual(['north', 'south']);
    expect(Array.from(frame.geoIndex ?? [])).toEqual([0, 0, 0, 1, 1, 1]);
    expect(frame.weeks).toEqual([
      '2024-01-01',
      '2024-01-08',
      '2024-01-15',
      '2024-01-01',
      '2024-01-08',
      '2024-01-15',
    ]);
    const tv = frame.channels.indexOf('tv');
    expect(array(frame.spend[tv])).toEqual([
      sumDays(1, 5),
      sumDays(6, 12),
      sumDays(13, 14),
      2 * sumDays(1, 5),
      2 * sumDays(6, 12),
      2 * sumDays(13, 14),
    ]);
    expect(array(frame.kpi)).toEqual([
      100 * sumDays(2, 5),
      100 * sumDays(6, 12),
      100 * sumDays(13, 14),
      200 * sumDays(2, 5),
      200 * sumDays(6, 12),
      200 * sumDays(13, 14),
    ]);
    expect(frame.controlValues[0][0]).toBeCloseTo(frame.controlValues[0][3], 12);
  });

  it('keeps only the weeks all files share', async () => {
    const later = await importFile(conn, {
      name: 'late_kpi.csv',
      bytes: encode('date,revenue\n2024-01-09,5\n2024-01-16,7\n2024-01-30,9\n'),
    });
    const mapping = detectMapping([files[0], later]);
    const frame = await buildModelFrame(conn, [files[0], later], mapping);
    expect(frame.weeks).toEqual(['2024-01-08', '2024-01-15']);
    expect(array(frame.kpi)).toEqual([5, 7]);
    expect(summariseFrame(frame)).toMatchObject({
      weeks: 2,
      firstWeek: '2024-01-08',
      lastWeek: '2024-01-15',
      kpiTotal: 12,
      kpiMean: 6,
    });
  });
});

const sampleFiles = [
  'media_daily_long.csv',
  'kpi_daily.csv',
  'controls_daily.csv',
  'media_weekly_wide.csv',
].map((name) => `sample-data/${name}`);

describe.skipIf(!sampleFiles.every((path) => existsSync(path)))(
  'buildModelFrame on the bundled sample export',
  () => {
    it('turns the daily long export into the generator’s own weekly table', async () => {
      const daily = [];
      for (const path of sampleFiles.slice(0, 3))
        daily.push(
          await importFile(conn, {
            name: path.split('/').pop() ?? path,
            bytes: new Uint8Array(readFileSync(path)),
          }),
        );
      const frame = await buildModelFrame(conn, daily, detectMapping(daily));
      // Independent reference: the generator's weekly wide file, parsed in plain TypeScript.
      const [header, ...lines] = readFileSync(sampleFiles[3], 'utf8').trim().split('\n');
      const names = header.split(',');
      const rows = lines.map((line) => line.split(','));
      const reference = (name: string) => rows.map((row) => Number(row[names.indexOf(name)]));
      expect(frame.weeks).toEqual(rows.map((row) => row[0]));
      for (const [index, channel] of frame.channels.entries()) {
        const expected = reference(`${channel}_spend`);
        frame.spend[index].forEach((value, week) => expect(value).toBeCloseTo(expected[week], 1));
      }
      const revenue = reference('revenue');
      frame.kpi.forEach((value, week) => expect(value).toBeCloseTo(revenue[week], 1));
      for (const [index, control] of frame.controls.entries()) {
        const expected = reference(control);
        frame.controlValues[index].forEach((value, week) =>
          expect(value).toBeCloseTo(expected[week], 4),
        );
      }
    });
  },
);
