/**
 * Calendar arithmetic on whole UTC days, so dates never drift with the machine's time zone.
 *
 * A day is an integer d = days since 1970-01-01 (a Thursday). ISO day of week with Monday = 0:
 * dow(d) = (d + 3) mod 7. Weeks start on Monday, as in the exports the workbench reads.
 *
 * Example: `dayOfWeek(parseIsoDate('2022-01-03'))` is 0 (a Monday).
 */

const MILLISECONDS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for a `YYYY-MM-DD` string; throws naming the bad text. */
export function parseIsoDate(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new Error(`date "${text}" is not in YYYY-MM-DD form`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const milliseconds = Date.UTC(year, month - 1, day);
  if (formatIsoDate(milliseconds / MILLISECONDS_PER_DAY) !== text) {
    throw new Error(`date "${text}" does not exist in the calendar`);
  }
  return milliseconds / MILLISECONDS_PER_DAY;
}

/** `YYYY-MM-DD` for a day index. */
export function formatIsoDate(day: number): string {
  return new Date(day * MILLISECONDS_PER_DAY).toISOString().slice(0, 10);
}

/** ISO day of week, Monday = 0 … Sunday = 6. */
export function dayOfWeek(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Calendar year of a day index. */
export function yearOf(day: number): number {
  return new Date(day * MILLISECONDS_PER_DAY).getUTCFullYear();
}

/** Day of the year, 1 January = 0. */
export function dayOfYear(day: number): number {
  return day - Date.UTC(yearOf(day), 0, 1) / MILLISECONDS_PER_DAY;
}

/** The Monday that starts each of `weeks` consecutive weeks from `startMonday` (a day index). */
export function mondayWeekStarts(startMonday: number, weeks: number): number[] {
  if (dayOfWeek(startMonday) !== 0) {
    throw new Error(`week start ${formatIsoDate(startMonday)} is not a Monday`);
  }
  return Array.from({ length: weeks }, (_, week) => startMonday + 7 * week);
}
