import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeConnection, type ClosableSqlConnection } from '../../cli/duckdbNode';
import { buildModelFrame } from './buildModelFrame';
import { importFile } from './importFile';
import { validate } from './validate';
import type { ColumnMapping, ImportedFile, Mapping } from './types';

const encode = (text: string) => new TextEncoder().encode(text);
let conn: ClosableSqlConnection;

beforeAll(async () => {
  conn = await openNodeConnection();
});
afterAll(async () => {
  await conn.close();
});

interface Row {
  readonly day: number;
  readonly channel: string | null;
  readonly spend: number;
  readonly kpi: number;
  readonly price: number | null;
}

/** ISO date of Monday 2024-01-01 + day. */
const isoDay = (day: number) => new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);

/**
 * 21 days (three Monday weeks) of long rows: tv, search and a row with no channel; a price on every
 * row except a few, a KPI on every row. Values vary with the row so per-week sums and means are
 * distinct from any per-channel shortcut.
 */
const rows: Row[] = Array.from({ length: 21 }, (_, day) =>
  (['tv', 'search', null] as const).map((channel, index): Row => ({
    day,
    channel,
    spend: (day + 1) * (index + 1) + 0.25,
    kpi: 100 + day * 3 + index,
    price: (day + index) % 5 === 0 ? null : 1 + 0.1 * day + 0.01 * index,
  })),
).flat();

const text = [
  'date,channel,spend,revenue,price',
  ...rows.map((row) =>
    [isoDay(row.day), row.channel ?? '', row.spend, row.kpi, row.price ?? ''].join(','),
  ),
].join('\n');

describe('weeklySources: long data summed per channel, then pivoted', () => {
  let file: ImportedFile;
  beforeAll(async () => {
    file = await importFile(conn, { name: 'long.csv', bytes: encode(text) });
  });

  it('sums spend per channel, sums the KPI over all rows and averages the control over its present values', async () => {
    const entry = (column: string, role: ColumnMapping['role']): ColumnMapping => ({
      file: 'long.csv',
      column,
      role,
    });
    const mapping: Mapping = {
      version: 1,
      weekStart: 'monday',
      aggregateGeos: true,
      columns: [
        entry('date', 'date'),
        entry('channel', 'channel'),
        entry('spend', 'spend'),
        entry('revenue', 'kpi'),
        entry('price', 'control'),
      ],
    };
    const frame = await buildModelFrame(conn, [file], mapping);
    expect(frame.weeks).toEqual(['2024-01-01', '2024-01-08', '2024-01-15']);
    expect(frame.channels).toEqual(['search', 'tv']);
    const weekOf = (row: Row) => Math.floor(row.day / 7);
    const total = (week: number, pick: (row: Row) => number | null, keep = (_: Row) => true) =>
      rows
        .filter((row) => weekOf(row) === week && keep(row))
        .reduce((sum, row) => sum + (pick(row) ?? 0), 0);
    for (const week of [0, 1, 2]) {
      for (const [index, channel] of frame.channels.entries())
        expect(frame.spend[index][week]).toBeCloseTo(
          total(
            week,
            (row) => row.spend,
            (row) => row.channel === channel,
          ),
          9,
        );
      // The KPI counts the rows with no channel too.
      expect(frame.kpi[week]).toBeCloseTo(
        total(week, (row) => row.kpi),
        9,
      );
      const prices = rows.filter((row) => weekOf(row) === week && row.price !== null);
      expect(prices.length).toBeLessThan(21);
      expect(frame.controlValues[0][week]).toBeCloseTo(
        prices.reduce((sum, row) => sum + (row.price ?? 0), 0) / prices.length,
        12,
      );
    }
  });
});

describe('weeklySources: the per-channel weekly sums are scanned once and shared', () => {
  // Two weeks of tv and search; radio appears only on a row whose date does not parse.
  const longText = [
    'date,channel,spend,revenue',
    ...Array.from({ length: 14 }, (_, day) =>
      ['tv', 'search'].map(
        (channel, index) => `${isoDay(day)},${channel},${day + index},${10 + day}`,
      ),
    ).flat(),
    'not a date,radio,5,1',
  ].join('\n');
  const mapping: Mapping = {
    version: 1,
    weekStart: 'monday',
    aggregateGeos: true,
    columns: [
      { file: 'radio.csv', column: 'date', role: 'date' },
      { file: 'radio.csv', column: 'channel', role: 'channel' },
      { file: 'radio.csv', column: 'spend', role: 'spend' },
      { file: 'radio.csv', column: 'revenue', role: 'kpi' },
    ],
  };

  it('keeps a channel seen only on undated rows as a zero column, as a scan of every row would', async () => {
    const file = await importFile(conn, { name: 'radio.csv', bytes: encode(longText) });
    const frame = await buildModelFrame(conn, [file], mapping);
    // The reference: DISTINCT over the raw rows, and sums per week computed here.
    const labels = await conn.query(
      `SELECT DISTINCT CAST(channel AS VARCHAR) AS label FROM ${file.rawTable} WHERE channel IS NOT NULL ORDER BY 1`,
    );
    expect(frame.channels).toEqual(Array.from(labels.toArray(), (row) => String(row.label)));
    expect(frame.channels).toEqual(['radio', 'search', 'tv']);
    expect(Array.from(frame.spend[0])).toEqual([0, 0]);
    const weekly = (index: number, week: number) =>
      Array.from({ length: 7 }, (_, day) => week * 7 + day + index).reduce((a, b) => a + b, 0);
    expect(Array.from(frame.spend[2])).toEqual([weekly(0, 0), weekly(0, 1)]);
    expect(Array.from(frame.spend[1])).toEqual([weekly(1, 0), weekly(1, 1)]);
    // Validation reads the same shared sums: radio is a channel with no spend in any week.
    const report = await validate(conn, [file], mapping);
    expect(
      report.problems.filter((problem) => problem.code === 'zero-channel').map((p) => p.message),
    ).toEqual(['channel radio has no spend in any week']);
    expect(report.problems.some((problem) => problem.code === 'unparseable-date')).toBe(true);
  });
});
