import type { Learner, Matrix } from '../learners/types';
import type { LearnerName, LearnerOptions } from '../learners/learnerOptions';
import type { FoldScheme } from './folds';
import type { HacLagRule } from './hac';
import type { PlrScore } from './plr';
import type { SensitivityParameters, SensitivityResult } from './sensitivity';
import type { AdstockSetting, Treatment } from './treatments';

/** Options of `estimateDml`; every field has a default. */
export interface DmlOptions {
  /** Nuisance learner for ℓ, m (and g): a name for `createLearner` or a ready learner (default 'lasso'). */
  readonly learner?: LearnerName | Learner;
  readonly learnerOptions?: LearnerOptions;
  /** Override the learner for ℓ/g or for m only. */
  readonly outcomeLearner?: Learner;
  readonly treatmentLearner?: Learner;
  /** K (default 5). */
  readonly folds?: number;
  /** Repeated sample splits S (default 1). */
  readonly repetitions?: number;
  /** Default 'random'. */
  readonly foldScheme?: FoldScheme;
  /** Observations dropped around test observations (blocked / neighbours-left-out; default 0 / 1). */
  readonly gap?: number;
  /** Explicit test-fold labels (0…K−1) per observation, one array per repetition (overrides the scheme). */
  readonly foldAssignments?: readonly ArrayLike<number>[];
  /** Default 'partialling-out'. */
  readonly score?: PlrScore;
  /** The SE behind lo/hi/pValue (default 'hac'; both are always reported). */
  readonly standardError?: 'iid' | 'hac';
  /**
   * Fixed Newey–West lag or a rule (default 'simple' = ⌊4(n/100)^{2/9}⌋: the NW-1994 plug-in picked
   * erratic lags, up to n/4, on short weekly series, with no better coverage in bench/dml-coverage.ts).
   */
  readonly hacLag?: number | HacLagRule;
  /** Confidence level (default 0.95). */
  readonly level?: number;
  /** Seed of every random choice (default 0). */
  readonly seed?: number;
  /** Geometric adstock per treatment name, applied before estimation. */
  readonly adstock?: Readonly<Record<string, AdstockSetting>>;
  /** Also estimate all treatments jointly (default true when there are ≥ 2). */
  readonly joint?: boolean;
  /** Multiplier-bootstrap draws for simultaneous CIs (default 500; 0 turns it off; needs ≥ 2 treatments). */
  readonly bootstrapDraws?: number;
  /** Omitted-confounding sensitivity analysis (off when absent). */
  readonly sensitivity?: SensitivityParameters;
}

export interface DmlInput {
  readonly y: Float64Array;
  readonly treatments: readonly Treatment[];
  /** Controls X (trend, seasonality, other covariates), n rows, possibly 0 columns. */
  readonly controls: Matrix;
  readonly options?: DmlOptions;
}

export interface DmlProgress {
  readonly done: number;
  readonly total: number;
  readonly repetition: number;
  readonly treatment: string;
  readonly stage: 'outcome' | 'treatment' | 'g' | 'joint';
  readonly fold: number;
}

export interface DmlHooks {
  readonly onProgress?: (progress: DmlProgress) => void;
  /** Polled before every nuisance fit; when true the estimate stops with `DmlCancelledError`. */
  readonly isCancelled?: () => boolean;
}

export interface DmlEstimate {
  readonly treatment: string;
  readonly theta: number;
  readonly se: number;
  readonly seHac: number;
  /** CI at `level` under the chosen SE. */
  readonly lo: number;
  readonly hi: number;
  readonly pValue: number;
  readonly standardError: 'iid' | 'hac';
  /** Newey–West lag (median over repetitions). */
  readonly hacLag: number;
  /** Simultaneous CI over all treatments: θ ∓ c·SE (chosen SE), c the multiplier-bootstrap max-|t| quantile. */
  readonly simultaneousLo: number | null;
  readonly simultaneousHi: number | null;
  /** Per repetition. */
  readonly allThetas: number[];
  readonly allSe: number[];
  readonly allSeHac: number[];
}

export interface DmlJointEstimate {
  readonly treatment: string;
  readonly theta: number;
  readonly se: number;
  readonly seHac: number;
  readonly lo: number;
  readonly hi: number;
  readonly pValue: number;
  /** Single and joint estimates disagree (see treatments.ts). */
  readonly disagrees: boolean;
}

export interface DmlNuisance {
  readonly treatment: string;
  /** [repetition][fold] out-of-fold RMSE of ℓ̂ (Ê[Y|X]) and m̂ (Ê[D|X]). */
  readonly outcomeRmse: number[][];
  readonly treatmentRmse: number[][];
}

export interface DmlResult {
  readonly estimates: DmlEstimate[];
  readonly joint: { readonly estimates: DmlJointEstimate[]; readonly hacLag: number } | null;
  readonly bootstrap: { readonly draws: number; readonly criticalValue: number } | null;
  readonly nuisance: DmlNuisance[];
  readonly sensitivity: (SensitivityResult & { readonly treatment: string })[] | null;
  readonly settings: {
    readonly learner: string;
    readonly folds: number;
    readonly repetitions: number;
    readonly foldScheme: FoldScheme | 'given';
    readonly gap: number;
    readonly score: PlrScore;
    readonly level: number;
    readonly seed: number;
    readonly observations: number;
  };
  readonly timing: { readonly totalSeconds: number };
}

export class DmlCancelledError extends Error {
  constructor() {
    super('double ML estimation cancelled');
    this.name = 'DmlCancelledError';
  }
}
