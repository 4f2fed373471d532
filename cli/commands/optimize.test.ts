import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readPlanFile } from '../plan/planFiles';
import { capture, useSharedConnection, type Captured } from '../testing/commandHarness';
import { run } from './optimize';

const REPORT = 'models/report/fixtures/fit-result.v2.json';
const MERIDIAN = process.env.MMM_DATASETS
  ? join(process.env.MMM_DATASETS, 'meridian__hypothetical_geo_all_channels.csv')
  : '../shared/datasets/meridian__hypothetical_geo_all_channels.csv';
const PLAN = 'models/plan/fixtures/plan.v1.1.mmmplan';
const openConnection = useSharedConnection();
let directory: string;
let out: Captured;
let err: Captured;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'mmm-optimize-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));
beforeEach(() => {
  out = capture();
  err = capture();
});

const optimize = (argv: string[]) => run(argv, { stdout: out, stderr: err, openConnection });

describe('mmm optimize', () => {
  it('prints the contract JSON: allocation, expected KPI and ROI with intervals, the budget kept', async () => {
    expect(await optimize([REPORT, '--budget', '1300000', '--json'])).toBe(0);
    const output = JSON.parse(out.text());
    expect(Object.keys(output)).toEqual(
      expect.arrayContaining([
        'allocation',
        'expected',
        'objective',
        'budget',
        'weeks',
        'converged',
        'seconds',
      ]),
    );
    expect(output.objective).toBe('max-kpi');
    expect(output.weeks).toBe(13);
    expect(output.converged).toBe(true);
    expect(output.budget).toBeCloseTo(1_300_000, 2);
    expect(output.allocation.map((a: { channel: string }) => a.channel)).toEqual([
      'tv_spend',
      'search_spend',
    ]);
    for (const entry of output.allocation) {
      expect(Object.keys(entry)).toEqual(
        expect.arrayContaining(['channel', 'spend', 'reference', 'mroi', 'atBound']),
      );
      expect(entry.mroi.lo).toBeLessThanOrEqual(entry.mroi.mean);
      expect(entry.mroi.mean).toBeLessThanOrEqual(entry.mroi.hi);
      expect(entry.spend).toBeLessThanOrEqual(1.3 * entry.reference * (1 + 1e-9));
    }
    for (const key of ['kpi', 'roi']) {
      const interval = output.expected[key];
      expect(interval.lo).toBeLessThanOrEqual(interval.mean);
      expect(interval.mean).toBeLessThanOrEqual(interval.hi);
    }
    expect(output.expected.roi.mean).toBeCloseTo(output.expected.kpi.mean / output.budget, 8);
    // The fixture's fit failed its gate: the output says provisional.
    expect(output.provisional).toBe(true);
    expect(err.text()).toMatch(/provisional/);
  });

  it('takes absolute bounds with a currency suffix, locks and a risk measure', async () => {
    const argv = [
      REPORT,
      '--budget',
      '1200000',
      '--bounds',
      'tv_spend=500000:800000USD',
      '--lock',
      'search_spend',
      '--risk',
      'q10',
      '--json',
    ];
    expect(await optimize(argv)).toBe(0);
    const output = JSON.parse(out.text());
    const [tv, search] = output.allocation;
    expect(search.atBound).toBe('locked');
    expect(search.spend).toBeCloseTo(search.reference, 6);
    expect(tv.spend).toBeCloseTo(1_200_000 - search.reference, 4);
    expect(output.risk).toBe('q10');
  });

  it('min-spend, target-roi and target-mroi find their budgets', async () => {
    expect(
      await optimize([
        REPORT,
        '--objective',
        'target-mroi',
        '--target',
        '3',
        '--bounds',
        'tv_spend=0:5,search_spend=0:5',
        '--json',
      ]),
    ).toBe(0);
    const mroi = JSON.parse(out.text());
    expect(mroi.objective).toBe('target-mroi');
    for (const entry of mroi.allocation)
      if (entry.atBound === null) expect(entry.mroi.mean).toBeCloseTo(3, 4);
    out = capture();
    expect(
      await optimize([
        REPORT,
        '--objective',
        'min-spend',
        '--target',
        String(mroi.expected.kpi.mean),
        '--bounds',
        'tv_spend=0:5,search_spend=0:5',
        '--json',
      ]),
    ).toBe(0);
    expect(JSON.parse(out.text()).budget).toBeCloseTo(mroi.budget, -1);
  });

  it('refuses an infeasible plan naming the constraint, and bad flags, without a stack trace', async () => {
    expect(await optimize([REPORT, '--budget', '100'])).toBe(1);
    expect(err.text()).toMatch(
      /^mmm optimize: the budget 100 is less than the channels' lower bounds add up to/,
    );
    err = capture();
    expect(await optimize([REPORT, '--bounds', 'radio=0:1'])).toBe(1);
    expect(err.text()).toMatch(/bounds: unknown channel 'radio'/);
    err = capture();
    expect(await optimize([REPORT, '--objective', 'min-spend'])).toBe(2);
    expect(err.text()).toMatch(/--objective min-spend needs --target/);
    err = capture();
    expect(await optimize([REPORT, '--risk', 'q'])).toBe(2);
    expect(err.text()).toMatch(/--risk: 'q' is not mean/);
    err = capture();
    expect(await optimize([REPORT, '--out', join(directory, 'plan.json')])).toBe(1);
    expect(err.text()).toMatch(/--out: '.*plan\.json' is not a plan file \(name it \*\.mmmplan\)/);
    err = capture();
    expect(await optimize([join(directory, 'missing.json')])).toBe(1);
    expect(err.text()).toMatch(/missing\.json: no such file/);
    expect(err.text()).not.toMatch(/\n\s+at /);
  });

  it('reads weekly flighting from a CSV in Meridian shape (geos summed per week) with DuckDB', async () => {
    const rows = ['geo,time,tv_spend,search_spend,Promo'];
    for (let k = 0; k < 14; k++)
      for (const geo of ['a', 'b'])
        rows.push(
          `${geo},${new Date(Date.UTC(2025, 0, 6 + 7 * k)).toISOString().slice(0, 10)},${k === 0 ? 0 : 100},${k + 1},1`,
        );
    const path = join(directory, 'plan.csv');
    writeFileSync(path, rows.join('\n'));
    expect(await optimize([REPORT, '--flighting', path, '--json'])).toBe(0);
    expect(JSON.parse(out.text()).flighting).toBe('plan.csv');
    out = capture();
    writeFileSync(path, 'time,tv_spend\n2025-01-06,1\n');
    expect(await optimize([REPORT, '--flighting', path])).toBe(1);
    expect(err.text()).toMatch(
      /flighting file 'plan.csv': no spend column for channel 'search_spend'/,
    );
  });

  it('plans on a plan file and writes the optimised scenario as its next revision', async () => {
    const path = join(directory, 'next.mmmplan');
    expect(await optimize([PLAN, '--budget', '1200000', '--out', path, '--json'])).toBe(0);
    expect(JSON.parse(out.text()).budget).toBeCloseTo(1_200_000, 2);
    const written = await readPlanFile(path);
    if (!written.ok) throw new Error(written.message);
    const opened = await readPlanFile(PLAN);
    if (!opened.ok) throw new Error(opened.message);
    expect(written.plan.revision).toBe(opened.plan.revision + 1);
    expect(written.plan.parentIds).toEqual([opened.plan.planId]);
    const ids = written.plan.scenarios.map((s) => s.id);
    expect(ids).toEqual([
      ...opened.plan.scenarios.map((s) => s.id).filter((id) => id !== 'optimised'),
      'optimised',
    ]);
    const optimised = written.plan.scenarios.at(-1)!;
    expect(optimised.result.total.spend).toBeCloseTo(1_200_000, 2);
    expect(optimised.inputs.objective).toEqual({ kind: 'max-kpi', budget: 1_200_000 });
  });

  it.skipIf(!existsSync(MERIDIAN))(
    "reads Meridian's hypothetical_geo_all_channels.csv",
    async () => {
      const { readFlightingCsv } = await import('../../models/planning/flightingCsv');
      const { readFileSync } = await import('node:fs');
      const flighting = await readFlightingCsv({
        connection: await openConnection(),
        fileName: 'meridian__hypothetical_geo_all_channels.csv',
        bytes: readFileSync(MERIDIAN),
        channelNames: ['Channel0', 'Channel1', 'Channel2', 'Channel3', 'Channel4'],
        horizonWeeks: 13,
      });
      expect(flighting.weeks).toHaveLength(13);
      expect(flighting.spend.Channel0.every((v) => v > 0)).toBe(true);
    },
  );
});
