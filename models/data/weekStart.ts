/**
 * The week a date falls in, as the date its week starts. DuckDB's `date_trunc('week', d)` is ISO
 * (Monday-based); for Sunday weeks shift by a day: week(d) = trunc(d + 1) − 1.
 * Example: Saturday 2024-01-06 → Monday 2024-01-01, or Sunday 2023-12-31 with Sunday weeks.
 */
export function weekStartSql(date: string, weekStart: 'monday' | 'sunday'): string {
  return weekStart === 'monday'
    ? `CAST(date_trunc('week', ${date}) AS DATE)`
    : `CAST(CAST(date_trunc('week', ${date} + 1) AS DATE) - 1 AS DATE)`;
}
