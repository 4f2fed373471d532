/** Public API of double/debiased ML for channel effects (see README.md). */
export { estimateDml } from './dml';
export { DmlCancelledError } from './dmlTypes';
export type {
  DmlOptions,
  DmlInput,
  DmlHooks,
  DmlProgress,
  DmlResult,
  DmlEstimate,
  DmlJointEstimate,
  DmlNuisance,
} from './dmlTypes';
export {
  createFolds,
  foldsFromAssignment,
  foldSchemes,
  type Fold,
  type FoldScheme,
  type FoldOptions,
} from './folds';
export {
  fitPlr,
  solveLinearScore,
  plrScoreElements,
  type PlrScore,
  type PlrFit,
  type PlrFitInput,
} from './plr';
export { neweyWestLongRunVariance, neweyWestLag, type HacLagRule } from './hac';
export { jointCriticalValue } from './bootstrap';
export { aggregateRepetitions } from './aggregateRepetitions';
export {
  analyseSensitivity,
  sensitivityElements,
  type SensitivityParameters,
  type SensitivityResult,
} from './sensitivity';
export { adstockedTreatment, type Treatment, type AdstockSetting } from './treatments';
export { timeFeatures, weeksFromDates, WEEKS_PER_YEAR } from './timeFeatures';
export { normalCdf, normalQuantile } from './normalDistribution';
