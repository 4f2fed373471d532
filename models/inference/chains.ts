import { qualityGate, type GateThresholds, type GateVerdict } from '../diagnostics/gate';
import { summariseDraws, type ParameterSummary } from '../diagnostics/summary';
import { AbortError } from './cancellation';
import { sampleChain, type ChainProgress, type ChainResult, type MetricShape } from './sampleChain';
import { createTarget, type TargetDescription } from './targets';

/** What to fit: structured-cloneable, so it can be posted to workers unchanged. */
export interface FitRequest {
  readonly target: TargetDescription;
  readonly chains: number;
  readonly warmup: number;
  readonly draws: number;
  readonly seed: number;
  readonly thin?: number;
  readonly maxTreeDepth?: number;
  readonly targetAcceptance?: number;
  /** Shape of the adapted metric (default 'dense'). */
  readonly metric?: MetricShape;
  /** Overrides of the quality-gate thresholds. */
  readonly gate?: Partial<GateThresholds>;
}

/** One chain's job, as sent to a worker. */
export interface ChainRequest {
  readonly target: TargetDescription;
  readonly chainId: number;
  readonly warmup: number;
  readonly draws: number;
  readonly seed: number;
  readonly thin?: number;
  readonly maxTreeDepth?: number;
  readonly targetAcceptance?: number;
  readonly metric?: MetricShape;
}

export interface FitResult {
  readonly parameterNames: readonly string[];
  /** In chain-id order. */
  readonly chains: readonly ChainResult[];
  readonly summary: readonly ParameterSummary[];
  /** The verdict travels with the result: consumers show it, never recompute it silently. */
  readonly gate: GateVerdict;
  readonly wallSeconds: number;
}

/** Structural subset of the DOM's AbortSignal, so models/ needs no DOM types. */
export interface CancelSignal {
  readonly aborted: boolean;
  addEventListener?(type: 'abort', listener: () => void): void;
  removeEventListener?(type: 'abort', listener: () => void): void;
}

export interface RunOptions {
  readonly onProgress?: (progress: ChainProgress) => void;
  readonly signal?: CancelSignal;
}

/**
 * Runs the chains of a fit somewhere (this thread, worker_threads, Web Workers). Every
 * implementation gives identical draws for the same request, and rejects with an AbortError when
 * the signal aborts, returning nothing partial.
 */
export interface ChainRunner {
  run(request: FitRequest, options?: RunOptions): Promise<FitResult>;
}

export function chainRequests(request: FitRequest): ChainRequest[] {
  validateFitRequest(request);
  return Array.from({ length: request.chains }, (_, chainId) => ({
    target: request.target,
    chainId,
    warmup: request.warmup,
    draws: request.draws,
    seed: request.seed,
    thin: request.thin,
    maxTreeDepth: request.maxTreeDepth,
    targetAcceptance: request.targetAcceptance ?? defaultTargetAcceptance(request.target),
    metric: request.metric,
  }));
}

/**
 * Dual-averaging target δ when the request names none: 0.9 for the MMMs (national and geo), Stan's
 * 0.8 otherwise. Why:
 * with weakly identified channels a ROI near zero leaves that channel's saturation parameters
 * unconstrained, a mild funnel; at δ = 0.8 the 260 × 10 benchmark showed a handful of divergent
 * transitions in 4000 draws, at 0.9 none, for ~10% more gradients (PyMC-Marketing's examples
 * likewise sample its MMM with target_accept ≥ 0.9).
 */
export function defaultTargetAcceptance(target: TargetDescription): number {
  return target.kind === 'mmm' || target.kind === 'geo-mmm' ? 0.9 : 0.8;
}

export function validateFitRequest(request: FitRequest): void {
  const integers: Array<[keyof FitRequest, number]> = [
    ['chains', 1],
    ['warmup', 0],
    ['draws', 1],
    ['thin', 1],
  ];
  for (const [name, minimum] of integers) {
    const value = request[name] ?? minimum;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum) {
      throw new Error(`fit request: ${name} must be an integer ≥ ${minimum}, got ${String(value)}`);
    }
  }
  if (!Number.isInteger(request.seed))
    throw new Error(`fit request: seed must be an integer, got ${String(request.seed)}`);
  if (request.metric !== undefined && request.metric !== 'dense' && request.metric !== 'diagonal') {
    throw new Error(
      `fit request: metric must be 'dense' or 'diagonal', got ${String(request.metric)}`,
    );
  }
}

/** Runs one chain job (what a worker does on receiving a ChainRequest). */
export function runChainRequest(
  request: ChainRequest,
  hooks: { onProgress?: (progress: ChainProgress) => void; isCancelled?: () => boolean } = {},
): ChainResult {
  return sampleChain({
    target: createTarget(request.target),
    warmup: request.warmup,
    draws: request.draws,
    seed: request.seed,
    chainId: request.chainId,
    thin: request.thin,
    maxTreeDepth: request.maxTreeDepth,
    targetAcceptance: request.targetAcceptance,
    metric: request.metric,
    onProgress: hooks.onProgress,
    isCancelled: hooks.isCancelled,
  });
}

/** Summaries and the quality gate over finished chains (sorted by chain id). */
export function assembleFitResult(
  request: FitRequest,
  chains: readonly ChainResult[],
  wallSeconds: number,
): FitResult {
  const ordered = [...chains].sort((a, b) => a.chainId - b.chainId);
  const parameterNames = createTarget(request.target).parameterNames;
  const summary = summariseDraws(
    ordered.map((c) => c.draws),
    parameterNames,
  );
  const gate = qualityGate(
    {
      summaries: summary,
      chains: ordered.map((c) => ({
        chainId: c.chainId,
        divergences: c.stats.divergences,
        eBfmi: c.stats.eBfmi,
      })),
    },
    request.gate,
  );
  return { parameterNames, chains: ordered, summary, gate, wallSeconds };
}

/**
 * Runs the chains one after another on this thread: for tests and as the CLI's fallback. The signal
 * is polled between iterations, so it only takes effect if something can abort it while a chain runs
 * (e.g. the progress callback); between chains it yields to the event loop.
 */
/** Every chain's draws (unconstrained positions, row-major) one after another, chain by chain. */
export function pooledDraws(fit: FitResult): Float64Array {
  const total = fit.chains.reduce((n, chain) => n + chain.draws.length, 0);
  const pooled = new Float64Array(total);
  let offset = 0;
  for (const chain of fit.chains) {
    pooled.set(chain.draws, offset);
    offset += chain.draws.length;
  }
  return pooled;
}

export const inProcessRunner: ChainRunner = {
  async run(request, options = {}) {
    const started = Date.now();
    const isCancelled = (): boolean => options.signal?.aborted === true;
    const results: ChainResult[] = [];
    for (const chainRequest of chainRequests(request)) {
      await Promise.resolve();
      if (isCancelled()) throw new AbortError();
      results.push(runChainRequest(chainRequest, { onProgress: options.onProgress, isCancelled }));
    }
    return assembleFitResult(request, results, (Date.now() - started) / 1000);
  },
};
