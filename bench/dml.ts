/**
 * `npm run bench:dml` — our double ML (PLR, partialling-out, DML2) against scikit-learn on the same
 * data and folds, with the same learners: OLS, lasso with a fixed α (unstandardised, as sklearn's
 * Lasso), and a random forest with the same hyper-parameters (not bitwise comparable: different
 * split search and random streams, so |Δθ|/SE is the yardstick there).
 *
 *   npx tsx bench/dml.ts [--sizes 500,10000,100000] [--learners ols,lasso,forest]
 *
 * Data: make_plr_CCDDHNR2018 (p = 20), 5 random folds. Python times its own cross-fitting and
 * score, DoubleML-style (a fresh estimator fitted on each fold's training rows; start-up and CSV
 * loading excluded); ours is timed around `estimateDml`. Both time the same work: folds from the
 * labels, cross-fitting (sklearn validates its inputs in every fit, we once), the score, i.i.d.
 * and HAC SEs (Bartlett, L = ⌊4(n/100)^{2/9}⌋) and per-fold nuisance RMSE — the last two because
 * `estimateDml` always reports them; |ΔseHac|/SE checks the HAC SEs agree. Ours is timed after
 * untimed warm-up runs per learner on other data (n = 2000; 10–60 runs, about 2 s: JIT
 * compilation, as Python's imports are untimed). Single-threaded on both sides (sklearn n_jobs=1,
 * BLAS/OpenMP pinned to one thread). Both wall and process-CPU seconds are reported, each the
 * median of 5 timed repetitions for OLS and lasso, of 3 for forests up to n = 10 000 and of one
 * above (on both sides); on a shared, loaded machine CPU seconds are the fair comparison (wall
 * time then mostly measures waiting for a core).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
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

/** Untimed warm-up per learner: at least `min` runs, then until 2 s have passed or `max` runs. */
const WARM_UP_RUNS = { min: 10, max: 60 };
const WARM_UP_MILLISECONDS = 2000;

/**
 * Timed repetitions per case on both sides; the table shows medians. Linear fits take milliseconds,
 * so a single run mostly measures scheduling and JIT noise on a shared machine; forests repeat 3
 * times up to n = 10 000 (single forest runs varied by ±30% here) and run once above (sklearn takes
 * minutes there).
 */
function repeatsFor(name: keyof typeof learners, n: number): number {
  if (name === 'forest') return n <= 10_000 ? 3 : 1;
  return 5;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Test-fold labels of 5 random folds (the same as `createFolds`). */
function randomFoldAssignment(n: number, seed: number): Int32Array {
  const folds = createFolds({ observations: n, folds: 5, scheme: 'random', rng: createRng(seed) });
  const assignment = new Int32Array(n);
  folds.forEach((fold, k) => fold.test.forEach((i) => (assignment[i] = k)));
  return assignment;
}

function main(): void {
  const sizes = flag('sizes', '500,10000,100000').split(',').map(Number);
  const names = flag('learners', 'ols,lasso,forest').split(',') as (keyof typeof learners)[];
  const python = process.env.PYTHON ?? '/usr/bin/python3';
  const dir = mkdtempSync(join(tmpdir(), 'bench-dml-'));
  const columns = [
    'n',
    'learner',
    'ours s',
    'sklearn s',
    'ratio',
    'ours cpu s',
    'sklearn cpu s',
    'cpu ratio',
    'θ ours',
    'θ sklearn',
    '|Δθ|/SE',
    '|ΔseHac|/SE',
  ];
  process.stdout.write(
    `Started ${new Date().toISOString()}, load average ${loadavg()[0].toFixed(1)} (${loadavg()
      .map((v) => v.toFixed(1))
      .join(', ')}).\n\n`,
  );
  process.stdout.write(`| ${columns.join(' | ')} |\n|${columns.map(() => ' --- |').join('')}\n`);
  try {
    // Warm the JIT (untimed) with the timed calls' options on other data: V8 needs many calls
    // before every loop runs optimised code (a one-off call pays interpretation, on-stack
    // replacement and compilation), as Python's compiled extensions are ready at import.
    for (const name of names) {
      const started = performance.now();
      for (let run = 0; run < WARM_UP_RUNS.max; run++) {
        if (run >= WARM_UP_RUNS.min && performance.now() - started > WARM_UP_MILLISECONDS) break;
        const warm = simulateCcddhnr(createRng(run), 2000, 20);
        estimateDml({
          y: warm.y,
          treatments: [{ name: 'd', values: warm.d }],
          controls: warm.X,
          options: {
            learner: learners[name].ours(),
            foldAssignments: [randomFoldAssignment(2000, run)],
            standardError: 'iid',
            joint: false,
            bootstrapDraws: 0,
          },
        });
      }
    }
    for (const n of sizes) {
      const { y, d, X } = simulateCcddhnr(createRng(n), n, 20);
      const assignment = randomFoldAssignment(n, 1);
      // Ours first, before the CSV's garbage exists, so its collection is not timed.
      const ours = names.map((name) => {
        const walls: number[] = [];
        const cpus: number[] = [];
        let theta = Number.NaN;
        let seHac = Number.NaN;
        for (let repeat = 0; repeat < repeatsFor(name, n); repeat++) {
          const startCpu = process.cpuUsage();
          const startWall = performance.now();
          const result = estimateDml({
            y,
            treatments: [{ name: 'd', values: d }],
            controls: X,
            options: {
              learner: learners[name].ours(),
              foldAssignments: [assignment],
              standardError: 'iid',
              joint: false,
              bootstrapDraws: 0,
            },
          });
          walls.push((performance.now() - startWall) / 1000);
          const cpu = process.cpuUsage(startCpu);
          cpus.push((cpu.user + cpu.system) / 1e6);
          theta = result.estimates[0].theta;
          seHac = result.estimates[0].seHac;
        }
        return { theta, seHac, wall: median(walls), cpu: median(cpus) };
      });
      const lines = [
        'y,d,' + Array.from({ length: 20 }, (_, j) => `x${j + 1}`).join(',') + ',fold',
      ];
      for (let i = 0; i < n; i++)
        lines.push([y[i], d[i], ...X.data.subarray(i * 20, i * 20 + 20), assignment[i]].join(','));
      const path = join(dir, `plr_${n}.csv`);
      writeFileSync(path, lines.join('\n') + '\n');
      names.forEach((name, index) => {
        const child = spawnSync(
          python,
          [
            join(dirname(fileURLToPath(import.meta.url)), 'python', 'plr_bench.py'),
            path,
            JSON.stringify({ ...learners[name].python, repeat: repeatsFor(name, n) }),
          ],
          {
            encoding: 'utf8',
            maxBuffer: 1 << 20,
            env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
          },
        );
        if (child.status !== 0)
          throw new Error(`python failed for n=${n} ${name}: ${child.stderr}`);
        const reference = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as {
          theta: number;
          se: number;
          seHac: number;
          seconds: number;
          cpuSeconds: number;
        };
        const { theta, seHac, wall, cpu } = ours[index];
        const cells = [
          String(n),
          name,
          wall.toFixed(3),
          reference.seconds.toFixed(3),
          `${(reference.seconds / wall).toFixed(1)}×`,
          cpu.toFixed(3),
          reference.cpuSeconds.toFixed(3),
          `${(reference.cpuSeconds / cpu).toFixed(1)}×`,
          theta.toFixed(6),
          reference.theta.toFixed(6),
          (Math.abs(theta - reference.theta) / reference.se).toExponential(2),
          (Math.abs(seHac - reference.seHac) / reference.se).toExponential(2),
        ];
        process.stdout.write(`| ${cells.join(' | ')} |\n`);
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(
    `\nratio = sklearn seconds / our seconds (> 1: we are faster), wall and CPU; |Δθ|/SE and |ΔseHac|/SE with the sklearn i.i.d. SE. Finished ${new Date().toISOString()}, load average ${loadavg()[0].toFixed(1)}.\n`,
  );
}

main();
