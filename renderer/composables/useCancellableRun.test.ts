import { describe, expect, it } from 'vitest';
import { AbortError } from '../../models/inference/cancellation';
import { useCancellableRun } from './useCancellableRun';

/** A promise settled from outside, to hold a run mid-way. */
function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

const CANCELLED = 'Run cancelled; kept.';

describe('useCancellableRun', () => {
  it('a bad setting fails the run with its message and starts nothing', async () => {
    const run = useCancellableRun(CANCELLED);
    let started = false;
    const outcome = await run.launch({
      prepare: () => {
        throw new Error('Folds must be a whole number from 2 to 20, got 1');
      },
      start: () => {
        started = true;
      },
      execute: () => Promise.resolve(1),
      commit: () => ({ outcome: 'stored', message: 'done' }),
    });
    expect(outcome).toBeNull();
    expect(started).toBe(false);
    expect(run.status.value).toBe('failed');
    expect(run.message.value).toBe('Folds must be a whole number from 2 to 20, got 1');
  });

  it('a finished run is committed with its prepared input and says so', async () => {
    const run = useCancellableRun(CANCELLED);
    const held = deferred<number>();
    const pending = run.launch({
      prepare: () => 20,
      execute: (prepared) => held.promise.then((value) => value + prepared),
      commit: (prepared, result) => ({ outcome: result * 2, message: `from ${prepared}` }),
    });
    expect(run.status.value).toBe('running');
    expect(run.message.value).toBeNull();
    held.resolve(1);
    expect(await pending).toBe(42);
    expect(run.status.value).toBe('done');
    expect(run.message.value).toBe('from 20');
  });

  it('cancel aborts the signal, says so at once and drops what the run returns later', async () => {
    const run = useCancellableRun(CANCELLED);
    const held = deferred<number>();
    let signal: AbortSignal | null = null;
    let current: (() => boolean) | null = null;
    let commits = 0;
    const pending = run.launch({
      prepare: () => null,
      execute: (_prepared, own, isCurrent) => {
        signal = own;
        current = isCurrent;
        return held.promise;
      },
      commit: () => {
        commits += 1;
        return { outcome: 'stored', message: 'done' };
      },
    });
    expect(current!()).toBe(true);
    run.cancel();
    expect(signal!.aborted).toBe(true);
    expect(current!()).toBe(false);
    expect(run.status.value).toBe('cancelled');
    expect(run.message.value).toBe(CANCELLED);
    held.resolve(7); // a runner that ignored the signal
    expect(await pending).toBeNull();
    expect(commits).toBe(0);
    expect(run.status.value).toBe('cancelled');
  });

  it('an abort error reads as cancelled, any other error as failed', async () => {
    const run = useCancellableRun(CANCELLED);
    const aborted = await run.launch({
      prepare: () => null,
      execute: () => Promise.reject(new AbortError()),
      commit: () => ({ outcome: 1, message: 'done' }),
    });
    expect([aborted, run.status.value, run.message.value]).toEqual([null, 'cancelled', CANCELLED]);
    const failed = await run.launch({
      prepare: () => null,
      execute: () => Promise.reject(new Error('worker crashed')),
      commit: () => ({ outcome: 1, message: 'done' }),
    });
    expect([failed, run.status.value, run.message.value]).toEqual([
      null,
      'failed',
      'worker crashed',
    ]);
  });

  it('a cancelled run failing late does not touch the status of the newer run', async () => {
    const run = useCancellableRun(CANCELLED);
    const old = deferred<number>();
    const first = run.launch({
      prepare: () => null,
      execute: () => old.promise,
      commit: () => ({ outcome: 'old', message: 'old' }),
    });
    run.cancel();
    const fresh = deferred<number>();
    const second = run.launch({
      prepare: () => null,
      execute: () => fresh.promise,
      commit: () => ({ outcome: 'new', message: 'new' }),
    });
    old.reject(new Error('late failure'));
    expect(await first).toBeNull();
    expect(run.status.value).toBe('running');
    expect(run.message.value).toBeNull();
    fresh.resolve(0);
    expect(await second).toBe('new');
    expect(run.status.value).toBe('done');
    // Cancel after the run ended has nothing to stop.
    run.cancel();
    expect(run.status.value).toBe('done');
  });
});
