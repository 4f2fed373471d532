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
 * worker, with where each top-level field's value lies in the bytes; the page decodes and parses
 * the fields a few at a time, a task each, and keeps the bytes for the autosave. Posting the
 * report object cost the page 40–50 ms of structured-clone deserialisation in one task (a ~2 MB
 * report of many small arrays); decoding the whole text at once 10–40 ms, parsing it up to
 * ~55 ms, and encoding it again for the autosave 45–100 ms (Chromium's TextEncoder).
 */
export interface ReportWorkerResult {
  readonly json: Uint8Array;
  /** [field, start, end): the field's value is the UTF-8 bytes `json.subarray(start, end)`. */
  readonly fields: readonly (readonly [string, number, number])[];
}

/**
 * `serialiseFitValue(report)` as UTF-8, written field by field, noting the byte range of each
 * value: the same text (JSON.stringify writes an object as `{"key":value,…}` in key order,
 * leaving out undefined).
 */
export function fieldedJson(report: FitReport): {
  readonly json: Uint8Array;
  readonly fields: [string, number, number][];
} {
  const encoder = new TextEncoder();
  const pieces: Uint8Array[] = [];
  const fields: [string, number, number][] = [];
  let length = 0;
  const add = (text: string): number => {
    const bytes = encoder.encode(text);
    pieces.push(bytes);
    length += bytes.length;
    return bytes.length;
  };
  add('{');
  for (const [key, value] of Object.entries(report)) {
    const json = serialiseFitValue(value) as string | undefined;
    if (json === undefined) continue;
    add(`${fields.length > 0 ? ',' : ''}${JSON.stringify(key)}:`);
    const start = length;
    fields.push([key, start, start + add(json)]);
  }
  add('}');
  const out = new Uint8Array(length);
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return { json: out, fields };
}

/** Bytes of JSON the page decodes and parses in one task (~5–15 ms); a larger field is one task alone. */
const PARSE_CHUNK = 300_000;

/** The report from its UTF-8 JSON, a few fields per task (the UI stays responsive meanwhile). */
async function parseByFields(
  json: Uint8Array,
  fields: ReportWorkerResult['fields'],
): Promise<FitReport> {
  const decoder = new TextDecoder();
  const report: Record<string, unknown> = {};
  let parsed = 0;
  for (const [key, start, end] of fields) {
    if (parsed > 0 && parsed + (end - start) > PARSE_CHUNK) {
      await nextTask();
      parsed = 0;
    }
    // own JSON: the text our report worker just wrote of the report it built, never a file.
    report[key] = JSON.parse(decoder.decode(json.subarray(start, end)));
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
    return fieldedJson(reportOfFit(request, fit, context));
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
      const report = await parseByFields(json, fields);
      if (signal?.aborted) throw new AbortError();
      rememberSerialised(report, json);
      return report;
    },
  };
}
