import {
  dualAveragingInit,
  dualAveragingUpdate,
  type DualAveragingOptions,
  type DualAveragingState,
} from './dualAveraging';
import {
  regularisedDenseInverseMassMatrix,
  regularisedInverseMassMatrix,
  welfordCovarianceInit,
  welfordCovarianceUpdate,
  welfordInit,
  welfordUpdate,
  type WelfordCovarianceState,
  type WelfordState,
} from './massMatrix';

/** A half-open range of warmup iterations [start, end). */
export interface WarmupWindow {
  readonly start: number;
  readonly end: number;
}

export interface WarmupSchedule {
  readonly initialBuffer: number;
  readonly terminalBuffer: number;
  /** Slow windows in which the inverse mass matrix is estimated; empty when warmup is too short. */
  readonly slowWindows: readonly WarmupWindow[];
}

/**
 * Stan's windowed adaptation schedule (Stan Reference Manual, "HMC algorithm parameters").
 *
 * Warmup = an initial fast buffer (75 iterations: step size only), slow windows of 25, 50, 100, …
 * iterations (each ends by re-estimating M⁻¹), and a terminal fast buffer (50 iterations: Stan's
 * `term_buffer` default; 25 is its base window). A window
 * that would leave less than twice its doubled size before the terminal buffer absorbs the rest.
 * If 75 + 25 + 50 > warmup, the buffers become 15 % and 10 % of warmup and one slow window takes the
 * remainder; below 20 iterations there are no slow windows (M⁻¹ stays at its initial value).
 *
 * Example: warmup 1000 → slow windows [75,100) [100,150) [150,250) [250,450) [450,950).
 */
export function warmupSchedule(
  numWarmup: number,
  options: { initialBuffer?: number; terminalBuffer?: number; baseWindow?: number } = {},
): WarmupSchedule {
  let initialBuffer = options.initialBuffer ?? 75;
  let terminalBuffer = options.terminalBuffer ?? 50;
  let baseWindow = options.baseWindow ?? 25;
  if (numWarmup < 20) return { initialBuffer: numWarmup, terminalBuffer: 0, slowWindows: [] };
  if (initialBuffer + baseWindow + terminalBuffer > numWarmup) {
    initialBuffer = Math.floor(0.15 * numWarmup);
    terminalBuffer = Math.floor(0.1 * numWarmup);
    baseWindow = numWarmup - (initialBuffer + terminalBuffer);
  }
  const lastEnd = numWarmup - terminalBuffer;
  const slowWindows: WarmupWindow[] = [];
  let start = initialBuffer;
  let size = baseWindow;
  while (start < lastEnd) {
    let end = start + size;
    if (end + 2 * size > lastEnd) end = lastEnd;
    slowWindows.push({ start, end });
    start = end;
    size *= 2;
  }
  return { initialBuffer, terminalBuffer, slowWindows };
}

export interface WarmupAdapter {
  readonly schedule: WarmupSchedule;
  /** Step size to use for warmup iteration `iteration`. */
  stepSize(): number;
  inverseMassMatrix(): Float64Array;
  /**
   * Records warmup iteration `iteration` (0-based) after its transition. Returns true when a slow
   * window just ended: M⁻¹ changed and the caller should re-run the step-size heuristic and call
   * `restartStepSize`.
   */
  update(iteration: number, position: Float64Array, acceptanceStatistic: number): boolean;
  /** Restarts dual averaging from ε₀ (μ = log 10ε₀), as Stan does after each slow window. */
  restartStepSize(initialStepSize: number): void;
  /** The adapted step size exp(x̄) to sample with after warmup. */
  finalStepSize(): number;
}

/**
 * Stan-style warmup: dual averaging throughout, M⁻¹ (diagonal, or dense with `dense: true`)
 * re-estimated at each slow window's end. M⁻¹ starts at `initialInverseMassMatrix` (default the
 * identity, as in Stan) until the first window ends; an initial metric of the other shape is
 * converted (a diagonal becomes a diagonal matrix; a dense matrix gives its diagonal).
 */
export function createWarmupAdapter(options: {
  readonly numWarmup: number;
  readonly dimension: number;
  readonly initialStepSize: number;
  readonly dualAveraging?: DualAveragingOptions;
  readonly initialInverseMassMatrix?: Float64Array;
  /** Estimate a dense M⁻¹ (length d²) instead of its diagonal (length d). */
  readonly dense?: boolean;
}): WarmupAdapter {
  const dense = options.dense === true && options.dimension > 1;
  const schedule = warmupSchedule(options.numWarmup);
  let dualAveraging: DualAveragingState = dualAveragingInit(options.initialStepSize);
  let currentStepSize = options.initialStepSize;
  let inverseMassMatrix: Float64Array = initialMetric(
    options.dimension,
    options.initialInverseMassMatrix,
    dense,
  );
  let welford: WelfordState = welfordInit(options.dimension);
  let welfordDense: WelfordCovarianceState = welfordCovarianceInit(dense ? options.dimension : 0);
  let windowIndex = 0;
  return {
    schedule,
    stepSize: () => currentStepSize,
    inverseMassMatrix: () => inverseMassMatrix,
    update(iteration, position, acceptanceStatistic) {
      dualAveraging = dualAveragingUpdate(
        dualAveraging,
        acceptanceStatistic,
        options.dualAveraging,
      );
      currentStepSize = Math.exp(dualAveraging.logStepSize);
      const window = schedule.slowWindows[windowIndex];
      if (!window || iteration < window.start) return false;
      if (dense) welfordCovarianceUpdate(welfordDense, position);
      else welfordUpdate(welford, position);
      if (iteration !== window.end - 1) return false;
      if (dense) {
        inverseMassMatrix = regularisedDenseInverseMassMatrix(welfordDense);
        welfordDense = welfordCovarianceInit(options.dimension);
      } else {
        inverseMassMatrix = regularisedInverseMassMatrix(welford);
        welford = welfordInit(options.dimension);
      }
      windowIndex += 1;
      return true;
    },
    restartStepSize(initialStepSize) {
      dualAveraging = dualAveragingInit(initialStepSize);
      currentStepSize = initialStepSize;
    },
    finalStepSize: () =>
      dualAveraging.iteration > 0 ? Math.exp(dualAveraging.logStepSizeAverage) : currentStepSize,
  };
}

function initialMetric(
  dimension: number,
  initial: Float64Array | undefined,
  dense: boolean,
): Float64Array {
  const d = dimension;
  if (!initial) {
    if (!dense) return new Float64Array(d).fill(1);
    const identity = new Float64Array(d * d);
    for (let i = 0; i < d; i++) identity[i * d + i] = 1;
    return identity;
  }
  const givenDense = d > 1 && initial.length === d * d;
  if (!givenDense && initial.length !== d) {
    throw new Error(
      `createWarmupAdapter: initialInverseMassMatrix has ${initial.length} entries, expected ${d} or ${d * d}`,
    );
  }
  for (let i = 0; i < d; i++) {
    const m = givenDense ? initial[i * d + i] : initial[i];
    if (!(Number.isFinite(m) && m > 0)) {
      throw new Error(
        `createWarmupAdapter: initialInverseMassMatrix[${i}] must be finite and > 0, got ${m}`,
      );
    }
  }
  if (givenDense === dense) return Float64Array.from(initial);
  if (dense) {
    const matrix = new Float64Array(d * d);
    for (let i = 0; i < d; i++) matrix[i * d + i] = initial[i];
    return matrix;
  }
  return Float64Array.from({ length: d }, (_, i) => initial[i * d + i]);
}
