/**
 * Seconds per fit of each nuisance learner against its scikit-learn counterpart, same data,
 * same settings, one run each, single-threaded on both sides (OMP_NUM_THREADS=1 for sklearn).
 *
 *   npx tsx bench/learners.ts [--rows 10000,100000] [--learners ols,ridge,lasso,forest,gbm]
 *                             [--python /usr/bin/python3]
 *
 * Data: p = 20 standard-normal features, y = 10 sin(π x₀x₁) + 20 (x₂ − ½)² + 10 x₃ + 5 x₄
 * + Σ_{j≥5} 0.1·x_j + N(0, 1) (Friedman #1 shape plus weak linear terms), seeded.
 * Settings on both sides: ols; ridge 5-fold CV over 37 α (standardised); lasso 5-fold CV over a
 * 100-α path (standardised); forest 100 trees, max_features p/3, min_samples_leaf 1;
 * gbm 100 iterations, 31 leaves, no early stopping. Python's start-up and data loading are not
 * timed: the Python side times `fit` itself. Each of our learners is first fitted once on 2 000
 * rows so the JIT is warm (a DML run fits each learner 2·K times). Both wall and CPU seconds are
 * printed; on a shared machine CPU seconds are the steadier comparison.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLearner, type LearnerName, type LearnerOptions } from '../models/learners/index';
import { createRng } from '../models/random/rng';

const columns = 20;
const argumentsList = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const index = argumentsList.indexOf(`--${name}`);
  return index >= 0 && argumentsList[index + 1] ? argumentsList[index + 1] : fallback;
};
const rowCounts = option('rows', '10000,100000').split(',').map(Number);
const learners = option('learners', 'ols,ridge,lasso,forest,gbm').split(',') as LearnerName[];
const python = option('python', '/usr/bin/python3');
const script = join(import.meta.dirname, 'python', 'learners_reference.py');
const settings: Record<LearnerName, LearnerOptions> = {
  ols: {},
  ridge: { folds: 5 },
  lasso: { folds: 5, pathLength: 100, pathRatio: 1e-3 },
  forest: { trees: 100, maxFeatures: 1 / 3, minSamplesLeaf: 1 },
  gbm: { maxIterations: 100, earlyStopping: false },
};

function simulate(rows: number, seed: number): { data: Float64Array; y: Float64Array } {
  const rng = createRng(seed);
  const data = new Float64Array(rows * columns);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const x = data.subarray(i * columns, (i + 1) * columns);
    for (let j = 0; j < columns; j++) x[j] = rng.normal();
    let value =
      10 * Math.sin(Math.PI * x[0] * x[1]) + 20 * (x[2] - 0.5) ** 2 + 10 * x[3] + 5 * x[4];
    for (let j = 5; j < columns; j++) value += 0.1 * x[j];
    y[i] = value + rng.normal();
  }
  return { data, y };
}

const directory = mkdtempSync(join(tmpdir(), 'learners-bench-'));
const header = [
  'learner'.padEnd(8),
  'rows'.padStart(7),
  'ours wall'.padStart(10),
  'sk wall'.padStart(9),
  'ratio'.padStart(7),
  'ours cpu'.padStart(9),
  'sk cpu'.padStart(8),
  'ratio'.padStart(7),
].join(' ');
console.log(header);
try {
  for (const rows of rowCounts) {
    const { data, y } = simulate(rows, 20261129 + rows);
    const file = join(directory, `data-${rows}.bin`);
    const bytes = new Float64Array(rows * columns + rows);
    bytes.set(data);
    bytes.set(y, rows * columns);
    writeFileSync(file, new Uint8Array(bytes.buffer));
    for (const learner of learners) {
      const warm = Math.min(rows, 2000);
      createLearner(learner, settings[learner]).fit(
        { rows: warm, cols: columns, data: data.subarray(0, warm * columns) },
        y.subarray(0, warm),
        createRng(2),
      );
      const start = performance.now();
      const startCpu = process.cpuUsage();
      createLearner(learner, settings[learner]).fit({ rows, cols: columns, data }, y, createRng(1));
      const ours = (performance.now() - start) / 1000;
      const cpu = process.cpuUsage(startCpu);
      const oursCpu = (cpu.user + cpu.system) / 1e6;
      const child = spawnSync(
        python,
        [script, 'bench', learner, file, String(rows), String(columns)],
        {
          encoding: 'utf8',
          env: { ...process.env, OMP_NUM_THREADS: '1' },
        },
      );
      let reference = { seconds: Number.NaN, cpuSeconds: Number.NaN };
      if (child.status === 0)
        reference = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as typeof reference;
      else console.error(`sklearn ${learner} failed: ${child.stderr || child.error?.message}`);
      const line = [
        learner.padEnd(8),
        String(rows).padStart(7),
        ours.toFixed(3).padStart(10),
        reference.seconds.toFixed(3).padStart(9),
        (reference.seconds / ours).toFixed(2).padStart(7),
        oursCpu.toFixed(3).padStart(9),
        reference.cpuSeconds.toFixed(3).padStart(8),
        (reference.cpuSeconds / oursCpu).toFixed(2).padStart(7),
      ].join(' ');
      console.log(line);
    }
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}
