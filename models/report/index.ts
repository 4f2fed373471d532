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
  type GeoInputs,
  type GeoResult,
  type PredictiveSeries,
  type AdstockCurveSeries,
  type ChainTraces,
} from './fitReportSchema';
export { chainTraces } from './chainTraces';
export { dataFingerprint, Fnv1a64 } from './dataFingerprint';
export { parameterTable, parametersFromTable, type ParameterTable } from './posteriorDraws';
export { roiRecovery, type RoiEstimate, type RoiRecovery } from './roiRecovery';
export {
  DataFileSchema,
  ModelInputsSchema,
  type DataFile,
  type ModelInputs,
} from './fitReportSchema';
export {
  migrateFitReport,
  FitReportVersionError,
  type MigratedFitReport,
} from './migrateFitReport';
export {
  parseFitReport,
  FIT_REPORT_LIMITS,
  firstIssue,
  type ParsedFitReport,
} from './parseFitReport';
export {
  modelFromReport,
  mmmInputOf,
  mmmDataOf,
  ReportInputsMissingError,
  type ReportModel,
  type NationalReportModel,
} from './modelFromReport';
export { reportOfFit, sourceOf, type FitContext } from './reportOfFit';
export { comparableReport } from './comparableReport';
export { frameFingerprint } from './frameFingerprint';
export * from './records';
