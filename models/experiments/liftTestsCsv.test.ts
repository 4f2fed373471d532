import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeConnection, type ClosableSqlConnection } from '../../cli/duckdbNode';
import { readLiftTestsCsv } from './liftTestsCsv';

let conn: ClosableSqlConnection;
beforeAll(async () => {
  conn = await openNodeConnection();
});
afterAll(async () => {
  await conn.close();
});

const bytes = (text: string) => new TextEncoder().encode(text);
const read = (text: string, channels = ['tv', 'search']) =>
  readLiftTestsCsv(conn, { name: 'l.csv', bytes: bytes(text) }, channels);

describe('readLiftTestsCsv (DuckDB)', () => {
  it('reads experiments with header aliases, a BOM, CRLF and blank lines', async () => {
    const text =
      '\uFEFFChannel,Start,End,Measured_Lift,SE\r\ntv,2024-01-01,2024-01-28,15000,2500\r\n\r\nsearch,2024-02-05,2024-02-05,-3.5,1e2\r\n';
    expect(await read(text)).toEqual([
      {
        channel: 'tv',
        startDate: '2024-01-01',
        endDate: '2024-01-28',
        measuredLift: 15000,
        standardError: 2500,
      },
      {
        channel: 'search',
        startDate: '2024-02-05',
        endDate: '2024-02-05',
        measuredLift: -3.5,
        standardError: 100,
      },
    ]);
  });

  it('reads quoted fields (a comma inside a channel name, quoted numbers) and semicolons', async () => {
    const quoted =
      'channel,start_date,end_date,lift,standard_error\n"tv, national","2024-01-01","2024-01-07","1200.5","300"\n';
    expect(await read(quoted, ['tv, national'])).toEqual([
      {
        channel: 'tv, national',
        startDate: '2024-01-01',
        endDate: '2024-01-07',
        measuredLift: 1200.5,
        standardError: 300,
      },
    ]);
    const semicolons =
      'channel;start_date;end_date;lift;standard_error\ntv;2024-01-01;2024-01-07;5;1\n';
    expect((await read(semicolons))[0]).toMatchObject({ channel: 'tv', measuredLift: 5 });
  });

  it('reads an optional geo column: a geo experiment names its geo, a blank one is national', async () => {
    const text =
      'channel,start_date,end_date,lift,standard_error,geo\ntv,2024-01-01,2024-01-28,150,25,north\nsearch,2024-02-05,2024-02-11,40,10,\n';
    const tests = await read(text);
    expect(tests[0]).toEqual({
      channel: 'tv',
      startDate: '2024-01-01',
      endDate: '2024-01-28',
      measuredLift: 150,
      standardError: 25,
      geo: 'north',
    });
    expect(tests[1]).not.toHaveProperty('geo');
  });

  it('names the file, row and column of each mistake', async () => {
    const header = 'channel,start_date,end_date,lift,standard_error\n';
    await expect(read('channel,start,lift,se\ntv,2024-01-01,1,1\n')).rejects.toThrow(
      "l.csv: no 'end_date' column",
    );
    await expect(read(`${header}radio,2024-01-01,2024-01-07,1,1\n`)).rejects.toThrow(
      "l.csv: row 1, channel: 'radio' is not a fitted channel (tv, search)",
    );
    await expect(
      read(`${header}tv,2024-01-01,2024-01-07,1,1\ntv,01/01/2024,2024-01-07,1,1\n`),
    ).rejects.toThrow("l.csv: row 2, start_date: '01/01/2024' is not a YYYY-MM-DD date");
    await expect(read(`${header}tv,2024-01-08,2024-01-01,1,1\n`)).rejects.toThrow(
      'row 1, end_date: 2024-01-01 is before 2024-01-08',
    );
    await expect(read(`${header}tv,2024-01-01,2024-01-07,abc,1\n`)).rejects.toThrow(
      "row 1, lift: 'abc' is not a number",
    );
    await expect(read(`${header}tv,2024-01-01,2024-01-07,1,0\n`)).rejects.toThrow(
      "row 1, standard_error: '0' must be a positive number",
    );
    await expect(read('')).rejects.toThrow('l.csv: the file is empty');
    await expect(read('\uFEFF \n')).rejects.toThrow('l.csv: the file is empty');
  });
});
