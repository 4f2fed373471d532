import { describe, expect, it } from 'vitest';
import { createRng } from '../../models/random/rng';
import { mondayWeekStarts, parseIsoDate } from './calendar';
import { dailyControls, promotionDays, weeklyMeans } from './controls';
import { blackFriday } from './holidays';

describe('daily controls', () => {
  const start = parseIsoDate('2022-01-03');
  const days = Array.from({ length: 1092 }, (_, index) => start + index);
  const controls = dailyControls(days, createRng(1));

  it('keeps the price index near 100 with two decimals, cut on promotion days', () => {
    let promoted = 0;
    let promotedCount = 0;
    let regular = 0;
    for (let day = 0; day < days.length; day++) {
      const price = controls.priceIndex[day];
      expect(Math.abs(price * 100 - Math.round(price * 100))).toBeLessThan(1e-6);
      if (controls.promo[day]) {
        promoted += price;
        promotedCount++;
      } else regular += price;
    }
    const promotedMean = promoted / promotedCount;
    const regularMean = regular / (days.length - promotedCount);
    expect(Math.min(...controls.priceIndex)).toBeGreaterThan(90);
    expect(Math.max(...controls.priceIndex)).toBeLessThan(112);
    // The −3 cut shows in the means (drift and seasonality blur it a little).
    expect(regularMean - promotedMean).toBeGreaterThan(2);
    expect(regularMean - promotedMean).toBeLessThan(4);
  });

  it('marks promotions (Black Friday included) and public holidays as 0/1 days', () => {
    const promotionShare = controls.promo.reduce((total, value) => total + value, 0) / days.length;
    expect(promotionShare).toBeGreaterThan(0.08);
    expect(promotionShare).toBeLessThan(0.14);
    expect(promotionDays(2023, createRng(2)).has(blackFriday(2023))).toBe(true);
    expect(controls.holiday[parseIsoDate('2023-12-25') - start]).toBe(1);
    // 11 a year, less 1 Jan 2022 and 31 Dec 2024, which fall outside the data.
    expect(controls.holiday.reduce((total, value) => total + value, 0)).toBe(3 * 11 - 2);
  });

  it('averages days into Monday-start weeks', () => {
    expect(mondayWeekStarts(start, 156)).toHaveLength(156);
    const means = weeklyMeans(controls.promo, 156);
    for (let week = 0; week < 156; week++) {
      let count = 0;
      for (let day = 0; day < 7; day++) count += controls.promo[week * 7 + day];
      expect(means[week]).toBeCloseTo(count / 7, 15);
    }
    expect(() => weeklyMeans(new Float64Array(10), 2)).toThrow(/expected 14/);
  });
});
