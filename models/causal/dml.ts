import { createLearner } from '../learners';
import type { Learner, Matrix } from '../learners/types';
import { createRng } from '../random/rng';
import { aggregateIntervals, aggregateRepetitions, median } from './aggregateRepetitions';
import { jointCriticalValue } from './bootstrap';
import { prepareCrossFit, type CrossFitter } from './crossFit';
import { createFolds, foldsFromAssignment, type Fold } from './folds';
import { fitJointPartiallingOut } from './jointPartiallingOut';
import { normalQuantile, normalUpperTail } from './normalDistribution';
import { fitPlr, type PlrFit } from './plr';
import { validateDmlInput } from './validateDmlInput';
import { analyseSensitivity, sensitivityElements, type SensitivitySplit } from './sensitivity';
import {
  adstockedTreatment,
  estimatesDisagree,
  singleTreatmentFeatures,
  type Treatment,
} from './treatments';
import {
  DmlCancelledError,
  type DmlEstimate,
  type DmlHooks,
  type DmlInput,
  type DmlJointEstimate,
  type DmlProgress,
  type DmlResult,
} from './dmlTypes';

function resolveLearner(options: DmlInput['options']): {
  outcome: Learner;
  treatment: Learner;
  name: string;
} {
  const base = options?.learner ?? 'lasso';
  const learner =
    typeof base === 'string' ? createLearner(base, options?.learnerOptions ?? {}) : base;
  return {
    outcome: options?.outcomeLearner ?? learner,
    treatment: options?.treatmentLearner ?? learner,
    name: learner.name,
  };
}

/**
 * Double/debiased ML estimates of channel effects in the partially linear model (plr.ts), honest on
 * weekly series: folds may be blocked in time, and i.i.d. and Newey–West HAC standard errors are both
 * reported. Pipeline per repetition s = 1…S: folds → per treatment j, PLR with X = [other treatments,
 * controls] → (optional) joint partialling-out on the controls → multiplier-bootstrap critical value;
 * then DoubleML's median aggregation over repetitions and the optional sensitivity analysis.
 * Reference: Chernozhukov et al. (2018); DoubleML (Bach, Chernozhukov, Kurz & Spindler 2022).
 *
 * Two-sided p-value: p = 2(1 − Φ(|θ̃/s̃e|)); CI: median over splits of θ̂ₛ ± Φ⁻¹((1+level)/2)·ŝeₛ.
 */
export function estimateDml(input: DmlInput, hooks: DmlHooks = {}): DmlResult {
  const started = Date.now();
  validateDmlInput(input);
  const options = input.options ?? {};
  const n = input.y.length;
  const k = input.treatments.length;
  const foldCount = options.folds ?? 5;
  const given = options.foldAssignments;
  const repetitions = given ? given.length : (options.repetitions ?? 1);
  if (!Number.isInteger(repetitions) || repetitions < 1)
    throw new Error(`dml: repetitions must be an integer ≥ 1, got ${repetitions}`);
  const scheme = options.foldScheme ?? 'random';
  const gap = options.gap ?? (scheme === 'neighbours-left-out' ? 1 : 0);
  const score = options.score ?? 'partialling-out';
  const seType = options.standardError ?? 'hac';
  const hacLag = options.hacLag ?? 'simple';
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new Error(`dml: level must be in (0, 1), got ${level}`);
  const seed = options.seed ?? 0;
  const runJoint = (options.joint ?? k >= 2) && k >= 1;
  const draws = k >= 2 ? (options.bootstrapDraws ?? 500) : 0;
  const learners = resolveLearner(options);
  const rng = createRng(seed);
  const z = normalQuantile((1 + level) / 2);

  const treatments: Treatment[] = input.treatments.map((t) => {
    const setting = options.adstock?.[t.name];
    return setting ? { name: t.name, values: adstockedTreatment(t.values, setting) } : t;
  });
  const featuresPerTreatment: Matrix[] = treatments.map((_, j) =>
    singleTreatmentFeatures(treatments, j, input.controls),
  );

  const fitsPerStage = score === 'iv-type' ? 3 : 2;
  const total = repetitions * (k * fitsPerStage * foldCount + (runJoint ? (k + 1) * foldCount : 0));
  let done = 0;
  const beforeFit = (progress: Omit<DmlProgress, 'done' | 'total'>): void => {
    if (hooks.isCancelled?.()) throw new DmlCancelledError();
    hooks.onProgress?.({ ...progress, done, total });
    done++;
  };

  const fits: PlrFit[][] = treatments.map(() => []);
  const jointFits: ReturnType<typeof fitJointPartiallingOut>[] = [];
  const criticalValues: number[] = [];
  for (let s = 0; s < repetitions; s++) {
    const folds: Fold[] = given
      ? foldsFromAssignment(given[s], foldCount, gap)
      : createFolds({ observations: n, folds: foldCount, scheme, gap, rng: rng.fork(100 + s) });
    treatments.forEach((treatment, j) => {
      fits[j].push(
        fitPlr({
          outcome: input.y,
          treatment: treatment.values,
          features: featuresPerTreatment[j],
          folds,
          outcomeLearner: learners.outcome,
          treatmentLearner: learners.treatment,
          score,
          rng: rng.fork(1000 + 100 * s + j),
          hacLag,
          beforeFit: (stage, fold) =>
            beforeFit({ repetition: s, treatment: treatment.name, stage, fold }),
        }),
      );
    });
    if (runJoint) {
      const jointRng = rng.fork(500_000 + s);
      // The controls are shared by every joint target: one cross-fitter per distinct learner.
      const outcomeFitter = prepareCrossFit(input.controls, folds, learners.outcome);
      const treatmentFitter =
        learners.treatment === learners.outcome
          ? outcomeFitter
          : prepareCrossFit(input.controls, folds, learners.treatment);
      const residuals = (
        fitter: CrossFitter,
        targets: readonly { values: Float64Array; stream: number; name: string }[],
      ): Float64Array[] =>
        fitter
          .predictEach(
            targets.map(({ values, stream, name }) => ({
              target: values,
              rng: jointRng.fork(stream),
              beforeFit: (fold: number) =>
                beforeFit({ repetition: s, treatment: name, stage: 'joint', fold }),
            })),
          )
          .map(({ predictions }, t) => targets[t].values.map((value, i) => value - predictions[i]));
      const outcomeTarget = { values: input.y, stream: 0, name: 'outcome' };
      const treatmentTargets = treatments.map((t, j) => ({
        values: t.values,
        stream: j + 1,
        name: t.name,
      }));
      // One fitter for all targets when the learners agree: they share its passes over the rows.
      const [outcomeResidual, ...treatmentResiduals] =
        treatmentFitter === outcomeFitter
          ? residuals(outcomeFitter, [outcomeTarget, ...treatmentTargets])
          : [
              ...residuals(outcomeFitter, [outcomeTarget]),
              ...residuals(treatmentFitter, treatmentTargets),
            ];
      jointFits.push(fitJointPartiallingOut(outcomeResidual, treatmentResiduals, hacLag));
    }
    if (draws > 0) {
      // The critical value reflects the correlation of the treatments' scores (i.i.d. multipliers, as
      // DoubleML); it is then applied to the chosen SEs. Block multipliers with ~n/(L+1) blocks on
      // weekly series gave unstable, too small critical values.
      const repetitionFits = fits.map((f) => f[s]);
      criticalValues.push(
        jointCriticalValue({
          scaledScores: repetitionFits.map((f) => f.scores.map((psi) => psi / f.jacobian)),
          standardErrors: repetitionFits.map((f) => f.se),
          draws,
          level,
          rng: rng.fork(900_000 + s),
        }).criticalValue,
      );
    }
  }

  const estimates: DmlEstimate[] = treatments.map((treatment, j) => {
    const allThetas = fits[j].map((f) => f.theta);
    const allSe = fits[j].map((f) => f.se);
    const allSeHac = fits[j].map((f) => f.seHac);
    const iid = aggregateRepetitions(allThetas, allSe);
    const hac = aggregateRepetitions(allThetas, allSeHac);
    const chosen = seType === 'hac' ? allSeHac : allSe;
    const se = seType === 'hac' ? hac.se : iid.se;
    const interval = aggregateIntervals(
      allThetas,
      chosen,
      allThetas.map(() => z),
    );
    const simultaneous = draws > 0 ? aggregateIntervals(allThetas, chosen, criticalValues) : null;
    return {
      treatment: treatment.name,
      theta: iid.theta,
      se: iid.se,
      seHac: hac.se,
      lo: interval.lo,
      hi: interval.hi,
      pValue: 2 * normalUpperTail(Math.abs(iid.theta / se)),
      standardError: seType,
      hacLag: median(fits[j].map((f) => f.hacLag)),
      simultaneousLo: simultaneous?.lo ?? null,
      simultaneousHi: simultaneous?.hi ?? null,
      allThetas,
      allSe,
      allSeHac,
    };
  });

  let joint: DmlResult['joint'] = null;
  if (runJoint && jointFits.length > 0) {
    const jointEstimates: DmlJointEstimate[] = treatments.map((treatment, j) => {
      const thetas = jointFits.map((f) => f.theta[j]);
      const iid = aggregateRepetitions(
        thetas,
        jointFits.map((f) => f.se[j]),
      );
      const hac = aggregateRepetitions(
        thetas,
        jointFits.map((f) => f.seHac[j]),
      );
      const chosen = jointFits.map((f) => (seType === 'hac' ? f.seHac[j] : f.se[j]));
      const se = seType === 'hac' ? hac.se : iid.se;
      const interval = aggregateIntervals(
        thetas,
        chosen,
        thetas.map(() => z),
      );
      const pValue = 2 * normalUpperTail(Math.abs(iid.theta / se));
      const single = estimates[j];
      return {
        treatment: treatment.name,
        theta: iid.theta,
        se: iid.se,
        seHac: hac.se,
        lo: interval.lo,
        hi: interval.hi,
        pValue,
        disagrees: estimatesDisagree(
          {
            theta: single.theta,
            se: seType === 'hac' ? single.seHac : single.se,
            pValue: single.pValue,
          },
          { theta: iid.theta, pValue },
        ),
      };
    });
    joint = { estimates: jointEstimates, hacLag: median(jointFits.map((f) => f.hacLag)) };
  }

  let sensitivity: DmlResult['sensitivity'] = null;
  if (options.sensitivity) {
    const parameters = options.sensitivity;
    sensitivity = treatments.map((treatment, j) => {
      const splits: SensitivitySplit[] = fits[j].map((f) =>
        sensitivityElements({
          score,
          theta: f.theta,
          jacobian: f.jacobian,
          scores: f.scores,
          outcome: input.y,
          treatment: treatment.values,
          outcomePrediction: f.outcomePrediction,
          treatmentPrediction: f.treatmentPrediction,
          gPrediction: f.gPrediction,
        }),
      );
      return {
        treatment: treatment.name,
        ...analyseSensitivity(splits, estimates[j].theta, parameters),
      };
    });
  }

  return {
    estimates,
    joint,
    bootstrap: draws > 0 ? { draws, criticalValue: median(criticalValues) } : null,
    nuisance: treatments.map((treatment, j) => ({
      treatment: treatment.name,
      outcomeRmse: fits[j].map((f) => Array.from(f.outcomeFoldRmse)),
      treatmentRmse: fits[j].map((f) => Array.from(f.treatmentFoldRmse)),
    })),
    sensitivity,
    settings: {
      learner: learners.name,
      folds: foldCount,
      repetitions,
      foldScheme: given ? 'given' : scheme,
      gap,
      score,
      level,
      seed,
      observations: n,
    },
    timing: { totalSeconds: (Date.now() - started) / 1000 },
  };
}
