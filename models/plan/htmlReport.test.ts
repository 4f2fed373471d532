import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FitReport } from '../report/fitReportSchema';
import { parseFitReport } from '../report/parseFitReport';
import { buildPlan } from './buildPlan';
import { planReportHtml } from './htmlReport';
import { intervalText } from './planSummary';
import { allocationSvg, responseCurveSvg } from './svgCharts';
import { testPlan, testScenario, TEST_WRITER } from './testPlans';

const fit = parseFitReport(readFileSync('models/report/fixtures/fit-result.v2.json', 'utf8'));
if (!fit.ok) throw new Error(fit.message);
const report = fit.report;
const EVIL = '<img src=x onerror="alert(1)"><script>alert(2)</script>';

/** The report with its first channel renamed everywhere it appears. */
function renamed(name: string): FitReport {
  const from = report.channels[0].name;
  const swap = (channel: string) => (channel === from ? name : channel);
  return {
    ...report,
    data: { ...report.data, channels: report.data.channels.map(swap) },
    channels: report.channels.map((c) => ({ ...c, name: swap(c.name) })),
    responseCurves: report.responseCurves.map((c) => ({ ...c, channel: swap(c.channel) })),
  };
}

function expectStatic(html: string): void {
  expect(html).not.toMatch(/<script|<iframe|<object|<embed|<link|<img|<a\s/i);
  // Attributes are checked inside real tags only: escaped text holds no '<'.
  const tags = [...html.matchAll(/<[a-zA-Z][^>]*>/g)].map((m) => m[0]);
  const handlers = tags.filter((tag) => /\son[a-z]+\s*=/i.test(tag.replace(/"[^"]*"/g, '""')));
  expect(handlers).toEqual([]);
  expect(html).not.toMatch(/javascript:|https?:\/\/|url\(/i);
  expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'`);
  for (const tag of ['section', 'table', 'svg', 'dl'])
    expect(html.split(`<${tag}`).length, tag).toBe(html.split(`</${tag}>`).length);
}

describe('planReportHtml', () => {
  const plan = testPlan(report).plan;
  const html = planReportHtml(plan, { generatedAt: '2026-01-05T00:00:00.000Z' });

  it('has every section the issue names, in order', () => {
    const order = ['headline', 'gate', 'roi', 'curves', 'scenario', 'notes', 'lineage'].map((s) =>
      html.indexOf(`data-section="${s}"`),
    );
    expect(order.every((index) => index > 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
  });

  it('shows the plan’s own numbers: ROI intervals, gate verdict, the chosen scenario', () => {
    for (const channel of report.channels) expect(html).toContain(intervalText(channel.roi));
    expect(html).toContain('Quality gate: failed');
    expect(html).toContain('Chosen scenario: Scenario a');
    expect(html).toContain(intervalText(plan.scenarios[0].result.total.incremental));
    expect(html).toContain(plan.contentHash);
    expect(html.match(/<svg/g)).toHaveLength(report.responseCurves.length + 1);
  });

  it('is static: no scripts, handlers or external loads', () => {
    expectStatic(html);
  });

  it('escapes every text that came from the file', () => {
    const hostile = buildPlan(
      {
        report: renamed(EVIL),
        title: EVIL,
        author: EVIL,
        notes: `${EVIL}\nsecond line`,
        scenarios: [
          {
            ...testScenario(renamed(EVIL), 'x', [1, 2]),
            inputs: { ...testScenario(renamed(EVIL), 'x', [1, 2]).inputs, name: EVIL },
          },
        ],
        chosenScenarioId: 'x',
      },
      { writtenBy: TEST_WRITER },
    ).plan;
    const page = planReportHtml(hostile);
    expectStatic(page);
    expect(page).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;script&gt;');
  });

  it('says so when there is no scenario yet', () => {
    const bare = buildPlan(
      { report, title: 'Bare', author: '', notes: '', scenarios: [], chosenScenarioId: null },
      { writtenBy: TEST_WRITER },
    ).plan;
    const page = planReportHtml(bare);
    expect(page).toContain('No scenario has been planned yet.');
    expect(page).not.toContain('data-section="notes"');
    expectStatic(page);
  });
});

describe('responseCurveSvg', () => {
  const points = (svg: string, tag: string) =>
    new RegExp(`<${tag} class="[a-z]+" points="([^"]+)"`)
      .exec(svg)![1]
      .split(' ')
      .map((p) => p.split(',').map(Number));

  it('maps the grid onto the plot: 0 at the bottom-left corner, the maximum at the top', () => {
    const svg = responseCurveSvg({
      channel: 'tv',
      spend: [0, 50, 100],
      mean: [0, 6, 8],
      lower: [0, 5, 7],
      upper: [0, 7, 10],
      currentSpend: 50,
    });
    const mean = points(svg, 'polyline');
    expect(mean).toEqual(
      [
        [52, 160],
        [180, 160 - (6 / 10) * 134],
        [308, 160 - (8 / 10) * 134],
      ].map(([x, y]) => [Math.round(x * 10) / 10, Math.round(y * 10) / 10]),
    );
    expect(points(svg, 'polygon')).toHaveLength(6);
    expect(points(svg, 'polygon')[2]).toEqual([308, 26]);
    expect(svg).toContain('x1="180"');
  });

  it('stays finite on a flat zero curve', () => {
    const svg = responseCurveSvg({
      channel: 'z',
      spend: [0, 0],
      mean: [0, 0],
      lower: [0, 0],
      upper: [0, 0],
      currentSpend: 0,
    });
    expect(svg).not.toMatch(/NaN|Infinity/);
  });
});

describe('allocationSvg', () => {
  it('draws bar lengths proportional to spend', () => {
    const svg = allocationSvg([
      { channel: 'a', reference: 100, spend: 50 },
      { channel: '<b>', reference: 0, spend: 25 },
    ]);
    const widths = [
      ...svg.matchAll(/class="(reference|chosen)" x="120" y="(?!6")\d+" width="([\d.]+)"/g),
    ].map((m) => Number(m[2]));
    // Scale: 100 → 450 px (640 − 70 − 120).
    expect(widths).toEqual([450, 225, 0, 112.5]);
    expect(svg).toContain('&lt;b&gt;');
  });
});
