/**
 * Summarises a finished fit off the UI thread: a fresh Web Worker per summary, cancelled by
 * terminating it (see renderer/workers/oneShotWorker.ts).
 */
import type { FitResult } from '../../models/inference/chains';
import type { MmmInput } from '../../models/mmm';
import { flattenError } from '../../models/inference/chainProtocol';
import {
  runInOneShotWorker,
  type OneShotReply,
  type OneShotRun,
  type OneShotWorkerLike,
} from '../workers/oneShotWorker';
import { summariseFit, type FitSummary } from './summariseFit';

export interface SummaryWorkerInput {
  readonly input: MmmInput;
  readonly fit: FitResult;
}

export type SummaryWorkerLike = OneShotWorkerLike<SummaryWorkerInput, FitSummary, never>;

export interface FitSummaryRunner {
  summarise(input: MmmInput, fit: FitResult, signal?: AbortSignal): Promise<FitSummary>;
}

/** What the summary worker does with a message (a plain function, so tests can run it in process). */
export function handleSummaryMessage(
  message: OneShotRun<SummaryWorkerInput>,
  post: (reply: OneShotReply<FitSummary, never>) => void,
): void {
  if (message.type !== 'run') return;
  try {
    post({ type: 'done', result: summariseFit(message.input.input, message.input.fit) });
  } catch (error) {
    post({ type: 'failed', error: flattenError(error) });
  }
}

function createSummaryWorker(): SummaryWorkerLike {
  return new Worker(new URL('../workers/summary.worker.ts', import.meta.url), {
    type: 'module',
    name: 'fit-summary',
  });
}

export function createBrowserSummaryRunner(
  options: { readonly createWorker?: () => SummaryWorkerLike } = {},
): FitSummaryRunner {
  const createWorker = options.createWorker ?? createSummaryWorker;
  return {
    summarise: (input, fit, signal) =>
      runInOneShotWorker(
        createWorker,
        { input, fit },
        {
          signal,
          loadFailure: 'the fit summary worker failed to load',
        },
      ),
  };
}
