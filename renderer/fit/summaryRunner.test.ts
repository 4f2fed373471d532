/**
 * The fit summary through the one-shot worker runner, with a stand-in worker running the real
 * handler (the same code as renderer/workers/summary.worker.ts; the Web Worker itself runs in
 * e2e/model.spec.ts): the same summary as on this thread, cancel and errors.
 */
import { describe, expect, it } from 'vitest';
import { inProcessRunner } from '../../models/inference/chains';
import { simulatedFrame } from '../causal/testFrames';
import {
  buildFitRequest,
  buildMmmInput,
  defaultFitSettings,
  resolveFitSpec,
} from '../stores/model';
import { inProcessOneShotWorker } from '../workers/inProcessWorker';
import { summariseFit } from './summariseFit';
import { createBrowserSummaryRunner, handleSummaryMessage } from './summaryRunner';

const { frame } = simulatedFrame({ weeks: 60, channels: 2, seed: 4, noise: 0.05 });
const spec = resolveFitSpec(frame, {
  ...defaultFitSettings(),
  chains: 1,
  warmup: 40,
  draws: 40,
  seed: 2,
});
const input = buildMmmInput(frame, spec);
const fit = await inProcessRunner.run(buildFitRequest(input, spec));

describe('createBrowserSummaryRunner', () => {
  it('gives the summary computed on this thread, and lets the worker go', async () => {
    const worker = inProcessOneShotWorker(handleSummaryMessage);
    const summary = await createBrowserSummaryRunner({ createWorker: () => worker }).summarise(
      input,
      fit,
    );
    expect(summary).toEqual(summariseFit(input, fit));
    expect(summary.roi.map((r) => r.channel)).toEqual(frame.channels);
    expect(summary.diagnostics.summaryDraws).toBe(40);
    expect(worker.terminated).toBe(true);
  });

  it('an abort rejects with AbortError and terminates the worker', async () => {
    const worker = inProcessOneShotWorker(handleSummaryMessage);
    const controller = new AbortController();
    const pending = createBrowserSummaryRunner({ createWorker: () => worker }).summarise(
      input,
      fit,
      controller.signal,
    );
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(worker.terminated).toBe(true);
  });

  it('an error in the worker comes back with its message (draws that do not fit the model)', async () => {
    const other = { ...fit, chains: fit.chains.map((c) => ({ ...c, draws: c.draws.subarray(1) })) };
    await expect(
      createBrowserSummaryRunner({
        createWorker: () => inProcessOneShotWorker(handleSummaryMessage),
      }).summarise(input, other),
    ).rejects.toThrow(/not a multiple of the dimension/);
  });
});
