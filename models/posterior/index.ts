export { bandOf, columnBands, type Band, type SeriesBand } from './bands';
export { constrainDraws, thinDraws } from './constrainDraws';
export { decomposition, type Decomposition, type DecompositionComponent } from './decomposition';
export { channelRoi, marginalRoi, MARGINAL_STEP, type ChannelReturn } from './roi';
export { responseCurves, defaultMultipliers, type ResponseCurve } from './responseCurves';
export { adstockCurves, type AdstockCurve } from './adstockCurves';
export { fitMetrics, modelFit, type FitMetrics, type ModelFit } from './fitMetrics';
export {
  posteriorPredictive,
  predictiveReplicates,
  gammaVariate,
  studentTVariate,
} from './posteriorPredictive';
export {
  priorPreview,
  priorVariate,
  sampleChannelPriors,
  type PriorPreview,
} from './priorPredictive';
