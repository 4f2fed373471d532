/**
 * The typed messages between the UI thread and the double-ML worker. One worker runs one
 * estimate; cancellation is by terminating it (the estimate's own cancel hook is polled only
 * between nuisance fits, termination stops a long forest fit too).
 */
import type { DmlInput, DmlProgress, DmlResult } from '../../models/causal';
import type { LearnerName } from '../../models/learners';
import type { OneShotReply, OneShotRun } from '../workers/oneShotWorker';

/** A DML input that can cross to a worker: the learner is named, never a function-bearing object. */
export interface DmlWorkerInput extends Omit<DmlInput, 'options'> {
  readonly options?: Omit<
    NonNullable<DmlInput['options']>,
    'learner' | 'outcomeLearner' | 'treatmentLearner'
  > & {
    readonly learner?: LearnerName;
  };
}

export type ToDmlWorker = OneShotRun<DmlWorkerInput>;

export type FromDmlWorker = OneShotReply<DmlResult, DmlProgress>;

export { flattenError, rebuildError } from '../../models/inference/chainProtocol';
