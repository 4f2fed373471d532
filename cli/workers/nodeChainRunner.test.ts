import { describe, expect, it } from 'vitest';
import { inProcessRunner, type FitRequest } from '../../models/inference/chains';
import type { ChainProgress } from '../../models/inference/sampleChain';
import { createNodeChainRunner } from './nodeChainRunner';

const request: FitRequest = {
  target: { kind: 'funnel', width: 4, parameterisation: 'noncentred' },
  chains: 3,
  warmup: 150,
  draws: 200,
  seed: 77,
};

describe('nodeChainRunner (worker_threads)', () => {
  it('gives bit-identical draws to the in-process runner, in chain order, with progress', async () => {
    const progress: ChainProgress[] = [];
    const inWorkers = await createNodeChainRunner({ maxConcurrency: 2 }).run(request, {
      onProgress: (p) => progress.push(p),
    });
    const inProcess = await inProcessRunner.run(request);
    expect(inWorkers.chains.map((c) => c.chainId)).toEqual([0, 1, 2]);
    inWorkers.chains.forEach((chain, i) => {
      expect(chain.draws).toEqual(inProcess.chains[i].draws);
      expect(chain.logDensity).toEqual(inProcess.chains[i].logDensity);
      expect(chain.stats.stepSize).toBe(inProcess.chains[i].stats.stepSize);
    });
    expect(inWorkers.summary).toEqual(inProcess.summary);
    expect(inWorkers.gate).toEqual(inProcess.gate);
    for (const chainId of [0, 1, 2]) {
      const last = progress.filter((p) => p.chainId === chainId).at(-1);
      expect(last).toMatchObject({ phase: 'sampling', iteration: 350, total: 350 });
    }
  });

  it('cancels within 1 s: rejects with an AbortError and stops every worker', async () => {
    const controller = new AbortController();
    const long: FitRequest = { ...request, chains: 2, warmup: 100_000, draws: 100_000 };
    let firstProgress = 0;
    const running = createNodeChainRunner().run(long, {
      signal: controller.signal,
      onProgress: () => {
        if (!firstProgress) {
          firstProgress = Date.now();
          controller.abort();
        }
      },
    });
    const error = await running.then(
      () => undefined,
      (e: unknown) => e,
    );
    const latency = Date.now() - firstProgress;
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('AbortError');
    expect(latency).toBeLessThan(1000);
  });

  it('passes a chain error back with its message', async () => {
    const bad: FitRequest = {
      ...request,
      target: { kind: 'gaussian', mean: [0, 0], scales: [1, -1] },
    };
    await expect(createNodeChainRunner().run(bad)).rejects.toThrow(
      /scales\[1\] must be > 0, got -1/,
    );
  });

  it('rejects a bad request before starting workers', async () => {
    await expect(createNodeChainRunner().run({ ...request, chains: 0 })).rejects.toThrow(
      /chains must be an integer ≥ 1, got 0/,
    );
  });
});
