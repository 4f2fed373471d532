import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeConnection, type ClosableSqlConnection } from '../../cli/duckdbNode';
import { buildModelFrame } from './buildModelFrame';
import { importFile } from './importFile';
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
