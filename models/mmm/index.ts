export type * from './spec';
export type * from './types';
export type { Prior, Support } from './distributions';
export type { MmmDesign, ResolvedLiftTest } from './design';
export type { ParameterLayout, Coordinate, CoordinateTransform } from './parametrisation';
export { createMmmTarget, type MmmTarget } from './target';
export { fitMap, type MapResult } from './map';
export {
  resolveModelSpec,
  DEFAULT_CHANNEL_PRIORS,
  ADSTOCK_PARAMETERS,
  SATURATION_PARAMETERS,
} from './resolveModelSpec';
export { computeComponents, channelContribution } from './components';
