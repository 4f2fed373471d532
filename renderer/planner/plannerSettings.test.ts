import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../models/planning/scenarioSchema';
import { defaultPlannerSettings, inputsOf, nextScenarioName, objectiveOf } from './plannerSettings';

describe('planner settings', () => {
  it('default to 13 weeks, ±30% bounds, max-kpi on the reference budget', () => {
    const settings = defaultPlannerSettings(['tv', 'search']);
    expect(objectiveOf(settings, 1000)).toEqual({ kind: 'max-kpi', budget: 1000 });
    const inputs = inputsOf(settings, {
      name: 'Optimised',
      objective: { kind: 'manual' },
      allocation: [{ channel: 'tv', spend: 5 }],
    });
    expect(inputs.horizonWeeks).toBe(13);
    expect(inputs.bounds).toEqual([
      { channel: 'tv', unit: 'relative', lower: 0.7, upper: 1.3 },
      { channel: 'search', unit: 'relative', lower: 0.7, upper: 1.3 },
    ]);
  });

  it('objectives with a target need it, named', () => {
    const settings = { ...defaultPlannerSettings(['tv']), objective: 'target-roi' as const };
    expect(() => objectiveOf(settings, 1)).toThrow(
      'Objective: enter the ROI to keep (a number of zero or more)',
    );
    expect(objectiveOf({ ...settings, target: 2 }, 1)).toEqual({
      kind: 'target-roi',
      targetRoi: 2,
    });
    expect(objectiveOf({ ...settings, objective: 'min-spend', target: 9 }, 1)).toEqual({
      kind: 'min-spend',
      targetKpi: 9,
    });
  });

  it('names copies with the first free number', () => {
    const scenarios = [{ id: 'reference' }, { id: 'scenario-1' }] as Scenario[];
    expect(nextScenarioName(scenarios)).toEqual({ id: 'scenario-2', name: 'Scenario 2' });
  });
});
