import { describe, expect, it } from 'vitest';
import {
  dayOfWeek,
  dayOfYear,
  formatIsoDate,
  mondayWeekStarts,
  parseIsoDate,
  yearOf,
} from './calendar';

describe('calendar', () => {
  it('round-trips dates and counts days like Date', () => {
    for (const text of ['1970-01-01', '2022-01-03', '2024-02-29', '2024-12-29', '2099-12-31']) {
      expect(formatIsoDate(parseIsoDate(text))).toBe(text);
      expect(parseIsoDate(text)).toBe(Date.parse(`${text}T00:00:00Z`) / 86_400_000);
    }
  });

  it('knows the weekday of known dates (Monday = 0)', () => {
    expect(dayOfWeek(parseIsoDate('2022-01-03'))).toBe(0);
    expect(dayOfWeek(parseIsoDate('2024-12-29'))).toBe(6);
    expect(dayOfWeek(parseIsoDate('1970-01-01'))).toBe(3);
    expect(dayOfWeek(parseIsoDate('1969-12-29'))).toBe(0);
    for (let day = -400; day < 400; day += 37) {
      expect(dayOfWeek(day)).toBe((new Date(day * 86_400_000).getUTCDay() + 6) % 7);
    }
  });

  it('spans the sample: 156 Monday weeks from 2022-01-03 end on 2024-12-29', () => {
    const starts = mondayWeekStarts(parseIsoDate('2022-01-03'), 156);
    expect(starts).toHaveLength(156);
    expect(formatIsoDate(starts[155] + 6)).toBe('2024-12-29');
    expect(starts[155] + 6 - starts[0] + 1).toBe(1092);
  });

  it('gives day of year and year', () => {
    expect(dayOfYear(parseIsoDate('2024-01-01'))).toBe(0);
    expect(dayOfYear(parseIsoDate('2024-12-31'))).toBe(365);
    expect(yearOf(parseIsoDate('2023-12-31'))).toBe(2023);
  });

  it('rejects malformed and impossible dates and non-Monday week starts', () => {
    expect(() => parseIsoDate('2022-1-3')).toThrow(/YYYY-MM-DD/);
    expect(() => parseIsoDate('2023-02-29')).toThrow(/does not exist/);
    expect(() => mondayWeekStarts(parseIsoDate('2022-01-04'), 2)).toThrow(/not a Monday/);
  });
});
