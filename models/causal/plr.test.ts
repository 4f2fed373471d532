import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../learners/types';
import goldenJson from './fixtures/plr_golden.json';
import { createLearner } from '../learners';
import { createRng } from '../random/rng';
import { estimateDml } from './dml';
import { foldsFromAssignment } from './folds';
import { fitJointPartiallingOut } from './jointPartiallingOut';
import { fitPlr, solveLinearScore, type PlrScore } from './plr';
import { crossFitPredict } from './crossFit';
import { neweyWestLag } from './hac';

interface Single {
  theta: number;
  se: number;
  seHac: number;
  lags: { simple: number; nw1994: number };
}
interface Golden {
  hacLag: number;
  folds: number;
  single: Record<PlrScore, Record<'d1' | 'd2', Record<'fold_a' | 'fold_b', Single>>>;
  aggregated: Record<
    PlrScore,
    Record<
      'd1' | 'd2',
      {
        theta: number;
        se: number;
        seHac: number;
        pValueIid: number;
        pValueHac: number;
        loIid: number;
        hiIid: number;
      }
    >
  >;
  joint: { theta: number[]; se: number[]; seHac: number[] };
  sensitivity: Record<
    PlrScore,
    Record<
      'd1' | 'd2',
      {
        thetaLower: number;
        thetaUpper: number;
        ciLower: number;
        ciUpper: number;
        robustnessValue: number;
        robustnessValueAdjusted: number;
      }
    >
  >;
  sensitivityParameters: {
    cfY: number;
    cfD: number;
    rho: number;
    level: number;
    nullHypothesis: number;
  };
}

/** Columns of the committed numeric CSV fixture. */
function readFixtureColumns(name: string): Record<string, Float64Array> {
  const [header, ...lines] = readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')
    .trim()
    .split('\n');
  const names = header.split(',');
  const columns: Record<string, Float64Array> = {};
  names.forEach((column) => (columns[column] = new Float64Array(lines.length)));
  lines.forEach((line, row) =>
    line.split(',').forEach((value, c) => (columns[names[c]][row] = Number(value))),
  );
  return columns;
}

function columnsToMatrix(columns: readonly Float64Array[]): Matrix {
  const rows = columns[0].length;
  const cols = columns.length;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let c = 0; c < cols; c++) data[i * cols + c] = columns[c][i];
  return { rows, cols, data };
}

// Golden values written by bench/python/plr_reference.py (scikit-learn LinearRegression nuisances).
const golden = goldenJson as unknown as Golden;
const data = readFixtureColumns('plr_fixture.csv');
const controls = ['x1', 'x2', 'x3', 'x4', 'x5'].map((c) => data[c]);
const ols = createLearner('ols');
const names = ['d1', 'd2'] as const;
const scores: PlrScore[] = ['partialling-out', 'iv-type'];

function close(actual: number, expected: number, tolerance = 1e-8): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    tolerance * Math.max(1, Math.abs(expected)),
  );
}

describe('PLR against the scikit-learn reference (fixed folds, OLS nuisances)', () => {
  for (const score of scores) {
    for (const name of names) {
      it(`${score}, ${name}: θ, i.i.d. SE, HAC SE (lag ${golden.hacLag}) and lag rules per split`, () => {
        const other = names.filter((n) => n !== name).map((n) => data[n]);
        const features = columnsToMatrix([...other, ...controls]);
        for (const split of ['fold_a', 'fold_b'] as const) {
          const fit = fitPlr({
            outcome: data.y,
            treatment: data[name],
            features,
            folds: foldsFromAssignment(data[split], golden.folds),
            outcomeLearner: ols,
            treatmentLearner: ols,
            score,
            rng: createRng(1),
            hacLag: golden.hacLag,
          });
          const expected = golden.single[score][name][split];
          close(fit.theta, expected.theta);
          close(fit.se, expected.se);
          close(fit.seHac, expected.seHac);
          expect(neweyWestLag(fit.scores, 'simple')).toBe(expected.lags.simple);
          expect(neweyWestLag(fit.scores, 'nw1994')).toBe(expected.lags.nw1994);
        }
      });
    }

    it(`${score}: estimateDml over two given splits matches the aggregated reference, p-values, CI and sensitivity`, () => {
      const p = golden.sensitivityParameters;
      const result = estimateDml({
        y: data.y,
        treatments: names.map((n) => ({ name: n, values: data[n] })),
        controls: columnsToMatrix(controls),
        options: {
          learner: ols,
          folds: golden.folds,
          foldAssignments: [data.fold_a, data.fold_b],
          score,
          hacLag: golden.hacLag,
          standardError: 'iid',
          joint: false,
          bootstrapDraws: 0,
          sensitivity: {
            cfY: p.cfY,
            cfD: p.cfD,
            rho: p.rho,
            level: p.level,
            nullHypothesis: p.nullHypothesis,
          },
        },
      });
      result.estimates.forEach((estimate, j) => {
        const expected = golden.aggregated[score][names[j]];
        close(estimate.theta, expected.theta);
        close(estimate.se, expected.se);
        close(estimate.seHac, expected.seHac);
        close(estimate.pValue, expected.pValueIid, 1e-10);
        close(estimate.lo, expected.loIid);
        close(estimate.hi, expected.hiIid);
        const sensitivity = result.sensitivity![j];
        const reference = golden.sensitivity[score][names[j]];
        close(sensitivity.thetaLower, reference.thetaLower);
        close(sensitivity.thetaUpper, reference.thetaUpper);
        close(sensitivity.ciLower, reference.ciLower);
        close(sensitivity.ciUpper, reference.ciUpper);
        // scipy's bounded Brent search (xatol 1e-12) against our bisection: agree to its tolerance.
        close(sensitivity.robustnessValue, reference.robustnessValue, 1e-6);
        close(sensitivity.robustnessValueAdjusted, reference.robustnessValueAdjusted, 1e-6);
      });
    });
  }

  it('joint partialling-out: θ vector and sandwich SEs (i.i.d. and HAC)', () => {
    const folds = foldsFromAssignment(data.fold_a, golden.folds);
    const X = columnsToMatrix(controls);
    const residual = (target: Float64Array): Float64Array => {
      const { predictions } = crossFitPredict(X, target, folds, ols, createRng(1));
      return target.map((v, i) => v - predictions[i]);
    };
    const fit = fitJointPartiallingOut(
      residual(data.y),
      [residual(data.d1), residual(data.d2)],
      golden.hacLag,
    );
    for (let j = 0; j < 2; j++) {
      close(fit.theta[j], golden.joint.theta[j]);
      close(fit.se[j], golden.joint.se[j]);
      close(fit.seHac[j], golden.joint.seHac[j]);
    }
  });
});

describe('linear score algebra', () => {
  it('θ̂ = −mean ψ_b / mean ψ_a and the i.i.d. SE by hand', () => {
    // m̂ = ℓ̂ = 0, D = [1, 2], Y = [2, 4]: ψ_a = −D², ψ_b = D·Y → θ = 10/5 = 2, ψ = 0 → SE 0.
    const solved = solveLinearScore(Float64Array.from([-1, -4]), Float64Array.from([2, 8]), 0);
    expect(solved.theta).toBe(2);
    expect(solved.se).toBe(0);
    const noisy = solveLinearScore(
      Float64Array.from([-1, -1, -1, -1]),
      Float64Array.from([1, 2, 3, 6]),
      0,
    );
    // θ = 3, ψ = [−2, −1, 0, 3], mean ψ² = 14/4, J = −1 → se = √(3.5/4).
    expect(noisy.theta).toBe(3);
    close(noisy.se, Math.sqrt(3.5 / 4), 1e-15);
  });

  it('refuses a treatment with no residual variation', () => {
    expect(() => solveLinearScore(new Float64Array(3), new Float64Array(3), 0)).toThrow(
      /no variation/,
    );
  });
});
