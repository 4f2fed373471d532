/** Filtering and counting validation problems for the report table. */
import type { Severity, ValidationProblem } from '../../models/data';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(problems: readonly ValidationProblem[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const problem of problems) counts[problem.severity] += 1;
  return counts;
}

/** Problems whose severity is shown, most severe first, then by file and row (stable otherwise). */
export function filterProblems(
  problems: readonly ValidationProblem[],
  shown: ReadonlySet<Severity>,
): ValidationProblem[] {
  const rank = (severity: Severity): number => SEVERITIES.indexOf(severity);
  return problems
    .map((problem, index) => ({ problem, index }))
    .filter(({ problem }) => shown.has(problem.severity))
    .sort(
      (left, right) =>
        rank(left.problem.severity) - rank(right.problem.severity) ||
        left.problem.file.localeCompare(right.problem.file) ||
        (left.problem.row ?? 0) - (right.problem.row ?? 0) ||
        left.index - right.index,
    )
    .map(({ problem }) => problem);
}

/** Where a problem is: "row 12", "2023-04-03", or "" when it concerns the whole file. */
export function problemLocation(problem: ValidationProblem): string {
  if (problem.row !== undefined) return `row ${problem.row}`;
  return problem.date ?? '';
}
