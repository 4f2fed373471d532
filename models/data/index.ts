/**
 * Public API of the data layer: export file → imported table → mapping → validation → weekly model frame.
 * Pure: the DuckDB connection (`SqlConnection`) and the Parquet reader (`ParquetToIpc`) are passed in.
 */
export * from './types';
export type { ParquetToIpc } from './parquetToIpc';
export { detectFormat } from './detectFormat';
export { importFile } from './importFile';
export { ImportCancelled } from './importCancel';
export { FileImportError } from './importError';
export { prepareEngine } from './prepareEngine';
export type { PrepareEngineOptions } from './prepareEngine';
export type { ImportOptions } from './importFile';
export { detectMapping } from './detectMapping';
export { validate } from './validate';
export { buildModelFrame } from './buildModelFrame';
export { weeklySourcesOf, type WeeklySource } from './weeklySources';
export { summariseFrame } from './summariseFrame';
export type { FrameSummary } from './summariseFrame';
export { MAPPING_JSON_LIMITS, MappingSchema } from './mappingSchema';
