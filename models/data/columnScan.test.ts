import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeConnection, type ClosableSqlConnection } from '../../cli/duckdbNode';
import { createRng } from '../random/rng';
import { scanColumns, scanLayout, type ColumnScan } from './columnScan';
import { toNumber } from './sql';

let conn: ClosableSqlConnection;
const columns = 20;
const rows = 50;
/** values[c][r]: a number, or null for a missing cell. */
const values: (number | null)[][] = [];

beforeAll(async () => {
  conn = await openNodeConnection();
  const rng = createRng(11);
  for (let c = 0; c < columns; c++)
    values.push(
      Array.from({ length: rows }, () =>
        rng.uniform() < 0.1 ? null : Math.round((rng.uniform() - 0.3) * 10),
      ),
    );
  const select = Array.from(
    { length: rows },
    (_, r) =>
      `SELECT ${values.map((column, c) => `${column[r] === null ? 'NULL' : column[r]}::DOUBLE AS "x ${c}"`).join(', ')}`,
  ).join(' UNION ALL ');
  await conn.query(`CREATE TABLE scan_test AS ${select}`);
});
afterAll(async () => {
  await conn.close();
});

const scan: ColumnScan = {
  columns: Array.from({ length: columns }, (_, c) => [`"x ${c}"`, `"x ${c}" < 0`]),
  aggregates: {
    present: ([value]) => `count(${value})::DOUBLE`,
    distinct: ([value]) => `count(DISTINCT ${value})::DOUBLE`,
    sum: ([value]) => `sum(${value})::DOUBLE`,
    negatives: ([, negative]) => `count_if(${negative})::DOUBLE`,
  },
  slotTypes: ['DOUBLE', 'BOOLEAN'],
};

/** The same aggregates by brute force in JavaScript. */
function expected(column: (number | null)[]) {
  const present = column.filter((value): value is number => value !== null);
  return {
    present: present.length,
    distinct: new Set(present).size,
    sum: present.reduce((a, b) => a + b, 0),
    negatives: present.filter((value) => value < 0).length,
  };
}

describe('scanColumns', () => {
  it('picks the long layout for many columns of a small table only', () => {
    expect(scanLayout(16, 10)).toBe('wide');
    expect(scanLayout(17, 10)).toBe('long');
    expect(scanLayout(300, 100_000)).toBe('long');
    expect(scanLayout(300, 100_001)).toBe('wide');
  });

  for (const layout of ['wide', 'long'] as const)
    it(`gives every column's aggregates in the ${layout} layout (nulls included, by brute force)`, async () => {
      const results = await scanColumns(conn, 'scan_test', scan, { rows, layout });
      expect(results).toHaveLength(columns);
      results.forEach((result, c) => {
        const numbers = Object.fromEntries(
          Object.entries(result).map(([name, value]) => [name, toNumber(value)]),
        );
        expect(numbers).toEqual(expected(values[c]));
      });
    });

  it('answers nothing for no columns', async () => {
    expect(await scanColumns(conn, 'scan_test', { ...scan, columns: [] }, { rows })).toEqual([]);
  });
});
