import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeLargeExport } from './largeExport';

describe('writeLargeExport', () => {
  const folder = mkdtempSync(join(tmpdir(), 'mmm-large-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('streams exactly the requested rows in the long export columns, deterministically', async () => {
    const rows = 50_000;
    const first = await writeLargeExport({
      path: join(folder, 'nested', 'a.csv'),
      rows,
      seed: 11,
      days: 70,
    });
    const second = await writeLargeExport({
      path: join(folder, 'b.csv'),
      rows,
      seed: 11,
      days: 70,
    });
    expect(first.rows).toBe(rows);
    // 10 channels × 70 days = 700 rows per geo.
    expect(first.geos).toBe(Math.ceil(rows / 700));
    expect(first.bytes).toBe(statSync(first.path).size);
    const text = readFileSync(first.path, 'utf8');
    expect(text === readFileSync(second.path, 'utf8')).toBe(true);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('date,geo,channel,spend,impressions,clicks');
    expect(lines).toHaveLength(rows + 1);
    const problems: string[] = [];
    const channels = new Set<string>();
    let previousDate = '';
    for (const line of lines.slice(1)) {
      const [date, geo, channel, spend, impressions, clicks] = line.split(',');
      channels.add(channel);
      if (date < previousDate) problems.push(`${line}: dates out of order`);
      previousDate = date;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^geo_\d{4}$/.test(geo))
        problems.push(`${line}: date or geo`);
      if (!/^\d+\.\d\d$/.test(spend) || !/^\d+$/.test(impressions) || !/^\d+$/.test(clicks))
        problems.push(`${line}: numbers`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(channels.size).toBe(10);
    expect(lines[1].startsWith('2022-01-03,geo_0001,tv,')).toBe(true);
    const different = await writeLargeExport({
      path: join(folder, 'c.csv'),
      rows: 1000,
      seed: 12,
      days: 70,
    });
    expect(readFileSync(different.path, 'utf8')).not.toBe(
      text.slice(0, readFileSync(different.path, 'utf8').length),
    );
  });

  it('rejects bad sizes with a message naming them', async () => {
    await expect(
      writeLargeExport({ path: join(folder, 'x.csv'), rows: 0, seed: 1 }),
    ).rejects.toThrow(/rows/);
    await expect(
      writeLargeExport({ path: join(folder, 'x.csv'), rows: 10, seed: 1, days: 10 }),
    ).rejects.toThrow(/multiple of 7/);
  });
});
