/**
 * The report → chart data path on a real fit report (fixtures/fit-result.sample.json, written by
 * `mmm fit` from fixtures/make-fixture.sh: 7 channels, 3 controls, 8 holdout weeks, a failed gate)
 * and on the version-1 fixture, which lacks the optional views.
 */
import { readFileSync } from 'node:fs';
import type { EChartsOption } from 'echarts';
import { describe, expect, it } from 'vitest';
import { parseFitReport, type FitReport } from '../../models/report';
import { adstockHeight, adstockRows, buildAdstockOption } from './adstockOption';
import { buildDecompositionOption, decompositionRows } from './decompositionOption';
import { buildFitOption, fitRows } from './fitOption';
import { bandCoverage, buildPpcOption, ppcRows } from './ppcOption';
import { buildPriorPreviewOption } from './priorPreviewOption';
import {
  breakEvenSpend,
  buildResponseCurvesOption,
  responseCurveRows,
  responseCurvesHeight,
} from './resultsCurvesOption';
import { CHART_THEMES, FAILED_GATE_NOTE, smallMultiples, themedOption } from './resultsChart';
import { buildRoiOption, roiRows, sortedChannels } from './roiOption';
import { buildTraceOption, rankHistograms, traceRows } from './traceOption';
import { buildWaterfallOption, waterfallSteps } from './waterfallOption';

function load(path: string): FitReport {
  const parsed = parseFitReport(readFileSync(new URL(path, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.report;
}

const report = load('./fixtures/fit-result.sample.json');
const v1 = load('../../models/report/fixtures/fit-result.v1.json');

type AnySeries = {
  name?: string;
  type?: string;
  data?: unknown[];
  stack?: string;
  markArea?: unknown;
  markPoint?: { data: { name: string; coord: [number, number] }[] };
};
const seriesOf = (option: EChartsOption) => option.series as AnySeries[];
const named = (option: EChartsOption, name: string) =>
  seriesOf(option).find((s) => s.name === name);
const gateNote = (option: EChartsOption) =>
  JSON.stringify(option.graphic).includes(FAILED_GATE_NOTE);

describe('results charts on a real report', () => {
  it('marks every chart of a failed fit as provisional, and none of a passed one', () => {
    expect(report.diagnostics.gatePassed).toBe(false);
    const options = [
      buildFitOption(report),
      buildDecompositionOption(report, { bands: false }),
      buildWaterfallOption(report),
      buildRoiOption(report, 'roi'),
      buildResponseCurvesOption(report, { mode: 'grid' }),
      buildAdstockOption(report)!,
      buildTraceOption(report, report.parameters[0].name)!,
      buildPpcOption(report)!,
    ];
    for (const option of options) expect(gateNote(option)).toBe(true);
    const passed = { ...report, diagnostics: { ...report.diagnostics, gatePassed: true } };
    expect(gateNote(buildFitOption(passed))).toBe(false);
  });

  it('actual vs fitted: the predictive band around the mean, holdout shaded from its first week', () => {
    const option = buildFitOption(report);
    const fitted = named(option, 'fitted (posterior mean)')!;
    expect(fitted.data).toEqual(report.decomposition.fitted.mean);
    const width = named(option, '90% predictive band')!.data as number[];
    const lower = named(option, '90% predictive band lower')!.data as number[];
    report.decomposition.dates.forEach((_, t) => {
      expect(lower[t]).toBeCloseTo(report.predictive!.lower[t], 6);
      expect(lower[t] + width[t]).toBeCloseTo(report.predictive!.upper[t], 6);
      expect(lower[t]).toBeLessThan(report.decomposition.fitted.mean[t]);
    });
    expect(JSON.stringify(fitted.markArea)).toContain(report.decomposition.dates[148]);
    const rows = fitRows(report);
    expect(rows).toHaveLength(157);
    expect(rows[149][5]).toBe(true);
    expect(rows[148][5]).toBe(false);
    // A v1 report has no predictive band: the band of the mean, named so.
    expect(named(buildFitOption(v1), '90% band of the mean')).toBeDefined();
  });

  it('decomposition: stacked means add up to the fitted mean; bands unstack into lines', () => {
    const stacked = buildDecompositionOption(report, { bands: false });
    const parts = seriesOf(stacked).filter((s) => s.stack === 'parts');
    expect(parts.map((s) => s.name)).toEqual(report.decomposition.components.map((c) => c.name));
    for (const t of [0, 60, 155]) {
      const sum = parts.reduce((total, s) => total + (s.data as number[])[t], 0);
      expect(sum / report.decomposition.fitted.mean[t]).toBeCloseTo(1, 9);
    }
    const banded = buildDecompositionOption(report, { bands: true });
    expect(seriesOf(banded).some((s) => s.stack === 'parts')).toBe(false);
    expect(seriesOf(banded).filter((s) => s.name?.endsWith('90% band'))).toHaveLength(
      report.decomposition.components.length,
    );
    expect(decompositionRows(report)[0]).toContain('tv_upper');
  });

  it('waterfall: steps chain from 0 to the total fitted contribution, whiskers hold each mean', () => {
    const steps = waterfallSteps(report);
    expect(steps[0].start).toBe(0);
    for (let k = 1; k < steps.length; k++) expect(steps[k].start).toBe(steps[k - 1].end);
    const total = report.decomposition.components.reduce((a, c) => a + c.total.mean, 0);
    expect(steps[steps.length - 1].end).toBeCloseTo(total, 6);
    for (const step of steps) {
      expect(step.lower).toBeLessThanOrEqual(step.end + 1e-6);
      expect(step.upper).toBeGreaterThanOrEqual(step.end - 1e-6);
    }
    const option = buildWaterfallOption(report);
    expect((option.xAxis as { data: string[] }).data).toHaveLength(steps.length + 1);
  });

  it('ROI and mROI: sorted as asked, intervals from the report, y positions 0 … n − 1', () => {
    const byRoi = sortedChannels(report, 'roi').map((c) => c.roi.mean);
    expect(byRoi).toEqual([...byRoi].sort((a, b) => b - a));
    const byName = sortedChannels(report, 'name').map((c) => c.name);
    expect(byName).toEqual([...byName].sort());
    const option = buildRoiOption(report, 'mroi');
    const means = seriesOf(option).filter((s) => s.type === 'scatter');
    const top = sortedChannels(report, 'mroi')[0];
    expect((means[1].data as number[][])[0]).toEqual([top.mroi.mean, 6 + 0.17]);
    expect(roiRows(report, 'spend')[1][0]).toBe(sortedChannels(report, 'spend')[0].name);
  });

  it('response curves: current spend and mROI = 1 marked; small multiples grow with channels', () => {
    const tv = report.responseCurves.find((c) => c.channel === 'tv')!;
    const single = buildResponseCurvesOption(report, { mode: 'single', channel: 'tv' });
    const line = named(single, 'tv')!;
    const now = line.markPoint!.data.find((p) => p.name === 'current spend')!;
    expect(now.coord).toEqual([tv.currentSpend, tv.mean[tv.currentIndex]]);
    const breakEven = breakEvenSpend(tv);
    const marked = line.markPoint!.data.find((p) => p.name === 'mROI = 1');
    expect(marked?.coord[0] ?? null).toBe(breakEven);
    const grid = buildResponseCurvesOption(report, { mode: 'grid' });
    expect((grid.grid as unknown[]).length).toBe(7);
    expect(responseCurvesHeight(report, { mode: 'grid' })).toBe(
      smallMultiples(7, 3, 130).totalHeight,
    );
    // 20 channels: 4 columns, 5 rows, every panel at least 130 px tall.
    expect(smallMultiples(20, 4, 130).cells[19].top).toBe(40 + 4 * 178);
    expect(responseCurveRows(report)).toHaveLength(1 + 7 * 21);
  });

  it('break-even spend: exact for a concave curve with a known slope', () => {
    // R(s) = 1000 (1 − e^(−s/500)): slope 2 e^(−s/500) = 1 at s = 500 ln 2 ≈ 346.6.
    const spend = Array.from({ length: 201 }, (_, k) => k * 10);
    const mean = spend.map((s) => 1000 * (1 - Math.exp(-s / 500)));
    expect(breakEvenSpend({ spend, mean })!).toBeCloseTo(500 * Math.log(2), 0);
    // Always below 1, or still above 1 at the end: none.
    expect(breakEvenSpend({ spend, mean: spend.map((s) => 0.5 * s) })).toBeNull();
    expect(breakEvenSpend({ spend, mean: spend.map((s) => 3 * s) })).toBeNull();
  });

  it('adstock, trace/rank and PPC come from the optional report parts; absent in v1', () => {
    const adstock = buildAdstockOption(report)!;
    expect(seriesOf(adstock).filter((s) => s.type === 'line' && !s.stack)).toHaveLength(7);
    expect(adstockHeight(report)).toBeGreaterThan(200);
    expect(adstockRows(report)).toHaveLength(1 + 7 * report.spec.maxLag);
    const name = report.parameters[7].name;
    const trace = buildTraceOption(report, name)!;
    expect(seriesOf(trace)).toHaveLength(2 * report.sampler.chains);
    expect(traceRows(report, name)).toHaveLength(1 + 2 * 100);
    const ppc = buildPpcOption(report)!;
    // The 20 replicates in one series, in order, a gap ('-') after each.
    const replicated = seriesOf(ppc).filter((s) => s.name === 'replicated');
    expect(replicated).toHaveLength(1);
    const points = replicated[0].data as [string, number | '-'][];
    const weeks = report.decomposition.dates.length;
    expect(points).toHaveLength(20 * (weeks + 1));
    report.predictive!.replicates.forEach((values, r) => {
      const run = points.slice(r * (weeks + 1), (r + 1) * (weeks + 1));
      expect(run.slice(0, weeks)).toEqual(values.map((v, t) => [report.decomposition.dates[t], v]));
      expect(run[weeks][1]).toBe('-');
    });
    expect(ppcRows(report)[0]).toHaveLength(4 + 20);
    const coverage = bandCoverage(report)!;
    expect(coverage).toBeGreaterThan(0.6);
    expect(coverage).toBeLessThanOrEqual(1);
    expect(buildAdstockOption(v1)).toBeNull();
    expect(buildTraceOption(v1, 'level')).toBeNull();
    expect(buildPpcOption(v1)).toBeNull();
  });

  it('rank histograms: equal draws split evenly; a chain stuck high holds the top ranks', () => {
    const mixed = rankHistograms(
      [
        [1, 4, 5, 8],
        [2, 3, 6, 7],
      ],
      2,
    );
    expect(mixed).toEqual([
      [2, 2],
      [2, 2],
    ]);
    const stuck = rankHistograms(
      [
        [10, 11, 12, 13],
        [1, 2, 3, 4],
      ],
      2,
    );
    expect(stuck).toEqual([
      [0, 4],
      [4, 0],
    ]);
    // Ties share their average rank.
    expect(
      rankHistograms(
        [
          [1, 1],
          [1, 1],
        ],
        4,
      )
        .flat()
        .reduce((a, b) => a + b, 0),
    ).toBe(4);
  });

  it('prior preview and theming', () => {
    const preview = {
      draws: 2,
      roi: [{ channel: 'tv', mean: 1.2, lower: 0.3, upper: 3 }],
      curves: [
        {
          channel: 'tv',
          spend: [0, 1, 2],
          mean: [0, 1, 1.5],
          lower: [0, 0.5, 0.7],
          upper: [0, 2, 3],
          currentIndex: 1,
        },
      ],
      examples: [
        [
          [0, 1, 1.4],
          [0, 0.8, 1.2],
        ],
      ],
    };
    const option = buildPriorPreviewOption(preview, 'tv');
    expect(seriesOf(option).filter((s) => s.name === 'prior draw')).toHaveLength(2);
    const dark = themedOption(buildFitOption(report), CHART_THEMES.dark);
    expect(dark.textStyle).toEqual({ color: CHART_THEMES.dark.text });
    expect(JSON.stringify(dark.yAxis)).toContain(CHART_THEMES.dark.muted);
  });
});
