/**
 * `unambiguousDialect` skips DuckDB's sniffer; wherever it answers, it must answer what the sniffer
 * does. Checked on the bundled samples, the peers' exports in ../shared/datasets (when present) and
 * generated variants (delimiters, quoting, text and numeric columns, headerless files).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeConnection, type ClosableSqlConnection } from '../../cli/duckdbNode';
import { unambiguousDialect } from './csvDialect';
import { firstLines } from './textBytes';

let conn: ClosableSqlConnection;
beforeAll(async () => {
  conn = await openNodeConnection();
});
afterAll(async () => {
  await conn.close();
});

const encode = (text: string) => new TextEncoder().encode(text);

async function sniff(name: string, bytes: Uint8Array) {
  await conn.registerFile(name, bytes);
  try {
    const row = (
      await conn.query(
        `SELECT Delimiter, HasHeader FROM sniff_csv('${name}', skip=0, sample_size=2048)`,
      )
    ).toArray()[0];
    return { delimiter: String(row.Delimiter), header: Boolean(row.HasHeader) };
  } finally {
    await conn.dropFile(name);
  }
}

const weeks = (rows: number) =>
  Array.from({ length: rows }, (_, i) =>
    new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10),
  );

/** Generated files: [name, text, does the shortcut answer?]. */
function generated(): [string, string, boolean][] {
  const dates = weeks(30);
  const rows = (delimiter: string, cell: (i: number) => string[]) =>
    dates.map((date, i) => [date, ...cell(i)].join(delimiter));
  const numbers = (i: number) => [String(100 + i * 1.5), String(7 * i)];
  return [
    ['comma.csv', ['week,revenue,tv_spend', ...rows(',', numbers)].join('\n'), true],
    ['semicolon.csv', ['week;revenue;tv_spend', ...rows(';', numbers)].join('\n'), true],
    ['tab.tsv', ['week\trevenue\ttv_spend', ...rows('\t', numbers)].join('\n'), true],
    ['pipe.csv', ['week|revenue|tv_spend', ...rows('|', numbers)].join('\n'), true],
    [
      'quoted.csv',
      ['"week","geo","revenue"', ...rows(',', (i) => [`"Geo, ${i % 3}"`, String(i)])].join('\n'),
      true,
    ],
    [
      'decimal-comma.csv',
      ['week;revenue', ...rows(';', (i) => [`${i},5`])].join('\n'),
      // One comma per data line but none in the header: only ';' splits every line alike.
      true,
    ],
    [
      'decimal-comma-text.csv',
      ['name;revenue', ...dates.map((_, i) => `n${i};${i},5`)].join('\n'),
      // "1,5" is not a plain number: no typed column, so the sniffer decides.
      false,
    ],
    ['two-delimiters.csv', ['a,b;c', ...dates.map((_, i) => `${i},${i};${i}`)].join('\n'), false],
    ['headerless.csv', rows(',', numbers).join('\n'), false],
    ['all-text.csv', ['name,geo', ...dates.map((_, i) => `n${i},g${i}`)].join('\n'), false],
    [
      'quoted-newline.csv',
      ['week,note,spend', ...rows(',', (i) => [`"line\nbreak ${i}"`, String(i)])].join('\n'),
      false,
    ],
    ['one-column.csv', ['revenue', ...dates.map((_, i) => String(i))].join('\n'), false],
    ['crlf.csv', ['week,revenue,tv_spend', ...rows(',', numbers)].join('\r\n') + '\r\n', true],
  ];
}

describe('unambiguousDialect against DuckDB sniff_csv', () => {
  it('answers generated files as the sniffer does, and leaves the doubtful ones to it', async () => {
    for (const [name, text, answers] of generated()) {
      const bytes = encode(text);
      const plain = unambiguousDialect(firstLines(bytes, 50));
      expect(plain !== null, name).toBe(answers);
      if (plain) expect(plain, name).toEqual(await sniff(name, bytes));
    }
  });

  const shared = join(__dirname, '../../../shared/datasets');
  const files = [
    ...readdirSync(join(__dirname, '../../sample-data'))
      .filter((name) => name.endsWith('.csv'))
      .map((name) => join(__dirname, '../../sample-data', name)),
    ...(existsSync(shared)
      ? readdirSync(shared)
          .filter((name) => name.endsWith('.csv'))
          .map((name) => join(shared, name))
      : []),
  ];

  it.skipIf(files.length === 0)(
    'answers the bundled samples and the peers’ exports as the sniffer does',
    async () => {
      let answered = 0;
      for (const path of files) {
        const bytes = new Uint8Array(readFileSync(path));
        const plain = unambiguousDialect(firstLines(bytes.subarray(0, 1 << 20), 50));
        if (!plain) continue;
        answered++;
        expect(plain, path).toEqual(await sniff(`f${answered}.csv`, bytes));
      }
      // The samples are plain exports: the shortcut must take them, or it saves nothing.
      expect(answered).toBeGreaterThanOrEqual(files.length / 2);
    },
  );
});
