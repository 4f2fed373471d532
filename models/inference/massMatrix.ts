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
  if (state.count < 2)
    throw new Error(`welfordVariance: needs at least 2 draws, got ${state.count}`);
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

/**
 * Welford's online mean and covariance for the dense metric: δ = x − m, m ← m + δ/n,
 * C ← C + δ (x − m)ᵀ (row-major d×d); the sample covariance is C / (n − 1).
 */
export interface WelfordCovarianceState {
  count: number;
  readonly mean: Float64Array;
  readonly sumProducts: Float64Array;
  readonly delta: Float64Array;
}

export function welfordCovarianceInit(dimension: number): WelfordCovarianceState {
  return {
    count: 0,
    mean: new Float64Array(dimension),
    sumProducts: new Float64Array(dimension * dimension),
    delta: new Float64Array(dimension),
  };
}

export function welfordCovarianceUpdate(state: WelfordCovarianceState, x: Float64Array): void {
  state.count += 1;
  const n = state.count;
  const d = x.length;
  const { mean, delta, sumProducts } = state;
  for (let i = 0; i < d; i++) {
    delta[i] = x[i] - mean[i];
    mean[i] += delta[i] / n;
  }
  for (let i = 0; i < d; i++) {
    const after = x[i] - mean[i];
    const offset = i * d;
    for (let j = 0; j < d; j++) sumProducts[offset + j] += after * delta[j];
  }
}

/**
 * Regularised dense inverse mass matrix from a window's draws (n draws, d coordinates, sample
 * covariance S):
 *
 *   S_λ = λ S + (1 − λ) diag(S),   λ = n / (n + d)
 *   M⁻¹ = (n / (n + 5)) · S_λ + 10⁻³ · (5 / (n + 5)) · I
 *
 * The second line is Stan's dense_e regularisation. The first shrinks the off-diagonal terms
 * towards zero when the window is short relative to d (a 25-draw window cannot estimate 34
 * dimensions' correlations, and Stan's plain estimate is then nearly singular); with n ≫ d it is S.
 * Requires n ≥ 2. Symmetric positive definite by construction.
 *
 * Example: n = 5, d = 1, S = 2: S_λ = 2, M⁻¹ = ½·2 + 10⁻³·½ = 1.0005 (as the diagonal rule).
 */
export function regularisedDenseInverseMassMatrix(state: WelfordCovarianceState): Float64Array {
  const n = state.count;
  if (n < 2) throw new Error(`regularisedDenseInverseMassMatrix: needs at least 2 draws, got ${n}`);
  const d = state.mean.length;
  const shrink = n / (n + d);
  const weight = n / (n + 5);
  const ridge = 1e-3 * (5 / (n + 5));
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      const covariance =
        (0.5 * (state.sumProducts[i * d + j] + state.sumProducts[j * d + i])) / (n - 1);
      out[i * d + j] =
        weight * (i === j ? covariance : shrink * covariance) + (i === j ? ridge : 0);
    }
  }
  return out;
}
