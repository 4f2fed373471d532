import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeConnection, type ClosableSqlConnection } from '../duckdbNode';
import { openInputFile } from '../readBytes';
import { parseFitArguments } from './arguments';
import { loadModelData } from './loadModelData';

let conn: ClosableSqlConnection;
const folder = mkdtempSync(join(tmpdir(), 'mmm-only-geo-'));
beforeAll(async () => {
  conn = await openNodeConnection();
});
afterAll(async () => {
  await conn.close();
  rmSync(folder, { recursive: true, force: true });
});

/** 30 weeks × 2 regions; south's KPI is 1000 + week, north's 10 × that; one bad cell in north. */
function twoGeoFile(badNorthRow: boolean): string {
  const lines = ['week,region,sales,tv'];
  for (let t = 0; t < 30; t++) {
    const week = new Date(Date.UTC(2024, 0, 1 + 7 * t)).toISOString().slice(0, 10);
    lines.push(`${week},south,${1000 + t},${10 + (t % 4)}`);
    lines.push(
      `${week},north,${10 * (1000 + t)},${badNorthRow && t === 3 ? 'lots' : 20 + (t % 5)}`,
    );
  }
  const path = join(folder, `geo${badNorthRow ? '-bad' : ''}.csv`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function load(path: string, geo: string) {
  const args = parseFitArguments([
    path,
    '--date',
    'week',
    '--kpi',
    'sales',
    '--channels',
    'tv',
    '--only-geo',
    geo,
  ]);
  return loadModelData(conn, await openInputFile(path), args);
}

describe('mmm fit --only-geo', () => {
  it("models one geo's own rows, and another geo's bad rows do not fail it", async () => {
    const path = twoGeoFile(true);
    const south = await load(path, 'south');
    expect(Array.from(south.data.kpi)).toEqual(Array.from({ length: 30 }, (_, t) => 1000 + t));
    expect(Array.from(south.data.spend[0].slice(0, 4))).toEqual([10, 11, 12, 13]);
    expect(south.rows).toBe(60); // the file's rows, as the report's input-file entry records them
    // North's bad cell is named by its row in the file (data row 8: week 4's north row).
    await expect(load(path, 'north')).rejects.toThrow(/geo-bad\.csv \(row 8, column 'tv'\)/);
  });

  it('names the geos when the one asked for is not there, and needs a geo column', async () => {
    await expect(load(twoGeoFile(false), 'east')).rejects.toThrow(
      "geo.csv: no rows for geo 'east' (from --only-geo) in column 'region'; its geos are north, south",
    );
    const national = join(folder, 'national.csv');
    writeFileSync(national, 'week,sales,tv\n2024-01-01,1,2\n');
    await expect(load(national, 'north')).rejects.toThrow(
      'national.csv: --only-geo needs a geo column (geo, region, market, …); the columns are week, sales, tv',
    );
  });
});
