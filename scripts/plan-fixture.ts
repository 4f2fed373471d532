/**
 * Writes the plan fixture of the current format version (models/plan/fixtures/README.md):
 * `npx tsx scripts/plan-fixture.ts` → models/plan/fixtures/plan.v<major>.<minor>.mmmplan, from the
 * fit result fixture with one manual scenario. The scenario's numbers are illustrative (ROI ×
 * spend of the reference weeks), not a planner's answer: the fixture pins the file format only.
 * Run it once per new version; never rewrite an existing fixture.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Scenario } from '../models/planning/scenarioSchema';
import { buildPlan } from '../models/plan/buildPlan';
import { PLAN_FORMAT_VERSION, versionText } from '../models/plan/planFormat';
import { parseFitReport } from '../models/report/parseFitReport';

const parsed = parseFitReport(readFileSync('models/report/fixtures/fit-result.v2.json', 'utf8'));
if (!parsed.ok) throw new Error(parsed.message);
const report = parsed.report;
const horizon = 13;

const interval = (mean: number) => ({ mean, lo: mean * 0.8, hi: mean * 1.2 });
const channels = report.channels.map((channel) => {
  const spend = report.inputs!.channels.find((c) => c.name === channel.name)!.spend.slice(-horizon);
  const total = spend.reduce((a, b) => a + b, 0);
  return {
    channel: channel.name,
    spend: total,
    reference: total,
    incremental: interval(channel.roi.mean * total),
    roi: interval(channel.roi.mean),
    mroi: interval(channel.mroi.mean),
    atBound: null,
  };
});
const spend = channels.reduce((a, c) => a + c.spend, 0);
const incremental = channels.reduce((a, c) => a + c.incremental.mean, 0);
const scenario: Scenario = {
  id: 'reference',
  inputs: {
    name: 'Reference budget',
    horizonWeeks: horizon,
    objective: { kind: 'manual' },
    risk: { kind: 'mean' },
    flighting: { kind: 'reference' },
    bounds: [],
    locked: [],
    groups: [],
    allocation: channels.map((c) => ({ channel: c.channel, spend: c.spend })),
  },
  result: {
    channels,
    total: {
      spend,
      reference: spend,
      incremental: interval(incremental),
      kpi: interval(report.data.kpiMean * horizon),
      roi: interval(incremental / spend),
      mroi: interval(channels.reduce((a, c) => a + c.mroi.mean * c.spend, 0) / spend),
      carryIn: interval(0.05 * incremental),
      carryOut: interval(0.04 * incremental),
    },
    converged: true,
    iterations: 0,
    seconds: 0,
    provisional: !report.diagnostics.gatePassed,
    message: null,
  },
};

const { text } = buildPlan(
  {
    report,
    title: 'Fixture plan <b>revenue</b>',
    author: 'Fixture writer',
    notes: 'A fixture of the plan format.\nNotes are plain text: <script>alert(1)</script> & co.',
    scenarios: [scenario],
    chosenScenarioId: scenario.id,
    reproduce: {
      file: 'media_weekly_wide.csv',
      dateColumn: 'week',
      kpiColumn: 'revenue',
      channelColumns: report.channels.map((c) => ({ channel: c.name, column: c.name })),
      weekStart: 'monday',
      liftTestsFile: null,
    },
  },
  {
    writtenBy: { app: 'MMM Workbench', version: '0.1.0' },
    createdAt: '2026-12-08T09:00:00.000Z',
    planId: '0b7d2c1e-5a4f-4c3b-9e2d-7f6a5b4c3d2e',
  },
);
const path = `models/plan/fixtures/plan.v${versionText(PLAN_FORMAT_VERSION)}.mmmplan`;
if (existsSync(path)) throw new Error(`${path} exists: fixtures are never rewritten`);
writeFileSync(path, text);
console.log(`wrote ${path} (${text.length} bytes)`);
