import { describe, expect, it } from 'vitest';
import { formatIsoDate, parseIsoDate } from './calendar';
import { blackFriday, easterSunday, isPublicHoliday, publicHolidays } from './holidays';

describe('holidays', () => {
  it('computes Easter Sunday for published dates', () => {
    const published: Record<number, string> = {
      1961: '1961-04-02',
      2000: '2000-04-23',
      2019: '2019-04-21',
      2022: '2022-04-17',
      2023: '2023-04-09',
      2024: '2024-03-31',
      2025: '2025-04-20',
      2038: '2038-04-25',
    };
    for (const [year, date] of Object.entries(published))
      expect(formatIsoDate(easterSunday(Number(year)))).toBe(date);
  });

  it('computes Black Friday (day after the fourth Thursday of November)', () => {
    expect(formatIsoDate(blackFriday(2022))).toBe('2022-11-25');
    expect(formatIsoDate(blackFriday(2023))).toBe('2023-11-24');
    expect(formatIsoDate(blackFriday(2024))).toBe('2024-11-29');
  });

  it('lists eleven distinct holidays a year including Christmas and Easter Monday', () => {
    const days = publicHolidays(2023);
    expect(new Set(days).size).toBe(11);
    expect(days.map(formatIsoDate)).toContain('2023-05-18');
    expect(isPublicHoliday(parseIsoDate('2023-12-25'))).toBe(true);
    expect(isPublicHoliday(parseIsoDate('2023-04-10'))).toBe(true);
    expect(isPublicHoliday(parseIsoDate('2023-04-11'))).toBe(false);
  });
});
