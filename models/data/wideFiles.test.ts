/**
 * Wide exports (a column per campaign and metric): a 300-column file imports, maps, validates and
 * frames; a file wider than the limit is refused by name, at once. (Timings are bench:import's.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeConnection, type ClosableSqlConnection } from '../../cli/duckdbNode';
import { wideExportCsv } from '../../sample-data/generator/wideExport';
import { buildModelFrame } from './buildModelFrame';
import { detectMapping } from './detectMapping';
import { MAX_COLUMNS } from './fileLimits';
import { importFile } from './importFile';
import { validate } from './validate';
import { weeklySourcesOf } from './weeklySources';

const encode = (text: string) => new TextEncoder().encode(text);
let conn: ClosableSqlConnection;

beforeAll(async () => {
  conn = await openNodeConnection();
});
afterAll(async () => {
  await conn.close();
});

describe('wide files', () => {
  it('imports, maps, validates and frames a campaign export of 300 columns', async () => {
    const wide = wideExportCsv({
      campaigns: 100,
      weeks: 156,
      seed: 7,
      metrics: 'spend-impressions-clicks',
    });
    expect(wide.columns).toBe(302);
    const file = await importFile(conn, { name: 'campaigns.csv', bytes: encode(wide.text) });
    expect(file.columns).toHaveLength(302);
    expect(file.columns.filter((column) => column.kind === 'number')).toHaveLength(301);
    const mapping = detectMapping([file]);
    const spend = mapping.columns.filter((entry) => entry.role === 'spend');
    expect(spend).toHaveLength(100);
    expect(spend[0]).toMatchObject({ column: 'campaign_001_spend', channel: 'campaign_001' });
    expect(mapping.columns.filter((entry) => entry.role === 'impressions')).toHaveLength(100);
    expect(mapping.columns.filter((entry) => entry.role === 'clicks')).toHaveLength(100);
    const sources = await weeklySourcesOf(conn, [file], mapping);
    const report = await validate(conn, [file], mapping, sources);
    expect(report.problems.filter((problem) => problem.severity !== 'info')).toEqual([]);
    expect(report.usable).toBe(true);
    const frame = await buildModelFrame(conn, [file], mapping, sources);
    expect(frame.weeks).toHaveLength(156);
    expect(frame.channels).toHaveLength(100);
    const spendTotal = frame.spend.reduce(
      (total, series) => total + series.reduce((a, b) => a + b, 0),
      0,
    );
    expect(spendTotal).toBeCloseTo(wide.spendTotal, 4);
    expect(frame.kpi.reduce((a, b) => a + b, 0)).toBeCloseTo(wide.revenueTotal, 4);
    expect(frame.impressions.every((series) => series !== null)).toBe(true);
  });

  it('profiles every one of 300 spend columns as the narrow file of the same values does', async () => {
    const wide = wideExportCsv({ campaigns: 300, weeks: 60, seed: 3 });
    const file = await importFile(conn, { name: 'spend300.csv', bytes: encode(wide.text) });
    const lines = wide.text.trim().split('\n');
    // Column 150 alone, as a three-column file (profiled in one wide pass).
    const narrowText = lines
      .map((line) =>
        line
          .split(',')
          .filter((_, index) => index < 2 || index === 152)
          .join(','),
      )
      .join('\n');
    const narrow = await importFile(conn, { name: 'spend1.csv', bytes: encode(narrowText) });
    const byName = (name: string, from: typeof file) =>
      from.columns.find((column) => column.name === name);
    for (const name of ['date', 'revenue', 'spend_c150'])
      expect(byName(name, file)).toEqual(byName(name, narrow));
  });

  it(`refuses a file of more than ${MAX_COLUMNS.toLocaleString('en')} columns, naming the limit`, async () => {
    const wide = wideExportCsv({ campaigns: 5000, weeks: 3, seed: 1 });
    await expect(
      importFile(conn, { name: 'too-wide.csv', bytes: encode(wide.text) }),
    ).rejects.toThrow(
      `too-wide.csv: 5,002 columns; the workbench reads at most ${MAX_COLUMNS.toLocaleString('en')} columns per file`,
    );
  });
});
