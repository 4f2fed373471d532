import type { Matrix } from '../learners/types';

/**
 * Trend and Fourier seasonality columns for weekly data, added to the controls X:
 *
 *   trend_t = τₜ/τ_max,   sin_k(t) = sin(2πkτₜ/P),   cos_k(t) = cos(2πkτₜ/P),   k = 1…order,
 *
 * where τₜ is the time in weeks since the first observation (from dates, so gaps are respected)
 * and P = 365.25/7 ≈ 52.18 weeks (one year). Returns an n × (1 + 2·order) row-major matrix.
 * Reference: Harvey & Shephard (1993) trigonometric seasonality; Prophet's Fourier terms.
 *
 * Example: τ = [0, 13.045…] (a quarter year), order 1 → row 2 = [1, 1, 0] up to rounding.
 */
export const WEEKS_PER_YEAR = 365.25 / 7;

export function timeFeatures(
  weeks: Float64Array,
  order = 2,
  period = WEEKS_PER_YEAR,
): { matrix: Matrix; names: string[] } {
  const n = weeks.length;
  const cols = 1 + 2 * order;
  const data = new Float64Array(n * cols);
  const start = n > 0 ? weeks[0] : 0;
  let last = 0;
  for (let t = 0; t < n; t++) last = Math.max(last, weeks[t] - start);
  for (let t = 0; t < n; t++) {
    const tau = weeks[t] - start;
    data[t * cols] = last > 0 ? tau / last : 0;
    for (let k = 1; k <= order; k++) {
      const angle = (2 * Math.PI * k * tau) / period;
      data[t * cols + 2 * k - 1] = Math.sin(angle);
      data[t * cols + 2 * k] = Math.cos(angle);
    }
  }
  const names = ['trend'];
  for (let k = 1; k <= order; k++) names.push(`sin${k}`, `cos${k}`);
  return { matrix: { rows: n, cols, data }, names };
}

/** Weeks since 1970-01-01 of ISO dates 'YYYY-MM-DD…'; throws naming the first unparseable one. */
export function weeksFromDates(dates: readonly string[]): Float64Array {
  return Float64Array.from(dates, (text, i) => {
    const time = Date.parse(text.length >= 10 ? text.slice(0, 10) + 'T00:00:00Z' : text);
    if (!Number.isFinite(time))
      throw new Error(`date '${text}' in row ${i + 1} is not an ISO date`);
    return time / (7 * 86_400_000);
  });
}
