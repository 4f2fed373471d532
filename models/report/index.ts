export { buildFitReport, type FitReportInput } from './fitReport';
export {
  FitReportSchema,
  FIT_REPORT_KIND,
  FIT_REPORT_VERSION,
  type FitReport,
  type ChannelResult,
  type FitDiagnostics,
  type FitTiming,
  type PosteriorDrawsTable,
} from './fitReportSchema';
export { dataFingerprint, Fnv1a64 } from './dataFingerprint';
export { parameterTable, parametersFromTable, type ParameterTable } from './posteriorDraws';
export { roiRecovery, type RoiEstimate, type RoiRecovery } from './roiRecovery';
