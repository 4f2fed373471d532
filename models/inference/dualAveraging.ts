/**
 * Nesterov dual averaging of log step size towards a target acceptance statistic
 * (Hoffman & Gelman 2014, Algorithm 5 / eq. 6; Stan's `stepsize_adaptation`).
 *
 * After iteration t ≥ 1 with acceptance statistic αₜ:
 *
 *   η      = 1 / (t + t₀)
 *   H̄ₜ     = (1 − η) H̄ₜ₋₁ + η (δ − αₜ)
 *   log εₜ = μ − (√t / γ) H̄ₜ
 *   x̄ₜ     = t^{−κ} log εₜ + (1 − t^{−κ}) x̄ₜ₋₁
 *
 * with μ = log(10 ε₀). Warmup uses εₜ; after warmup the final step size is exp(x̄).
 * Parameters: δ ∈ (0, 1) target acceptance (default 0.8), γ > 0 shrinkage (0.05), t₀ ≥ 0
 * early-iteration damping (10), κ ∈ (0.5, 1] averaging decay (0.75).
 *
 * Example: starting from ε₀ = 1 with αₜ = δ every iteration, H̄ stays 0 and εₜ = 10 (= e^μ).
 */
export interface DualAveragingState {
  readonly iteration: number;
  /** H̄ₜ: running mean of δ − α. */
  readonly averageGradient: number;
  /** log εₜ */
  readonly logStepSize: number;
  /** x̄ₜ: the averaged log step size. */
  readonly logStepSizeAverage: number;
  /** μ = log(10 ε₀) */
  readonly shrinkTarget: number;
}

export interface DualAveragingOptions {
  readonly targetAcceptance?: number;
  readonly gamma?: number;
  readonly t0?: number;
  readonly kappa?: number;
}

export function dualAveragingInit(initialStepSize: number): DualAveragingState {
  return {
    iteration: 0,
    averageGradient: 0,
    logStepSize: Math.log(initialStepSize),
    logStepSizeAverage: 0,
    shrinkTarget: Math.log(10 * initialStepSize),
  };
}

export function dualAveragingUpdate(
  state: DualAveragingState,
  acceptanceStatistic: number,
  options: DualAveragingOptions = {},
): DualAveragingState {
  const delta = options.targetAcceptance ?? 0.8;
  const gamma = options.gamma ?? 0.05;
  const t0 = options.t0 ?? 10;
  const kappa = options.kappa ?? 0.75;
  const alpha = Number.isFinite(acceptanceStatistic)
    ? Math.min(1, Math.max(0, acceptanceStatistic))
    : 0;
  const t = state.iteration + 1;
  const eta = 1 / (t + t0);
  const averageGradient = (1 - eta) * state.averageGradient + eta * (delta - alpha);
  const logStepSize = state.shrinkTarget - (Math.sqrt(t) / gamma) * averageGradient;
  const weight = Math.pow(t, -kappa);
  const logStepSizeAverage = weight * logStepSize + (1 - weight) * state.logStepSizeAverage;
  return {
    iteration: t,
    averageGradient,
    logStepSize,
    logStepSizeAverage,
    shrinkTarget: state.shrinkTarget,
  };
}
