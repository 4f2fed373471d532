/**
 * What the optimiser maximises over the posterior: a functional ρ of the per-draw incremental KPI
 * Kd = Σ_c incremental_d,c (D draws), with its gradient in the channel totals S_c:
 *
 *   mean:       ρ = K̄ = (1/D) Σ_d Kd,                     ∂ρ/∂S_c = (1/D) Σ_d slope_d,c
 *   mean-sd:    ρ = K̄ − λ sd(K), sd² = Σ_d (Kd − K̄)²/(D − 1),
 *               ∂ρ/∂S_c = (1/D) Σ_d slope_d,c − λ Σ_d (Kd − K̄) slope_d,c / ((D − 1) sd)
 *   quantile q: ρ = Σᵢ Wᵢ K₍ᵢ₎, the Harrell–Davis estimate of the q-quantile (Harrell & Davis
 *               1982): K₍ᵢ₎ the sorted draws, Wᵢ = I_{i/D}(a, b) − I_{(i−1)/D}(a, b), a = (D + 1) q,
 *               b = (D + 1)(1 − q), I the regularised incomplete beta function;
 *               ∂ρ/∂S_c = Σᵢ Wᵢ slope₍ᵢ₎,c. Unlike one order statistic (whose gradient jumps each
 *               time two draws swap), its weights are spread over neighbouring ranks, so the
 *               optimiser sees an almost smooth function with the same target.
 *
 * `curvature` is the diagonal of ∂²/∂S² of the same weighted mean of draws (exact for the mean and the
 * quantile; for mean − λ·sd the mean's, which is what the Newton scaling needs, not the objective).
 */
import { regularisedIncompleteBeta } from '../diagnostics/incompleteBeta';
import type { AllocationWorkspace } from './evaluateAllocation';
import type { Risk } from './scenarioSchema';

export interface RiskScratch {
  readonly totals: Float64Array;
  /** Harrell–Davis weights of the last quantile asked for. */
  quantileWeights: { readonly quantile: number; readonly weights: Float64Array } | null;
  readonly order: Uint32Array;
  readonly gradient: Float64Array;
  readonly curvature: Float64Array;
}

export function createRiskScratch(draws: number, channels: number): RiskScratch {
  return {
    totals: new Float64Array(draws),
    order: new Uint32Array(draws),
    quantileWeights: null,
    gradient: new Float64Array(channels),
    curvature: new Float64Array(channels),
  };
}

/** Wᵢ of the Harrell–Davis q-quantile of `count` draws. */
export function harrellDavisWeights(quantile: number, count: number): Float64Array {
  const a = (count + 1) * quantile;
  const b = (count + 1) * (1 - quantile);
  const weights = new Float64Array(count);
  let previous = 0;
  for (let i = 1; i <= count; i++) {
    const next = i === count ? 1 : regularisedIncompleteBeta(i / count, a, b);
    weights[i - 1] = next - previous;
    previous = next;
  }
  return weights;
}

/** Adds weight × row d of `source` (C values) into `out`. */
function addRow(out: Float64Array, source: Float64Array, d: number, weight: number): void {
  const C = out.length;
  for (let c = 0; c < C; c++) out[c] += weight * source[d * C + c];
}

/** ρ of the workspace's draws; fills scratch.gradient and scratch.curvature. */
export function riskMeasure(risk: Risk, work: AllocationWorkspace, scratch: RiskScratch): number {
  const { totals, gradient, curvature, order } = scratch;
  const D = totals.length;
  const C = gradient.length;
  let mean = 0;
  for (let d = 0; d < D; d++) {
    let sum = 0;
    for (let c = 0; c < C; c++) sum += work.incremental[d * C + c];
    totals[d] = sum;
    mean += sum / D;
  }
  gradient.fill(0);
  curvature.fill(0);
  if (risk.kind === 'quantile') {
    for (let d = 0; d < D; d++) order[d] = d;
    order.sort((a, b) => totals[a] - totals[b]);
    if (scratch.quantileWeights?.quantile !== risk.quantile)
      scratch.quantileWeights = {
        quantile: risk.quantile,
        weights: harrellDavisWeights(risk.quantile, D),
      };
    const weights = scratch.quantileWeights.weights;
    let value = 0;
    for (let i = 0; i < D; i++) {
      // Weights far from q are below 1e-16 of the total: skip their rows.
      if (weights[i] < 1e-16) continue;
      const d = order[i];
      value += weights[i] * totals[d];
      addRow(gradient, work.slope, d, weights[i]);
      addRow(curvature, work.curvature, d, weights[i]);
    }
    return value;
  }
  for (let d = 0; d < D; d++) {
    addRow(gradient, work.slope, d, 1 / D);
    addRow(curvature, work.curvature, d, 1 / D);
  }
  if (risk.kind === 'mean' || risk.lambda === 0 || D < 2) return mean;
  let variance = 0;
  for (let d = 0; d < D; d++) variance += (totals[d] - mean) ** 2 / (D - 1);
  const sd = Math.sqrt(variance);
  if (sd > 0)
    for (let d = 0; d < D; d++)
      addRow(gradient, work.slope, d, (-risk.lambda * (totals[d] - mean)) / ((D - 1) * sd));
  return mean - risk.lambda * sd;
}
