/**
 * The UI thread's handle on the warm planner worker (comlink). Every call is answered by the same
 * worker, which keeps the loaded fit's planning session; `cancel()` terminates it mid-optimisation,
 * rejects what was pending with an AbortError and starts a fresh worker that reloads the fit on its
 * next call.
 */
import { wrap, type Endpoint, type Remote } from 'comlink';
import { AbortError } from '../../models/inference/cancellation';
import type { FitReport } from '../../models/report';
import type { PlannerApi, PlannerSourceInfo } from './plannerApi';

export interface PlannerWorkerLike extends Endpoint {
  terminate(): void;
}

type Call<K extends keyof PlannerApi> = (
  ...args: Parameters<PlannerApi[K]>
) => Promise<Awaited<ReturnType<PlannerApi[K]>>>;

export interface PlannerClient {
  load(report: FitReport): Promise<PlannerSourceInfo>;
  horizon: Call<'horizon'>;
  evaluate: Call<'evaluate'>;
  optimise: Call<'optimise'>;
  frontier: Call<'frontier'>;
  curves: Call<'curves'>;
  /** Stops whatever runs now (its promises reject with AbortError). */
  cancel(): void;
  dispose(): void;
}

/**
 * A plain copy of small inputs: the store's Vue proxies cannot be structured-cloned into a worker
 * (the report is passed as it is: it is never made reactive).
 */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function createPlannerWorker(): PlannerWorkerLike {
  return new Worker(new URL('../workers/planner.worker.ts', import.meta.url), {
    type: 'module',
    name: 'planner',
  });
}

export function createPlannerClient(
  createWorker: () => PlannerWorkerLike = createPlannerWorker,
): PlannerClient {
  let worker: PlannerWorkerLike | null = null;
  let remote: Remote<PlannerApi> | null = null;
  let report: FitReport | null = null;
  let loaded = false;
  let generation = 0;
  const pending = new Set<(error: Error) => void>();

  function api(): Remote<PlannerApi> {
    if (!remote) {
      worker = createWorker();
      remote = wrap<PlannerApi>(worker);
      loaded = false;
    }
    return remote;
  }

  /** Runs `call` on the worker (loading the report first if a cancel replaced the worker). */
  function run<T>(call: (remote: Remote<PlannerApi>) => Promise<T>, reload = true): Promise<T> {
    const mine = generation;
    return new Promise<T>((resolve, reject) => {
      pending.add(reject);
      const settle = (finish: () => void) => {
        pending.delete(reject);
        if (mine === generation) finish();
      };
      void (async () => {
        const target = api();
        if (reload && !loaded && report) {
          await target.load(report);
          loaded = true;
        }
        return call(target);
      })().then(
        (value) => settle(() => resolve(value)),
        (error: unknown) =>
          settle(() => reject(error instanceof Error ? error : new Error(String(error)))),
      );
    });
  }

  function stop(): void {
    generation += 1;
    worker?.terminate();
    worker = null;
    remote = null;
    for (const reject of pending) reject(new AbortError());
    pending.clear();
  }

  return {
    async load(next) {
      report = next;
      loaded = false;
      const info = await run((target) => target.load(next), false);
      loaded = true;
      return info;
    },
    horizon: (weeks, flighting) => run((target) => target.horizon(weeks, plain(flighting))),
    evaluate: (inputs) => run((target) => target.evaluate(plain(inputs))),
    optimise: (inputs) => run((target) => target.optimise(plain(inputs))),
    frontier: (inputs) => run((target) => target.frontier(plain(inputs))),
    curves: (inputs) => run((target) => target.curves(plain(inputs))),
    cancel: stop,
    dispose: stop,
  };
}
