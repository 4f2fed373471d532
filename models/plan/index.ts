/** Plan files (.mmmplan): build, open, verify, diff, report. See README.md. */
export {
  PLAN_EXTENSION,
  PLAN_FORMAT,
  PLAN_FORMAT_VERSION,
  compareVersions,
  versionText,
  type FormatVersion,
  type Writer,
} from './planFormat';
export {
  PlanSchema,
  ReproduceSchema,
  MAX_NOTES_LENGTH,
  type PlanDocument,
  type ReproduceSource,
  type StoredPlan,
} from './planSchema';
export {
  buildPlan,
  nextRevision,
  isEdited,
  defaultPlanTitle,
  randomPlanId,
  ReadOnlyPlanError,
  type PlanContent,
  type PlanEdits,
  type ParentPlan,
  type SavedPlan,
  type WriteContext,
} from './buildPlan';
export {
  openPlanText,
  PLAN_LIMITS,
  TAMPERED_MESSAGE,
  type OpenPlanOptions,
  type OpenPlanResult,
  type OpenedPlan,
  type RefusedPlan,
  type PlanProblem,
} from './openPlan';
export { canonicalJson, contentHashOf, sha256Hex } from './contentHash';
export { diffPlans, type PlanDiff, type ChannelDrift, type ScenarioDiff } from './diff';
export { diffText } from './diffText';
export { intervalOverlap } from './intervalOverlap';
export {
  planSummary,
  summaryText,
  verifyLine,
  intervalText,
  shortNumber,
  type PlanSummary,
} from './planSummary';
export { planReportHtml, reportedScenario } from './htmlReport';
export {
  reproduceCommands,
  fitFlags,
  weeklyInputsCsv,
  liftTestsCsv,
  inputsDateColumn,
  type ReproduceCommands,
} from './reproduce';
