/**
 * Sampler and worker-pool figures: `npx tsx cli/workers/chainBenchmark.ts`.
 * Prints gradient evaluations/s and ESS/s on a 10-D ill-scaled Gaussian (in-process), and the
 * overhead of the worker_threads pool against the in-process runner on the same request.
 */
import { inProcessRunner, type FitRequest } from '../../models/inference/chains';
import { createNodeChainRunner } from './nodeChainRunner';

const scales = [0.01, 0.1, 0.5, 1, 2, 5, 10, 20, 50, 100];
const gaussian: FitRequest = {
  target: { kind: 'gaussian', mean: scales.map(() => 0), scales },
  chains: 4,
  warmup: 1000,
  draws: 1000,
  seed: 1,
};

async function main(): Promise<void> {
  const fit = await inProcessRunner.run(gaussian);
  const gradients = fit.chains.reduce((s, c) => s + c.stats.gradientEvaluations, 0);
  const seconds = fit.chains.reduce(
    (s, c) => s + c.stats.warmupSeconds + c.stats.samplingSeconds,
    0,
  );
  const sampling = fit.chains.reduce((s, c) => s + c.stats.samplingSeconds, 0);
  const minBulk = Math.min(...fit.summary.map((s) => s.essBulk));
  const minTail = Math.min(...fit.summary.map((s) => s.essTail));
  process.stdout.write(
    [
      `10-D Gaussian, 4 chains × (1000 warmup + 1000 draws), in-process`,
      `  gradient evaluations/s  ${(gradients / seconds).toFixed(0)}`,
      `  min bulk ESS ${minBulk.toFixed(0)}, min tail ESS ${minTail.toFixed(0)}; sampling ${sampling.toFixed(2)} s`,
      `  min bulk ESS per sampling second ${(minBulk / sampling).toFixed(0)}; per total second ${(minBulk / seconds).toFixed(0)}`,
      `  mean tree depth ${(fit.chains.reduce((s, c) => s + c.stats.meanTreeDepth, 0) / 4).toFixed(2)}, divergences ${fit.chains.reduce((s, c) => s + c.stats.divergences, 0)}, gate ${fit.gate.passed ? 'passed' : fit.gate.reasons.join('; ')}`,
      '',
    ].join('\n'),
  );

  const tiny: FitRequest = { ...gaussian, warmup: 10, draws: 10 };
  const runner = createNodeChainRunner();
  for (const [label, request] of [
    ['tiny (4 × 20 iterations)', tiny],
    ['full (4 × 2000 iterations)', gaussian],
  ] as const) {
    let started = Date.now();
    await runner.run(request);
    const workers = (Date.now() - started) / 1000;
    started = Date.now();
    await inProcessRunner.run(request);
    const inProcess = (Date.now() - started) / 1000;
    process.stdout.write(
      `${label}: worker pool ${workers.toFixed(3)} s, in-process ${inProcess.toFixed(3)} s\n`,
    );
  }
}

void main();
