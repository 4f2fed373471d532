/**
 * Posterior mean and central (equal-tailed) interval of a quantity from its draws:
 *   mean = (1/N) Σ xᵢ,  [lower, upper] = [Q((1−p)/2), Q((1+p)/2)]
 * with Q the type-7 sample quantile (R's default), found by selection rather than a sort.
 * Per-week bands apply it week by week to a draws × weeks matrix (row-major). p = 0.9 by default
 * (5% and 95% quantiles).
 *
 * Example: draws 1…5, p = 0.5 → mean 3, [2, 4].
 */
import { quantilesInPlace } from '../diagnostics/quantile';

export interface Band {
  readonly mean: number;
  readonly lower: number;
  readonly upper: number;
}

export interface SeriesBand {
  readonly mean: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

function checkProbability(probability: number): void {
  if (!(probability > 0 && probability < 1))
    throw new Error(`interval probability must be in (0, 1), got ${probability}`);
}

/** The band's two quantile levels, (1 − p)/2 and (1 + p)/2. */
function tails(probability: number): [number, number] {
  return [(1 - probability) / 2, (1 + probability) / 2];
}

export function bandOf(values: Float64Array, probability = 0.9): Band {
  checkProbability(probability);
  if (values.length === 0) throw new Error('no draws');
  let mean = 0;
  for (const v of values) mean += v / values.length;
  const [lower, upper] = quantilesInPlace(Float64Array.from(values), tails(probability));
  return { mean, lower, upper };
}

/** Band per column of a `rows` × `columns` row-major matrix (rows = draws). */
export function columnBands(
  matrix: Float64Array,
  rows: number,
  columns: number,
  probability = 0.9,
): SeriesBand {
  checkProbability(probability);
  if (rows === 0) throw new Error('no draws');
  const mean = new Float64Array(columns);
  const lower = new Float64Array(columns);
  const upper = new Float64Array(columns);
  const column = new Float64Array(rows);
  const probabilities = tails(probability);
  for (let j = 0; j < columns; j++) {
    let sum = 0;
    for (let i = 0; i < rows; i++) {
      column[i] = matrix[i * columns + j];
      sum += column[i];
    }
    mean[j] = sum / rows;
    [lower[j], upper[j]] = quantilesInPlace(column, probabilities);
  }
  return { mean, lower, upper };
}
