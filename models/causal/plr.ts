import type { Learner, Matrix } from '../learners/types';
import type { Rng } from '../random/rng';
import { prepareCrossFit } from './crossFit';
import type { Fold } from './folds';
import { neweyWestLag, neweyWestLongRunVariance, type HacLagRule } from './hac';

/**
 * Partially linear regression (PLR) by double/debiased machine learning, DML2, one sample split.
 *
 *   Y = θ·D + g(X) + ζ,  E[ζ | D, X] = 0;     D = m(X) + V,  E[V | X] = 0.
 *
 * Scores are linear in θ: ψ = ψ_a·θ + ψ_b, with cross-fitted nuisances (ℓ = E[Y|X], m = E[D|X]):
 * - partialling-out: ψ_a = −(D − m̂)²,  ψ_b = (D − m̂)(Y − ℓ̂)   ⇔ ψ = (Y − ℓ̂ − θ(D − m̂))(D − m̂);
 * - IV-type:         ψ_a = −(D − m̂)·D, ψ_b = (D − m̂)(Y − ĝ)   ⇔ ψ = (Y − θD − ĝ)(D − m̂), where ĝ is
 *   cross-fitted on Y − θ₀D with θ₀ the partialling-out estimate (as DoubleML's `ml_g`).
 * DML2 pools all folds: θ̂ = −mean(ψ_b)/mean(ψ_a). With Ĵ = mean(ψ_a):
 *   σ̂²_iid = Ĵ⁻² mean(ψ²)/n,   σ̂²_HAC = Ĵ⁻² Ω̂_NW(ψ; L)/n  (Bartlett kernel, see hac.ts).
 * Reference: Chernozhukov, Chetverikov, Demirer, Duflo, Hansen, Newey, Robins (2018), "Double/debiased
 * machine learning for treatment and structural parameters", Econometrics Journal 21, C1–C68, §4.1;
 * DoubleML `DoubleMLPLR` (doubleml/plm/plr.py, `_nuisance_est`, `_score_elements`).
 *
 * Example: with m̂ = ℓ̂ = 0, D = [1, 2], Y = [2, 4] the partialling-out estimate is θ̂ = 10/5 = 2.
 */
export type PlrScore = 'partialling-out' | 'iv-type';

export interface PlrFitInput {
  readonly outcome: Float64Array;
  readonly treatment: Float64Array;
  readonly features: Matrix;
  readonly folds: readonly Fold[];
  readonly outcomeLearner: Learner;
  readonly treatmentLearner: Learner;
  readonly score: PlrScore;
  readonly rng: Rng;
  /** Fixed HAC lag, or the rule that picks it from the scores (default 'nw1994'). */
  readonly hacLag?: number | HacLagRule;
  /** Called before each nuisance fit (stage ∈ 'outcome' | 'treatment' | 'g'). */
  readonly beforeFit?: (stage: 'outcome' | 'treatment' | 'g', foldIndex: number) => void;
}

export interface PlrFit {
  readonly theta: number;
  readonly se: number;
  readonly seHac: number;
  readonly hacLag: number;
  /** Ĵ = mean(ψ_a). */
  readonly jacobian: number;
  readonly scores: Float64Array;
  readonly scoreA: Float64Array;
  readonly scoreB: Float64Array;
  /** Cross-fitted ℓ̂(X) = Ê[Y|X], m̂(X) = Ê[D|X] and, for IV-type, ĝ(X). */
  readonly outcomePrediction: Float64Array;
  readonly treatmentPrediction: Float64Array;
  readonly gPrediction: Float64Array | null;
  readonly outcomeFoldRmse: Float64Array;
  readonly treatmentFoldRmse: Float64Array;
}

export function mean(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/** ψ_a, ψ_b of the chosen score (see the module comment). */
export function plrScoreElements(
  score: PlrScore,
  outcome: Float64Array,
  treatment: Float64Array,
  outcomePrediction: Float64Array,
  treatmentPrediction: Float64Array,
  gPrediction: Float64Array | null,
): { scoreA: Float64Array; scoreB: Float64Array } {
  const n = outcome.length;
  const scoreA = new Float64Array(n);
  const scoreB = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = treatment[i] - treatmentPrediction[i];
    if (score === 'iv-type') {
      if (!gPrediction) throw new Error('PLR: the IV-type score needs ĝ');
      scoreA[i] = -v * treatment[i];
      scoreB[i] = v * (outcome[i] - gPrediction[i]);
    } else {
      scoreA[i] = -v * v;
      scoreB[i] = v * (outcome[i] - outcomePrediction[i]);
    }
  }
  return { scoreA, scoreB };
}

/** θ̂ = −mean(ψ_b)/mean(ψ_a), the scores ψ at θ̂, and i.i.d. / HAC standard errors. */
export function solveLinearScore(
  scoreA: Float64Array,
  scoreB: Float64Array,
  hacLag: number | HacLagRule = 'nw1994',
): {
  theta: number;
  se: number;
  seHac: number;
  hacLag: number;
  jacobian: number;
  scores: Float64Array;
} {
  const n = scoreA.length;
  const jacobian = mean(scoreA);
  if (!(Math.abs(jacobian) > 0))
    throw new Error(
      'PLR: the treatment has no variation left after partialling out X (mean ψ_a = 0)',
    );
  const theta = -mean(scoreB) / jacobian;
  const scores = new Float64Array(n);
  let squares = 0;
  for (let i = 0; i < n; i++) {
    scores[i] = scoreA[i] * theta + scoreB[i];
    squares += scores[i] * scores[i];
  }
  const se = Math.sqrt(squares / n / (jacobian * jacobian) / n);
  const lag = typeof hacLag === 'number' ? hacLag : neweyWestLag(scores, hacLag);
  const omega = neweyWestLongRunVariance(scores, lag);
  const seHac = Math.sqrt(Math.max(omega, 0) / (jacobian * jacobian) / n);
  return { theta, se, seHac, hacLag: lag, jacobian, scores };
}

export function fitPlr(input: PlrFitInput): PlrFit {
  const { outcome, treatment, features, folds, score, rng } = input;
  const n = outcome.length;
  if (treatment.length !== n || features.rows !== n) {
    throw new Error(
      `PLR: outcome (${n}), treatment (${treatment.length}) and features (${features.rows} rows) differ in length`,
    );
  }
  // One cross-fitter per distinct learner: ℓ̂, m̂ (and ĝ) share its per-fold work.
  const outcomeFitter = prepareCrossFit(features, folds, input.outcomeLearner);
  const treatmentFitter =
    input.treatmentLearner === input.outcomeLearner
      ? outcomeFitter
      : prepareCrossFit(features, folds, input.treatmentLearner);
  const outcomeRequest = {
    target: outcome,
    rng: rng.fork(1),
    beforeFit: (k: number) => input.beforeFit?.('outcome', k),
  };
  const treatmentRequest = {
    target: treatment,
    rng: rng.fork(2),
    beforeFit: (k: number) => input.beforeFit?.('treatment', k),
  };
  // One learner for both: ℓ̂ and m̂ share their passes over the rows where it can.
  const [outcomeFit, treatmentFit] =
    treatmentFitter === outcomeFitter
      ? outcomeFitter.predictEach([outcomeRequest, treatmentRequest])
      : [
          outcomeFitter.predictEach([outcomeRequest])[0],
          treatmentFitter.predictEach([treatmentRequest])[0],
        ];
  let gPrediction: Float64Array | null = null;
  if (score === 'iv-type') {
    const initial = plrScoreElements(
      'partialling-out',
      outcome,
      treatment,
      outcomeFit.predictions,
      treatmentFit.predictions,
      null,
    );
    const thetaInitial = -mean(initial.scoreB) / mean(initial.scoreA);
    const partialled = new Float64Array(n);
    for (let i = 0; i < n; i++) partialled[i] = outcome[i] - thetaInitial * treatment[i];
    gPrediction = outcomeFitter.predict(partialled, rng.fork(3), (k) =>
      input.beforeFit?.('g', k),
    ).predictions;
  }
  const { scoreA, scoreB } = plrScoreElements(
    score,
    outcome,
    treatment,
    outcomeFit.predictions,
    treatmentFit.predictions,
    gPrediction,
  );
  const solved = solveLinearScore(scoreA, scoreB, input.hacLag ?? 'nw1994');
  return {
    ...solved,
    scoreA,
    scoreB,
    outcomePrediction: outcomeFit.predictions,
    treatmentPrediction: treatmentFit.predictions,
    gPrediction,
    outcomeFoldRmse: outcomeFit.foldRmse,
    treatmentFoldRmse: treatmentFit.foldRmse,
  };
}
