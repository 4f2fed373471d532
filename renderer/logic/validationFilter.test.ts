import { describe, expect, it } from 'vitest';
import type { ValidationProblem } from '../../models/data';
import { countBySeverity, filterProblems, problemLocation } from './validationFilter';

describe('validation filter', () => {
  const problems: ValidationProblem[] = [
    { severity: 'info', code: 'unmapped', file: 'b.csv', column: 'x', message: 'unmapped' },
    {
      severity: 'error',
      code: 'non-numeric',
      file: 'b.csv',
      row: 9,
      column: 'spend',
      message: 'abc',
    },
    {
      severity: 'warning',
      code: 'missing-week',
      file: 'a.csv',
      date: '2024-01-08',
      message: 'gap',
    },
    {
      severity: 'error',
      code: 'unparseable-date',
      file: 'a.csv',
      row: 3,
      column: 'date',
      message: 'bad date',
    },
    {
      severity: 'error',
      code: 'negative-spend',
      file: 'b.csv',
      row: 2,
      column: 'spend',
      message: '-1',
    },
  ];

  it('counts by severity', () => {
    expect(countBySeverity(problems)).toEqual({ error: 3, warning: 1, info: 1 });
    expect(countBySeverity([])).toEqual({ error: 0, warning: 0, info: 0 });
  });

  it('filters and orders by severity, file, row', () => {
    const errorsOnly = filterProblems(problems, new Set(['error']));
    expect(errorsOnly.map((problem) => `${problem.file}:${problem.row}`)).toEqual([
      'a.csv:3',
      'b.csv:2',
      'b.csv:9',
    ]);
    expect(
      filterProblems(problems, new Set(['warning', 'info'])).map((problem) => problem.code),
    ).toEqual(['missing-week', 'unmapped']);
    expect(filterProblems(problems, new Set())).toEqual([]);
  });

  it('locates a problem by row, else date, else the whole file', () => {
    expect(problemLocation(problems[1])).toBe('row 9');
    expect(problemLocation(problems[2])).toBe('2024-01-08');
    expect(problemLocation(problems[0])).toBe('');
  });
});
