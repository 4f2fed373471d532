/**
 * Summarises a fit's finished chains (R-hat, ESS, quantiles of every parameter, the quality gate:
 * `assembleFitResult`) in a fresh Web Worker, so the page's main thread is never blocked by it
 * (renderer/workers/fitSummary.worker.ts); the browser chain runner's `assemble`.
 */
import type { FitAssembler } from '../../models/inference/chainPool';
import { assembleFitResult, type FitRequest, type FitResult } from '../../models/inference/chains';
import type { ChainResult } from '../../models/inference/sampleChain';
import {
  answerOneShot,
  runInOneShotWorker,
  type OneShotReply,
  type OneShotRun,
  type OneShotWorkerLike,
} from '../workers/oneShotWorker';

export interface FitSummaryInput {
  readonly request: FitRequest;
  readonly chains: readonly ChainResult[];
  readonly wallSeconds: number;
}

export type FitSummaryWorkerLike = OneShotWorkerLike<FitSummaryInput, FitResult, never>;

/** What the worker does with a message (a plain function, so tests can run it in process). */
export function handleFitSummaryMessage(
  message: OneShotRun<FitSummaryInput>,
  post: (reply: OneShotReply<FitResult, never>) => void,
): void {
  answerOneShot(message, post, ({ request, chains, wallSeconds }) =>
    assembleFitResult(request, chains, wallSeconds),
  );
}

function createFitSummaryWorker(): FitSummaryWorkerLike {
  return new Worker(new URL('../workers/fitSummary.worker.ts', import.meta.url), {
    type: 'module',
    name: 'fit-summary',
  });
}

/** `assembleFitResult` in a worker; an aborted signal terminates it and rejects (AbortError). */
export function createFitAssembler(
  createWorker: () => FitSummaryWorkerLike = createFitSummaryWorker,
): FitAssembler {
  return (request, chains, wallSeconds, signal) =>
    runInOneShotWorker(
      createWorker,
      { request, chains, wallSeconds },
      // The app's fits are cancelled with a DOM AbortSignal (renderer/stores/model.ts).
      {
        signal: signal as AbortSignal | undefined,
        loadFailure: 'the fit summary worker failed to load',
      },
    );
}
