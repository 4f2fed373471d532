/**
 * Spreading weekly national amounts over a week's geo-day cells so they sum back exactly.
 *
 * A week's amount A is split by shares: A_i = A · w_i / Σ w. For cents, the largest-remainder
 * (Hamilton) method: floor every 100·A_i, then give one extra cent to the cells with the largest
 * fractional parts until the cents total round(100·A) — so the cells sum exactly to A rounded to
 * the cent, and no cell is off by a cent or more from its exact share.
 *
 * Example: A = 0.10 over three equal shares gives 4, 3, 3 cents.
 */
export function spreadByShares(
  amount: number,
  weights: Float64Array,
  out: Float64Array,
): Float64Array {
  let total = 0;
  for (const weight of weights) {
    if (!(weight >= 0)) throw new Error(`spreading weight ${weight} is negative or not a number`);
    total += weight;
  }
  if (!(total > 0)) throw new Error('spreading weights are all zero');
  for (let cell = 0; cell < weights.length; cell++) out[cell] = (amount * weights[cell]) / total;
  return out;
}

/** Integer cents per cell from exact amounts, summing to round(100 · Σ amounts) (largest remainder). */
export function apportionCents(amounts: Float64Array): Float64Array {
  const cents = new Float64Array(amounts.length);
  const remainders: { cell: number; fraction: number }[] = [];
  let exactTotal = 0;
  let floorTotal = 0;
  for (let cell = 0; cell < amounts.length; cell++) {
    const scaled = amounts[cell] * 100;
    exactTotal += scaled;
    cents[cell] = Math.floor(scaled);
    floorTotal += cents[cell];
    remainders.push({ cell, fraction: scaled - cents[cell] });
  }
  const missing = Math.round(exactTotal) - floorTotal;
  if (missing < 0 || missing > amounts.length)
    throw new Error(`cannot apportion ${exactTotal / 100} over ${amounts.length} cells`);
  remainders.sort((left, right) => right.fraction - left.fraction || left.cell - right.cell);
  for (let index = 0; index < missing; index++) cents[remainders[index].cell] += 1;
  return cents;
}
