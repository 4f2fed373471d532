import { createGradientBoosting } from './gradientBoosting';
import { createLasso } from './lasso';
import { createOrdinaryLeastSquares } from './ordinaryLeastSquares';
import { createRandomForest } from './randomForest';
import { createRidge } from './ridge';
import type { LearnerName, LearnerOptions } from './learnerOptions';
import type { Learner } from './types';

export type { Learner, Matrix, Regressor } from './types';
export type {
  LearnerName,
  LearnerOptions,
  PenalisedLinearOptions,
  ForestOptions,
  BoostingOptions,
} from './learnerOptions';
export type { LinearRegressor } from './linearRegressor';
export { fitOrdinaryLeastSquares, createOrdinaryLeastSquares } from './ordinaryLeastSquares';
export { fitRidge, createRidge } from './ridge';
export { fitLasso, createLasso } from './lasso';
export { fitRandomForest, createRandomForest, type ForestRegressor } from './randomForest';
export {
  fitGradientBoosting,
  createGradientBoosting,
  type BoostingRegressor,
} from './gradientBoosting';
export type { RegressionTree } from './regressionTree';
export {
  prepareSplitFitter,
  separateSplitFitter,
  isSplitLearner,
  type RowSplit,
  type SplitFitter,
  type SplitLearner,
} from './splitFitting';

export const learnerNames: readonly LearnerName[] = ['ols', 'ridge', 'lasso', 'forest', 'gbm'];

/** The nuisance learner called `name`, configured by `options` (fields it does not use are ignored). */
export function createLearner(name: LearnerName, options: LearnerOptions = {}): Learner {
  switch (name) {
    case 'ols':
      return createOrdinaryLeastSquares();
    case 'ridge':
      return createRidge(options);
    case 'lasso':
      return createLasso(options);
    case 'forest':
      return createRandomForest(options);
    case 'gbm':
      return createGradientBoosting(options);
    default:
      throw new Error(
        `createLearner: unknown learner '${String(name)}' (expected one of ${learnerNames.join(', ')})`,
      );
  }
}
