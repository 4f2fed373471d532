import type { ChannelTruth } from './truth';
import { channelResponse, fourierOrder, fourierTerms } from './weeklyKpi';

/**
 * The oracle fit: ordinary least squares of the weekly KPI on the truth model's regressors with the
 * media transforms fixed at their TRUE α, K, S —
 *
 *   y = X b + ε,  X = [1, t/T, sin(2πkt/P), cos(2πkt/P) (k = 1, 2), controls, h_c(a_c,t) per channel],
 *   b̂ = argmin ‖y − X b‖² (Householder QR),  Cov(b̂) = s² (XᵀX)⁻¹ = s² R⁻¹R⁻ᵀ,  s² = ‖y − X b̂‖²/(T − p),
 *   ROÎ_c = β̂_c Σₜ h_c / Σₜ x_c,  SE(ROÎ_c) = SE(β̂_c) Σₜ h_c / Σₜ x_c.
 *
 * No model with unknown transforms can beat this on average, so its standard errors say how
 * precisely a data set pins each ROI down — the yardstick for the engine's recovery tests.
 * On noise-free data it returns the truth exactly (the data follow the model form exactly).
 */
export interface OracleFit {
  readonly intercept: number;
  readonly trend: number;
  readonly seasonality: { readonly sin: number[]; readonly cos: number[] };
  readonly controls: number[];
  readonly beta: number[];
  readonly roi: number[];
  readonly roiStandardError: number[];
  /** Residual standard deviation s. */
  readonly sigma: number;
}

export function oracleLeastSquares(input: {
  readonly kpi: ArrayLike<number>;
  readonly spend: readonly Float64Array[];
  readonly controls: readonly ArrayLike<number>[];
  readonly channels: readonly Pick<
    ChannelTruth,
    'name' | 'adstockDecay' | 'halfSaturation' | 'shape'
  >[];
}): OracleFit {
  const { kpi, spend, controls, channels } = input;
  const weeks = kpi.length;
  const saturated = channels.map(
    (channel, index) => channelResponse(spend[index], channel).saturated,
  );
  const columns: Float64Array[] = [
    new Float64Array(weeks).fill(1),
    Float64Array.from({ length: weeks }, (_, week) => week / weeks),
  ];
  for (let k = 0; k < fourierOrder; k++) {
    columns.push(
      Float64Array.from({ length: weeks }, (_, week) => fourierTerms(week, fourierOrder).sin[k]),
    );
    columns.push(
      Float64Array.from({ length: weeks }, (_, week) => fourierTerms(week, fourierOrder).cos[k]),
    );
  }
  for (const control of controls) columns.push(Float64Array.from(control));
  columns.push(...saturated);
  const parameters = columns.length;
  if (weeks <= parameters)
    throw new Error(`oracle fit needs more than ${parameters} weeks, got ${weeks}`);

  const { coefficients, inverseR, residualSumOfSquares } = householderLeastSquares(
    columns,
    Float64Array.from(kpi),
  );
  const variance = residualSumOfSquares / (weeks - parameters);
  const firstMedia = parameters - channels.length;
  const beta = channels.map((_, index) => coefficients[firstMedia + index]);
  const ratio = channels.map((_, index) => sum(saturated[index]) / sum(spend[index]));
  const roi = beta.map((value, index) => value * ratio[index]);
  const roiStandardError = channels.map((_, index) => {
    const row = firstMedia + index;
    let diagonal = 0;
    for (let column = row; column < parameters; column++)
      diagonal += inverseR[row * parameters + column] ** 2;
    return Math.sqrt(variance * diagonal) * ratio[index];
  });
  return {
    intercept: coefficients[0],
    trend: coefficients[1],
    seasonality: {
      sin: Array.from({ length: fourierOrder }, (_, k) => coefficients[2 + 2 * k]),
      cos: Array.from({ length: fourierOrder }, (_, k) => coefficients[3 + 2 * k]),
    },
    controls: controls.map((_, index) => coefficients[2 + 2 * fourierOrder + index]),
    beta,
    roi,
    roiStandardError,
    sigma: Math.sqrt(variance),
  };
}

/**
 * Least squares by Householder QR (Golub & Van Loan, Matrix Computations, §5.3): returns b̂, R⁻¹
 * (row-major p × p, upper triangular) and the residual sum of squares. Throws on a rank-deficient X.
 */
function householderLeastSquares(
  columns: readonly Float64Array[],
  response: Float64Array,
): { coefficients: Float64Array; inverseR: Float64Array; residualSumOfSquares: number } {
  const rows = response.length;
  const parameters = columns.length;
  const matrix = columns.map((column) => Float64Array.from(column));
  const target = Float64Array.from(response);
  for (let pivot = 0; pivot < parameters; pivot++) {
    const column = matrix[pivot];
    let norm = 0;
    for (let row = pivot; row < rows; row++) norm += column[row] ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0) throw new Error(`oracle fit: regressor ${pivot} is identically zero`);
    const alpha = column[pivot] > 0 ? -norm : norm;
    const reflector = new Float64Array(rows);
    for (let row = pivot; row < rows; row++) reflector[row] = column[row];
    reflector[pivot] -= alpha;
    let reflectorNorm = 0;
    for (let row = pivot; row < rows; row++) reflectorNorm += reflector[row] ** 2;
    const apply = (vector: Float64Array): void => {
      let dot = 0;
      for (let row = pivot; row < rows; row++) dot += reflector[row] * vector[row];
      const factor = (2 * dot) / reflectorNorm;
      for (let row = pivot; row < rows; row++) vector[row] -= factor * reflector[row];
    };
    if (reflectorNorm > 0) {
      for (let other = pivot; other < parameters; other++) apply(matrix[other]);
      apply(target);
    }
  }
  const upper = new Float64Array(parameters * parameters);
  for (let row = 0; row < parameters; row++)
    for (let column = row; column < parameters; column++)
      upper[row * parameters + column] = matrix[column][row];
  const scale = Math.max(
    ...Array.from({ length: parameters }, (_, index) =>
      Math.abs(upper[index * parameters + index]),
    ),
  );
  for (let index = 0; index < parameters; index++) {
    if (Math.abs(upper[index * parameters + index]) < 1e-12 * scale)
      throw new Error(`oracle fit: regressor ${index} is collinear with the others`);
  }
  const coefficients = new Float64Array(parameters);
  for (let row = parameters - 1; row >= 0; row--) {
    let value = target[row];
    for (let column = row + 1; column < parameters; column++)
      value -= upper[row * parameters + column] * coefficients[column];
    coefficients[row] = value / upper[row * parameters + row];
  }
  // R⁻¹ column by column: R · e = unit vector, back substitution.
  const inverseR = new Float64Array(parameters * parameters);
  for (let unit = 0; unit < parameters; unit++) {
    for (let row = unit; row >= 0; row--) {
      let value = row === unit ? 1 : 0;
      for (let column = row + 1; column <= unit; column++)
        value -= upper[row * parameters + column] * inverseR[column * parameters + unit];
      inverseR[row * parameters + unit] = value / upper[row * parameters + row];
    }
  }
  let residualSumOfSquares = 0;
  for (let row = parameters; row < rows; row++) residualSumOfSquares += target[row] ** 2;
  return { coefficients, inverseR, residualSumOfSquares };
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let index = 0; index < values.length; index++) total += values[index];
  return total;
}
