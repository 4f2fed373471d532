/** The size budget: a 20-channel plan with 1000 draws stays under ~5 MB. */
import { describe, expect, it } from 'vitest';
import { buildPlan } from './buildPlan';
import { largeTestReport } from './largeTestReport';
import { openPlanText } from './openPlan';
import { testScenario, TEST_WRITER } from './testPlans';

describe('plan size', () => {
  it('20 channels × 1000 draws × 156 weeks with 5 scenarios: under 5 MB, and opens back exactly', () => {
    const report = largeTestReport({ channels: 20, weeks: 156, draws: 1000 });
    expect(report.draws.count).toBe(1000);
    expect(report.channels).toHaveLength(20);
    const scenarios = [0, 1, 2, 3, 4].map((i) =>
      testScenario(
        report,
        `s${i}`,
        report.channels.map((c) => (c.spend / 12) * (1 + i / 10)),
      ),
    );
    const { text, plan } = buildPlan(
      { report, title: 'Large', author: '', notes: '', scenarios, chosenScenarioId: 's0' },
      { writtenBy: TEST_WRITER },
    );
    const bytes = new TextEncoder().encode(text).length;
    const plainJson = JSON.stringify(report).length;
    console.info(
      `plan of 20 channels × 1000 draws: ${(bytes / 1e6).toFixed(2)} MB (the fit report alone as plain JSON: ${(plainJson / 1e6).toFixed(2)} MB)`,
    );
    expect(bytes).toBeLessThan(5_000_000);
    const opened = openPlanText(text);
    expect(opened.ok && opened.plan).toEqual(plan);
  });
});
