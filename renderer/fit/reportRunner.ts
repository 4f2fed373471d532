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

/**
 * The report as its JSON (what a fit file and the autosave hold), UTF-8 encoded, made in the
 * worker; the page parses it. Posting the report object too cost the page 40–50 ms of
 * structured-clone deserialisation in one task (a ~2 MB report of many small arrays); one byte
 * buffer arrives at once, and JSON.parse is several times faster than that deserialisation.
 */
export interface ReportWorkerResult {
  readonly json: Uint8Array;
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
  answerOneShot(message, post, ({ request, fit, context }) => ({
    json: new TextEncoder().encode(serialiseFitValue(reportOfFit(request, fit, context))),
  }));
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
      const { json } = await runInOneShotWorker(take, input, {
        signal,
        loadFailure: 'the fit report worker failed to load',
      });
      // The page's report is the JSON's, as a fit file or the autosave gives it back (NaN and ±∞
      // written as null), so a fit shown now and reopened later are the same object.
      const text = new TextDecoder().decode(json);
      const report = JSON.parse(text) as FitReport;
      rememberSerialised(report, text);
      return report;
    },
  };
}
