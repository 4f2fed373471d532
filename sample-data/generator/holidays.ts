import { dayOfWeek, yearOf } from './calendar';

/**
 * Public-holiday-like days of a generic European calendar, used for the `holiday` control.
 *
 * Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher, in Meeus 1991,
 * "Astronomical Algorithms", ch. 8); movable feasts as offsets from it: Good Friday (−2),
 * Easter Monday (+1), Ascension (+39), Whit Monday (+50). Fixed days: 1 Jan, 1 May, 24–26 Dec,
 * 31 Dec. Plus the Friday after the fourth Thursday of November ("Black Friday"), a retail peak.
 *
 * Example: `easterSunday(2024)` is the day index of 2024-03-31.
 */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, dayOfMonth) / 86_400_000;
}

/** Black Friday: the day after the fourth Thursday of November. */
export function blackFriday(year: number): number {
  const firstOfNovember = Date.UTC(year, 10, 1) / 86_400_000;
  const firstThursday = firstOfNovember + ((3 - dayOfWeek(firstOfNovember) + 7) % 7);
  return firstThursday + 21 + 1;
}

/** The holiday day indices of one calendar year, sorted. */
export function publicHolidays(year: number): number[] {
  const fixed = [
    [0, 1],
    [4, 1],
    [11, 24],
    [11, 25],
    [11, 26],
    [11, 31],
  ].map(([month, dayOfMonth]) => Date.UTC(year, month, dayOfMonth) / 86_400_000);
  const easter = easterSunday(year);
  const movable = [-2, 1, 39, 50].map((offset) => easter + offset);
  return [...fixed, ...movable, blackFriday(year)].sort((left, right) => left - right);
}

/** Whether a day index is a holiday (memoised per year). */
export function isPublicHoliday(day: number): boolean {
  const year = yearOf(day);
  let days = holidayCache.get(year);
  if (!days) {
    days = new Set(publicHolidays(year));
    holidayCache.set(year, days);
  }
  return days.has(day);
}

const holidayCache = new Map<number, Set<number>>();
