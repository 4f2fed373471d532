import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parquetToIpcNode } from './parquetNode';

// The Arrow copy duckdb-wasm uses (see duckdbNode.ts): an independent reader of the IPC streams.
const arrow = createRequire(import.meta.url)('apache-arrow') as {
  tableFromIPC(bytes: Uint8Array): {
    numRows: number;
    getChild(name: string): { toArray(): ArrayLike<unknown> } | null;
  };
};

let directory: string;
let first: Uint8Array;
let second: Uint8Array;

/** A Parquet file of `rows` rows (i, i · scale) in row groups of 1,000, written by native DuckDB. */
async function writeParquet(name: string, rows: number, scale: number): Promise<Uint8Array> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const path = join(directory, name);
  await connection.run(
    `COPY (SELECT i::INTEGER AS i, (i * ${scale})::DOUBLE AS x FROM range(${rows}) t(i)) TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE 1000)`,
  );
  connection.closeSync();
  return new Uint8Array(readFileSync(path));
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'mmm-parquet-node-'));
  first = await writeParquet('first.parquet', 4500, 0.5);
  second = await writeParquet('second.parquet', 3000, 2);
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function groupsOf(bytes: Uint8Array): Promise<AsyncIterator<Uint8Array>> {
  const streams = await parquetToIpcNode(bytes);
  if (streams instanceof Uint8Array) throw new Error('expected row groups');
  return streams[Symbol.asyncIterator]();
}

function column(ipc: Uint8Array, name: string): number[] {
  return Array.from(arrow.tableFromIPC(ipc).getChild(name)?.toArray() ?? [], Number);
}

describe('parquetToIpcNode (worker thread)', () => {
  it('streams every row group in file order, two files read interleaved', async () => {
    const a = await groupsOf(first);
    const b = await groupsOf(second);
    const rows: Record<'a' | 'b', number[]> = { a: [], b: [] };
    const scaled: number[] = [];
    for (;;) {
      const [nextA, nextB] = await Promise.all([a.next(), b.next()]);
      if (!nextA.done) {
        rows.a.push(...column(nextA.value, 'i'));
        scaled.push(...column(nextA.value, 'x'));
      }
      if (!nextB.done) rows.b.push(...column(nextB.value, 'i'));
      if (nextA.done && nextB.done) break;
    }
    expect(rows.a).toEqual(Array.from({ length: 4500 }, (_, index) => index));
    expect(scaled).toEqual(Array.from({ length: 4500 }, (_, index) => index * 0.5));
    expect(rows.b).toEqual(Array.from({ length: 3000 }, (_, index) => index));
  });

  it('lets a reader stop early and keeps serving the next file', async () => {
    const a = await groupsOf(first);
    const group = await a.next();
    expect(group.done).toBe(false);
    if (!group.done) expect(column(group.value, 'i').slice(0, 3)).toEqual([0, 1, 2]);
    await a.return?.(undefined);
    const b = await groupsOf(second);
    let count = 0;
    for (let next = await b.next(); !next.done; next = await b.next())
      count += arrow.tableFromIPC(next.value).numRows;
    expect(count).toBe(3000);
  });

  it('rejects bytes that are not Parquet with a clear message, and leaves the caller its bytes', async () => {
    const broken = first.slice(0, 40);
    await expect(parquetToIpcNode(broken)).rejects.toThrow(/^not a readable Parquet file \(/);
    expect(broken.length).toBe(40); // a copy went to the worker, not the caller's buffer
    expect(Array.from(broken.subarray(0, 4))).toEqual([0x50, 0x41, 0x52, 0x31]);
  });
});
