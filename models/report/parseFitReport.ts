/**
 * Opens a fit result file's text: JSON within limits (models/io/safeJson: size, nesting, lengths,
 * finite numbers, prototype keys dropped), migrated to the current version, then checked against
 * the zod schema. Every failure is one sentence naming the problem; nothing partial is returned.
 * Runs in a worker in the app (renderer/workers) and in the CLI as it is.
 */
import { JsonLimitError, parseJsonWithLimits, type JsonLimits } from '../io/safeJson';
import { FitReportSchema, type FitReport } from './fitReportSchema';
import { FitReportVersionError, migrateFitReport } from './migrateFitReport';

/** A fit result of 20 channels × 1000 draws is about 5 MB; 256 MB leaves room for geo inputs. */
export const FIT_REPORT_LIMITS: Partial<JsonLimits> = {
  maxBytes: 256 * 1024 * 1024,
  maxDepth: 32,
  maxArrayLength: 2_000_000,
  maxStringLength: 100_000,
};

export type ParsedFitReport =
  | {
      readonly ok: true;
      readonly report: FitReport;
      /** What the reader should know: a migration, dropped prototype keys. */
      readonly notices: readonly string[];
    }
  | { readonly ok: false; readonly message: string };

/** The first zod issue as "where: what". */
export function firstIssue(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'top level';
  return `${where}: ${issue.message}`;
}

export function parseFitReport(text: string, limits: Partial<JsonLimits> = {}): ParsedFitReport {
  const notices: string[] = [];
  try {
    const { value, droppedPrototypeKeys } = parseJsonWithLimits(text, {
      ...FIT_REPORT_LIMITS,
      ...limits,
    });
    if (droppedPrototypeKeys > 0)
      notices.push(
        `${droppedPrototypeKeys} prototype key(s) (__proto__, constructor) were ignored`,
      );
    const { document, fromVersion } = migrateFitReport(value);
    const parsed = FitReportSchema.safeParse(document);
    if (!parsed.success)
      return { ok: false, message: `not a valid fit result (${firstIssue(parsed.error)})` };
    if (fromVersion < parsed.data.version)
      notices.push(
        `written by an older version of the app (fit result version ${fromVersion}); migrated to version ${parsed.data.version}` +
          (parsed.data.inputs === null
            ? ': it has no weekly inputs, so it can be reviewed but not planned on (refit to plan)'
            : ''),
      );
    return { ok: true, report: parsed.data, notices };
  } catch (error) {
    if (error instanceof JsonLimitError || error instanceof FitReportVersionError)
      return { ok: false, message: error.message };
    throw error;
  }
}
