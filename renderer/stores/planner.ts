/**
 * The Planner task's state: what is planned on (a fit report, from this session's fits, an opened
 * fit result or an opened plan) and the scenarios built on it. The Plans task hands an opened plan
 * over with `setSource(source, scenarios)` and saves the planner's `source` and `scenarios` as a
 * plan; the Planner view builds, edits and optimises scenarios. The numbers come from one warm
 * planner worker (renderer/planner/plannerClient.ts → models/planning); this store never computes
 * them itself.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { FrontierPoint } from '../../models/planning/efficientFrontier';
import type { HorizonResponseCurve } from '../../models/planning/horizonResponse';
import type { Scenario, ScenarioInputs } from '../../models/planning/scenarioSchema';
import { isAbortError } from '../../models/inference/cancellation';
import type { FitReport, MmmFitRecord } from '../../models/report';
import { readFlightingCsv } from '../../models/planning/flightingCsv';
import { errorMessage } from '../composables/useCancellableRun';
import { getWorkbenchApi } from '../platform';
import { createPlannerClient, type PlannerClient } from '../planner/plannerClient';
import {
  defaultPlannerSettings,
  inputsOf,
  nextScenarioName,
  objectiveOf,
  type PlannerSettings,
} from '../planner/plannerSettings';

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

export type PlannerStatus = 'idle' | 'loading' | 'ready' | 'optimising' | 'failed';

// Two warm workers: one answers edits and optimisations, the other draws the frontier and the
// response curves (seconds of work), so a live edit never queues behind them.
let client: PlannerClient | null = null;
let background: PlannerClient | null = null;
/** Tests replace the worker clients (e.g. with ones over a MessageChannel). */
export function setPlannerClients(
  next: { interactive: PlannerClient; background: PlannerClient } | null,
): void {
  client?.dispose();
  background?.dispose();
  client = next?.interactive ?? null;
  background = next?.background ?? null;
}
function plannerClient(): PlannerClient {
  client ??= createPlannerClient();
  return client;
}
function backgroundClient(): PlannerClient {
  background ??= createPlannerClient();
  return background;
}

export const usePlannerStore = defineStore('planner', () => {
  const source = shallowRef<PlannerSource | null>(null);
  const scenarios = ref<Scenario[]>([]);
  const channelNames = ref<string[]>([]);
  const reference = ref<number[]>([]);
  const horizonDates = ref<string[]>([]);
  const settings = ref<PlannerSettings>(defaultPlannerSettings([]));
  const frontier = shallowRef<FrontierPoint[]>([]);
  const curves = shallowRef<HorizonResponseCurve[]>([]);
  const status = ref<PlannerStatus>('idle');
  const message = ref<string | null>(null);
  /** Round trip of the last live edit (UI → worker → numbers), milliseconds. */
  const lastEditMs = ref<number | null>(null);
  const provisional = computed(
    () => source.value !== null && !source.value.report.diagnostics.gatePassed,
  );
  const referenceBudget = computed(() => reference.value.reduce((a, b) => a + b, 0));
  let loadToken = 0;
  const editTokens = new Map<string, number>();

  /** Plans on `next` from now on; its scenarios (e.g. an opened plan's) replace the current ones. */
  function setSource(next: PlannerSource, withScenarios: readonly Scenario[] = []): void {
    source.value = next;
    scenarios.value = [...withScenarios];
  }

  /** Plans on one of this session's fits. */
  function useFit(record: MmmFitRecord): void {
    if (source.value?.origin.kind === 'fit' && source.value.origin.fitId === record.id) return;
    setSource({
      report: record.report,
      origin: { kind: 'fit', fitId: record.id },
      readOnly: false,
    });
  }

  function fail(error: unknown): void {
    if (isAbortError(error)) {
      status.value = 'ready';
      message.value = 'Cancelled: the scenarios are as they were.';
      return;
    }
    status.value = 'failed';
    message.value = errorMessage(error);
  }

  function referenceScenarioInputs(): ScenarioInputs {
    return inputsOf(settings.value, {
      name: 'Reference',
      objective: { kind: 'manual' },
      allocation: channelNames.value.map((channel, c) => ({ channel, spend: reference.value[c] })),
    });
  }

  /** Re-evaluates every scenario under the current horizon and flighting; draws frontier and curves. */
  async function refresh(): Promise<void> {
    const token = loadToken;
    const api = plannerClient();
    const horizon = await api.horizon(settings.value.horizonWeeks, settings.value.flighting);
    if (token !== loadToken) return;
    reference.value = [...horizon.reference];
    horizonDates.value = [...horizon.dates];
    const existing = scenarios.value.length > 0 ? scenarios.value : [];
    const base: { id: string; inputs: ScenarioInputs }[] = existing.some(
      (s) => s.id === 'reference',
    )
      ? []
      : [{ id: 'reference', inputs: referenceScenarioInputs() }];
    const all = [
      ...base,
      ...existing.map((s) => ({
        id: s.id,
        inputs:
          s.id === 'reference'
            ? referenceScenarioInputs()
            : { ...inputsOf(settings.value, s.inputs), objective: s.inputs.objective },
      })),
    ];
    const evaluated = await Promise.all(
      all.map(async ({ id, inputs }) => ({ id, inputs, result: await api.evaluate(inputs) })),
    );
    if (token !== loadToken) return;
    scenarios.value = evaluated;
    void drawBackground(token, referenceScenarioInputs());
  }

  /** Frontier and response curves from the background worker; failures show, edits go on. */
  async function drawBackground(token: number, inputs: ScenarioInputs): Promise<void> {
    try {
      const [points, responses] = await Promise.all([
        backgroundClient().frontier(inputs),
        backgroundClient().curves(inputs),
      ]);
      if (token !== loadToken) return;
      frontier.value = points;
      curves.value = responses;
    } catch (error) {
      if (token === loadToken && !isAbortError(error)) message.value = errorMessage(error);
    }
  }

  async function prepare(next: PlannerSource): Promise<void> {
    loadToken += 1;
    status.value = 'loading';
    message.value = null;
    frontier.value = [];
    curves.value = [];
    try {
      const [info] = await Promise.all([
        plannerClient().load(next.report),
        backgroundClient().load(next.report),
      ]);
      channelNames.value = [...info.channelNames];
      const kept = settings.value;
      const fresh = defaultPlannerSettings(info.channelNames);
      const planned = scenarios.value[0]?.inputs;
      settings.value = planned
        ? {
            ...fresh,
            horizonWeeks: planned.horizonWeeks,
            risk: planned.risk,
            flighting: planned.flighting,
            bounds: {
              ...fresh.bounds,
              ...Object.fromEntries(
                planned.bounds.map((b) => [
                  b.channel,
                  { unit: b.unit, lower: b.lower, upper: b.upper },
                ]),
              ),
            },
            locked: [...planned.locked],
          }
        : { ...fresh, horizonWeeks: kept.horizonWeeks, risk: kept.risk };
      await refresh();
      status.value = 'ready';
    } catch (error) {
      fail(error);
    }
  }

  watch(source, (next) => {
    if (next) void prepare(next);
  });

  /** Applies the form's horizon, flighting and bounds to every scenario. */
  async function applySettings(next: PlannerSettings): Promise<void> {
    settings.value = next;
    if (!source.value) return;
    loadToken += 1;
    try {
      await refresh();
      status.value = 'ready';
      message.value = null;
    } catch (error) {
      fail(error);
    }
  }

  async function optimise(): Promise<void> {
    if (!source.value || status.value === 'optimising') return;
    status.value = 'optimising';
    message.value = null;
    try {
      const objective = objectiveOf(settings.value, referenceBudget.value);
      const inputs = inputsOf(settings.value, {
        name: 'Optimised',
        objective,
        allocation: channelNames.value.map((channel, c) => ({
          channel,
          spend: reference.value[c],
        })),
      });
      const optimised = await plannerClient().optimise(inputs);
      const scenario: Scenario = {
        id: 'optimised',
        inputs: optimised.inputs,
        result: optimised.result,
      };
      const index = scenarios.value.findIndex((s) => s.id === 'optimised');
      if (index >= 0) scenarios.value.splice(index, 1, scenario);
      else scenarios.value.splice(Math.min(1, scenarios.value.length), 0, scenario);
      status.value = 'ready';
      message.value = optimised.result.message;
      void drawBackground(loadToken, inputs);
    } catch (error) {
      fail(error);
    }
  }

  function cancel(): void {
    plannerClient().cancel();
  }

  /** A hand-edited copy of `fromId` (default: the optimised scenario, else the reference). */
  function addScenario(fromId?: string): string | null {
    const from =
      scenarios.value.find((s) => s.id === fromId) ??
      scenarios.value.find((s) => s.id === 'optimised') ??
      scenarios.value[0];
    if (!from) return null;
    const { id, name } = nextScenarioName(scenarios.value);
    scenarios.value.push({
      id,
      inputs: { ...from.inputs, name, objective: { kind: 'manual' } },
      result: from.result,
    });
    return id;
  }

  function removeScenario(id: string): void {
    if (id === 'reference') return;
    scenarios.value = scenarios.value.filter((s) => s.id !== id);
  }

  /** A live edit: the scenario's spend on `channel` becomes `spend`; its numbers follow. */
  async function editSpend(id: string, channel: string, spend: number): Promise<void> {
    const index = scenarios.value.findIndex((s) => s.id === id);
    if (index < 0 || id === 'reference') return;
    if (!(Number.isFinite(spend) && spend >= 0)) {
      message.value = `${channel} in ${scenarios.value[index].inputs.name}: spend must be a number of zero or more`;
      return;
    }
    const started = performance.now();
    const token = (editTokens.get(id) ?? 0) + 1;
    editTokens.set(id, token);
    const current = scenarios.value[index];
    const inputs: ScenarioInputs = {
      ...current.inputs,
      objective: { kind: 'manual' },
      allocation: current.inputs.allocation.map((entry) =>
        entry.channel === channel ? { channel, spend } : entry,
      ),
    };
    scenarios.value.splice(index, 1, { ...current, inputs });
    try {
      const result = await plannerClient().evaluate(inputs);
      if (editTokens.get(id) !== token) return;
      const at = scenarios.value.findIndex((s) => s.id === id);
      if (at >= 0) scenarios.value.splice(at, 1, { id, inputs, result });
      lastEditMs.value = performance.now() - started;
      message.value = null;
    } catch (error) {
      fail(error);
    }
  }

  /** Weekly flighting from a CSV the analyst picks (read with the app's DuckDB). */
  async function loadFlightingCsv(): Promise<void> {
    if (!source.value) return;
    try {
      const picked = await getWorkbenchApi().openDataFiles();
      if (!picked.ok) throw new Error(picked.error.message);
      const file = picked.value[0];
      if (!file) return;
      const bytes =
        file.file && file.bytes.length < file.size
          ? new Uint8Array(await file.file.arrayBuffer())
          : file.bytes;
      const { getConnection } = await import('../data/duckdb');
      const flighting = await readFlightingCsv({
        connection: await getConnection(),
        fileName: file.name,
        bytes,
        channelNames: channelNames.value,
        horizonWeeks: settings.value.horizonWeeks,
      });
      await applySettings({ ...settings.value, flighting });
    } catch (error) {
      fail(error);
    }
  }

  return {
    source,
    scenarios,
    loadFlightingCsv,
    setSource,
    useFit,
    channelNames,
    reference,
    referenceBudget,
    horizonDates,
    settings,
    frontier,
    curves,
    status,
    message,
    lastEditMs,
    provisional,
    applySettings,
    optimise,
    cancel,
    addScenario,
    removeScenario,
    editSpend,
  };
});
