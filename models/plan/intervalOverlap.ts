/**
 * How much two posterior intervals agree — the refresh-stability measure of a plan diff (did last
 * quarter's ROI survive this quarter's refit?):
 *
 *   overlap(a, b) = max(0, min(a.hi, b.hi) − max(a.lo, b.lo)) / min(a.hi − a.lo, b.hi − b.lo)
 *
 * 1 when the narrower interval lies inside the wider, 0 when they are disjoint, in between
 * otherwise. An interval of width 0 (a point) counts 1 when it lies inside the other, else 0.
 * Example: [1, 3] and [2, 6] → (3 − 2) / min(2, 4) = 0.5.
 */
export interface Interval {
  readonly mean: number;
  readonly lo: number;
  readonly hi: number;
}

export function intervalOverlap(a: Interval, b: Interval): number {
  const shared = Math.min(a.hi, b.hi) - Math.max(a.lo, b.lo);
  const narrower = Math.min(a.hi - a.lo, b.hi - b.lo);
  if (shared < 0) return 0;
  if (narrower <= 0) return 1;
  return Math.min(1, shared / narrower);
}

/**
 * The value of a piecewise-linear curve (`xs` increasing) at `x`, by linear interpolation; null
 * outside [xs[0], xs[n−1]].
 */
export function interpolate(
  xs: readonly number[],
  ys: readonly number[],
  x: number,
): number | null {
  const last = xs.length - 1;
  if (last < 0 || !(x >= xs[0] && x <= xs[last])) return null;
  if (last === 0) return ys[0];
  let k = 0;
  while (k < last - 1 && xs[k + 1] < x) k++;
  const span = xs[k + 1] - xs[k];
  if (span <= 0) return ys[k];
  return ys[k] + ((ys[k + 1] - ys[k]) * (x - xs[k])) / span;
}
