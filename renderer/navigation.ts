/**
 * The analyst's tasks, in order. The shell renders one nav button per entry (data-testid
 * `nav-<id>`); adding a task is one line here once its view exists.
 */
import type { Component } from 'vue';
import DataView from './views/DataView.vue';
import ModelView from './views/ModelView.vue';
import CausalView from './views/CausalView.vue';
import ResultsView from './views/ResultsView.vue';
import PlannerView from './views/PlannerView.vue';
import PlansView from './views/PlansView.vue';

export interface NavigationItem {
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  readonly view: Component;
}

export const NAVIGATION: readonly NavigationItem[] = [
  { id: 'data', label: 'Data', hint: 'Import, map and validate exports', view: DataView },
  {
    id: 'model',
    label: 'Model',
    hint: 'Fit the Bayesian MMM: ROI with intervals and a quality gate',
    view: ModelView,
  },
  {
    id: 'results',
    label: 'Results',
    hint: 'Decomposition, response curves, diagnostics, fit history and exports',
    view: ResultsView,
  },
  {
    id: 'causal',
    label: 'Causal',
    hint: 'Double ML effect of one more unit of spend per channel',
    view: CausalView,
  },
  {
    id: 'planner',
    label: 'Planner',
    hint: "Optimise next period's budget over the posterior; compare scenarios",
    view: PlannerView,
  },
  {
    id: 'plans',
    label: 'Plans',
    hint: 'Versioned plan files: open without data, verify, compare, report',
    view: PlansView,
  },
];
