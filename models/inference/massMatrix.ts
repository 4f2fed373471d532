/**
 * Welford's online mean and variance, and Stan's regularised diagonal inverse mass matrix.
 *
 * Welford (1962): for each new x, n ← n + 1, δ = x − m, m ← m + δ/n, S ← S + δ (x − m);
 * the sample variance is S / (n − 1).
 *
 * Stan regularises the estimate towards a small multiple of the identity so short windows stay
 * well conditioned (Stan `diag_e_adaptation`):
 *
 *   M⁻¹ᵢ = (n / (n + 5)) · varᵢ + 10⁻³ · (5 / (n + 5))
 *
 * Example: n = 5 draws with variance 2 give M⁻¹ = ½·2 + 10⁻³·½ = 1.0005.
 */
export interface WelfordState {
  count: number;
  readonly mean: Float64Array;
  readonly sumSquares: Float64Array;
}

export function welfordInit(dimension: number): WelfordState {
  return { count: 0, mean: new Float64Array(dimension), sumSquares: new Float64Array(dimension) };
}

/** Adds one draw in place. */
export function welfordUpdate(state: WelfordState, x: Float64Array): void {
  state.count += 1;
  const n = state.count;
  for (let i = 0; i < x.length; i++) {
    const delta = x[i] - state.mean[i];
    state.mean[i] += delta / n;
    state.sumSquares[i] += delta * (x[i] - state.mean[i]);
  }
}

/** Sample variance S / (n − 1) per coordinate; requires n ≥ 2. */
export function welfordVariance(state: WelfordState): Float64Array {
  if (state.count < 2) throw new Error(`welfordVariance: needs at least 2 draws, got ${state.count}`);
  const out = new Float64Array(state.mean.length);
  for (let i = 0; i < out.length; i++) out[i] = state.sumSquares[i] / (state.count - 1);
  return out;
}

/** Stan's regularised diagonal inverse mass matrix from a window's Welford state. */
export function regularisedInverseMassMatrix(state: WelfordState): Float64Array {
  const n = state.count;
  const variance = welfordVariance(state);
  for (let i = 0; i < variance.length; i++) {
    variance[i] = (n / (n + 5)) * variance[i] + 1e-3 * (5 / (n + 5));
  }
  return variance;
}
