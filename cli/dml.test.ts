import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { estimateDml, timeFeatures, weeksFromDates } from '../models/causal';
import { createLearner } from '../models/learners';
import { createRng } from '../models/random/rng';
import { parseArguments, run as runCommand } from './commands/dml';
import { openNodeConnection, type ClosableSqlConnection } from './duckdbNode';

// One duckdb-wasm instance for all runs (each open costs seconds); `run` must not close it.
let shared: ClosableSqlConnection;
beforeAll(async () => {
  shared = await openNodeConnection();
});
afterAll(async () => {
  await shared.close();
  rmSync(dir, { recursive: true, force: true });
});
const run = (argv: string[]): Promise<number> =>
  runCommand(argv, { openConnection: async () => ({ ...shared, close: async () => undefined }) });

const dir = mkdtempSync(join(tmpdir(), 'mmm-dml-'));

/** Weekly data, rows written in shuffled order so the CLI must sort by date. */
function writeData(n: number): {
  path: string;
  y: Float64Array;
  tv: Float64Array;
  search: Float64Array;
  price: Float64Array;
  dates: string[];
} {
  const rng = createRng(77);
  const dates = Array.from({ length: n }, (_, t) =>
    new Date(Date.UTC(2022, 0, 3 + 7 * t)).toISOString().slice(0, 10),
  );
  const price = Float64Array.from({ length: n }, () => rng.normal());
  const tv = Float64Array.from(
    { length: n },
    (_, t) => 10 + 2 * Math.sin((2 * Math.PI * t) / 52) + price[t] + rng.normal(),
  );
  const search = Float64Array.from({ length: n }, (_, t) => 5 + 0.5 * tv[t] + rng.normal());
  const y = Float64Array.from(
    { length: n },
    (_, t) => 3 * tv[t] + 1 * search[t] - 2 * price[t] + 0.02 * t + rng.normal(),
  );
  const order = Array.from({ length: n }, (_, i) => i).reverse();
  const lines = [
    'date,sales,tv,search,price,label',
    ...order.map((t) => `${dates[t]},${y[t]},${tv[t]},${search[t]},${price[t]},w${t}`),
  ];
  const path = join(dir, `data${n}.csv`);
  writeFileSync(path, lines.join('\n') + '\n');
  return { path, y, tv, search, price, dates };
}

let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(
    (chunk: string | Uint8Array) => ((out += String(chunk)), true),
  );
  vi.spyOn(process.stderr, 'write').mockImplementation(
    (chunk: string | Uint8Array) => ((err += String(chunk)), true),
  );
});
afterEach(() => vi.restoreAllMocks());

describe('mmm dml', () => {
  it('--json prints one object equal to estimateDml on the same columns in date order with trend + Fourier terms', async () => {
    const data = writeData(104);
    const code = await run([
      data.path,
      '--outcome',
      'sales',
      '--treatments',
      'tv,search',
      '--controls',
      'price',
      '--learner',
      'ols',
      '--seed',
      '3',
      '--json',
    ]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(out) as {
      estimates: {
        treatment: string;
        theta: number;
        se: number;
        seHac: number;
        lo: number;
        hi: number;
        pValue: number;
      }[];
      nuisance: Record<string, { outcomeRmse: number[][] }>;
      timing: { totalSeconds: number };
    };
    const time = timeFeatures(weeksFromDates(data.dates), 2).matrix;
    const controls = { rows: 104, cols: 6, data: new Float64Array(104 * 6) };
    for (let i = 0; i < 104; i++) {
      controls.data[i * 6] = data.price[i];
      controls.data.set(time.data.subarray(i * 5, i * 5 + 5), i * 6 + 1);
    }
    const direct = estimateDml({
      y: data.y,
      treatments: [
        { name: 'tv', values: data.tv },
        { name: 'search', values: data.search },
      ],
      controls,
      options: { learner: createLearner('ols'), seed: 3 },
    });
    expect(report.estimates.map((e) => e.treatment)).toEqual(['tv', 'search']);
    report.estimates.forEach((e, j) => {
      expect(e.theta).toBeCloseTo(direct.estimates[j].theta, 9);
      expect(e.seHac).toBeCloseTo(direct.estimates[j].seHac, 9);
      expect(e.lo).toBeCloseTo(direct.estimates[j].lo, 9);
      expect(e.lo).toBeLessThan(e.hi);
    });
    expect(Math.abs(report.estimates[0].theta - 3)).toBeLessThan(5 * report.estimates[0].seHac);
    expect(report.nuisance.tv.outcomeRmse[0]).toHaveLength(5);
    expect(report.timing.totalSeconds).toBeGreaterThanOrEqual(0);
  });

  it('bad input: one clear line on stderr and a non-zero exit', async () => {
    const data = writeData(104);
    const small = writeData(8);
    const cases: [string[], RegExp][] = [
      [[data.path, '--outcome', 'sales', '--treatments', 'tv,radio'], /no column 'radio'/],
      [[data.path, '--outcome', 'sales', '--treatments', 'label'], /'label' is not numeric/],
      [
        [small.path, '--outcome', 'sales', '--treatments', 'tv', '--learner', 'ols'],
        /8 observations are too few for 5 folds/,
      ],
      [[join(dir, 'missing.csv'), '--outcome', 'sales', '--treatments', 'tv'], /cannot read/],
      [[data.path, '--treatments', 'tv'], /missing --outcome/],
      [
        [data.path, '--outcome', 'sales', '--treatments', 'tv', '--folds', 'x'],
        /--folds must be an integer/,
      ],
    ];
    for (const [argv, message] of cases) {
      err = '';
      out = '';
      const code = await run(argv);
      expect(code).not.toBe(0);
      expect(err).toMatch(message);
      expect(err).not.toMatch(/\n\s+at /); // no stack trace
      expect(out).toBe('');
    }
  });

  it('reports the row of a missing value', async () => {
    const path = join(dir, 'gap.csv');
    const rows = Array.from(
      { length: 30 },
      (_, i) => `${i},${i % 7},${i === 11 ? '' : (i * 3) % 5}`,
    );
    writeFileSync(path, ['kpi,tv,search', ...rows].join('\n') + '\n');
    const code = await run([
      path,
      '--outcome',
      'kpi',
      '--treatments',
      'tv,search',
      '--learner',
      'ols',
    ]);
    expect(code).toBe(1);
    expect(err).toMatch(/column 'search' has a missing or unreadable value in row 12/);
  });

  it('parses options', () => {
    const args = parseArguments([
      'f.csv',
      '--outcome',
      'y',
      '--treatments',
      'a, b',
      '--fold-scheme',
      'nlo',
      '--gap=2',
      '--se',
      'iid',
      '--adstock',
      'a=0.5:4',
      '--sensitivity',
      '0.03,0.03,1',
      '--score',
      'iv',
    ]);
    expect(args.treatments).toEqual(['a', 'b']);
    expect(args.options).toMatchObject({
      foldScheme: 'neighbours-left-out',
      gap: 2,
      standardError: 'iid',
      score: 'iv-type',
      adstock: { a: { alpha: 0.5, maxLag: 4 } },
      sensitivity: { cfY: 0.03, cfD: 0.03, rho: 1 },
    });
    expect(() =>
      parseArguments(['f.csv', '--outcome', 'y', '--treatments', 'a', '--adstock', 'b=0.5:4']),
    ).toThrow(/not among --treatments/);
    expect(() =>
      parseArguments(['f.csv', '--outcome', 'y', '--treatments', 'a', '--bogus', '1']),
    ).toThrow(/unknown option --bogus/);
  });
});
