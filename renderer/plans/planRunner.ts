/**
 * Plan work off the UI thread (renderer/workers/plan.worker.ts): opening a file (JSON limits, hash,
 * migrations, schema — models/plan/openPlan.ts), writing a plan or its next revision (canonical
 * JSON and SHA-256 of megabytes), diffing two and rendering the one-page report. A fresh Web
 * Worker per request (renderer/workers/oneShotWorker.ts); nothing from a file reaches the UI
 * before the worker has validated it.
 */
import {
  buildPlan,
  diffPlans,
  nextRevision,
  openPlanText,
  planReportHtml,
  reproduceCommands,
  type OpenPlanResult,
  type ParentPlan,
  type PlanContent,
  type PlanDiff,
  type PlanDocument,
  type PlanEdits,
  type ReproduceCommands,
  type SavedPlan,
  type WriteContext,
} from '../../models/plan';
import {
  answerOneShot,
  runInOneShotWorker,
  type OneShotReply,
  type OneShotRun,
  type OneShotWorkerLike,
} from '../workers/oneShotWorker';

export type PlanRequest =
  | {
      readonly op: 'open';
      readonly text: string;
      readonly fileName: string;
      readonly allowTampered: boolean;
    }
  | {
      readonly op: 'build';
      readonly content: PlanContent;
      readonly context: WriteContext;
      readonly fileName: string;
    }
  | {
      readonly op: 'revise';
      readonly parent: ParentPlan;
      readonly edits: PlanEdits;
      readonly context: WriteContext;
      readonly fileName: string;
    }
  | { readonly op: 'diff'; readonly a: PlanDocument; readonly b: PlanDocument }
  | { readonly op: 'report'; readonly plan: PlanDocument; readonly generatedAt: string };

/** A plan as the worker hands it back: opened or written, with its reproduce commands. */
export type WorkedPlan =
  | (Extract<OpenPlanResult, { ok: true }> & { readonly reproduce: ReproduceCommands })
  | Extract<OpenPlanResult, { ok: false }>;

export type PlanReply =
  | { readonly op: 'open'; readonly result: WorkedPlan }
  | { readonly op: 'saved'; readonly saved: SavedPlan; readonly reproduce: ReproduceCommands }
  | { readonly op: 'diff'; readonly diff: PlanDiff }
  | { readonly op: 'report'; readonly html: string };

function answer(request: PlanRequest): PlanReply {
  switch (request.op) {
    case 'open': {
      const result = openPlanText(request.text, { allowTampered: request.allowTampered });
      return {
        op: 'open',
        result: result.ok
          ? { ...result, reproduce: reproduceCommands(result.plan, request.fileName) }
          : result,
      };
    }
    case 'build':
    case 'revise': {
      const saved =
        request.op === 'build'
          ? buildPlan(request.content, request.context)
          : nextRevision(request.parent, request.edits, request.context);
      return { op: 'saved', saved, reproduce: reproduceCommands(saved.plan, request.fileName) };
    }
    case 'diff':
      return { op: 'diff', diff: diffPlans(request.a, request.b) };
    case 'report':
      return {
        op: 'report',
        html: planReportHtml(request.plan, { generatedAt: request.generatedAt }),
      };
  }
}

/** What the plan worker does with a message (a plain function, so tests run it in process). */
export function handlePlanMessage(
  message: OneShotRun<PlanRequest>,
  post: (reply: OneShotReply<PlanReply, never>) => void,
): void {
  answerOneShot(message, post, answer);
}

export type PlanWorkerLike = OneShotWorkerLike<PlanRequest, PlanReply, never>;

function createPlanWorker(): PlanWorkerLike {
  return new Worker(new URL('../workers/plan.worker.ts', import.meta.url), {
    type: 'module',
    name: 'plan',
  });
}

export interface PlanRunner {
  run(request: PlanRequest): Promise<PlanReply>;
}

export function createBrowserPlanRunner(
  options: { readonly createWorker?: () => PlanWorkerLike } = {},
): PlanRunner {
  const createWorker = options.createWorker ?? createPlanWorker;
  return {
    run: (request) =>
      runInOneShotWorker(createWorker, request, { loadFailure: 'the plan worker failed to load' }),
  };
}
