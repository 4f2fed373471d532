import type { Rng } from '../random/rng';

/**
 * Multiplier bootstrap of the max-|t| statistic for simultaneous confidence intervals over k
 * parameters (Chernozhukov, Chetverikov & Kato 2013; DoubleML `bootstrap(method='normal')`):
 *
 *   t*_{b,j} = Σᵢ ξ_{b,i} ψ̃ᵢⱼ / (n ŝeⱼ),   ψ̃ᵢⱼ = ψᵢⱼ / Ĵⱼ (scaled score),   ξ_{b,i} ~ N(0, 1),
 *   c = quantile_level( max_j |t*_{b,j}| ),   joint CI_j = θ̂ⱼ ± c·ŝeⱼ.
 *
 * Quantile as numpy's default (linear interpolation at position (B−1)·level).
 *
 * Example: one parameter and many draws gives c ≈ Φ⁻¹((1+level)/2) = 1.96 at level 0.95.
 */
export interface JointBootstrapInput {
  readonly scaledScores: readonly Float64Array[];
  readonly standardErrors: readonly number[];
  readonly draws: number;
  readonly level: number;
  readonly rng: Rng;
}

export function quantile(values: Float64Array, probability: number): number {
  const sorted = Float64Array.from(values).sort();
  const position = (sorted.length - 1) * probability;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

export function jointCriticalValue(input: JointBootstrapInput): {
  criticalValue: number;
  maxAbsT: Float64Array;
} {
  const { scaledScores, standardErrors, draws, level, rng } = input;
  const k = scaledScores.length;
  if (k === 0 || draws < 1) throw new Error('bootstrap: need at least one parameter and one draw');
  const n = scaledScores[0].length;
  const weights = new Float64Array(n);
  const maxAbsT = new Float64Array(draws);
  for (let b = 0; b < draws; b++) {
    for (let i = 0; i < n; i++) weights[i] = rng.normal();
    let maximum = 0;
    for (let j = 0; j < k; j++) {
      const psi = scaledScores[j];
      let sum = 0;
      for (let i = 0; i < n; i++) sum += weights[i] * psi[i];
      const t = Math.abs(sum / (n * standardErrors[j]));
      if (t > maximum) maximum = t;
    }
    maxAbsT[b] = maximum;
  }
  return { criticalValue: quantile(maxAbsT, level), maxAbsT };
}
