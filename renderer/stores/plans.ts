/**
 * The Plans task: the plans opened and saved in this session, the one selected (its editable
 * title, author and notes), a diff of any two, and the hand-over to the Planner. Every plan file is
 * opened, written, diffed and rendered in the plan worker (renderer/plans/planRunner.ts); files
 * come and go only through the platform API (dialogs or downloads; paths never reach the page).
 *
 * Saving an opened plan that was edited writes its next revision (lineage to its parent); an
 * unedited one is written back byte for byte; a plan opened read-only (its hash did not match)
 * is never written.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { OpenedFile, WorkbenchApi } from '../../electron/contract';
import type { Scenario } from '../../models/planning/scenarioSchema';
import {
  defaultPlanTitle,
  type PlanDiff,
  type PlanDocument,
  type PlanEdits,
  type PlanProblem,
  type ReproduceCommands,
  type SavedPlan,
  type StoredPlan,
  type Writer,
} from '../../models/plan';
import type { MmmFitRecord } from '../../models/report';
import { errorMessage } from '../composables/useCancellableRun';
import { planFileName } from '../logic/planNames';
import { createBrowserPlanRunner, type PlanReply, type PlanRunner } from '../plans/planRunner';
import { getWorkbenchApi } from '../platform';
import { usePlannerStore } from './planner';

export interface PlanEntry {
  readonly key: number;
  readonly fileName: string;
  readonly plan: PlanDocument;
  readonly stored: StoredPlan;
  /** False for a plan opened read-only after a hash mismatch. */
  readonly verified: boolean;
  readonly notices: readonly string[];
  readonly reproduce: ReproduceCommands;
  /** In a file (opened, or saved here); false for a plan made here and not saved yet. */
  readonly onDisk: boolean;
}

export type PlanDraft = Pick<PlanEdits, 'title' | 'author' | 'notes'>;

export interface PlanOpenError {
  readonly fileName: string;
  readonly problem: PlanProblem | 'read-failed';
  readonly message: string;
}

export interface PlanServices {
  readonly runner: PlanRunner;
  readonly api: () => WorkbenchApi;
  readonly writer: Writer;
}

let services: PlanServices = {
  runner: createBrowserPlanRunner(),
  api: getWorkbenchApi,
  writer: {
    app: 'MMM Workbench',
    version: typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev',
  },
};

/** Replaces the worker, platform or writer (tests run the plan worker in process). */
export function providePlanServices(next: Partial<PlanServices>): void {
  services = { ...services, ...next };
}

function replyOf<Op extends PlanReply['op']>(
  reply: PlanReply,
  op: Op,
): Extract<PlanReply, { op: Op }> {
  if (reply.op !== op) throw new Error(`the plan worker answered '${reply.op}', not '${op}'`);
  return reply as Extract<PlanReply, { op: Op }>;
}

export const usePlansStore = defineStore('plans', () => {
  const planner = usePlannerStore();
  const entries = shallowRef<readonly PlanEntry[]>([]);
  const selectedKey = ref<number | null>(null);
  const drafts = ref<Record<number, PlanDraft>>({});
  const openError = shallowRef<PlanOpenError | null>(null);
  const message = ref<string | null>(null);
  const busy = ref(false);
  const diff = shallowRef<PlanDiff | null>(null);
  const diffKeys = ref<{ a: number | null; b: number | null }>({ a: null, b: null });
  /** The text of a plan refused for its hash, kept until the user opens it read-only or moves on. */
  let tampered: { fileName: string; text: string } | null = null;
  let nextKey = 1;

  const selected = computed(
    () => entries.value.find((entry) => entry.key === selectedKey.value) ?? null,
  );
  const draft = computed<PlanDraft | null>(() => {
    const entry = selected.value;
    return entry ? (drafts.value[entry.key] ?? pick(entry.plan)) : null;
  });

  function pick(plan: PlanDocument): PlanDraft {
    return { title: plan.title, author: plan.author, notes: plan.notes };
  }

  function add(entry: Omit<PlanEntry, 'key'>): PlanEntry {
    const added: PlanEntry = Object.freeze({ ...entry, key: nextKey++ });
    entries.value = [...entries.value, added];
    selectedKey.value = added.key;
    return added;
  }

  async function task<T>(work: () => Promise<T>): Promise<T | null> {
    busy.value = true;
    message.value = null;
    try {
      return await work();
    } catch (error) {
      message.value = errorMessage(error);
      return null;
    } finally {
      busy.value = false;
    }
  }

  async function openText(fileName: string, text: string, allowTampered: boolean): Promise<void> {
    const reply = replyOf(
      await services.runner.run({ op: 'open', text, fileName, allowTampered }),
      'open',
    );
    const result = reply.result;
    if (!result.ok) {
      tampered = result.problem === 'tampered' ? { fileName, text } : null;
      openError.value = {
        fileName,
        problem: result.problem,
        message: `${fileName}: ${result.message}`,
      };
      return;
    }
    tampered = null;
    openError.value = null;
    const twin = entries.value.find(
      (entry) => entry.plan.contentHash === result.plan.contentHash && entry.verified,
    );
    if (twin && result.verified) {
      selectedKey.value = twin.key;
      message.value = `${fileName} is already open.`;
      return;
    }
    add({
      fileName,
      plan: result.plan,
      stored: result.stored,
      verified: result.verified,
      notices: result.notices,
      reproduce: result.reproduce,
      onDisk: true,
    });
  }

  /** Opens a file the user picked or dropped. */
  function openFile(file: OpenedFile): Promise<void | null> {
    return task(() => openText(file.name, new TextDecoder().decode(file.bytes), false));
  }

  /** Opens a file chosen in the page's file input (browser mode). */
  async function openPicked(file: File): Promise<void | null> {
    const bytes = new Uint8Array(await file.arrayBuffer());
    return openFile({ name: file.name, bytes, size: file.size });
  }

  /** Opens the plan just refused for its hash, read-only, after the user asked. */
  function openReadOnly(): Promise<void | null> {
    const pending = tampered;
    if (!pending) return Promise.resolve(null);
    return task(() => openText(pending.fileName, pending.text, true));
  }

  function dismissError(): void {
    openError.value = null;
    tampered = null;
  }

  async function openDialog(): Promise<void> {
    const result = await services.api().openPlan();
    if (!result.ok) {
      openError.value = { fileName: '', problem: 'read-failed', message: result.error.message };
      return;
    }
    if (result.value) await openFile(result.value);
  }

  async function openRecent(id: string): Promise<void> {
    const result = await services.api().openRecent(id);
    if (!result.ok) {
      openError.value = { fileName: '', problem: 'read-failed', message: result.error.message };
      return;
    }
    if (result.value[0]) await openFile(result.value[0]);
  }

  /** Scenarios for a plan on `report`: the Planner's, when it plans on this plan or fit. */
  function plannerScenarios(
    match: (origin: NonNullable<typeof planner.source>['origin']) => boolean,
  ): Scenario[] | null {
    const source = planner.source;
    return source && match(source.origin) ? [...planner.scenarios] : null;
  }

  function chosen(scenarios: readonly Scenario[], previous: string | null): string | null {
    if (previous !== null && scenarios.some((s) => s.id === previous)) return previous;
    return scenarios[scenarios.length - 1]?.id ?? null;
  }

  /** A first plan (not yet saved) from a finished fit. */
  function newFromFit(fit: MmmFitRecord): Promise<void | null> {
    return task(async () => {
      const scenarios =
        plannerScenarios((origin) => origin.kind === 'fit' && origin.fitId === fit.id) ?? [];
      const title = defaultPlanTitle(fit.report);
      const reply = replyOf(
        await services.runner.run({
          op: 'build',
          content: {
            report: fit.report,
            title,
            author: '',
            notes: '',
            scenarios,
            chosenScenarioId: chosen(scenarios, null),
          },
          context: { writtenBy: services.writer },
          fileName: planFileName(title, 1),
        }),
        'saved',
      );
      addSaved(reply.saved, reply.reproduce, false);
    });
  }

  function addSaved(saved: SavedPlan, reproduce: ReproduceCommands, onDisk: boolean): PlanEntry {
    return add({
      fileName: planFileName(saved.plan.title, saved.plan.revision),
      plan: saved.plan,
      stored: saved.stored,
      verified: true,
      notices: [],
      reproduce,
      onDisk,
    });
  }

  function editDraft(patch: Partial<PlanDraft>): void {
    const entry = selected.value;
    if (!entry || !draft.value) return;
    drafts.value = { ...drafts.value, [entry.key]: { ...draft.value, ...patch } };
  }

  /** Writes the selected plan (its next revision when edited) through the platform. */
  function save(): Promise<void | null> {
    return task(async () => {
      const entry = selected.value;
      if (!entry) throw new Error('Open a plan or make one from a fit first.');
      if (!entry.verified)
        throw new Error(
          'This plan was opened read-only (it changed after it was saved): it cannot be saved.',
        );
      const scenarios =
        plannerScenarios(
          (origin) => origin.kind === 'plan' && origin.planId === entry.plan.planId,
        ) ?? entry.plan.scenarios;
      const edits: PlanEdits = {
        ...(draft.value ?? pick(entry.plan)),
        scenarios,
        chosenScenarioId: chosen(scenarios, entry.plan.chosenScenarioId),
      };
      const fileName = planFileName(edits.title, entry.plan.revision + (entry.onDisk ? 1 : 0));
      const reply = replyOf(
        await services.runner.run(
          entry.onDisk
            ? {
                op: 'revise',
                parent: entry,
                edits,
                context: { writtenBy: services.writer },
                fileName,
              }
            : {
                op: 'build',
                content: { ...edits, report: entry.plan.fit, reproduce: entry.plan.reproduce },
                context: { writtenBy: services.writer, planId: entry.plan.planId },
                fileName,
              },
        ),
        'saved',
      );
      const { saved } = reply;
      const name = planFileName(saved.plan.title, saved.plan.revision);
      const written = await services.api().savePlan(name, saved.text);
      if (!written.ok) throw new Error(written.error.message);
      if (!written.value.saved) return;
      const { [entry.key]: _done, ...rest } = drafts.value;
      drafts.value = rest;
      if (saved.plan.planId === entry.plan.planId) {
        entries.value = entries.value.map((e) =>
          e.key === entry.key ? Object.freeze({ ...e, ...pickSaved(saved), onDisk: true }) : e,
        );
      } else addSaved(saved, reply.reproduce, true);
      message.value = `Saved ${written.value.name ?? name} (revision ${saved.plan.revision}).`;
    });
  }

  function pickSaved(saved: SavedPlan): Pick<PlanEntry, 'plan' | 'stored'> {
    return { plan: saved.plan, stored: saved.stored };
  }

  function compare(a: number | null, b: number | null): Promise<void | null> {
    diffKeys.value = { a, b };
    diff.value = null;
    const first = entries.value.find((e) => e.key === a);
    const second = entries.value.find((e) => e.key === b);
    if (!first || !second) return Promise.resolve(null);
    return task(async () => {
      diff.value = replyOf(
        await services.runner.run({ op: 'diff', a: first.plan, b: second.plan }),
        'diff',
      ).diff;
    });
  }

  /** Downloads the selected plan's one-page HTML report. */
  function exportReport(): Promise<void | null> {
    return task(async () => {
      const entry = selected.value;
      if (!entry) throw new Error('Select a plan first.');
      const { html } = replyOf(
        await services.runner.run({
          op: 'report',
          plan: entry.plan,
          generatedAt: new Date().toISOString(),
        }),
        'report',
      );
      const name = entry.fileName.replace(/\.mmmplan(\.json)?$/i, '') + '.html';
      const written = await services.api().saveReport(name, html);
      if (!written.ok) throw new Error(written.error.message);
      if (written.value.saved) message.value = `Exported the report ${written.value.name ?? name}.`;
    });
  }

  /** Plans on the selected plan in the Planner: ROI, curves and scenarios with no data loaded. */
  function useInPlanner(): void {
    const entry = selected.value;
    if (!entry) return;
    const { plan } = entry;
    planner.setSource(
      {
        report: plan.fit,
        origin: { kind: 'plan', planId: plan.planId, revision: plan.revision, title: plan.title },
        readOnly: !entry.verified,
      },
      plan.scenarios,
    );
    message.value = `The Planner now plans on '${plan.title}' (revision ${plan.revision}).`;
  }

  return {
    entries,
    selectedKey,
    selected,
    draft,
    openError,
    message,
    busy,
    diff,
    diffKeys,
    openFile,
    openPicked,
    openReadOnly,
    dismissError,
    openDialog,
    openRecent,
    newFromFit,
    editDraft,
    save,
    compare,
    exportReport,
    useInPlanner,
  };
});
