/**
 * Decomposition of the KPI per week into baseline (intercept), trend, seasonality, controls and
 * each channel, in KPI units, with the posterior mean and a central interval per week, plus
 * each component's total over the training weeks and its share of the total fitted KPI.
 *
 *   componentₜ⁽ᵈ⁾ from draw d (see mmm/components.ts);  meanₜ = (1/D) Σ_d componentₜ⁽ᵈ⁾.
 */
import type { MmmModel } from '../mmm/model';
import type { MmmParameters } from '../mmm/types';
import { type Band, bandOf, columnBands, type SeriesBand } from './bands';

export interface DecompositionComponent extends SeriesBand {
  readonly name: string;
  readonly kind: 'intercept' | 'trend' | 'seasonality' | 'controls' | 'channel';
  /** Σ over the training weeks, KPI units. */
  readonly total: Band;
  /** total / Σ fitted mean over the training weeks. */
  readonly share: Band;
}

export interface Decomposition {
  readonly dates: readonly string[];
  readonly actual: Float64Array;
  readonly fitted: SeriesBand;
  readonly components: readonly DecompositionComponent[];
}

export function decomposition(
  target: MmmModel,
  draws: readonly MmmParameters[],
  probability = 0.9,
): Decomposition {
  const { weeks, trainingWeeks } = target.design;
  const channels = target.design.channelNames;
  const names = ['baseline', 'trend', 'seasonality', 'controls', ...channels];
  const kinds: DecompositionComponent['kind'][] = [
    'intercept',
    'trend',
    'seasonality',
    'controls',
    ...channels.map(() => 'channel' as const),
  ];
  const count = draws.length;
  const matrices = names.map(() => new Float64Array(count * weeks));
  const fitted = new Float64Array(count * weeks);
  const totals = names.map(() => new Float64Array(count));
  const shares = names.map(() => new Float64Array(count));
  draws.forEach((parameters, d) => {
    const c = target.components(parameters);
    const series = [c.intercept, c.trend, c.seasonality, c.controls, ...c.channels];
    fitted.set(c.mean, d * weeks);
    let fittedTotal = 0;
    for (let t = 0; t < trainingWeeks; t++) fittedTotal += c.mean[t];
    series.forEach((s, k) => {
      matrices[k].set(s, d * weeks);
      let total = 0;
      for (let t = 0; t < trainingWeeks; t++) total += s[t];
      totals[k][d] = total;
      shares[k][d] = total / fittedTotal;
    });
  });
  return {
    dates: target.design.dates,
    actual: target.design.kpi,
    fitted: columnBands(fitted, count, weeks, probability),
    components: names.map((name, k) => ({
      name,
      kind: kinds[k],
      ...columnBands(matrices[k], count, weeks, probability),
      total: bandOf(totals[k], probability),
      share: bandOf(shares[k], probability),
    })),
  };
}
