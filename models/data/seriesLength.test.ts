import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeConnection, type ClosableSqlConnection } from '../../cli/duckdbNode';
import { detectMapping } from './detectMapping';
import { importFile } from './importFile';
import { MINIMUM_TRAINING_WEEKS, RECOMMENDED_WEEKS, weeksBetween } from './seriesLength';
import { validate } from './validate';

const encode = (text: string) => new TextEncoder().encode(text);
let conn: ClosableSqlConnection;

beforeAll(async () => {
  conn = await openNodeConnection();
});
afterAll(async () => {
  await conn.close();
});

/** A weekly file of `weeks` Mondays from 2024-01-01 (date, revenue, tv_spend). */
function weekly(weeks: number): string {
  const rows = Array.from({ length: weeks }, (_, index) => {
    const date = new Date(Date.UTC(2024, 0, 1 + 7 * index)).toISOString().slice(0, 10);
    return `${date},${1000 + index},${100 + (index % 5)}`;
  });
  return ['date,revenue,tv_spend', ...rows].join('\n');
}

async function lengthProblems(weeks: number) {
  const file = await importFile(conn, { name: `weeks${weeks}.csv`, bytes: encode(weekly(weeks)) });
  const report = await validate(conn, [file], detectMapping([file]));
  return {
    report,
    problems: report.problems.filter((problem) => problem.code === 'too-few-weeks'),
  };
}

describe('series length', () => {
  it('counts the weeks of a range, both ends included', () => {
    expect(weeksBetween('2024-01-01', '2024-01-01')).toBe(1);
    expect(weeksBetween('2024-01-01', '2024-01-08')).toBe(2);
    expect(weeksBetween('2024-01-01', '2024-12-30')).toBe(53);
  });

  it('makes a 2-week file unusable, saying why and how many weeks the model needs', async () => {
    const { report, problems } = await lengthProblems(2);
    expect(report.usable).toBe(false);
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'error', file: 'weeks2.csv', column: 'date' }),
    ]);
    expect(problems[0].message).toBe(
      `2 weeks of data (2024-01-01 … 2024-01-08): the model needs at least ${MINIMUM_TRAINING_WEEKS} to tell adstock, saturation and trend apart`,
    );
  });

  it(`errors just below ${MINIMUM_TRAINING_WEEKS} weeks and only warns from there to ${RECOMMENDED_WEEKS - 1}`, async () => {
    expect((await lengthProblems(MINIMUM_TRAINING_WEEKS - 1)).problems[0].severity).toBe('error');
    const atMinimum = await lengthProblems(MINIMUM_TRAINING_WEEKS);
    expect(atMinimum.report.usable).toBe(true);
    expect(atMinimum.problems).toEqual([expect.objectContaining({ severity: 'warning' })]);
    expect(atMinimum.problems[0].message).toContain('seasonality needs a year');
    expect((await lengthProblems(RECOMMENDED_WEEKS - 1)).problems[0].severity).toBe('warning');
  });

  it(`says nothing from ${RECOMMENDED_WEEKS} weeks on`, async () => {
    expect((await lengthProblems(RECOMMENDED_WEEKS)).problems).toEqual([]);
  });
});
