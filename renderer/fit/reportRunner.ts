/**
 * Builds a finished fit's report off the UI thread (renderer/workers/report.worker.ts) with
 * `reportOfFit`, the same function `mmm fit --out` uses: one summary path for every screen. A fresh
 * Web Worker per report, cancelled by terminating it (renderer/workers/oneShotWorker.ts).
 */
import type { FitRequest, FitResult } from '../../models/inference/chains';
import { reportOfFit, type FitContext, type FitReport } from '../../models/report';
import { rememberSerialised, serialiseFitValue } from './fitText';
import {
  answerOneShot,
  runInOneShotWorker,
  type OneShotReply,
  type OneShotRun,
  type OneShotWorkerLike,
} from '../workers/oneShotWorker';

export interface ReportWorkerInput {
  readonly request: FitRequest;
  readonly fit: FitResult;
  readonly context: FitContext;
}

/** The report and its JSON (what a fit file and the autosave hold), both made in the worker. */
export interface ReportWorkerResult {
  readonly report: FitReport;
  readonly text: string;
}

export type ReportWorkerLike = OneShotWorkerLike<ReportWorkerInput, ReportWorkerResult, never>;

export interface FitReportRunner {
  build(input: ReportWorkerInput, signal?: AbortSignal): Promise<FitReport>;
  /** Starts the next report's worker now, so its script loads and compiles while chains run. */
  warm?(): void;
}

/** What the report worker does with a message (a plain function, so tests can run it in process). */
export function handleReportMessage(
  message: OneShotRun<ReportWorkerInput>,
  post: (reply: OneShotReply<ReportWorkerResult, never>) => void,
): void {
  answerOneShot(message, post, ({ request, fit, context }) => {
    const report = reportOfFit(request, fit, context);
    return { report, text: serialiseFitValue(report) };
  });
}

function createReportWorker(): ReportWorkerLike {
  return new Worker(new URL('../workers/report.worker.ts', import.meta.url), {
    type: 'module',
    name: 'fit-report',
  });
}

export function createBrowserReportRunner(
  options: { readonly createWorker?: () => ReportWorkerLike } = {},
): FitReportRunner {
  const createWorker = options.createWorker ?? createReportWorker;
  let spare: ReportWorkerLike | null = null;
  const take = (): ReportWorkerLike => {
    const worker = spare ?? createWorker();
    spare = null;
    return worker;
  };
  return {
    warm: () => {
      spare ??= createWorker();
    },
    build: async (input, signal) => {
      const { report, text } = await runInOneShotWorker(take, input, {
        signal,
        loadFailure: 'the fit report worker failed to load',
      });
      rememberSerialised(report, text);
      return report;
    },
  };
}
