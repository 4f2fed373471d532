import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPlanText } from '../../models/plan';
import { testScenario } from '../../models/plan/testPlans';
import { isPlanFile, planningSourceOfPlan, writeScenariosAsPlan } from './planningSource';

const dir = mkdtempSync(join(tmpdir(), 'mmm-planning-source-'));
const source = join(dir, 'q3.mmmplan');
copyFileSync('models/plan/fixtures/plan.v1.1.mmmplan', source);

describe('plan files as the planner CLI’s source and output', () => {
  it('opens a plan as its fit and scenarios; refuses a changed one by name', async () => {
    expect(isPlanFile(source)).toBe(true);
    expect(isPlanFile('fit.json')).toBe(false);
    const opened = await planningSourceOfPlan(source);
    expect(opened.report.data.kpiName).toBe('revenue');
    expect(opened.scenarios.map((s) => s.id)).toEqual(['reference']);
    await expect(planningSourceOfPlan(join(dir, 'missing.mmmplan'))).rejects.toThrow(
      /missing\.mmmplan: no such file/,
    );
  });

  it('writes optimised scenarios as the next revision of the source plan', async () => {
    const opened = await planningSourceOfPlan(source);
    const optimised = testScenario(opened.report, 'optimised', [9e5, 4e5]);
    const out = join(dir, 'q3 optimised.mmmplan');
    await writeScenariosAsPlan(out, opened, [...opened.scenarios, optimised]);
    const written = openPlanText(readFileSync(out, 'utf8'));
    if (!written.ok) throw new Error(written.message);
    expect(written.plan.revision).toBe(2);
    expect(written.plan.parentIds).toEqual([opened.plan!.plan.planId]);
    expect(written.plan.chosenScenarioId).toBe('optimised');
    expect(written.plan.scenarios[1]).toEqual(optimised);
  });

  it('writes a first plan when the source was a fit result', async () => {
    const opened = await planningSourceOfPlan(source);
    const out = join(dir, 'from-fit.mmmplan');
    const saved = await writeScenariosAsPlan(out, { ...opened, plan: null }, []);
    expect(saved.plan.revision).toBe(1);
    expect(saved.plan.parentIds).toEqual([]);
    await expect(writeScenariosAsPlan(source, { ...opened, plan: null }, [])).rejects.toThrow(
      /q3\.mmmplan holds another plan/,
    );
  });
});
