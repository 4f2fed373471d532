import { describe, expect, it } from 'vitest';
import { inProcessRunner, type FitRequest } from './chains';
import { sampleChain } from './sampleChain';
import { createTarget } from './targets';

describe('inProcessRunner', () => {
  const request: FitRequest = {
    target: { kind: 'gaussian', mean: [3, -1], scales: [1, 0.1] },
    chains: 4,
    warmup: 300,
    draws: 500,
    seed: 12,
  };

  it('runs every chain as sampleChain would, summarises, and passes the gate on an easy target', async () => {
    const fit = await inProcessRunner.run(request);
    expect(fit.parameterNames).toEqual(['theta[1]', 'theta[2]']);
    expect(fit.chains).toHaveLength(4);
    const direct = sampleChain({
      target: createTarget(request.target),
      warmup: 300,
      draws: 500,
      seed: 12,
      chainId: 2,
    });
    expect(fit.chains[2].draws).toEqual(direct.draws);
    expect(Math.abs(fit.summary[0].mean - 3)).toBeLessThan(4 * fit.summary[0].mcseMean);
    expect(Math.abs(fit.summary[1].sd - 0.1)).toBeLessThan(0.01);
    expect(fit.gate).toMatchObject({ passed: true, reasons: [] });
  });

  it('fails the gate with reasons on a centred funnel', async () => {
    const fit = await inProcessRunner.run({
      target: { kind: 'funnel', width: 9, parameterisation: 'centred' },
      chains: 2,
      warmup: 300,
      draws: 300,
      seed: 1,
    });
    expect(fit.gate.passed, fit.gate.reasons.join('; ')).toBe(false);
    // The neck makes v mix badly: its bulk ESS fails first.
    expect(fit.gate.reasons.some((r) => /^v: bulk ESS \d+ < 400$/.test(r))).toBe(true);
  });

  it('aborts with an AbortError when the signal fires during a chain', async () => {
    const controller = new AbortController();
    const run = inProcessRunner.run(
      { ...request, warmup: 100_000 },
      { signal: controller.signal, onProgress: () => controller.abort() },
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('names a bad request', async () => {
    await expect(inProcessRunner.run({ ...request, draws: 2.5 })).rejects.toThrow(
      /draws must be an integer ≥ 1, got 2.5/,
    );
    const metric = 'block' as unknown as 'dense';
    await expect(inProcessRunner.run({ ...request, metric })).rejects.toThrow(
      /metric must be 'dense' or 'diagonal', got block/,
    );
  });

  it('passes the metric shape to every chain', async () => {
    const fit = await inProcessRunner.run({ ...request, chains: 1, metric: 'diagonal' });
    expect(fit.chains[0].stats.inverseMassMatrix).toHaveLength(2);
    const dense = await inProcessRunner.run({ ...request, chains: 1 });
    expect(dense.chains[0].stats.inverseMassMatrix).toHaveLength(4);
  });
});
