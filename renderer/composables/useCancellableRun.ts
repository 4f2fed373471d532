/**
 * One long run at a time (a fit, a DML estimate) with a status, a message and cancel. Cancel
 * aborts the run's signal and disowns it at once: whatever the run does later is dropped, so a
 * cancelled run never stores anything and the previous result stays as it was.
 */
import { ref, type Ref } from 'vue';
import { isAbortError } from '../../models/inference/cancellation';
import { nextTask } from './nextTask';

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface RunSteps<Prepared, Result, Outcome> {
  /** Checks the settings and builds the input; a thrown error fails the run with its message. */
  prepare(): Prepared;
  /** Resets the run's progress display, just before it starts. */
  start?(prepared: Prepared): void;
  /** The work itself; it should honour `signal`. `current` is false once cancelled or finished. */
  execute(prepared: Prepared, signal: AbortSignal, current: () => boolean): Promise<Result>;
  /** Stores a finished run (only if it was not cancelled) and says what to show. */
  commit(prepared: Prepared, result: Result): { outcome: Outcome; message: string };
}

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

export function useCancellableRun<Status extends string = RunStatus>(cancelledMessage: string) {
  const status = ref('idle') as Ref<Status | RunStatus>;
  const message = ref<string | null>(null);
  let controller: AbortController | null = null;

  /** Runs `steps`; resolves to the outcome, or null when it failed or was cancelled. */
  async function launch<Prepared, Result, Outcome>(
    steps: RunSteps<Prepared, Result, Outcome>,
  ): Promise<Outcome | null> {
    let prepared: Prepared;
    try {
      prepared = steps.prepare();
    } catch (error) {
      status.value = 'failed';
      message.value = errorMessage(error);
      return null;
    }
    const own = new AbortController();
    controller = own;
    steps.start?.(prepared);
    status.value = 'running';
    message.value = null;
    try {
      const result = await steps.execute(prepared, own.signal, () => controller === own);
      if (controller !== own) return null;
      const committed = steps.commit(prepared, result);
      // The stored result renders in this task; the finished status (the forms enabled again) in
      // the next: together they were one 60–80 ms main-thread task after a fit.
      await nextTask();
      if (controller === own) {
        status.value = 'done';
        message.value = committed.message;
      }
      return committed.outcome;
    } catch (error) {
      // A cancelled run already said so; a newer run owns the status now.
      if (controller !== own) return null;
      if (isAbortError(error) || own.signal.aborted) {
        status.value = 'cancelled';
        message.value = cancelledMessage;
      } else {
        status.value = 'failed';
        message.value = errorMessage(error);
      }
      return null;
    } finally {
      if (controller === own) controller = null;
    }
  }

  /** Stops the running run, if any, and says so at once. */
  function cancel(): void {
    if (controller === null) return;
    controller.abort();
    controller = null;
    status.value = 'cancelled';
    message.value = cancelledMessage;
  }

  return { status, message, launch, cancel };
}
