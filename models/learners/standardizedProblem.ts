import { centreCrossProducts, type CrossProducts } from './crossProducts';

/**
 * A centred (and optionally standardised) least-squares problem built from cross products:
 *
 *   scale_j = √(Σ (x_ij − x̄_j)² / n)  (population sd, as sklearn's StandardScaler; 1 when zero
 *   or when standardisation is off),
 *   gram_jk = Σ (x_ij − x̄_j)(x_ik − x̄_k) / (scale_j scale_k),   cross_j = Σ (x_ij − x̄_j)(y_i − ȳ) / scale_j.
 *
 * Coefficients v found on this scale map back as w_j = v_j / scale_j, intercept b = ȳ − x̄ᵀw.
 */
export interface StandardizedProblem {
  readonly count: number;
  readonly meanX: Float64Array;
  readonly meanY: number;
  readonly scale: Float64Array;
  readonly gram: Float64Array;
  readonly cross: Float64Array;
  /** Σ (y_i − ȳ)². */
  readonly sumSquaresY: number;
}

export function standardizedProblem(
  stats: CrossProducts,
  standardize: boolean,
): StandardizedProblem {
  const p = stats.features;
  const centred = centreCrossProducts(stats);
  const scale = new Float64Array(p).fill(1);
  if (standardize) {
    for (let j = 0; j < p; j++) {
      const variance = centred.centredGram[j * p + j] / stats.count;
      // Zero-variance columns keep scale 1 as in sklearn; tiny negative values are rounding.
      scale[j] = variance > 1e-300 ? Math.sqrt(variance) : 1;
    }
  }
  const gram = new Float64Array(p * p);
  const cross = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    cross[j] = centred.centredCross[j] / scale[j];
    for (let k = 0; k < p; k++)
      gram[j * p + k] = centred.centredGram[j * p + k] / (scale[j] * scale[k]);
  }
  return {
    count: stats.count,
    meanX: centred.meanX,
    meanY: centred.meanY,
    scale,
    gram,
    cross,
    sumSquaresY: Math.max(centred.centredSumYY, 0),
  };
}

/** Maps standardised coefficients back: w_j = v_j / scale_j and b = ȳ − x̄ᵀw (in the problem's coordinates). */
export function unstandardize(
  problem: StandardizedProblem,
  standardizedCoefficients: Float64Array,
): { intercept: number; coefficients: Float64Array } {
  const p = standardizedCoefficients.length;
  const coefficients = new Float64Array(p);
  let intercept = problem.meanY;
  for (let j = 0; j < p; j++) {
    coefficients[j] = standardizedCoefficients[j] / problem.scale[j];
    intercept -= problem.meanX[j] * coefficients[j];
  }
  return { intercept, coefficients };
}
