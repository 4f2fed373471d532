/**
 * ScenarioInputs with the planner's defaults (13 weeks, posterior mean, the reference weeks'
 * flighting, default ±30% bounds, nothing locked, no groups, evaluated as given) and an allocation
 * from a spend vector in channel order.
 */
import type { ScenarioInputs } from './scenarioSchema';

export function scenarioInputs(
  channelNames: readonly string[],
  spend: ArrayLike<number>,
  overrides: Partial<ScenarioInputs> = {},
): ScenarioInputs {
  return {
    name: 'Reference',
    horizonWeeks: 13,
    objective: { kind: 'manual' },
    risk: { kind: 'mean' },
    flighting: { kind: 'reference' },
    bounds: [],
    locked: [],
    groups: [],
    allocation: channelNames.map((channel, c) => ({ channel, spend: spend[c] })),
    ...overrides,
  };
}
