/**
 * The prior-predictive preview (models/posterior/priorPredictive.ts) off the UI thread: a fresh
 * Web Worker per preview builds the target from the model input and draws from the priors.
 */
import { createMmmTarget, type MmmInput } from '../../models/mmm';
import { priorPreview } from '../../models/posterior';
import { createRng } from '../../models/random/rng';
import type { PriorPreviewData } from '../charts/priorPreviewOption';
import {
  answerOneShot,
  runInOneShotWorker,
  type OneShotReply,
  type OneShotRun,
  type OneShotWorkerLike,
} from '../workers/oneShotWorker';

export interface PriorPreviewInput {
  readonly input: MmmInput;
  readonly draws: number;
  readonly seed: number;
}

export function previewOf({ input, draws, seed }: PriorPreviewInput): PriorPreviewData {
  const preview = priorPreview(createMmmTarget(input), createRng(seed), { draws, examples: 12 });
  return {
    draws: preview.draws,
    roi: preview.roi.map((r) => ({
      channel: r.channel,
      mean: r.mean,
      lower: r.lower,
      upper: r.upper,
    })),
    curves: preview.curves.map((curve) => ({
      channel: curve.channel,
      spend: Array.from(curve.spend),
      mean: Array.from(curve.incremental.mean),
      lower: Array.from(curve.incremental.lower),
      upper: Array.from(curve.incremental.upper),
      currentIndex: curve.currentIndex,
    })),
    examples: preview.examples.map((channel) => channel.map((values) => Array.from(values))),
  };
}

export function handlePriorPreviewMessage(
  message: OneShotRun<PriorPreviewInput>,
  post: (reply: OneShotReply<PriorPreviewData, never>) => void,
): void {
  answerOneShot(message, post, previewOf);
}

export type PriorPreviewWorkerLike = OneShotWorkerLike<PriorPreviewInput, PriorPreviewData, never>;

export function runPriorPreview(
  input: PriorPreviewInput,
  signal?: AbortSignal,
  createWorker: () => PriorPreviewWorkerLike = () =>
    new Worker(new URL('../workers/priorPreview.worker.ts', import.meta.url), {
      type: 'module',
      name: 'prior-preview',
    }) as PriorPreviewWorkerLike,
): Promise<PriorPreviewData> {
  return runInOneShotWorker(createWorker, input, {
    signal,
    loadFailure: 'the prior preview worker failed to load',
  });
}
