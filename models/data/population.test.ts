import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeConnection, type ClosableSqlConnection } from '../../cli/duckdbNode';
import { buildModelFrame } from './buildModelFrame';
import { detectMapping } from './detectMapping';
import { importFile } from './importFile';
import { validate } from './validate';

const encode = (text: string) => new TextEncoder().encode(text);
let conn: ClosableSqlConnection;

beforeAll(async () => {
  conn = await openNodeConnection();
});
afterAll(async () => {
  await conn.close();
});

/** Two geos, two weeks; a's population is reported as 100 and 110 (mean 105), b's as 50. */
const text = [
  'date,geo,tv_spend,revenue,population',
  '2024-01-01,a,1,10,100',
  '2024-01-08,a,2,20,110',
  '2024-01-01,b,3,30,50',
  '2024-01-08,b,4,40,',
].join('\n');

describe('population', () => {
  it('maps a population column and gives each row its geo mean, or with geos summed their sum', async () => {
    const file = await importFile(conn, { name: 'geo.csv', bytes: encode(text) });
    const mapping = detectMapping([file]);
    expect(mapping.columns.find((entry) => entry.column === 'population')?.role).toBe('population');
    const national = await buildModelFrame(conn, [file], mapping);
    expect(Array.from(national.population ?? [])).toEqual([155, 155]);
    const byGeo = await buildModelFrame(conn, [file], { ...mapping, aggregateGeos: false });
    expect(byGeo.geos).toEqual(['a', 'b']);
    expect(Array.from(byGeo.population ?? [])).toEqual([105, 105, 50, 50]);
    const report = await validate(conn, [file], mapping);
    expect(
      report.problems.find((problem) => problem.code === 'null' && problem.column === 'population'),
    ).toMatchObject({
      severity: 'warning',
      row: 4,
      message: "value is missing (left out of the geo's mean)",
    });
  });

  it('is absent from a frame without a population column', async () => {
    const file = await importFile(conn, {
      name: 'plain.csv',
      bytes: encode('date,tv_spend,revenue\n2024-01-01,1,10\n2024-01-08,2,20\n'),
    });
    expect((await buildModelFrame(conn, [file], detectMapping([file]))).population).toBeUndefined();
  });
});
