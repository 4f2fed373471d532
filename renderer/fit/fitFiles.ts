/**
 * Fit result files off the UI thread (renderer/workers/fitFile.worker.ts, a fresh Web Worker per
 * request): opening one (`parse`: the bytes read there, then `parseFitReport` — JSON within limits,
 * migrations, the zod schema — exactly as the CLI reads it) and writing one (`serialise`: a report
 * or a session entry to JSON), so a large report never blocks the window.
 */
import { toRaw } from 'vue';
import { parseFitReport, type ParsedFitReport } from '../../models/report';
import { serialisedTextOf, serialiseFitValue } from './fitText';
import { decodeSession, type RestoredSession } from '../session/sessionCodec';
import {
  answerOneShot,
  runInOneShotWorker,
  type OneShotReply,
  type OneShotRun,
  type OneShotWorkerLike,
} from '../workers/oneShotWorker';

export type FitFileRequest =
  | { readonly op: 'parse'; readonly content: Blob | Uint8Array | string }
  | { readonly op: 'serialise'; readonly value: unknown }
  | {
      readonly op: 'restore';
      readonly entries: Readonly<Record<string, string>>;
      readonly now: string;
    };

export type FitFileReply =
  | ParsedFitReport
  | { readonly ok: true; readonly text: string }
  | { readonly ok: true; readonly session: RestoredSession };

export type FitFileWorkerLike = OneShotWorkerLike<FitFileRequest, FitFileReply, never>;

async function textOf(content: Blob | Uint8Array | string): Promise<string> {
  if (typeof content === 'string') return content;
  if (content instanceof Uint8Array) return new TextDecoder().decode(content);
  return content.text();
}

export async function runFitFileRequest(request: FitFileRequest): Promise<FitFileReply> {
  if (request.op === 'serialise') return { ok: true, text: serialiseFitValue(request.value) };
  if (request.op === 'restore')
    return { ok: true, session: decodeSession(request.entries, new Date(request.now)) };
  return parseFitReport(await textOf(request.content));
}

export function handleFitFileMessage(
  message: OneShotRun<FitFileRequest>,
  post: (reply: OneShotReply<FitFileReply, never>) => void,
): void {
  answerOneShot(message, post, runFitFileRequest);
}

export interface FitFileRunner {
  parse(content: Blob | Uint8Array | string): Promise<ParsedFitReport>;
  serialise(value: unknown): Promise<string>;
  restore(entries: Readonly<Record<string, string>>): Promise<RestoredSession>;
}

export function createBrowserFitFileRunner(
  options: { readonly createWorker?: () => FitFileWorkerLike } = {},
): FitFileRunner {
  const createWorker =
    options.createWorker ??
    (() =>
      new Worker(new URL('../workers/fitFile.worker.ts', import.meta.url), {
        type: 'module',
        name: 'fit-file',
      }) as FitFileWorkerLike);
  const run = (request: FitFileRequest) =>
    runInOneShotWorker(createWorker, request, {
      loadFailure: 'the fit file worker failed to load',
    });
  return {
    parse: async (content) => (await run({ op: 'parse', content })) as ParsedFitReport,
    serialise: async (value) => {
      const known = typeof value === 'object' && value ? serialisedTextOf(toRaw(value)) : undefined;
      if (known !== undefined) return known;
      const reply = await run({ op: 'serialise', value });
      if (!('text' in reply)) throw new Error('the fit file worker did not serialise');
      return reply.text;
    },
    restore: async (entries) => {
      const reply = await run({ op: 'restore', entries, now: new Date().toISOString() });
      if (!('session' in reply)) throw new Error('the fit file worker did not restore');
      return reply.session;
    },
  };
}
