/**
 * Writes the plan fixture of the current format version (models/plan/fixtures/README.md):
 * `npx tsx scripts/plan-fixture.ts` → models/plan/fixtures/plan.v<major>.<minor>.mmmplan, from the
 * fit result fixture with one manual scenario. The scenario's numbers are illustrative (ROI ×
 * spend), not a planner's answer: the fixture pins the file format only. (1.0 and 1.1 were written
 * before the scenario came from models/plan/testPlans.ts; their scenarios differ in numbers only.)
 * Run it once per new version; never rewrite an existing fixture.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Scenario } from '../models/planning/scenarioSchema';
import { buildPlan } from '../models/plan/buildPlan';
import { testScenario } from '../models/plan/testPlans';
import { PLAN_FORMAT_VERSION, versionText } from '../models/plan/planFormat';
import { parseFitReport } from '../models/report/parseFitReport';

const parsed = parseFitReport(readFileSync('models/report/fixtures/fit-result.v2.json', 'utf8'));
if (!parsed.ok) throw new Error(parsed.message);
const report = parsed.report;
const horizon = 13;

const reference = report.inputs!.channels.map((channel) =>
  channel.spend.slice(-horizon).reduce((a, b) => a + b, 0),
);
const illustrative = testScenario(report, 'reference', reference);
const scenario: Scenario = {
  ...illustrative,
  inputs: {
    ...illustrative.inputs,
    name: 'Reference budget',
    horizonWeeks: horizon,
    objective: { kind: 'manual' },
    flighting: { kind: 'reference' },
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
