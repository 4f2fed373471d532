import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FitReport } from '../report/fitReportSchema';
import { parseFitReport } from '../report/parseFitReport';
import { buildPlan, nextRevision } from './buildPlan';
import { diffPlans } from './diff';
import { intervalOverlap } from './intervalOverlap';
import { openPlanText } from './openPlan';
import { testPlan, testScenario, TEST_WRITER } from './testPlans';

const fit = parseFitReport(readFileSync('models/report/fixtures/fit-result.v2.json', 'utf8'));
if (!fit.ok) throw new Error(fit.message);
const report = fit.report;
const a = testPlan(report);

/** A refit of `report`: later window, another adstock prior, ROI and curves scaled by `factor`. */
function refit(factor: number): FitReport {
  const scale = (i: { mean: number; lo: number; hi: number }) => ({
    mean: i.mean * factor,
    lo: i.lo * factor,
    hi: i.hi * factor,
  });
  return {
    ...report,
    spec: {
      ...report.spec,
      maxLag: 12,
      priors: { ...report.spec.priors, noise: { distribution: 'halfNormal', sd: 0.5 } },
    },
    sampler: { ...report.sampler, seed: 99 },
    data: {
      ...report.data,
      fingerprint: 'ffffffffffffffff',
      lastWeek: '2025-03-31',
      weeks: 170,
      controls: [],
      files: [
        { ...report.data.files[0], sha256: 'f'.repeat(64) },
        { name: 'extra.csv', size: 1, sha256: null, rows: 1, columns: ['x'] },
      ],
    },
    channels: report.channels.map((c) => ({ ...c, roi: scale(c.roi), mroi: scale(c.mroi) })),
    responseCurves: report.responseCurves.map((curve) => ({
      ...curve,
      mean: curve.mean.map((v) => v * factor),
    })),
  };
}

describe('diffPlans', () => {
  it('finds nothing between a plan and itself', () => {
    const diff = diffPlans(a.plan, a.plan);
    expect(diff.relation).toBe('same plan');
    expect([...diff.text, ...diff.spec, ...diff.sampler]).toEqual([]);
    expect(diff.data.fingerprint.changed).toBe(false);
    expect(diff.data.window.changed).toBe(false);
    for (const channel of diff.channels) {
      expect(channel.roi.change).toBe(0);
      expect(channel.roi.overlap).toBe(1);
      expect(channel.curveAtReference?.change).toBe(0);
    }
    expect(diff.scenarios.map((s) => s.status)).toEqual(['unchanged']);
  });

  it('an edited revision: its lineage and the edited text only', () => {
    const opened = openPlanText(a.text);
    if (!opened.ok) throw new Error(opened.message);
    const b = nextRevision(
      opened,
      { ...opened.plan, notes: 'Second thoughts.' },
      { writtenBy: TEST_WRITER },
    );
    const diff = diffPlans(a.plan, b.plan);
    expect(diff.relation).toBe('b revises a');
    expect(diffPlans(b.plan, a.plan).relation).toBe('a revises b');
    expect(diff.text).toEqual([{ path: 'notes', before: 'Notes.', after: 'Second thoughts.' }]);
    expect(diff.spec).toEqual([]);
  });

  it('a refit: spec, prior and sampler changes, data window and files, ROI drift with overlap, curve drift', () => {
    const factor = 1.25;
    const b = buildPlan(
      {
        report: refit(factor),
        title: 'Refit',
        author: 'Tester',
        notes: 'Notes.',
        scenarios: [
          testScenario(
            report,
            'b',
            report.channels.map((c) => c.spend / 10),
          ),
        ],
        chosenScenarioId: null,
      },
      { writtenBy: TEST_WRITER },
    );
    const diff = diffPlans(a.plan, b.plan);
    expect(diff.relation).toBe('unrelated');
    expect(diff.spec.map((c) => c.path)).toEqual(['spec.maxLag', 'spec.priors.noise.sd']);
    expect(diff.spec[0]).toMatchObject({ before: 8, after: 12 });
    expect(diff.sampler).toEqual([{ path: 'sampler.seed', before: 3, after: 99 }]);
    expect(diff.data.fingerprint).toEqual({
      a: report.data.fingerprint,
      b: 'ffffffffffffffff',
      changed: true,
    });
    expect(diff.data.window).toMatchObject({
      changed: true,
      b: { lastWeek: '2025-03-31', weeks: 170 },
    });
    expect(diff.data.filesAdded).toEqual(['extra.csv']);
    expect(diff.data.filesChanged).toEqual(['media_weekly_wide.csv']);
    expect(diff.data.controlsRemoved).toEqual(['price_index']);
    diff.channels.forEach((channel, c) => {
      const before = report.channels[c].roi;
      expect(channel.roi.change).toBeCloseTo(before.mean * (factor - 1), 9);
      expect(channel.roi.relativeChange).toBeCloseTo(factor - 1, 12);
      const after = { mean: before.mean * factor, lo: before.lo * factor, hi: before.hi * factor };
      expect(channel.roi.overlap).toBe(intervalOverlap(before, after));
      // Same spend grid: the reference spend is a grid point, so b's value there is exact.
      const curve = report.responseCurves[c];
      expect(channel.curveAtReference?.spend).toBe(curve.currentSpend);
      expect(channel.curveAtReference?.change).toBeCloseTo(
        curve.mean[curve.currentIndex] * (factor - 1),
        6,
      );
    });
    expect(diff.scenarios.map((s) => [s.name, s.status])).toEqual([
      ['Scenario a', 'removed'],
      ['Scenario b', 'added'],
    ]);
  });

  it('pairs scenarios by id, then by name, and reports each channel’s allocation change', () => {
    const spendA = report.channels.map((c) => c.spend / 12);
    const spendB = spendA.map((s, i) => (i === 0 ? s * 2 : s));
    const renamed = {
      ...testScenario(report, 'other-id', spendB),
      inputs: { ...testScenario(report, 'other-id', spendB).inputs, name: 'Scenario a' },
    };
    const b = buildPlan(
      { report, title: 'T', author: '', notes: '', scenarios: [renamed], chosenScenarioId: null },
      { writtenBy: TEST_WRITER },
    );
    const [scenario] = diffPlans(a.plan, b.plan).scenarios;
    expect(scenario.status).toBe('changed');
    expect(scenario.allocation[0].change).toBeCloseTo(spendA[0], 6);
    expect(scenario.allocation[1].change).toBe(0);
  });
});
