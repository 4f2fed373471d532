/**
 * The DML runner through a stand-in worker that runs the real worker handler (the same code as
 * renderer/workers/dml.worker.ts) and delivers its messages asynchronously, as a Web Worker does.
 * The real Web Worker is exercised end to end in e2e/causal.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import type { DmlProgress } from '../../models/causal';
import { createRng } from '../../models/random/rng';
import { createBrowserDmlRunner } from './dmlRunner';
import type { DmlWorkerInput } from './dmlProtocol';
import { inProcessWorker } from './inProcessDmlWorker';

/** y = 2·d + x + ε with d = 0.5·x + v: θ = 2 is known. */
function linearProblem(n: number): DmlWorkerInput {
  const rng = createRng(5);
  const x = Float64Array.from({ length: n }, () => rng.normal());
  const d = x.map((value) => 0.5 * value + rng.normal());
  const y = d.map((value, i) => 2 * value + x[i] + 0.5 * rng.normal());
  return {
    y,
    treatments: [{ name: 'tv', values: d }],
    controls: { rows: n, cols: 1, data: x },
    options: { learner: 'ridge', folds: 4, standardError: 'iid' },
  };
}

describe('createBrowserDmlRunner', () => {
  it('returns the estimate with progress on the way, and lets the worker go', async () => {
    const worker = inProcessWorker();
    const seen: DmlProgress[] = [];
    const result = await createBrowserDmlRunner({ createWorker: () => worker }).run(
      linearProblem(400),
      { onProgress: (p) => seen.push(p) },
    );
    const estimate = result.estimates[0];
    // θ = 2 within 3 SE (the SE itself is checked against spread in models/causal/dml.test.ts).
    expect(Math.abs(estimate.theta - 2)).toBeLessThan(3 * estimate.se);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[seen.length - 1].done).toBeLessThanOrEqual(seen[seen.length - 1].total);
    expect(worker.terminated).toBe(true);
  });

  it('an abort rejects with AbortError, terminates the worker and ignores what comes after', async () => {
    const worker = inProcessWorker();
    const controller = new AbortController();
    const run = createBrowserDmlRunner({ createWorker: () => worker }).run(linearProblem(200), {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(worker.terminated).toBe(true);
  });

  it('an error in the worker comes back with its message', async () => {
    const bad = { ...linearProblem(50), options: { learner: 'ridge' as const, folds: 100 } };
    await expect(
      createBrowserDmlRunner({ createWorker: inProcessWorker }).run(bad),
    ).rejects.toThrow(/fold/i);
  });

  it('an already aborted signal starts nothing', async () => {
    let created = 0;
    const controller = new AbortController();
    controller.abort();
    const run = createBrowserDmlRunner({ createWorker: () => (created++, inProcessWorker()) }).run(
      linearProblem(50),
      { signal: controller.signal },
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(created).toBe(0);
  });
});
