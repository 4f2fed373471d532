import { createRng } from '../random/rng';
import { AbortError } from './cancellation';
import { energyBfmi } from './energyBfmi';
import { createNutsKernel, type HmcState } from './nuts';
import { findReasonableStepSize } from './stepSizeHeuristic';
import type { LogDensity, Target } from './types';
import { createWarmupAdapter } from './warmup';

export type ChainPhase = 'warmup' | 'sampling';

export type MetricShape = 'diagonal' | 'dense';

/** Progress of one chain, reported at most every `progressIntervalMs` and once at the end. */
export interface ChainProgress {
  readonly chainId: number;
  readonly phase: ChainPhase;
  /** Iterations completed, counting warmup then sampling (1…total). */
  readonly iteration: number;
  readonly total: number;
  readonly iterationsPerSecond: number;
  /** Estimated seconds left at the current rate. */
  readonly etaSeconds: number;
}

export interface ChainStats {
  /** The adapted step size used for sampling. */
  readonly stepSize: number;
  /** The adapted M⁻¹: its diagonal (length d) or the dense row-major d×d matrix (length d²). */
  readonly inverseMassMatrix: Float64Array;
  /** Divergent transitions after warmup. */
  readonly divergences: number;
  /** 0-based sampling iterations (before thinning) that diverged. */
  readonly divergentIterations: readonly number[];
  readonly warmupDivergences: number;
  /** Sampling transitions that stopped at maxTreeDepth. */
  readonly treeDepthSaturations: number;
  readonly meanTreeDepth: number;
  /** Energy Bayesian fraction of missing information over the sampling energies. */
  readonly eBfmi: number;
  /** Mean acceptance statistic over sampling. */
  readonly acceptanceRate: number;
  /** Every log-density-and-gradient evaluation, warmup and step-size searches included. */
  readonly gradientEvaluations: number;
  readonly warmupSeconds: number;
  readonly samplingSeconds: number;
}

export interface ChainResult {
  readonly chainId: number;
  /** Kept draws × dimension, row-major, unconstrained coordinates. */
  readonly draws: Float64Array;
  /** log π at each kept draw. */
  readonly logDensity: Float64Array;
  /** H at each kept draw (Stan's energy__). */
  readonly energy: Float64Array;
  readonly numDraws: number;
  readonly dimension: number;
  readonly stats: ChainStats;
}

export interface SampleChainOptions {
  readonly target: Target;
  /** Start here; otherwise `target.initialPosition(rng)` (retried until the density is finite). */
  readonly initialPosition?: Float64Array;
  readonly warmup: number;
  /** Sampling iterations (before thinning). */
  readonly draws: number;
  readonly seed: number;
  readonly chainId: number;
  /** Keep every `thin`-th sampling iteration (default 1). */
  readonly thin?: number;
  readonly maxTreeDepth?: number;
  /** Dual-averaging target acceptance δ (default 0.8). */
  readonly targetAcceptance?: number;
  /** Shape of the adapted M⁻¹: 'dense' (default; see metric.ts for why) or 'diagonal' (Stan's default). */
  readonly metric?: MetricShape;
  readonly onProgress?: (progress: ChainProgress) => void;
  /** Polled every iteration and every 256 gradient evaluations; true aborts with an AbortError. */
  readonly isCancelled?: () => boolean;
  readonly progressIntervalMs?: number;
}

const CANCEL_POLL_EVALUATIONS = 256;

/**
 * Runs one NUTS chain: Stan-style windowed warmup (dual-averaged step size, diagonal M⁻¹ from
 * slow windows, step size re-initialised after each window; M⁻¹ starts from
 * `target.initialInverseMassMatrix` when the target offers one, else the identity) then `draws`
 * sampling iterations at the adapted ε = exp(x̄) and M⁻¹.
 *
 * Deterministic: the chain's generator is `createRng(seed).fork(chainId)`, so the same options give
 * bit-identical draws in Node, in worker_threads and in Web Workers.
 */
export function sampleChain(options: SampleChainOptions): ChainResult {
  const { target, warmup, draws, chainId } = options;
  validate(options);
  const thin = options.thin ?? 1;
  const isCancelled = options.isCancelled ?? ((): boolean => false);
  const rng = createRng(options.seed).fork(chainId);
  const d = target.dimension;

  let gradientEvaluations = 0;
  const counted: LogDensity = {
    dimension: d,
    logDensityAndGradient(position, gradient) {
      gradientEvaluations += 1;
      if (gradientEvaluations % CANCEL_POLL_EVALUATIONS === 0 && isCancelled())
        throw new AbortError();
      return target.logDensityAndGradient(position, gradient);
    },
  };
  const kernel = createNutsKernel({ target: counted, maxTreeDepth: options.maxTreeDepth });
  let state = initialState(options, kernel.init, rng);

  const total = warmup + draws;
  const progressInterval = options.progressIntervalMs ?? 100;
  const startedAt = Date.now();
  let lastReport = Number.NEGATIVE_INFINITY;
  const report = (phase: ChainPhase, iteration: number, force: boolean): void => {
    if (!options.onProgress) return;
    const now = Date.now();
    if (!force && now - lastReport < progressInterval) return;
    lastReport = now;
    const elapsed = Math.max(1e-3, (now - startedAt) / 1000);
    const iterationsPerSecond = iteration / elapsed;
    const etaSeconds =
      iterationsPerSecond > 0
        ? (total - iteration) / iterationsPerSecond
        : Number.POSITIVE_INFINITY;
    options.onProgress({ chainId, phase, iteration, total, iterationsPerSecond, etaSeconds });
  };

  const adapter = createWarmupAdapter({
    numWarmup: warmup,
    dimension: d,
    initialStepSize: 1,
    initialInverseMassMatrix:
      warmup > 0 ? target.initialInverseMassMatrix?.(state.position) : undefined,
    dualAveraging: { targetAcceptance: options.targetAcceptance ?? 0.8 },
    dense: (options.metric ?? 'dense') === 'dense',
  });
  const reinitialiseStepSize = (initialStepSize: number): void => {
    adapter.restartStepSize(
      findReasonableStepSize({
        target: counted,
        rng,
        position: state.position,
        gradient: state.gradient,
        logDensity: state.logDensity,
        inverseMassMatrix: adapter.inverseMassMatrix(),
        initialStepSize,
      }),
    );
  };

  let warmupDivergences = 0;
  if (warmup > 0) reinitialiseStepSize(1);
  for (let iteration = 0; iteration < warmup; iteration++) {
    if (isCancelled()) throw new AbortError();
    const parameters = {
      stepSize: adapter.stepSize(),
      inverseMassMatrix: adapter.inverseMassMatrix(),
    };
    const { state: next, info } = kernel.step(rng, state, parameters);
    state = next;
    if (info.isDivergent) warmupDivergences += 1;
    if (adapter.update(iteration, state.position, info.acceptanceRate))
      reinitialiseStepSize(adapter.stepSize());
    report('warmup', iteration + 1, false);
  }
  const warmupEnded = Date.now();
  const stepSize = warmup > 0 ? adapter.finalStepSize() : 1;
  const inverseMassMatrix = Float64Array.from(adapter.inverseMassMatrix());
  const parameters = { stepSize, inverseMassMatrix };

  const kept = Math.ceil(draws / thin);
  const drawBuffer = new Float64Array(kept * d);
  const logDensity = new Float64Array(kept);
  const energy = new Float64Array(kept);
  const samplingEnergies = new Float64Array(draws);
  const divergentIterations: number[] = [];
  let treeDepthSaturations = 0;
  let treeDepthSum = 0;
  let acceptanceSum = 0;
  for (let iteration = 0; iteration < draws; iteration++) {
    if (isCancelled()) throw new AbortError();
    const { state: next, info } = kernel.step(rng, state, parameters);
    state = next;
    if (info.isDivergent) divergentIterations.push(iteration);
    if (info.reachedMaxTreeDepth) treeDepthSaturations += 1;
    treeDepthSum += info.treeDepth;
    acceptanceSum += info.acceptanceRate;
    samplingEnergies[iteration] = info.energy;
    if (iteration % thin === 0) {
      const row = iteration / thin;
      drawBuffer.set(state.position, row * d);
      logDensity[row] = state.logDensity;
      energy[row] = info.energy;
    }
    report('sampling', warmup + iteration + 1, iteration === draws - 1);
  }
  const samplingEnded = Date.now();

  return {
    chainId,
    draws: drawBuffer,
    logDensity,
    energy,
    numDraws: kept,
    dimension: d,
    stats: {
      stepSize,
      inverseMassMatrix,
      divergences: divergentIterations.length,
      divergentIterations,
      warmupDivergences,
      treeDepthSaturations,
      meanTreeDepth: draws > 0 ? treeDepthSum / draws : 0,
      eBfmi: energyBfmi(samplingEnergies),
      acceptanceRate: draws > 0 ? acceptanceSum / draws : 0,
      gradientEvaluations,
      warmupSeconds: (warmupEnded - startedAt) / 1000,
      samplingSeconds: (samplingEnded - warmupEnded) / 1000,
    },
  };
}

function validate(options: SampleChainOptions): void {
  const checks: Array<[string, number, number]> = [
    ['warmup', options.warmup, 0],
    ['draws', options.draws, 1],
    ['thin', options.thin ?? 1, 1],
    ['chainId', options.chainId, 0],
  ];
  for (const [name, value, minimum] of checks) {
    if (!Number.isInteger(value) || value < minimum) {
      throw new Error(`sampleChain: ${name} must be an integer ≥ ${minimum}, got ${value}`);
    }
  }
  if (!Number.isInteger(options.seed))
    throw new Error(`sampleChain: seed must be an integer, got ${options.seed}`);
}

function initialState(
  options: SampleChainOptions,
  init: (position: Float64Array) => HmcState,
  rng: ReturnType<typeof createRng>,
): HmcState {
  const isUsable = (state: HmcState): boolean =>
    Number.isFinite(state.logDensity) && state.gradient.every((g) => Number.isFinite(g));
  if (options.initialPosition) {
    const state = init(options.initialPosition);
    if (!isUsable(state)) {
      throw new Error(
        `sampleChain: chain ${options.chainId} starts where the log density or its gradient is not finite`,
      );
    }
    return state;
  }
  for (let attempt = 0; attempt < 100; attempt++) {
    const state = init(options.target.initialPosition(rng));
    if (isUsable(state)) return state;
  }
  throw new Error(
    `sampleChain: chain ${options.chainId} found no start with a finite log density in 100 tries`,
  );
}
