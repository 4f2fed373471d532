/**
 * Newey–West heteroskedasticity- and autocorrelation-consistent (HAC) long-run variance of a score.
 *
 *   Ω̂ = γ̂₀ + 2 Σ_{l=1}^{L} (1 − l/(L+1)) γ̂ₗ,   γ̂ₗ = (1/n) Σ_{t=l+1}^{n} ψₜ ψₜ₋ₗ   (Bartlett kernel),
 *
 * over scores ψ in time order. The DML scores are not re-centred: at θ̂ they average to zero by
 * construction (DML2 solves mean ψ = 0). Then Var(θ̂) ≈ Ĵ⁻² Ω̂ / n (L = 0 gives the i.i.d. variance).
 *
 * Lag selection:
 * - `simple`: L = ⌊4 (n/100)^{2/9}⌋ (Newey & West 1994's rule-of-thumb starting lag for Bartlett).
 * - `nw1994`: the Newey & West (1994) plug-in: with m = ⌊4 (n/100)^{2/9}⌋,
 *   s⁽⁰⁾ = γ̂₀ + 2 Σ_{j=1}^{m} γ̂ⱼ,  s⁽¹⁾ = 2 Σ_{j=1}^{m} j γ̂ⱼ,  γ = 1.1447 ((s⁽¹⁾/s⁽⁰⁾)²)^{1/3},
 *   L = min(⌊γ n^{1/3}⌋, n − 1).
 * References: Newey & West (1987) Econometrica 55, 703–708; Newey & West (1994) RES 61, 631–653.
 *
 * Example: ψ = [1, −1, 1, −1] with L = 1: γ̂₀ = 1, γ̂₁ = −3/4, Ω̂ = 1 + 2·½·(−3/4) = 0.25.
 */
export type HacLagRule = 'nw1994' | 'simple';

/** γ̂ₗ = (1/n) Σ_{t=l}^{n−1} ψₜ ψₜ₋ₗ (four interleaved partial sums: one long chain is latency-bound). */
export function autocovariance(scores: Float64Array, lag: number): number {
  const n = scores.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = lag;
  for (; t + 3 < n; t += 4) {
    s0 += scores[t] * scores[t - lag];
    s1 += scores[t + 1] * scores[t + 1 - lag];
    s2 += scores[t + 2] * scores[t + 2 - lag];
    s3 += scores[t + 3] * scores[t + 3 - lag];
  }
  for (; t < n; t++) s0 += scores[t] * scores[t - lag];
  return (s0 + s1 + (s2 + s3)) / n;
}

/** Ω̂ with the Bartlett kernel and bandwidth (lag) L ≥ 0. */
export function neweyWestLongRunVariance(scores: Float64Array, lag: number): number {
  if (!Number.isInteger(lag) || lag < 0)
    throw new Error(`HAC: lag must be a non-negative integer, got ${lag}`);
  const maxLag = Math.min(lag, scores.length - 1);
  let omega = autocovariance(scores, 0);
  for (let l = 1; l <= maxLag; l++) omega += 2 * (1 - l / (lag + 1)) * autocovariance(scores, l);
  return omega;
}

/** Lag by the chosen rule (see the module comment). */
export function neweyWestLag(scores: Float64Array, rule: HacLagRule = 'nw1994'): number {
  const n = scores.length;
  if (n < 2) return 0;
  const start = Math.min(Math.floor(4 * Math.pow(n / 100, 2 / 9)), n - 1);
  if (rule === 'simple') return start;
  let s0 = autocovariance(scores, 0);
  let s1 = 0;
  for (let j = 1; j <= start; j++) {
    const g = autocovariance(scores, j);
    s0 += 2 * g;
    s1 += 2 * j * g;
  }
  if (!(s0 > 0)) return start;
  const gamma = 1.1447 * Math.pow((s1 / s0) * (s1 / s0), 1 / 3);
  return Math.min(Math.floor(gamma * Math.pow(n, 1 / 3)), n - 1);
}

/** Variance matrix version for k scores: Ω̂ (k×k, row-major) with the Bartlett kernel. */
export function neweyWestLongRunCovariance(
  scores: readonly Float64Array[],
  lag: number,
): Float64Array {
  const k = scores.length;
  const n = k > 0 ? scores[0].length : 0;
  const omega = new Float64Array(k * k);
  const maxLag = Math.min(lag, n - 1);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let value = 0;
      for (let t = 0; t < n; t++) value += scores[a][t] * scores[b][t];
      for (let l = 1; l <= maxLag; l++) {
        const weight = 1 - l / (lag + 1);
        let cross = 0;
        // Γₗ + Γₗᵀ: ψ_a,t ψ_b,t−l + ψ_b,t ψ_a,t−l.
        for (let t = l; t < n; t++)
          cross += scores[a][t] * scores[b][t - l] + scores[b][t] * scores[a][t - l];
        value += weight * cross;
      }
      omega[a * k + b] = value / n;
    }
  }
  return omega;
}
