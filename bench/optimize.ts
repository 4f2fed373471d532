/**
 * `npm run bench:optimize` — the budget optimiser (models/planning) against SciPy's SLSQP (what
 * PyMC-Marketing's BudgetOptimizer uses) on the same posterior-mean response functions, plus the
 * app's speed targets on 20 channels × 2000 draws × 13 weeks:
 *   - one scenario evaluated over all draws with 90% intervals (target < 20 ms),
 *   - a fixed-budget optimum (target < 1 s),
 *   - ours ≥ SLSQP's objective (relative 1e-6) on every case, and the time ratio.
 * The draws are synthetic (models/testing/planningFixture.ts, seeded). SciPy is Debian's
 * python3-scipy, installed here with apt if missing (benchmark only; the app never uses it).
 * Flags: --record <file> appends the tables to it (bench/RESULTS.md); --repeats N (default 15).
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveConstraints, type ResolvedConstraints } from '../models/planning/constraints';
import {
  createAllocationWorkspace,
  evaluateAllocation,
} from '../models/planning/evaluateAllocation';
import { buildHorizonModel, type HorizonModel } from '../models/planning/horizonModel';
import {
  maximiseAtBudget,
  objectiveAt,
  type PlanningProblem,
} from '../models/planning/maximiseAtBudget';
import { createRiskScratch } from '../models/planning/riskMeasure';
import { scenarioOutcome } from '../models/planning/scenarioOutcome';
import type { ChannelBound, GroupLimit, Risk } from '../models/planning/scenarioSchema';
import { planningFixture } from '../models/testing/planningFixture';

const here = dirname(fileURLToPath(import.meta.url));

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function ensureScipy(python: string): void {
  const probe = spawnSync(python, ['-c', 'import scipy'], { encoding: 'utf8' });
  if (probe.status === 0) return;
  process.stderr.write('SciPy is missing: apt-get install -y python3-scipy (benchmark only)\n');
  const install = spawnSync('apt-get', ['install', '-y', 'python3-scipy'], { stdio: 'inherit' });
  if (install.status !== 0)
    throw new Error('could not install python3-scipy (try apt-get update first)');
}

/** CPU milliseconds of this process (user + system): the work itself, whatever the machine's load. */
function cpuMilliseconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

interface Case {
  readonly name: string;
  readonly model: HorizonModel;
  readonly constraints: ResolvedConstraints;
  readonly budget: number;
}

function modelOf(channels: number, draws: number, seed: number): HorizonModel {
  const { target, draws: parameters } = planningFixture({
    channels,
    draws,
    seed,
    shapeRange: [0.6, 1.6],
  });
  return buildHorizonModel({
    target,
    draws: parameters,
    horizonWeeks: 13,
    flighting: { kind: 'reference' },
  });
}

function caseOf(
  name: string,
  model: HorizonModel,
  factor: number,
  options: { bounds?: 'default' | 'wide'; groups?: GroupLimit[] } = {},
): Case {
  const bounds: ChannelBound[] =
    options.bounds === 'wide'
      ? model.channelNames.map((channel) => ({ channel, unit: 'relative', lower: 0, upper: 3 }))
      : [];
  const constraints = resolveConstraints({
    channelNames: model.channelNames,
    reference: model.reference,
    bounds,
    locked: [],
    groups: options.groups ?? [],
  });
  const budget = factor * model.reference.reduce((a, b) => a + b, 0);
  return { name, model, constraints, budget };
}

function problemOf(c: Case, risk: Risk = { kind: 'mean' }): PlanningProblem {
  return {
    model: c.model,
    risk,
    constraints: c.constraints,
    work: createAllocationWorkspace(c.model),
    scratch: createRiskScratch(c.model.draws, c.model.channels),
  };
}

/** Writes the model's arrays and the cases for the Python side; returns its results. */
function runSlsqp(
  python: string,
  model: HorizonModel,
  cases: readonly Case[],
): {
  spend: number[];
  value: number;
  seconds: number;
  success: boolean;
  iterations: number;
  message: string;
}[] {
  const dir = mkdtempSync(join(tmpdir(), 'bench-optimize-'));
  try {
    const write = (name: string, values: Float64Array) =>
      writeFileSync(
        join(dir, `${name}.f64`),
        new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
      );
    write('history', model.history);
    write('gain', model.gain);
    write('factor', model.factor);
    write('logK', model.saturationFirst);
    write('shape', model.saturationSecond);
    write('carryIn', model.carryIn);
    const total = model.reference.reduce((a, b) => a + b, 0);
    writeFileSync(
      join(dir, 'meta.json'),
      JSON.stringify({
        draws: model.draws,
        channels: model.channels,
        span: model.spanWeeks,
        horizon: model.horizonWeeks,
        cases: cases.map((c) => ({
          budget: c.budget,
          lower: Array.from(c.constraints.lower),
          upper: Array.from(c.constraints.upper),
          groups: c.constraints.groups.map((g) => ({ members: g.members, maxShare: g.maxShare })),
          start: Array.from(model.reference, (r) => (r / total) * c.budget),
        })),
      }),
    );
    const child = spawnSync(python, [join(here, 'python/optimize_slsqp.py'), dir], {
      encoding: 'utf8',
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (child.status !== 0) throw new Error('the SLSQP script failed');
    return JSON.parse(readFileSync(join(dir, 'slsqp.json'), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function main(): void {
  const python = process.env.PYTHON ?? '/usr/bin/python3';
  const repeats = Number(flag('repeats', '15'));
  ensureScipy(python);
  const startedAt = new Date().toISOString();
  const load = loadavg()[0];
  const heading = `Started ${startedAt} — ${cpus().length} cores, load average ${load.toFixed(1)} at the start (machine shared). Command: npx tsx bench/optimize.ts ${process.argv.slice(2).join(' ')}`;
  process.stdout.write(`${heading}\n\n`);

  // Speed targets: 20 channels × 2000 draws × 13 weeks.
  const large = modelOf(20, 2000, 1);
  const reference = caseOf('20×2000, ±30%', large, 1);
  const problem = problemOf(reference);
  const evaluation: number[] = [];
  const evaluationCpu: number[] = [];
  // Where the time goes: the evaluator over every draw × channel × week, then the 45 intervals.
  const partCpu = { evaluate: [] as number[], intervals: [] as number[] };
  for (let i = 0; i < repeats; i++) {
    const spend = large.reference.map((r) => r * (0.9 + (0.2 * ((i * 7) % 10)) / 10));
    const started = performance.now();
    const cpuStarted = cpuMilliseconds();
    evaluateAllocation(large, spend, problem.work, { carryOut: true });
    const cpuEvaluated = cpuMilliseconds();
    scenarioOutcome(large, problem.work, spend, reference.constraints);
    evaluation.push(performance.now() - started);
    const cpuEnded = cpuMilliseconds();
    evaluationCpu.push(cpuEnded - cpuStarted);
    partCpu.evaluate.push(cpuEvaluated - cpuStarted);
    partCpu.intervals.push(cpuEnded - cpuEvaluated);
  }
  const optimumTimes: Record<string, number[]> = { mean: [], q10: [], 'mean-sd:1': [] };
  const optimumCpu: Record<string, number[]> = { mean: [], q10: [], 'mean-sd:1': [] };
  const risks: Record<string, Risk> = {
    mean: { kind: 'mean' },
    q10: { kind: 'quantile', quantile: 0.1 },
    'mean-sd:1': { kind: 'mean-sd', lambda: 1 },
  };
  const iterations: Record<string, number> = {};
  for (let i = 0; i < Math.max(3, Math.floor(repeats / 3)); i++)
    for (const [label, risk] of Object.entries(risks)) {
      const started = performance.now();
      const cpuStarted = cpuMilliseconds();
      const optimum = maximiseAtBudget(problemOf(reference, risk), reference.budget);
      optimumTimes[label].push(performance.now() - started);
      optimumCpu[label].push(cpuMilliseconds() - cpuStarted);
      iterations[label] = optimum.iterations;
    }
  const speed = table(
    [
      '20 ch × 2000 draws × 13 wk',
      'wall median ms',
      'wall min ms',
      'CPU median ms',
      'target',
      'iterations',
    ],
    [
      [
        'evaluate one scenario + 90% intervals',
        median(evaluation).toFixed(1),
        Math.min(...evaluation).toFixed(1),
        median(evaluationCpu).toFixed(1),
        '< 20 ms',
        '—',
      ],
      [
        '… of which evaluateAllocation (20 weeks)',
        '—',
        '—',
        median(partCpu.evaluate).toFixed(1),
        '—',
        '—',
      ],
      [
        '… of which scenarioOutcome (45 intervals)',
        '—',
        '—',
        median(partCpu.intervals).toFixed(1),
        '—',
        '—',
      ],
      ...Object.entries(optimumTimes).map(([label, times]) => [
        `fixed-budget optimum, ${label}`,
        median(times).toFixed(0),
        Math.min(...times).toFixed(0),
        median(optimumCpu[label]).toFixed(0),
        label === 'mean' ? '< 1000 ms' : '—',
        String(iterations[label]),
      ]),
    ],
  );
  process.stdout.write(`${speed}\n\n`);

  // Against SLSQP on the posterior-mean objective.
  const small = modelOf(5, 500, 2);
  const cases: Case[] = [
    caseOf('20 ch, budget 1.0×, ±30%', large, 1),
    caseOf('20 ch, budget 1.0×, 0–3×', large, 1, { bounds: 'wide' }),
    caseOf('20 ch, budget 1.5×, 0–3×', large, 1.5, { bounds: 'wide' }),
    caseOf('20 ch, budget 0.6×, 0–3×, group ≤ 20%', large, 0.6, {
      bounds: 'wide',
      groups: [
        {
          name: 'digital',
          channels: large.channelNames.slice(0, 6),
          minShare: null,
          maxShare: 0.2,
        },
      ],
    }),
    caseOf('5 ch × 500, budget 1.2×, ±30%', small, 1.2),
    caseOf('5 ch × 500, budget 0.5×, 0–3×', small, 0.5, { bounds: 'wide' }),
  ];
  const byModel = new Map<HorizonModel, Case[]>();
  for (const c of cases) byModel.set(c.model, [...(byModel.get(c.model) ?? []), c]);
  const slsqp = new Map<Case, ReturnType<typeof runSlsqp>[number]>();
  for (const [model, group] of byModel)
    runSlsqp(python, model, group).forEach((r, i) => slsqp.set(group[i], r));
  let allAtLeast = true;
  const rows = cases.map((c) => {
    const ours = problemOf(c);
    const started = performance.now();
    const optimum = maximiseAtBudget(ours, c.budget);
    const seconds = (performance.now() - started) / 1000;
    const theirs = slsqp.get(c)!;
    // Both allocations scored by the same function (ours), so only the allocation differs.
    const theirsValue = objectiveAt(ours, Float64Array.from(theirs.spend));
    const relative = (optimum.value - theirsValue) / Math.abs(theirsValue);
    const atLeast = relative >= -1e-6;
    allAtLeast &&= atLeast;
    const budgetGap = Math.abs(theirs.spend.reduce((a, b) => a + b, 0) - c.budget) / c.budget;
    return [
      c.name,
      optimum.value.toFixed(2),
      theirsValue.toFixed(2),
      relative.toExponential(2),
      atLeast ? 'yes' : 'NO',
      (1000 * seconds).toFixed(0),
      (1000 * theirs.seconds).toFixed(0),
      (theirs.seconds / seconds).toFixed(1),
      `${optimum.iterations} / ${theirs.iterations}${theirs.success ? '' : ` (${theirs.message})`}`,
      optimum.kktResidual.toExponential(1),
      budgetGap.toExponential(1),
    ];
  });
  const comparison = table(
    [
      'case',
      'ours E[KPI]',
      'SLSQP E[KPI]',
      '(ours − SLSQP)/|SLSQP|',
      'ours ≥ SLSQP (1e-6)',
      'ours ms',
      'SLSQP ms',
      'SLSQP/ours time',
      'iterations ours / SLSQP',
      'ours KKT residual',
      'SLSQP budget gap',
    ],
    rows,
  );
  process.stdout.write(
    `${comparison}\n\nours ≥ SLSQP on every case: ${allAtLeast ? 'yes' : 'NO'}\n`,
  );
  const record = flag('record', '');
  if (record)
    appendFileSync(
      record,
      `\n## bench:optimize ${startedAt.slice(0, 10)}\n\n${heading}\n\n${speed}\n\nSciPy SLSQP (ftol 1e-12, analytic gradient) on the same posterior-mean response; both allocations scored by our evaluator.\n\n${comparison}\n\nours ≥ SLSQP on every case: ${allAtLeast ? 'yes' : 'NO'}\n`,
    );
  if (!allAtLeast) process.exitCode = 1;
}

main();
