import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeConnection, type ClosableSqlConnection } from '../../cli/duckdbNode';
import { DiskFile } from '../../cli/readBytes';
import { detectMapping } from './detectMapping';
import { importFile } from './importFile';
import { csvHeadLength } from './textBytes';
import type { FileSource, ImportedFile, InputFile } from './types';
import { validate } from './validate';

const encode = (text: string) => new TextEncoder().encode(text);
let conn: ClosableSqlConnection;

beforeAll(async () => {
  conn = await openNodeConnection();
});
afterAll(async () => {
  await conn.close();
});

function sourceTypes(file: ImportedFile): Record<string, string | undefined> {
  return Object.fromEntries(file.columns.map((column) => [column.name, column.sourceType]));
}

/** `rows` daily rows from 2024-01-01: date, geo, spend = 1.5·i, revenue = 10·i. */
function daily(rows: number, edit?: (row: string[], index: number) => void): string {
  const lines = Array.from({ length: rows }, (_, index) => {
    const row = [
      new Date(Date.UTC(2024, 0, 1 + index)).toISOString().slice(0, 10),
      `geo_${index % 3}`,
      String(1.5 * index),
      String(10 * index),
    ];
    edit?.(row, index);
    return row.join(',');
  });
  return ['date,geo,spend,revenue', ...lines].join('\n');
}

describe('csvHeadLength', () => {
  it('ends after the n-th record, never inside a quoted line break', () => {
    const text = 'a,b\r\n1,"x\ny"\n"q""\n",3\n4,5\n';
    const bytes = encode(text);
    expect(new TextDecoder().decode(bytes.subarray(0, csvHeadLength(bytes, 1)))).toBe('a,b\r\n');
    expect(new TextDecoder().decode(bytes.subarray(0, csvHeadLength(bytes, 2)))).toBe(
      'a,b\r\n1,"x\ny"\n',
    );
    expect(new TextDecoder().decode(bytes.subarray(0, csvHeadLength(bytes, 3)))).toBe(
      'a,b\r\n1,"x\ny"\n"q""\n",3\n',
    );
    expect(csvHeadLength(bytes, 10)).toBe(bytes.length);
    expect(csvHeadLength(encode('no line break'), 1)).toBe(13);
  });

  it('on the head of a larger file, never ends inside its cut last record', () => {
    const head = encode('a,b\n1,"x\ny"\n2,3\n4,');
    expect(csvHeadLength(head, 10, false)).toBe('a,b\n1,"x\ny"\n2,3\n'.length);
    expect(csvHeadLength(head, 2, false)).toBe('a,b\n1,"x\ny"\n'.length);
    expect(csvHeadLength(encode('a,b,c'), 10, false)).toBe(5);
  });
});

describe('loadCsv: a file given as its head and a source', () => {
  const rows = 3000; // more records than the sniffed head holds, and more bytes than the head below
  const text = `${daily(rows, (row, index) => {
    if (index === rows - 1) row[2] = '123456.5'; // only in the last row: it must be read
  })}\n`;
  const bytes = encode(text);
  const headBytes = 64 * 1024; // cuts a record in half (real heads are HEAD_BYTES)
  let directory: string;
  let path: string;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'mmm-load-source-'));
    path = join(directory, 'daily.csv');
    writeFileSync(path, bytes);
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  const headOf = (source: FileSource): InputFile => ({
    name: 'daily.csv',
    bytes: bytes.subarray(0, headBytes),
    source,
  });

  it('is read in place and imports exactly what its bytes import', async () => {
    expect(text.charCodeAt(headBytes - 1)).not.toBe(0x0a);
    let reads = 0;
    const inPlace = await importFile(
      conn,
      headOf({
        size: bytes.length,
        handle: new DiskFile(path),
        read: async () => {
          reads += 1;
          return bytes;
        },
      }),
    );
    expect(reads).toBe(0); // DuckDB read the file from disk itself
    const whole = await importFile(conn, { name: 'daily.csv', bytes });
    expect(inPlace.rows).toBe(rows);
    expect(inPlace.columns).toEqual(whole.columns);
    expect(inPlace.columns.find((column) => column.name === 'spend')?.max).toBe(123456.5);
  });

  it('is read whole when the connection cannot read its handle, and a failed read names the file', async () => {
    let reads = 0;
    const foreign = await importFile(
      conn,
      headOf({
        size: bytes.length,
        handle: { kind: 'not a handle this connection knows' },
        read: async () => {
          reads += 1;
          return bytes;
        },
      }),
    );
    expect(reads).toBe(1);
    expect(foreign.rows).toBe(rows);
    await expect(
      importFile(
        conn,
        headOf({
          size: bytes.length,
          handle: null,
          read: () => Promise.reject(new Error('the file changed on disk')),
        }),
      ),
    ).rejects.toThrow(/^daily\.csv: could not be read \(the file changed on disk\)/);
  });
});

describe('loadCsv: typed columns in one read', () => {
  it('loads plain numbers as DOUBLE and ISO dates as DATE, the rest as text', async () => {
    const file = await importFile(conn, {
      name: 'typed.csv',
      bytes: encode(`${daily(30)}\n`),
    });
    expect(sourceTypes(file)).toEqual({
      date: 'DATE',
      geo: 'VARCHAR',
      spend: 'DOUBLE',
      revenue: 'DOUBLE',
    });
    expect(file.columns.find((column) => column.name === 'spend')).toMatchObject({
      kind: 'number',
      min: 0,
      max: 1.5 * 29,
      nulls: 0,
    });
  });

  it('keeps comma decimals, digit groups and other date formats as text for our own parsing', async () => {
    const file = await importFile(conn, {
      name: 'styled.csv',
      bytes: encode(
        'day;spend;total\n03.01.2024;1,5;"1.200,5"\n04.01.2024;2,5;"2.000,0"\n05.01.2024;3;"3.000,25"\n',
      ),
    });
    expect(file.csv).toMatchObject({ delimiter: ';', decimalSeparator: ',' });
    expect(sourceTypes(file)).toEqual({ day: 'VARCHAR', spend: 'VARCHAR', total: 'VARCHAR' });
    const table = await conn.query(`SELECT spend, total, day FROM ${file.table} ORDER BY __row`);
    expect(Array.from(table.getChild('spend')?.toArray() ?? [], Number)).toEqual([1.5, 2.5, 3]);
    expect(Array.from(table.getChild('total')?.toArray() ?? [], Number)).toEqual([
      1200.5, 2000, 3000.25,
    ]);
  });

  it('reads each value exactly as TRY_CAST of its text would', async () => {
    // Spellings read_csv and TRY_CAST both accept: spaces, exponents, signs, bare points, digit underscores.
    const spellings = [' 2.5', '1e3', '+3', '.5', '5.', '1_000', '00012', '-0.25 ', '1E-2'];
    const dates = ['2024-01-01', ' 2024-01-02', '2024-1-3', '2024-01-04 10:00:00', '2024/01/05'];
    const lines = spellings.map(
      (value, index) => `${dates[index % dates.length]},${value},"${value}"`,
    );
    const text = ['date,value,quoted', ...lines].join('\n');
    const file = await importFile(conn, { name: 'spellings.csv', bytes: encode(text) });
    expect(sourceTypes(file)).toMatchObject({ date: 'DATE', value: 'DOUBLE', quoted: 'DOUBLE' });
    await conn.registerFile('spellings_text.csv', encode(text));
    const reference = await conn.query(
      `SELECT strftime(TRY_CAST(date AS DATE), '%Y-%m-%d') AS date, TRY_CAST(value AS DOUBLE) AS value FROM read_csv('spellings_text.csv', auto_detect=false, header=true, delim=',', quote='"', escape='"', columns={'date': 'VARCHAR', 'value': 'VARCHAR', 'quoted': 'VARCHAR'})`,
    );
    await conn.dropFile('spellings_text.csv');
    const typed = await conn.query(
      `SELECT strftime(date, '%Y-%m-%d') AS date, value, quoted FROM ${file.table} ORDER BY __row`,
    );
    const expected = Array.from(reference.getChild('value')?.toArray() ?? [], Number);
    expect(expected).toEqual([2.5, 1000, 3, 0.5, 5, 1000, 12, -0.25, 0.01]);
    expect(Array.from(typed.getChild('value')?.toArray() ?? [], Number)).toEqual(expected);
    expect(Array.from(typed.getChild('quoted')?.toArray() ?? [], Number)).toEqual(expected);
    expect(Array.from(typed.getChild('date')?.toArray() ?? [], String)).toEqual(
      Array.from(reference.getChild('date')?.toArray() ?? [], String),
    );
  });

  it('falls back to text when a value past the sampled head does not parse, so validation names its row', async () => {
    const rows = 2500;
    const text = daily(rows, (row, index) => {
      if (index === 2300) row[2] = 'n/a?'; // data row 2301: spend is not a number
      if (index === 2400) row[0] = '2030-02-30'; // data row 2401: not a date
    });
    const file = await importFile(conn, { name: 'late.csv', bytes: encode(text) });
    expect(file.rows).toBe(rows);
    expect(sourceTypes(file)).toEqual({
      date: 'VARCHAR',
      geo: 'VARCHAR',
      spend: 'VARCHAR',
      revenue: 'VARCHAR',
    });
    expect(file.columns.find((column) => column.name === 'spend')).toMatchObject({
      kind: 'number',
      nulls: 1,
    });
    const report = await validate(conn, [file], detectMapping([file]));
    const rowsOf = (code: string) =>
      report.problems
        .filter((problem) => problem.code === code)
        .map((problem) => [problem.row, problem.column]);
    expect(rowsOf('non-numeric')).toEqual([[2301, 'spend']]);
    expect(rowsOf('unparseable-date')).toEqual([[2401, 'date']]);
  });

  it('names the file when a ragged line lies past the head', async () => {
    const text = daily(2200, (row, index) => {
      if (index === 2150) row.push('extra');
    });
    await expect(importFile(conn, { name: 'ragged.csv', bytes: encode(text) })).rejects.toThrow(
      /^ragged\.csv: cannot be read as CSV \(delimiter ",", 4 columns\)/,
    );
  });
});
