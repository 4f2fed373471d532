/**
 * `npm run bench:dml` — our double ML (PLR, partialling-out, DML2) against scikit-learn on the same
 * data and folds, with the same learners: OLS, lasso with a fixed α (unstandardised, as sklearn's
 * Lasso), and a random forest with the same hyper-parameters (not bitwise comparable: different
 * split search and random streams, so |Δθ|/SE is the yardstick there).
 *
 *   npx tsx bench/dml.ts [--sizes 500,10000,100000] [--learners ols,lasso,forest]
 *
 * Data: make_plr_CCDDHNR2018 (p = 20), 5 random folds. Python runs once per case and times its own
 * cross-fitting (start-up and CSV loading excluded); ours is timed around `estimateDml` after one
 * untimed warm-up fit per learner (JIT compilation), single-threaded on both sides (sklearn n_jobs=1).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFolds, estimateDml } from '../models/causal';
import { createLearner } from '../models/learners';
import { createRng } from '../models/random/rng';
import { simulateCcddhnr } from './dml-coverage';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const LASSO_ALPHA = 0.02;
const FOREST = { trees: 100, maxFeatures: 7, maxDepth: 8, minSamplesLeaf: 5 };

const learners = {
  ols: { ours: () => createLearner('ols'), python: { name: 'ols' } },
  lasso: {
    ours: () =>
      createLearner('lasso', { alpha: LASSO_ALPHA, standardize: false, tolerance: 1e-10 }),
    python: { name: 'lasso', alpha: LASSO_ALPHA, tol: 1e-10 },
  },
  forest: { ours: () => createLearner('forest', FOREST), python: { name: 'forest', ...FOREST } },
} as const;

function main(): void {
  const sizes = flag('sizes', '500,10000,100000').split(',').map(Number);
  const names = flag('learners', 'ols,lasso,forest').split(',') as (keyof typeof learners)[];
  const python = process.env.PYTHON ?? '/usr/bin/python3';
  const dir = mkdtempSync(join(tmpdir(), 'bench-dml-'));
  const rows: string[] = [];
  const header = `${'n'.padStart(7)}  ${'learner'.padEnd(8)}${'ours s'.padStart(10)}${'sklearn s'.padStart(11)}${'ratio'.padStart(8)}${'θ ours'.padStart(12)}${'θ sklearn'.padStart(12)}${'|Δθ|/SE'.padStart(11)}`;
  process.stdout.write(header + '\n');
  try {
    // Warm the JIT once per learner (untimed), as Python's imports are outside its timing too.
    const warm = simulateCcddhnr(createRng(0), 300, 20);
    for (const name of names) {
      estimateDml({
        y: warm.y,
        treatments: [{ name: 'd', values: warm.d }],
        controls: warm.X,
        options: { learner: learners[name].ours(), joint: false, bootstrapDraws: 0 },
      });
    }
    for (const n of sizes) {
      const { y, d, X } = simulateCcddhnr(createRng(n), n, 20);
      const folds = createFolds({ observations: n, folds: 5, scheme: 'random', rng: createRng(1) });
      const assignment = new Int32Array(n);
      folds.forEach((fold, k) => fold.test.forEach((i) => (assignment[i] = k)));
      const lines = [
        'y,d,' + Array.from({ length: 20 }, (_, j) => `x${j + 1}`).join(',') + ',fold',
      ];
      for (let i = 0; i < n; i++)
        lines.push([y[i], d[i], ...X.data.subarray(i * 20, i * 20 + 20), assignment[i]].join(','));
      const path = join(dir, `plr_${n}.csv`);
      writeFileSync(path, lines.join('\n') + '\n');
      for (const name of names) {
        const spec = learners[name];
        const result = estimateDml({
          y,
          treatments: [{ name: 'd', values: d }],
          controls: X,
          options: {
            learner: spec.ours(),
            foldAssignments: [assignment],
            standardError: 'iid',
            joint: false,
            bootstrapDraws: 0,
          },
        });
        const ours = result.estimates[0];
        const child = spawnSync(
          python,
          [
            join(dirname(fileURLToPath(import.meta.url)), 'python', 'plr_bench.py'),
            path,
            JSON.stringify(spec.python),
          ],
          { encoding: 'utf8', maxBuffer: 1 << 20 },
        );
        if (child.status !== 0)
          throw new Error(`python failed for n=${n} ${name}: ${child.stderr}`);
        const reference = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as {
          theta: number;
          se: number;
          seconds: number;
        };
        const ratio = reference.seconds / result.timing.totalSeconds;
        const row = `${String(n).padStart(7)}  ${name.padEnd(8)}${result.timing.totalSeconds.toFixed(3).padStart(10)}${reference.seconds.toFixed(3).padStart(11)}${ratio.toFixed(1).padStart(7)}×${ours.theta.toFixed(6).padStart(12)}${reference.theta.toFixed(6).padStart(12)}${(Math.abs(ours.theta - reference.theta) / reference.se).toExponential(2).padStart(11)}`;
        rows.push(row);
        process.stdout.write(row + '\n');
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(
    'ratio = sklearn seconds / our seconds (> 1: we are faster); |Δθ|/SE with the sklearn SE.\n',
  );
}

main();
