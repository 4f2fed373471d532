/**
 * The Planner task's state: what is planned on (a fit report, from this session's fits, an opened
 * fit result or an opened plan) and the scenarios built on it. The Plans task hands an opened plan
 * over with `setSource(source, scenarios)` and saves the planner's `source` and `scenarios` as a
 * plan; the Planner view builds, edits and optimises scenarios (the numbers come from workers,
 * models/planning).
 */
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { Scenario } from '../../models/planning/scenarioSchema';
import type { FitReport } from '../../models/report';

export type PlannerOrigin =
  | { readonly kind: 'fit'; readonly fitId: number }
  | {
      readonly kind: 'plan';
      readonly planId: string;
      readonly revision: number;
      readonly title: string;
    };

export interface PlannerSource {
  readonly report: FitReport;
  readonly origin: PlannerOrigin;
  /** A plan opened read-only (its hash did not match): scenarios can be viewed, not saved. */
  readonly readOnly: boolean;
}

export const usePlannerStore = defineStore('planner', () => {
  const source = shallowRef<PlannerSource | null>(null);
  const scenarios = ref<Scenario[]>([]);

  /** Plans on `next` from now on; its scenarios (e.g. an opened plan's) replace the current ones. */
  function setSource(next: PlannerSource, withScenarios: readonly Scenario[] = []): void {
    source.value = next;
    scenarios.value = [...withScenarios];
  }

  return { source, scenarios, setSource };
});
