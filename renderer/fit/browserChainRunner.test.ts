import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FromWorker, ToWorker } from '../../models/inference/chainProtocol';
import { inProcessRunner, type FitRequest } from '../../models/inference/chains';
import { inProcessOneShotWorker } from '../workers/inProcessWorker';
import { createBrowserChainRunner, type WorkerLike } from './browserChainRunner';
import { createFitAssembler, handleFitSummaryMessage } from './fitSummaryRunner';

/**
 * Runs the real `chain.worker.ts` in a worker thread behind a minimal `self` (addEventListener /
 * postMessage with transfer), so the browser runner and its worker are exercised end to end without
 * a browser.
 */
let source = '';
beforeAll(async () => {
  const built = await build({
    entryPoints: [fileURLToPath(new URL('../workers/chain.worker.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
    banner: {
      js: `const { parentPort } = require('node:worker_threads');
globalThis.self = {
  addEventListener: (type, listener) => parentPort.on(type, (data) => listener({ data })),
  postMessage: (message, options) => parentPort.postMessage(message, options?.transfer ?? []),
};`,
    },
  });
  source = built.outputFiles[0].text;
});

function threadWorker(): WorkerLike {
  const worker = new Worker(source, { eval: true });
  return {
    postMessage: (message: ToWorker) => worker.postMessage(message),
    addEventListener(type: string, listener: (event: never) => void) {
      if (type === 'message')
        worker.on('message', (data: FromWorker) =>
          (listener as (e: { data: FromWorker }) => void)({ data }),
        );
      if (type === 'error')
        worker.on('error', (error: Error) =>
          (listener as (e: { message: string }) => void)({ message: error.message }),
        );
    },
    terminate: () => void worker.terminate(),
  } as WorkerLike;
}

const request: FitRequest = {
  target: { kind: 'gaussian', mean: [0, 5], scales: [1, 3] },
  chains: 2,
  warmup: 150,
  draws: 200,
  seed: 31,
};

describe('browserChainRunner with chain.worker.ts', () => {
  it('returns the same draws as the in-process runner', async () => {
    const fit = await createBrowserChainRunner({
      createWorker: threadWorker,
      maxConcurrency: 2,
    }).run(request);
    const reference = await inProcessRunner.run(request);
    fit.chains.forEach((chain, i) => {
      expect(chain.draws).toBeInstanceOf(Float64Array);
      expect(chain.draws).toEqual(reference.chains[i].draws);
    });
    expect(fit.gate).toEqual(reference.gate);
  });

  it('cancels within 1 s by terminating the workers, rejecting with an AbortError', async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    const run = createBrowserChainRunner({ createWorker: threadWorker }).run(
      { ...request, warmup: 1_000_000 },
      {
        signal: controller.signal,
        onProgress: () => {
          if (!abortedAt) {
            abortedAt = Date.now();
            controller.abort();
          }
        },
      },
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - abortedAt).toBeLessThan(1000);
  });

  it('rejects with the chain error message', async () => {
    const bad: FitRequest = {
      ...request,
      target: { kind: 'funnel', width: -1, parameterisation: 'centred' },
    };
    await expect(createBrowserChainRunner({ createWorker: threadWorker }).run(bad)).rejects.toThrow(
      /width must be an integer ≥ 1, got -1/,
    );
  });

  it('summarises the chains in the fit summary worker when given one, with the same result', async () => {
    const summaryWorkers: { terminated: boolean }[] = [];
    const assemble = createFitAssembler(() => {
      const worker = inProcessOneShotWorker(handleFitSummaryMessage);
      summaryWorkers.push(worker);
      return worker;
    });
    const fit = await createBrowserChainRunner({
      createWorker: threadWorker,
      maxConcurrency: 2,
      assemble,
    }).run(request);
    const reference = await inProcessRunner.run(request);
    expect(summaryWorkers).toHaveLength(1);
    expect(summaryWorkers[0].terminated).toBe(true);
    expect(fit.summary).toEqual(reference.summary);
    expect(fit.gate).toEqual(reference.gate);
    fit.chains.forEach((chain, i) => expect(chain.draws).toEqual(reference.chains[i].draws));
  });

  it('rejects with an AbortError when cancelled while the chains are summarised', async () => {
    const controller = new AbortController();
    const assemble = createFitAssembler(() => {
      setTimeout(() => controller.abort()); // once the summary worker has started
      return inProcessOneShotWorker(handleFitSummaryMessage);
    });
    const run = createBrowserChainRunner({ createWorker: threadWorker, assemble }).run(request, {
      signal: controller.signal,
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});
