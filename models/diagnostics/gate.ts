import type { ParameterSummary } from './summary';

export interface GateThresholds {
  /** Largest acceptable rank-normalised split R̂ (Vehtari et al. 2021 recommend 1.01). */
  readonly maxRhat: number;
  /** Smallest acceptable bulk ESS (100 per chain for 4 chains). */
  readonly minBulkEss: number;
  readonly minTailEss: number;
  /** Post-warmup divergences allowed, summed over chains. */
  readonly maxDivergences: number;
  /** Smallest acceptable E-BFMI of any chain (Betancourt 2016: 0.3). */
  readonly minEBfmi: number;
}

export const DEFAULT_GATE: GateThresholds = {
  maxRhat: 1.01,
  minBulkEss: 400,
  minTailEss: 400,
  maxDivergences: 0,
  minEBfmi: 0.3,
};

export interface GateVerdict {
  readonly passed: boolean;
  /** One sentence per failed check, naming the parameter or chain and the value. */
  readonly reasons: readonly string[];
  readonly thresholds: GateThresholds;
}

export interface GateInput {
  readonly summaries: readonly ParameterSummary[];
  readonly chains: readonly {
    readonly chainId: number;
    readonly divergences: number;
    readonly eBfmi: number;
  }[];
}

/**
 * The quality gate a fit must pass before its results are trusted: every parameter has
 * R̂ ≤ maxRhat and bulk/tail ESS ≥ their minimum, the chains together have at most maxDivergences
 * post-warmup divergences, and every chain's E-BFMI ≥ minEBfmi. NaN diagnostics fail (a constant
 * or non-finite parameter cannot be shown to have converged).
 * Example: R̂ 1.02 on 'beta[1]' → { passed: false, reasons: ['beta[1]: R-hat 1.020 > 1.01'] }.
 */
export function qualityGate(
  input: GateInput,
  overrides: Partial<GateThresholds> = {},
): GateVerdict {
  const thresholds: GateThresholds = { ...DEFAULT_GATE, ...overrides };
  const reasons: string[] = [];
  for (const s of input.summaries) {
    if (!(s.rhat <= thresholds.maxRhat))
      reasons.push(`${s.name}: R-hat ${format(s.rhat, 3)} > ${thresholds.maxRhat}`);
    if (!(s.essBulk >= thresholds.minBulkEss))
      reasons.push(`${s.name}: bulk ESS ${format(s.essBulk, 0)} < ${thresholds.minBulkEss}`);
    if (!(s.essTail >= thresholds.minTailEss))
      reasons.push(`${s.name}: tail ESS ${format(s.essTail, 0)} < ${thresholds.minTailEss}`);
  }
  const divergences = input.chains.reduce((sum, c) => sum + c.divergences, 0);
  if (divergences > thresholds.maxDivergences) {
    reasons.push(
      `${divergences} divergent transitions after warmup (allowed ${thresholds.maxDivergences})`,
    );
  }
  for (const c of input.chains) {
    if (!(c.eBfmi >= thresholds.minEBfmi))
      reasons.push(`chain ${c.chainId}: E-BFMI ${format(c.eBfmi, 2)} < ${thresholds.minEBfmi}`);
  }
  return { passed: reasons.length === 0, reasons, thresholds };
}

function format(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : String(value);
}
