/**
 * Fit metrics of predictions ŷ against actuals y over weeks [from, to):
 *
 *   R²    = 1 − Σ(y − ŷ)² / Σ(y − ȳ)²
 *   MAPE  = (1/n) Σ |y − ŷ| / |y|                (weeks with y = 0 are skipped)
 *   NRMSE = √((1/n) Σ(y − ŷ)²) / (max y − min y)  (Robyn's normalisation by the range)
 *
 * `modelFit` uses the posterior mean of the model mean as ŷ: in-sample metrics on the training
 * weeks and MAPE on the held-out last N weeks (null without a holdout).
 * Example: y = [1, 2, 3], ŷ = [1, 2, 4] → R² = 0.5, MAPE = 1/9, NRMSE = √(1/3)/2.
 */
import type { MmmModel } from '../mmm/model';
import type { MmmParameters } from '../mmm/types';

export interface FitMetrics {
  readonly rSquared: number;
  readonly mape: number;
  readonly nrmse: number;
  readonly weeks: number;
}

export function fitMetrics(
  actual: Float64Array,
  predicted: Float64Array,
  from = 0,
  to = actual.length,
): FitMetrics {
  const n = to - from;
  if (n <= 0) throw new Error(`fit metrics need at least one week, got [${from}, ${to})`);
  if (predicted.length < to || actual.length < to)
    throw new Error(`fit metrics: series shorter than week ${to}`);
  let mean = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let t = from; t < to; t++) {
    mean += actual[t] / n;
    min = Math.min(min, actual[t]);
    max = Math.max(max, actual[t]);
  }
  let residual = 0;
  let totalVariation = 0;
  let absolutePercentage = 0;
  let percentageWeeks = 0;
  for (let t = from; t < to; t++) {
    const e = actual[t] - predicted[t];
    residual += e * e;
    totalVariation += (actual[t] - mean) ** 2;
    if (actual[t] !== 0) {
      absolutePercentage += Math.abs(e / actual[t]);
      percentageWeeks++;
    }
  }
  return {
    rSquared: 1 - residual / totalVariation,
    mape: percentageWeeks > 0 ? absolutePercentage / percentageWeeks : Number.NaN,
    nrmse: Math.sqrt(residual / n) / (max - min),
    weeks: n,
  };
}

export interface ModelFit {
  readonly inSample: FitMetrics;
  /** MAPE over the held-out weeks, null without a holdout. */
  readonly holdoutMape: number | null;
  readonly predicted: Float64Array;
}

export function modelFit(target: MmmModel, draws: readonly MmmParameters[]): ModelFit {
  const { weeks, trainingWeeks, kpi } = target.design;
  if (draws.length === 0) throw new Error('no draws');
  const predicted = new Float64Array(weeks);
  for (const parameters of draws) {
    const { mean } = target.components(parameters);
    for (let t = 0; t < weeks; t++) predicted[t] += mean[t] / draws.length;
  }
  return {
    inSample: fitMetrics(kpi, predicted, 0, trainingWeeks),
    holdoutMape:
      trainingWeeks < weeks ? fitMetrics(kpi, predicted, trainingWeeks, weeks).mape : null,
    predicted,
  };
}
