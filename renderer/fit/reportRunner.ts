/**
 * Builds a finished fit's report off the UI thread (renderer/workers/report.worker.ts) with
 * `reportOfFit`, the same function `mmm fit --out` uses: one summary path for every screen. A fresh
 * Web Worker per report, cancelled by terminating it (renderer/workers/oneShotWorker.ts).
 */
import type { FitRequest, FitResult } from '../../models/inference/chains';
import { reportOfFit, type FitContext, type FitReport } from '../../models/report';
import { AbortError } from '../../models/inference/cancellation';
import { nextTask } from '../composables/nextTask';
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
 * worker, with where each top-level field's value lies in the text; the page parses the fields a
 * few at a time, a task each. Posting the report object cost the page 40–50 ms of structured-clone
 * deserialisation in one task (a ~2 MB report of many small arrays), and parsing the whole text at
 * once up to ~55 ms; one byte buffer arrives at once.
 */
export interface ReportWorkerResult {
  readonly json: Uint8Array;
  /** [field, start, end): the field's value is `text.slice(start, end)` of the decoded text. */
  readonly fields: readonly (readonly [string, number, number])[];
}

/**
 * `serialiseFitValue(report)` written field by field, noting where each value lies: the same text
 * (JSON.stringify writes an object as `{"key":value,…}` in key order, leaving out undefined).
 */
export function fieldedJson(report: FitReport): {
  readonly text: string;
  readonly fields: [string, number, number][];
} {
  const fields: [string, number, number][] = [];
  let text = '{';
  for (const [key, value] of Object.entries(report)) {
    const json = serialiseFitValue(value) as string | undefined;
    if (json === undefined) continue;
    text += `${fields.length > 0 ? ',' : ''}${JSON.stringify(key)}:`;
    fields.push([key, text.length, text.length + json.length]);
    text += json;
  }
  return { text: `${text}}`, fields };
}

/** Characters of JSON the page parses in one task (~5–15 ms); a larger field is one task alone. */
const PARSE_CHUNK = 300_000;

/** The report from its text, a few fields per task (the UI stays responsive meanwhile). */
async function parseByFields(
  text: string,
  fields: ReportWorkerResult['fields'],
): Promise<FitReport> {
  const report: Record<string, unknown> = {};
  let parsed = 0;
  for (const [key, start, end] of fields) {
    if (parsed > 0 && parsed + (end - start) > PARSE_CHUNK) {
      await nextTask();
      parsed = 0;
    }
    // own JSON: the text our report worker just wrote of the report it built, never a file.
    report[key] = JSON.parse(text.slice(start, end));
    parsed += end - start;
  }
  return report as unknown as FitReport;
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
    const { text, fields } = fieldedJson(reportOfFit(request, fit, context));
    return { json: new TextEncoder().encode(text), fields };
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
      const { json, fields } = await runInOneShotWorker(take, input, {
        signal,
        loadFailure: 'the fit report worker failed to load',
      });
      // The page's report is the JSON's, as a fit file or the autosave gives it back (NaN and ±∞
      // written as null), so a fit shown now and reopened later are the same object.
      const text = new TextDecoder().decode(json);
      const report = await parseByFields(text, fields);
      if (signal?.aborted) throw new AbortError();
      rememberSerialised(report, text);
      return report;
    },
  };
}
