import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeConnection, type ClosableSqlConnection } from '../../cli/duckdbNode';
import { detectMapping } from './detectMapping';
import { importFile } from './importFile';
import { problemsPerColumn } from './problemLimits';
import type { ImportedFile, ValidationProblem } from './types';
import { validate } from './validate';

const encode = (text: string) => new TextEncoder().encode(text);
let conn: ClosableSqlConnection;

beforeAll(async () => {
  conn = await openNodeConnection();
});
afterAll(async () => {
  await conn.close();
});

async function load(name: string, text: string): Promise<ImportedFile> {
  return importFile(conn, { name, bytes: encode(text) });
}

async function problemsOf(files: ImportedFile[]): Promise<readonly ValidationProblem[]> {
  return (await validate(conn, files, detectMapping(files))).problems;
}

function only(
  problems: readonly ValidationProblem[],
  code: ValidationProblem['code'],
): ValidationProblem[] {
  return problems.filter((problem) => problem.code === code);
}

/** Mondays from 2024-01-01, `count` of them. */
function mondays(count: number): string[] {
  return Array.from({ length: count }, (_, index) =>
    new Date(Date.UTC(2024, 0, 1 + 7 * index)).toISOString().slice(0, 10),
  );
}

describe('validate: row-level problems name file, row and column', () => {
  let report: Awaited<ReturnType<typeof validate>>;
  beforeAll(async () => {
    const weeks = mondays(8);
    const rows = weeks.map((week, index) => [week, 10 + index, 100 + (index % 3), 1 + index]);
    rows[1][1] = 'abc' as unknown as number; // row 2: tv_spend not a number
    rows[2][1] = -5; // row 3: negative spend
    rows[3][0] = '2024-13-45'; // row 4: not a date
    rows[4][2] = '' as unknown as number; // row 5: KPI missing
    const text = ['date,tv_spend,revenue,search_spend', ...rows.map((row) => row.join(','))].join(
      '\n',
    );
    report = await validate(
      conn,
      [await load('rows.csv', text)],
      detectMapping([await load('rows.csv', text)]),
    );
  });

  it('finds each bad cell', () => {
    expect(only(report.problems, 'non-numeric')).toEqual([
      expect.objectContaining({ severity: 'error', file: 'rows.csv', row: 2, column: 'tv_spend' }),
    ]);
    expect(only(report.problems, 'negative-spend')).toEqual([
      expect.objectContaining({ severity: 'error', file: 'rows.csv', row: 3, column: 'tv_spend' }),
    ]);
    expect(only(report.problems, 'unparseable-date')).toEqual([
      expect.objectContaining({ severity: 'error', file: 'rows.csv', row: 4, column: 'date' }),
    ]);
    expect(only(report.problems, 'null')).toEqual([
      expect.objectContaining({ severity: 'warning', file: 'rows.csv', row: 5, column: 'revenue' }),
    ]);
    expect(report.usable).toBe(false);
  });

  it('reports the week left empty by the bad date as missing', () => {
    expect(only(report.problems, 'missing-week')).toEqual([
      expect.objectContaining({
        severity: 'error',
        file: 'rows.csv',
        date: '2024-01-22',
        column: 'date',
      }),
    ]);
  });
});

describe('validate: series problems', () => {
  it('finds duplicate dates, flat channels and KPI outliers', async () => {
    const weeks = mondays(10);
    const rows = weeks.map(
      (week, index) =>
        `${week},${index % 2 === 0 ? 5 : 7},3,0,${index === 6 ? 5000 : 100 + (index % 4)}`,
    );
    rows.splice(4, 0, `${weeks[3]},0,0,0,0`); // row 5 repeats the date of row 4
    const file = await load(
      'series.csv',
      ['date,tv_spend,radio_spend,print_spend,revenue', ...rows].join('\n'),
    );
    const problems = await problemsOf([file]);
    expect(only(problems, 'duplicate-date')).toEqual([
      expect.objectContaining({ severity: 'error', row: 4, date: weeks[3], column: 'date' }),
    ]);
    expect(only(problems, 'constant-channel')).toEqual([
      expect.objectContaining({ severity: 'warning', column: 'radio_spend' }),
    ]);
    expect(only(problems, 'zero-channel')).toEqual([
      expect.objectContaining({ severity: 'warning', column: 'print_spend' }),
    ]);
    expect(only(problems, 'kpi-outlier')).toEqual([
      expect.objectContaining({ severity: 'warning', date: weeks[6], column: 'revenue' }),
    ]);
  });

  it('treats repeated (date, geo, channel) rows in long data as a warning', async () => {
    const file = await load(
      'long.csv',
      'date,geo,channel,spend\n2024-01-01,n,tv,1\n2024-01-01,n,tv,2\n2024-01-01,s,tv,3\n2024-01-08,n,tv,1\n',
    );
    const duplicates = only(await problemsOf([file]), 'duplicate-date');
    expect(duplicates).toEqual([
      expect.objectContaining({
        severity: 'warning',
        file: 'long.csv',
        row: 1,
        date: '2024-01-01',
      }),
    ]);
    expect(duplicates[0].message).toContain('geo=n');
  });

  it('errors when files share no week, and notes the weeks dropped when they partly overlap', async () => {
    const media = await load(
      'media.csv',
      `date,tv_spend\n${mondays(4)
        .map((week) => `${week},1`)
        .join('\n')}`,
    );
    const early = await load('kpi_early.csv', 'date,revenue\n2023-06-05,1\n2023-06-12,2\n');
    const disjoint = only(await problemsOf([media, early]), 'non-overlapping-dates');
    expect(disjoint).toEqual([expect.objectContaining({ severity: 'error', file: 'media.csv' })]);
    const partial = await load(
      'kpi_partial.csv',
      `date,revenue\n${mondays(6)
        .slice(2)
        .map((week) => `${week},1`)
        .join('\n')}`,
    );
    const notes = only(await problemsOf([media, partial]), 'non-overlapping-dates');
    expect(notes.map((problem) => [problem.severity, problem.file])).toEqual([
      ['info', 'media.csv'],
      ['info', 'kpi_partial.csv'],
    ]);
  });

  it('flags personal data and excludes it unless kept', async () => {
    const file = await load(
      'people.csv',
      `date,email,tv_spend,revenue\n${mondays(3)
        .map((week, index) => `${week},p${index}@example.com,1${index},2${index}`)
        .join('\n')}`,
    );
    const mapping = detectMapping([file]);
    expect(only((await validate(conn, [file], mapping)).problems, 'personal-data')).toEqual([
      expect.objectContaining({ severity: 'warning', file: 'people.csv', column: 'email' }),
    ]);
    const kept = {
      ...mapping,
      columns: mapping.columns.map((entry) =>
        entry.column === 'email'
          ? { ...entry, role: 'control' as const, keepPersonalData: true }
          : entry,
      ),
    };
    expect(only((await validate(conn, [file], kept)).problems, 'personal-data')).toEqual([
      expect.objectContaining({ severity: 'info', column: 'email' }),
    ]);
  });

  it('reports a mapping without KPI or spend, and columns that do not exist', async () => {
    const file = await load('bare.csv', 'date,other\n2024-01-01,1\n');
    const report = await validate(conn, [file], {
      version: 1,
      weekStart: 'monday',
      aggregateGeos: true,
      columns: [
        { file: 'bare.csv', column: 'date', role: 'date' },
        { file: 'bare.csv', column: 'nope', role: 'spend', channel: 'tv' },
      ],
    });
    const messages = only(report.problems, 'unmapped')
      .filter((problem) => problem.severity === 'error')
      .map((problem) => problem.message);
    expect(messages).toEqual(
      expect.arrayContaining([expect.stringMatching(/column nope/), expect.stringMatching(/KPI/)]),
    );
    expect(report.usable).toBe(false);
  });

  it('wants a revenue per KPI beside the KPI it multiplies, and one population column', async () => {
    const kpi = await load('kpi.csv', 'date,conversions,tv_spend\n2024-01-01,5,1\n');
    const prices = await load(
      'prices.csv',
      'date,revenue_per_conversion,population\n2024-01-01,2,9\n',
    );
    const report = await validate(conn, [kpi, prices], {
      version: 1,
      weekStart: 'monday',
      aggregateGeos: true,
      columns: [
        { file: 'kpi.csv', column: 'date', role: 'date' },
        { file: 'kpi.csv', column: 'conversions', role: 'kpi' },
        { file: 'kpi.csv', column: 'tv_spend', role: 'population' },
        { file: 'prices.csv', column: 'date', role: 'date' },
        { file: 'prices.csv', column: 'revenue_per_conversion', role: 'revenue-per-kpi' },
        { file: 'prices.csv', column: 'population', role: 'population' },
      ],
    });
    const errors = only(report.problems, 'unmapped').filter(
      (problem) => problem.severity === 'error',
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'prices.csv',
          column: 'revenue_per_conversion',
          message:
            'revenue_per_conversion is mapped to revenue per KPI, but the KPI it multiplies is not a column of this file',
        }),
        expect.objectContaining({
          message:
            '2 columns are mapped to population (kpi.csv:tv_spend, prices.csv:population); map one',
        }),
      ]),
    );
  });

  it('lists at most the first rows of a problem, then how many more', async () => {
    const lines = Array.from(
      { length: 50 },
      (_, index) =>
        `${new Date(Date.UTC(2024, 0, 1 + index)).toISOString().slice(0, 10)},x${index},1`,
    );
    const file = await load('many.csv', ['date,tv_spend,revenue', ...lines].join('\n'));
    const mapping = {
      ...detectMapping([file]),
      columns: detectMapping([file]).columns.map((entry) =>
        entry.column === 'tv_spend' ? { ...entry, role: 'spend' as const, channel: 'tv' } : entry,
      ),
    };
    const bad = only((await validate(conn, [file], mapping)).problems, 'non-numeric');
    expect(bad).toHaveLength(problemsPerColumn + 1);
    expect(bad.slice(0, problemsPerColumn).map((problem) => problem.row)).toEqual(
      Array.from({ length: problemsPerColumn }, (_, index) => index + 1),
    );
    expect(bad[problemsPerColumn].message).toBe(`and ${50 - problemsPerColumn} more`);
  });

  it('scans a file again only for checks a mapping edit changed, and a re-import afresh', async () => {
    const text = [
      'date,tv_spend,revenue,price',
      ...mondays(6).map((week, i) => `${week},${i === 2 ? -1 : i},${100 + i},1`),
    ].join('\n');
    const queries: string[] = [];
    const counting = { ...conn, query: (sql: string) => (queries.push(sql), conn.query(sql)) };
    // The row checks' scans: counts, first failing rows, duplicate dates (the weekly sums are not cached).
    const scans = () =>
      queries.filter(
        (sql) =>
          /FROM file_edits_csv__raw\b/.test(sql) &&
          /^SELECT count_if\(|ORDER BY rowid LIMIT|AS copies/.test(sql.trim()),
      ).length;
    const file = await load('edits.csv', text);
    const mapping = detectMapping([file]);
    const first = await validate(counting, [file], mapping);
    expect(only(first.problems, 'negative-spend').map((problem) => problem.row)).toEqual([3]);
    const firstScans = scans();
    expect(firstScans).toBeGreaterThan(0);
    // The same mapping again: the same report, and not one row scan of the file.
    expect((await validate(counting, [file], mapping)).problems).toEqual(first.problems);
    expect(scans()).toBe(firstScans);
    // price's role changes, and with it the checks: one scan more (the duplicate dates are known).
    const edited = {
      ...mapping,
      columns: mapping.columns.map((entry) =>
        entry.column === 'price'
          ? {
              ...entry,
              role: entry.role === 'control' ? ('ignore' as const) : ('control' as const),
            }
          : entry,
      ),
    };
    await validate(counting, [file], edited);
    expect(scans()).toBe(firstScans + 1);
    // A re-import is a new file: scanned afresh, and its new values are seen.
    const fixed = await load('edits.csv', text.replace(',-1,', ',2,'));
    const again = await validate(counting, [fixed], edited);
    expect(only(again.problems, 'negative-spend')).toEqual([]);
  });

  it('passes clean data', async () => {
    const file = await load(
      'clean.csv',
      `date,tv_spend,revenue,price\n${mondays(52)
        .map((week, index) => `${week},${index % 3},${100 + index},${1 + index / 10}`)
        .join('\n')}`,
    );
    const report = await validate(conn, [file], detectMapping([file]));
    expect(report.problems.filter((problem) => problem.severity !== 'info')).toEqual([]);
    expect(report.usable).toBe(true);
  });
});
