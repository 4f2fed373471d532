import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeConnection, type ClosableSqlConnection } from '../../cli/duckdbNode';
import { checkpointThreshold, prepareEngine } from './prepareEngine';
import { toNumber, toText } from './sql';
import type { ArrowTableLike, SqlConnection } from './types';

/** A connection that records each statement and forwards it. */
function recording(conn: SqlConnection): { conn: SqlConnection; statements: string[] } {
  const statements: string[] = [];
  return {
    statements,
    conn: {
      ...conn,
      async query(sql: string): Promise<ArrowTableLike> {
        statements.push(sql);
        return conn.query(sql);
      },
    },
  };
}

let conn: ClosableSqlConnection;
beforeAll(async () => {
  conn = await openNodeConnection({ reserveBytes: 0 });
});
afterAll(async () => {
  await conn.close();
});

describe('prepareEngine', () => {
  it('raises the checkpoint threshold past anything an import commits', async () => {
    const setting = async () =>
      toText(
        (await conn.query("SELECT current_setting('checkpoint_threshold') AS t")).toArray()[0]?.t,
      );
    await conn.query("SET checkpoint_threshold = '16MB'");
    expect(await setting()).toMatch(/MiB$/);
    await prepareEngine(conn, { reserveBytes: 0 });
    // DuckDB prints the setting back in binary units: 64 GB = 59.6 GiB.
    expect(await setting()).toBe('59.6 GiB');
    expect(checkpointThreshold).toBe('64GB');
  });

  it('allocates the reserve in DuckDB blocks and leaves no table behind', async () => {
    const { conn: recorded, statements } = recording(conn);
    await prepareEngine(recorded, { reserveBytes: 3 * 256 * 1024 + 1 });
    // 3 blocks and a byte: 4 strings of just under one 256 KiB block each.
    expect(statements.find((sql) => sql.includes('mmm_reserve AS'))).toMatch(
      /repeat\('x', 262080\) AS filler FROM range\(4\)/,
    );
    const left = await conn.query(
      "SELECT count(*)::DOUBLE AS n FROM duckdb_tables() WHERE table_name = 'mmm_reserve'",
    );
    expect(toNumber(left.toArray()[0]?.n)).toBe(0);
    // The database still works as before.
    const sum = await conn.query('SELECT sum(range)::DOUBLE AS s FROM range(5)');
    expect(toNumber(sum.toArray()[0]?.s)).toBe(10);
  });

  it('reserves nothing when asked for none', async () => {
    const { conn: recorded, statements } = recording(conn);
    await prepareEngine(recorded, { reserveBytes: 0 });
    expect(statements).toEqual([`SET checkpoint_threshold = '${checkpointThreshold}'`]);
  });
});
