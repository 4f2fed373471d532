import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeConnection, type ClosableSqlConnection } from '../../cli/duckdbNode';
import { parquetToIpcNode } from '../../cli/parquetNode';
import { detectFormat } from './detectFormat';
import { ImportCancelled } from './importCancel';
import { importFile } from './importFile';
import type { ImportedFile } from './types';

const encode = (text: string) => new TextEncoder().encode(text);
let conn: ClosableSqlConnection;

beforeAll(async () => {
  conn = await openNodeConnection();
});
afterAll(async () => {
  await conn.close();
});

function column(file: ImportedFile, name: string) {
  const found = file.columns.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
}

async function numbers(file: ImportedFile, name: string): Promise<number[]> {
  const table = await conn.query(`SELECT "${name}" AS v FROM ${file.table} ORDER BY __row`);
  return Array.from(table.getChild('v')?.toArray() ?? [], Number);
}

describe('detectFormat', () => {
  it('uses the PAR1 magic before the extension', () => {
    expect(detectFormat({ name: 'x.csv', bytes: encode('PAR1....') })).toBe('parquet');
    expect(detectFormat({ name: 'x.parquet', bytes: encode('a,b') })).toBe('parquet');
    expect(detectFormat({ name: 'x.txt', bytes: encode('a,b') })).toBe('csv');
  });
});

describe('importFile: CSV', () => {
  it('profiles a wide comma CSV with thousands separators', async () => {
    const file = await importFile(conn, {
      name: 'wide.csv',
      bytes: encode(
        'date,tv_spend,search_spend,revenue\n2024-01-01,100,50,1000\n2024-01-02,110,0,1100\n2024-01-08,"1,200.5",-5,900\n',
      ),
    });
    expect(file).toMatchObject({
      format: 'csv',
      rows: 3,
      shape: 'wide',
      csv: { delimiter: ',', header: true, decimalSeparator: '.', dateFormat: '%Y-%m-%d' },
    });
    expect(column(file, 'date')).toMatchObject({
      kind: 'date',
      min: '2024-01-01',
      max: '2024-01-08',
      distinct: 3,
      nulls: 0,
    });
    expect(column(file, 'tv_spend')).toMatchObject({
      kind: 'number',
      min: 100,
      max: 1200.5,
      thousands: true,
    });
    expect(column(file, 'tv_spend').mean).toBeCloseTo((100 + 110 + 1200.5) / 3, 10);
    expect(column(file, 'search_spend')).toMatchObject({ zeros: 1, negatives: 1 });
    expect(await numbers(file, 'tv_spend')).toEqual([100, 110, 1200.5]);
  });

  it('detects a semicolon CSV with decimal commas and day.month.year dates', async () => {
    const file = await importFile(conn, {
      name: 'german.csv',
      bytes: encode(
        'Datum;TV_Kosten;Umsatz\n01.02.2024;1,5;1.234,50\n02.02.2024;2,25;10\n13.02.2024;3;11,75\n',
      ),
    });
    expect(file.csv).toMatchObject({
      delimiter: ';',
      decimalSeparator: ',',
      dateFormat: '%d.%m.%Y',
    });
    expect(column(file, 'Datum')).toMatchObject({
      kind: 'date',
      min: '2024-02-01',
      max: '2024-02-13',
    });
    expect(await numbers(file, 'TV_Kosten')).toEqual([1.5, 2.25, 3]);
    expect(await numbers(file, 'Umsatz')).toEqual([1234.5, 10, 11.75]);
  });

  it('honours overrides: no header, tab delimiter, month/day dates', async () => {
    const file = await importFile(
      conn,
      { name: 'plain.tsv', bytes: encode('03/04/2024\t5\n03/05/2024\t6\n') },
      { csv: { header: false, delimiter: '\t', dateFormat: '%m/%d/%Y' } },
    );
    expect(file.columns.map((entry) => entry.name)).toEqual(['column0', 'column1']);
    expect(column(file, 'column0')).toMatchObject({
      kind: 'date',
      min: '2024-03-04',
      max: '2024-03-05',
    });
    expect(file.rows).toBe(2);
  });

  it('recognises long data by its channel column beside a bare spend column', async () => {
    const file = await importFile(conn, {
      name: 'long.csv',
      bytes: encode(
        'date,geo,channel,spend\n2024-01-01,north,tv,1\n2024-01-01,north,search,2\n2024-01-02,south,tv,3\n',
      ),
    });
    expect(file.shape).toBe('long');
    expect(column(file, 'channel')).toMatchObject({ kind: 'text', distinct: 2 });
  });

  it('flags personal data by value and by name', async () => {
    const file = await importFile(conn, {
      name: 'people.csv',
      bytes: encode(
        'date,contact,tel,customer_id,spend\n2024-01-01,a@b.com,+44 20 7946 0958,c1,3\n2024-01-02,c@d.org,+44 20 7946 0959,c2,4\n',
      ),
    });
    expect(column(file, 'contact').personalData).toBe('email');
    expect(column(file, 'tel').personalData).toBe('phone');
    expect(column(file, 'customer_id').personalData).toBe('user-id');
    expect(column(file, 'spend').personalData).toBeNull();
  });

  it('names the file in clear errors for empty, binary, header-only and ragged files', async () => {
    await expect(importFile(conn, { name: 'empty.csv', bytes: new Uint8Array() })).rejects.toThrow(
      /^empty\.csv: the file is empty/,
    );
    await expect(
      importFile(conn, {
        name: 'blob.csv',
        bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3]),
      }),
    ).rejects.toThrow(/^blob\.csv: not a CSV text file/);
    await expect(importFile(conn, { name: 'header.csv', bytes: encode('a,b\n') })).rejects.toThrow(
      /^header\.csv: no data rows/,
    );
    await expect(
      importFile(conn, { name: 'ragged.csv', bytes: encode('a,b,c\n1,2,3\n4,5\n6,7,8\n') }),
    ).rejects.toThrow(/^ragged\.csv: cannot be read as CSV .*Line: 3/);
    await expect(
      importFile(
        conn,
        { name: 'fake.parquet', bytes: encode('a,b\n1,2\n') },
        { parquetToIpc: parquetToIpcNode },
      ),
    ).rejects.toThrow(/^fake\.parquet: not a Parquet file/);
  });
});

describe('importFile: Parquet (written by native DuckDB, read by parquet-wasm)', () => {
  let directory: string;
  let bytes: Uint8Array;
  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'mmm-parquet-'));
    const path = join(directory, 'media.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const native = await instance.connect();
    await native.run(
      `COPY (SELECT i, (i * 0.25)::DOUBLE AS spend FROM range(5000) t(i)) TO '${join(directory, 'groups.parquet')}' (FORMAT parquet, ROW_GROUP_SIZE 1000)`,
    );
    await native.run(
      `COPY (SELECT 1::INTEGER AS i WHERE false) TO '${join(directory, 'empty.parquet')}' (FORMAT parquet)`,
    );
    await native.run(`COPY (SELECT DATE '2024-01-01' + i::INTEGER AS day, 'ch' || (i % 2) AS channel, (i * 1.5)::DOUBLE AS spend, i::BIGINT AS clicks, CAST(i AS VARCHAR) || '.5' AS text_number
      FROM range(10) t(i)) TO '${path}' (FORMAT parquet)`);
    native.closeSync();
    bytes = new Uint8Array(readFileSync(path));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('keeps Parquet types and infers text columns', async () => {
    const file = await importFile(
      conn,
      { name: 'media.parquet', bytes },
      { parquetToIpc: parquetToIpcNode },
    );
    expect(file).toMatchObject({ format: 'parquet', rows: 10, shape: 'long' });
    expect(column(file, 'day')).toMatchObject({
      kind: 'date',
      min: '2024-01-01',
      max: '2024-01-10',
    });
    expect(column(file, 'spend')).toMatchObject({ kind: 'number', min: 0, max: 13.5 });
    expect(column(file, 'clicks')).toMatchObject({ kind: 'number', min: 0, max: 9, mean: 4.5 });
    expect(column(file, 'text_number')).toMatchObject({ kind: 'number', min: 0.5, max: 9.5 });
    expect(await numbers(file, 'spend')).toEqual(
      Array.from({ length: 10 }, (_, index) => index * 1.5),
    );
  });

  it('reads a file row group by row group into one table, in file order', async () => {
    const grouped = new Uint8Array(readFileSync(join(directory, 'groups.parquet')));
    const streams = await parquetToIpcNode(grouped);
    let groups = 0;
    if (!(streams instanceof Uint8Array)) for await (const _ of streams) groups += 1;
    expect(groups).toBeGreaterThan(1);
    const file = await importFile(
      conn,
      { name: 'groups.parquet', bytes: grouped },
      { parquetToIpc: parquetToIpcNode },
    );
    expect(file.rows).toBe(5000);
    expect(column(file, 'spend')).toMatchObject({ kind: 'number', min: 0, max: 4999 * 0.25 });
    const rows = await numbers(file, 'i');
    expect(rows).toEqual(Array.from({ length: 5000 }, (_, index) => index));
    const empty = new Uint8Array(readFileSync(join(directory, 'empty.parquet')));
    await expect(
      importFile(conn, { name: 'empty.parquet', bytes: empty }, { parquetToIpc: parquetToIpcNode }),
    ).rejects.toThrow(/^empty\.parquet: no data rows/);
  });

  it('profiles typed Parquet columns as stored exactly as the same values read from CSV', async () => {
    // Integers with zeros, negatives and nulls: Parquet keeps them BIGINT (profiled without a
    // cast), CSV loads them as DOUBLE; every statistic must agree.
    const values = Array.from({ length: 40 }, (_, index) =>
      index % 7 === 3 ? null : ((index * 37) % 23) - 6,
    );
    const path = join(directory, 'typed.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const native = await instance.connect();
    await native.run(
      `COPY (SELECT v::BIGINT AS clicks, (v * 0.5)::DOUBLE AS spend FROM (SELECT unnest([${values.map((value) => value ?? 'NULL').join(', ')}]) AS v)) TO '${path}' (FORMAT parquet)`,
    );
    native.closeSync();
    const parquet = await importFile(
      conn,
      { name: 'typed.parquet', bytes: new Uint8Array(readFileSync(path)) },
      { parquetToIpc: parquetToIpcNode },
    );
    const csv = await importFile(conn, {
      name: 'typed.csv',
      bytes: encode(
        [
          'clicks,spend',
          ...values.map((value) => (value === null ? ',' : `${value},${value * 0.5}`)),
        ].join('\n'),
      ),
    });
    expect(column(parquet, 'clicks').sourceType).toBe('BIGINT');
    const present = values.filter((value): value is number => value !== null);
    for (const name of ['clicks', 'spend']) {
      const scale = name === 'spend' ? 0.5 : 1;
      const expected = {
        kind: 'number',
        nulls: values.length - present.length,
        distinct: new Set(present).size,
        min: Math.min(...present) * scale,
        max: Math.max(...present) * scale,
        zeros: present.filter((value) => value === 0).length,
        negatives: present.filter((value) => value < 0).length,
      };
      const mean = (present.reduce((sum, value) => sum + value, 0) / present.length) * scale;
      for (const file of [parquet, csv]) {
        expect(column(file, name)).toMatchObject(expected);
        expect(column(file, name).mean).toBeCloseTo(mean, 12);
      }
    }
  });

  it('fails clearly on a truncated Parquet file', async () => {
    const broken = bytes.slice(0, 40);
    await expect(
      importFile(conn, { name: 'cut.parquet', bytes: broken }, { parquetToIpc: parquetToIpcNode }),
    ).rejects.toThrow(/^cut\.parquet: not a readable Parquet file/);
  });
});

describe('importFile: cancelled or failed imports leave what was loaded', () => {
  const csvText = (rows: number, scale: number) =>
    [
      'date,spend',
      ...Array.from(
        { length: rows },
        (_, i) => `2024-01-${String(1 + (i % 28)).padStart(2, '0')},${i * scale}`,
      ),
    ].join('\n');
  const tables = async () =>
    Array.from((await conn.query('SELECT table_name FROM duckdb_tables()')).toArray(), (row) =>
      String(row.table_name),
    );

  /** The connection, with `signal.aborted` set once a statement matching `when` has run. */
  function cancelAfter(when: RegExp) {
    const signal = { aborted: false };
    const statements: string[] = [];
    const cancelling = {
      ...conn,
      async query(sql: string) {
        statements.push(sql);
        const result = await conn.query(sql);
        if (when.test(sql)) signal.aborted = true;
        return result;
      },
    };
    return { signal, statements, cancelling };
  }

  it('a CSV import cancelled after its load drops its staged rows; the loaded file of that name stays', async () => {
    const before = await importFile(conn, { name: 'kept.csv', bytes: encode(csvText(30, 1)) });
    const { signal, cancelling } = cancelAfter(/^CREATE OR REPLACE TABLE file_kept_csv__staged AS/);
    await expect(
      importFile(cancelling, { name: 'kept.csv', bytes: encode(csvText(50, 2)) }, { signal }),
    ).rejects.toThrow(new ImportCancelled('kept.csv'));
    expect(await tables()).not.toContain('file_kept_csv__staged');
    expect(await numbers(before, 'spend')).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it('an interrupted load is a cancellation: no all-text retry, no error blamed on the file', async () => {
    const signal = { aborted: false };
    const loads: string[] = [];
    const interrupting = {
      ...conn,
      async query(sql: string) {
        if (/^CREATE OR REPLACE TABLE file_stopped_csv__staged AS/.test(sql)) {
          loads.push(sql);
          signal.aborted = true; // as the store does, then conn.interrupt() stops the statement
          throw new Error('INTERRUPT Error: Interrupted!');
        }
        return conn.query(sql);
      },
    };
    await expect(
      importFile(interrupting, { name: 'stopped.csv', bytes: encode(csvText(20, 1)) }, { signal }),
    ).rejects.toThrow(/^stopped\.csv: import cancelled$/);
    expect(loads).toHaveLength(1);
    expect(await tables()).not.toContain('file_stopped_csv__staged');
  });

  it('a Parquet import cancelled between row groups stops there and leaves no table', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'mmm-cancel-'));
    try {
      const path = join(directory, 'groups.parquet');
      const instance = await DuckDBInstance.create(':memory:');
      const native = await instance.connect();
      await native.run(
        `COPY (SELECT i, (i * 0.25)::DOUBLE AS spend FROM range(5000) t(i)) TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE 1000)`,
      );
      native.closeSync();
      const signal = { aborted: false };
      let inserts = 0;
      const counting = {
        ...conn,
        async insertArrowIpc(name: string, ipc: Uint8Array, options?: { append?: boolean }) {
          inserts += 1;
          await conn.insertArrowIpc(name, ipc, options);
          signal.aborted = true;
        },
      };
      await expect(
        importFile(
          counting,
          { name: 'cancelled_groups.parquet', bytes: new Uint8Array(readFileSync(path)) },
          { parquetToIpc: parquetToIpcNode, signal },
        ),
      ).rejects.toThrow(new ImportCancelled('cancelled_groups.parquet'));
      expect(inserts).toBe(1);
      expect(
        (await tables()).filter((name) => name.startsWith('file_cancelled_groups_parquet')),
      ).toEqual([]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('a failed re-import of a loaded file leaves it as it was', async () => {
    const before = await importFile(conn, { name: 'stays.csv', bytes: encode(csvText(12, 3)) });
    await expect(
      importFile(conn, { name: 'stays.csv', bytes: encode('date,spend\n2024-01-01,"unclosed\n') }),
    ).rejects.toThrow(/^stays\.csv: /);
    expect(await numbers(before, 'spend')).toEqual(Array.from({ length: 12 }, (_, i) => i * 3));
    expect(await tables()).not.toContain('file_stays_csv__staged');
  });
});
