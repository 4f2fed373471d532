import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFitReport } from '../report/parseFitReport';
import { diffPlans } from './diff';
import { diffText } from './diffText';
import { intervalText, planSummary, shortNumber, summaryText, verifyLine } from './planSummary';
import { testPlan } from './testPlans';

const fit = parseFitReport(readFileSync('models/report/fixtures/fit-result.v2.json', 'utf8'));
if (!fit.ok) throw new Error(fit.message);
const plan = testPlan(fit.report).plan;

describe('plan summary text', () => {
  it('formats numbers compactly and stably', () => {
    expect(shortNumber(7372503.9)).toBe('7.37M');
    expect(shortNumber(2.8789)).toBe('2.88');
    expect(shortNumber(-1500)).toBe('-1.5K');
    expect(intervalText({ mean: 2.8789, lo: 1.7786, hi: 3.7792 })).toBe('2.88 [1.78, 3.78]');
  });

  it('names the plan, its data, gate, channels and scenarios', () => {
    const summary = planSummary(plan);
    expect(summary.scenarios).toEqual([
      expect.objectContaining({ id: 'a', name: 'Scenario a', objective: 'max-kpi', chosen: true }),
    ]);
    const text = summaryText(summary);
    expect(text).toContain('Test plan — revision 1');
    expect(text).toContain('fingerprint 4577eae7a7ec6a95');
    expect(text).toContain('quality gate: FAILED');
    expect(text).toContain(intervalText(fit.report.channels[0].roi));
    expect(text).toContain('* Scenario a (max-kpi)');
    expect(verifyLine(summary)).toMatch(
      /^valid plan 'Test plan' \(revision 1, format 1\.1, 1 scenario\(s\), gate failed\): content hash [0-9a-f]{12}… verified$/,
    );
  });

  it('describes a diff line by line', () => {
    const text = diffText(
      diffPlans(plan, {
        ...plan,
        notes: 'changed',
        planId: '22222222-2222-4222-8222-222222222222',
        parentIds: [plan.planId],
      }),
    );
    expect(text).toContain('lineage: b revises a');
    expect(text).toContain('notes: "Notes." → "changed"');
    expect(text).toContain('model spec: unchanged');
    expect(text).toContain('scenario "Scenario a": unchanged');
  });
});
