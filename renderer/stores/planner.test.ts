import { readFileSync } from 'node:fs';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { parseFitReport } from '../../models/report';
import { channelPlannerWorker } from '../planner/channelPlannerWorker';
import { createPlannerClient } from '../planner/plannerClient';
import { setPlannerClients, usePlannerStore } from './planner';

const parsed = parseFitReport(
  readFileSync(new URL('../../models/report/fixtures/fit-result.v2.json', import.meta.url), 'utf8'),
);
if (!parsed.ok) throw new Error(parsed.message);
const report = parsed.report;

beforeEach(() => {
  setActivePinia(createPinia());
  setPlannerClients({
    interactive: createPlannerClient(channelPlannerWorker()),
    background: createPlannerClient(channelPlannerWorker()),
  });
});
afterEach(() => setPlannerClients(null));

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(condition()).toBe(true);
}

describe('planner store', () => {
  it('plans on a source: the reference scenario, then optimise, copy, edit live; frontier and curves', async () => {
    const planner = usePlannerStore();
    planner.setSource({ report, origin: { kind: 'fit', fitId: 1 }, readOnly: false });
    await nextTick();
    await until(() => planner.status === 'ready' && planner.scenarios.length === 1);
    expect(planner.scenarios[0].id).toBe('reference');
    expect(planner.scenarios[0].result.provisional).toBe(true);
    expect(planner.channelNames).toEqual(['tv_spend', 'search_spend']);
    await until(() => planner.frontier.length === 16 && planner.curves.length === 2);

    await planner.optimise();
    expect(planner.scenarios.map((s) => s.id)).toEqual(['reference', 'optimised']);
    const optimised = planner.scenarios[1];
    expect(optimised.result.total.spend).toBeCloseTo(planner.referenceBudget, 2);
    expect(optimised.result.total.incremental.mean).toBeGreaterThanOrEqual(
      planner.scenarios[0].result.total.incremental.mean,
    );

    const id = planner.addScenario();
    expect(id).toBe('scenario-1');
    const before = planner.scenarios[2].result.total.incremental.mean;
    await planner.editSpend('scenario-1', 'tv_spend', 2 * planner.reference[0]);
    const edited = planner.scenarios[2];
    expect(edited.inputs.objective).toEqual({ kind: 'manual' });
    expect(edited.result.channels[0].spend).toBe(2 * planner.reference[0]);
    expect(edited.result.total.incremental.mean).toBeGreaterThan(before);
    expect(planner.lastEditMs).not.toBeNull();
  });

  it('names the problem when an optimisation cannot be met, keeping the scenarios', async () => {
    const planner = usePlannerStore();
    planner.setSource({ report, origin: { kind: 'fit', fitId: 1 }, readOnly: false });
    await nextTick();
    await until(() => planner.status === 'ready');
    await planner.applySettings({ ...planner.settings, budget: 1 });
    await planner.optimise();
    expect(planner.status).toBe('failed');
    expect(planner.message).toMatch(/the budget 1 is less than the channels' lower bounds/);
    expect(planner.scenarios.map((s) => s.id)).toEqual(['reference']);
    planner.settings.objective = 'target-roi';
    await planner.optimise();
    expect(planner.message).toBe('Objective: enter the ROI to keep (a number of zero or more)');
  });
});
