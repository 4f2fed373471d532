/** What the Planner's chart builders share: the scenario shape they read and a colour per scenario. */
import type { ScenarioInterval } from '../../models/planning/scenarioSchema';
import { CHANNEL_COLORS } from './modelFrameOption';

/** One scenario as the charts need it: its name, spend and outcome per channel, in model order. */
export interface ScenarioSeries {
  readonly name: string;
  readonly provisional: boolean;
  readonly spend: readonly number[];
  /** Incremental KPI per channel (posterior mean). */
  readonly incremental: readonly number[];
  readonly total: { readonly spend: number; readonly incremental: ScenarioInterval };
}

export function scenarioColor(index: number): string {
  return CHANNEL_COLORS[index % CHANNEL_COLORS.length];
}

/** A scenario's label, with the provisional mark where its fit failed the quality gate. */
export function scenarioLabel(scenario: Pick<ScenarioSeries, 'name' | 'provisional'>): string {
  return scenario.provisional ? `${scenario.name} (provisional)` : scenario.name;
}

export const compactNumber = (value: number): string =>
  Math.abs(value) >= 1e6
    ? `${(value / 1e6).toFixed(1)}M`
    : Math.abs(value) >= 1e3
      ? `${(value / 1e3).toFixed(0)}k`
      : value.toFixed(value === Math.round(value) ? 0 : 2);
