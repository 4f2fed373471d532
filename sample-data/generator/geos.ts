/** The sample's regions: population share (sums to 1) and average order value (currency). */
export interface Geo {
  readonly name: string;
  readonly populationShare: number;
  readonly averageOrderValue: number;
}

export const sampleGeos: readonly Geo[] = [
  { name: 'north', populationShare: 0.18, averageOrderValue: 72 },
  { name: 'south', populationShare: 0.27, averageOrderValue: 64 },
  { name: 'east', populationShare: 0.16, averageOrderValue: 69 },
  { name: 'west', populationShare: 0.22, averageOrderValue: 77 },
  { name: 'central', populationShare: 0.17, averageOrderValue: 81 },
];

/**
 * Day-of-week profile of the baseline KPI, Monday … Sunday, normalised to sum to 1: shoppers buy
 * more at weekends. Example: Saturday's share is 1.2 / 7.05 ≈ 0.170.
 */
export const baselineWeekdayProfile: readonly number[] = normalise([
  0.95, 0.92, 0.93, 0.97, 1.05, 1.2, 1.03,
]);

function normalise(values: readonly number[]): number[] {
  const total = values.reduce((sum, value) => sum + value, 0);
  return values.map((value) => value / total);
}
