import { aggregateRepetitions, median } from './aggregateRepetitions';
import { normalQuantile } from './normalDistribution';
import { mean, type PlrScore } from './plr';

/**
 * Sensitivity of a PLR estimate to omitted confounding (Chernozhukov, Cinelli, Newey, Sharma &
 * Syrgkanis 2022, "Long story short: omitted variable bias in causal machine learning"), following
 * DoubleML (`DoubleMLPLR._sensitivity_element_est`, `DoubleMLFramework._calc_sensitivity_analysis`,
 * `_calc_robustness_value`).
 *
 * Elements per split: with residual ε = Y − ℓ̂ − θ̂(D − m̂) (partialling-out) or Y − ĝ − θ̂D (IV-type),
 *   σ² = E[ε²],  ν² = E[α²] = 1/E[(D − m̂)²]  (Riesz representer α = (D − m)/E[(D − m)²]),
 *   ψ_σ = ε² − σ²,  ψ_ν = ν² − (D − m̂)² ν⁴.
 * Bias bound for cf_y = R²(Y~A | D,X), cf_d = gain in the Riesz variance, ρ ∈ [−1, 1]:
 *   |bias| ≤ S·C,  S = √(σ²ν²),  C = |ρ| √(cf_y · cf_d/(1 − cf_d)),   θ± = θ̂ ± S·C.
 * Confidence bounds use the influence functions ψ± = ψ/Ĵ ± C/(2S)·(σ² ψ_ν + ν² ψ_σ):
 *   σ± = √(mean(ψ±²)/n),  CI = [θ− − q σ−, θ+ + q σ+],  q = Φ⁻¹(level) (one-sided, as DoubleML).
 * Over S splits: θ± aggregated as aggregateRepetitions, CI bounds are medians of per-split bounds.
 * Robustness value RV: the c ∈ [0, 0.9999] with cf_y = cf_d = c that moves the bound nearest to the
 * null hypothesis H₀ onto H₀ (RVa: the same for the CI bound). For one split and ρ = 1 it has the
 * closed form c = (−a + √(a² + 4a))/2 with a = ((θ̂ − H₀)/S)². Returns 0 when the bound is already
 * past H₀ at c = 0 and 0.9999 when even c = 0.9999 does not reach it (the ends of DoubleML's search).
 *
 * Example: θ̂ = 1, σ² = 1, ν² = 1, cf_y = cf_d = 0.5, ρ = 1 → C = √0.5, θ± = 1 ± 0.7071.
 */
export interface SensitivityParameters {
  readonly cfY: number;
  readonly cfD: number;
  readonly rho: number;
  /** Confidence level of the bounds (default 0.95). */
  readonly level?: number;
  /** H₀ for the robustness values (default 0). */
  readonly nullHypothesis?: number;
}

/** What one split contributes. */
export interface SensitivitySplit {
  readonly theta: number;
  /** ψ/Ĵ at θ̂. */
  readonly scaledScores: Float64Array;
  readonly sigma2: number;
  readonly nu2: number;
  readonly psiSigma2: Float64Array;
  readonly psiNu2: Float64Array;
}

export interface SensitivityResult {
  readonly parameters: Required<SensitivityParameters>;
  readonly thetaLower: number;
  readonly thetaUpper: number;
  readonly ciLower: number;
  readonly ciUpper: number;
  readonly robustnessValue: number;
  readonly robustnessValueAdjusted: number;
}

export function sensitivityElements(input: {
  score: PlrScore;
  theta: number;
  jacobian: number;
  scores: Float64Array;
  outcome: Float64Array;
  treatment: Float64Array;
  outcomePrediction: Float64Array;
  treatmentPrediction: Float64Array;
  gPrediction: Float64Array | null;
}): SensitivitySplit {
  const {
    outcome,
    treatment,
    outcomePrediction: l,
    treatmentPrediction: m,
    gPrediction: g,
    theta,
  } = input;
  const n = outcome.length;
  const squaredResidual = new Float64Array(n);
  const squaredTreatmentResidual = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = treatment[i] - m[i];
    let residual: number;
    if (input.score === 'iv-type') {
      if (!g) throw new Error('sensitivity: the IV-type score needs ĝ');
      residual = outcome[i] - g[i] - theta * treatment[i];
    } else {
      residual = outcome[i] - l[i] - theta * v;
    }
    squaredResidual[i] = residual * residual;
    squaredTreatmentResidual[i] = v * v;
  }
  const sigma2 = mean(squaredResidual);
  const nu2 = 1 / mean(squaredTreatmentResidual);
  const psiSigma2 = squaredResidual.map((e) => e - sigma2);
  const psiNu2 = squaredTreatmentResidual.map((v2) => nu2 - v2 * nu2 * nu2);
  const scaledScores = input.scores.map((psi) => psi / input.jacobian);
  return { theta, scaledScores, sigma2, nu2, psiSigma2, psiNu2 };
}

function checkUnitInterval(value: number, name: string, includeOne: boolean): void {
  if (!(value >= 0 && (includeOne ? value <= 1 : value < 1))) {
    throw new Error(`sensitivity: ${name} must be in [0, 1${includeOne ? ']' : ')'}, got ${value}`);
  }
}

interface SplitBounds {
  thetaLower: number;
  thetaUpper: number;
  sigmaLower: number;
  sigmaUpper: number;
}

function splitBounds(split: SensitivitySplit, cfY: number, cfD: number, rho: number): SplitBounds {
  const strength = Math.abs(rho) * Math.sqrt((cfY * cfD) / (1 - cfD));
  const scaling = Math.sqrt(split.sigma2 * split.nu2);
  const n = split.scaledScores.length;
  let lowerSquares = 0;
  let upperSquares = 0;
  const factor = scaling > 0 ? strength / (2 * scaling) : 0;
  for (let i = 0; i < n; i++) {
    const bias = factor * (split.sigma2 * split.psiNu2[i] + split.nu2 * split.psiSigma2[i]);
    const lower = split.scaledScores[i] - bias;
    const upper = split.scaledScores[i] + bias;
    lowerSquares += lower * lower;
    upperSquares += upper * upper;
  }
  return {
    thetaLower: split.theta - scaling * strength,
    thetaUpper: split.theta + scaling * strength,
    sigmaLower: Math.sqrt(lowerSquares / n / n),
    sigmaUpper: Math.sqrt(upperSquares / n / n),
  };
}

/** θ and CI bounds aggregated over splits, for one (cf_y, cf_d, ρ). */
export function sensitivityBounds(
  splits: readonly SensitivitySplit[],
  cfY: number,
  cfD: number,
  rho: number,
  level: number,
): { thetaLower: number; thetaUpper: number; ciLower: number; ciUpper: number } {
  for (const s of splits) {
    if (!(s.sigma2 >= 0 && s.nu2 >= 0))
      throw new Error('sensitivity: σ² and ν² must be non-negative (poor nuisance fits?)');
  }
  const q = normalQuantile(level);
  const all = splits.map((s) => splitBounds(s, cfY, cfD, rho));
  const lower = aggregateRepetitions(
    all.map((b) => b.thetaLower),
    all.map((b) => b.sigmaLower),
  );
  const upper = aggregateRepetitions(
    all.map((b) => b.thetaUpper),
    all.map((b) => b.sigmaUpper),
  );
  return {
    thetaLower: lower.theta,
    thetaUpper: upper.theta,
    ciLower: median(all.map((b) => b.thetaLower - q * b.sigmaLower)),
    ciUpper: median(all.map((b) => b.thetaUpper + q * b.sigmaUpper)),
  };
}

const RV_MAX = 0.9999;

/** Root of bound(c) = H₀ on [0, 0.9999] by bisection (bound moves monotonically towards H₀ in c). */
function robustnessValue(
  splits: readonly SensitivitySplit[],
  theta: number,
  rho: number,
  level: number,
  nullHypothesis: number,
  which: 'theta' | 'ci',
): number {
  const side = nullHypothesis > theta ? 'upper' : 'lower';
  const distance = (c: number): number => {
    const b = sensitivityBounds(splits, c, c, rho, level);
    const value =
      which === 'theta'
        ? side === 'upper'
          ? b.thetaUpper
          : b.thetaLower
        : side === 'upper'
          ? b.ciUpper
          : b.ciLower;
    // Positive while the bound has not reached H₀.
    return side === 'upper' ? nullHypothesis - value : value - nullHypothesis;
  };
  if (distance(0) <= 0) return 0;
  if (distance(RV_MAX) > 0) return RV_MAX;
  let low = 0;
  let high = RV_MAX;
  for (let iteration = 0; iteration < 80 && high - low > 1e-13; iteration++) {
    const middle = 0.5 * (low + high);
    if (distance(middle) > 0) low = middle;
    else high = middle;
  }
  return 0.5 * (low + high);
}

export function analyseSensitivity(
  splits: readonly SensitivitySplit[],
  theta: number,
  parameters: SensitivityParameters,
): SensitivityResult {
  const level = parameters.level ?? 0.95;
  const nullHypothesis = parameters.nullHypothesis ?? 0;
  const { cfY, cfD, rho } = parameters;
  checkUnitInterval(cfY, 'cf_y', false);
  checkUnitInterval(cfD, 'cf_d', false);
  checkUnitInterval(Math.abs(rho), '|ρ|', true);
  if (!(level > 0 && level < 1))
    throw new Error(`sensitivity: level must be in (0, 1), got ${level}`);
  const bounds = sensitivityBounds(splits, cfY, cfD, rho, level);
  return {
    parameters: { cfY, cfD, rho, level, nullHypothesis },
    ...bounds,
    robustnessValue: robustnessValue(splits, theta, rho, level, nullHypothesis, 'theta'),
    robustnessValueAdjusted: robustnessValue(splits, theta, rho, level, nullHypothesis, 'ci'),
  };
}
