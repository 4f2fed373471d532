/**
 * Opens a plan file's text — the one reader of the app (in the plan worker) and the CLI:
 *
 * 1. JSON within limits (models/io/safeJson: size, nesting, lengths, finite numbers; prototype keys
 *    dropped, which then also fails the hash);
 * 2. is it a plan, and of a version this app reads (a newer major version is refused);
 * 3. the content hash, recomputed over the canonical form (contentHash.ts): a mismatch is refused,
 *    or, when the caller explicitly asks (`allowTampered`), opened read-only with a warning;
 * 4. ordered migrations of older versions (migratePlan.ts);
 * 5. the fit report decoded (compactNumbers.ts), migrated (models/report) and the whole checked
 *    against the schema (planSchema.ts).
 *
 * Every refusal is one sentence naming the problem; nothing partial is returned. A file whose text
 * is not exactly its canonical form (reformatted, a number rewritten with other digits) opens with
 * a notice: its content still matches its hash.
 */
import { JsonLimitError, parseJsonWithLimits, type JsonLimits } from '../io/safeJson';
import { FitReportVersionError, migrateFitReport } from '../report/migrateFitReport';
import { firstIssue } from '../report/parseFitReport';
import { CompactNumbersError, expandNumbers } from './compactNumbers';
import { canonicalJson, CanonicalJsonError, contentHashOf } from './contentHash';
import { checkReadable, migratePlan, planFormatVersion, PlanVersionError } from './migratePlan';
import {
  compareVersions,
  PLAN_FORMAT_VERSION,
  versionText,
  type FormatVersion,
} from './planFormat';
import { PlanSchema, type PlanDocument, type StoredPlan } from './planSchema';

/** A 20-channel plan with 1000 draws is under 5 MB; the cap matches the desktop's file policy. */
export const PLAN_LIMITS: JsonLimits = {
  maxBytes: 64 * 1024 * 1024,
  maxDepth: 32,
  maxArrayLength: 1_000_000,
  maxStringLength: 8_000_000,
};

export const TAMPERED_MESSAGE = 'this plan was changed or corrupted after it was saved';

export type PlanProblem = 'unreadable' | 'not-a-plan' | 'newer-version' | 'tampered' | 'invalid';

export interface OpenedPlan {
  readonly ok: true;
  readonly plan: PlanDocument;
  /** The stored document (migrated, fit compacted, unknown fields kept) that a new revision builds on. */
  readonly stored: StoredPlan;
  /** False only when a hash mismatch was opened on request: view it, never save it. */
  readonly verified: boolean;
  readonly fromVersion: FormatVersion;
  /** What the reader should know: a migration, a newer minor version, reformatting, a bad hash. */
  readonly notices: readonly string[];
}

export interface RefusedPlan {
  readonly ok: false;
  readonly problem: PlanProblem;
  readonly message: string;
}

export type OpenPlanResult = OpenedPlan | RefusedPlan;

export interface OpenPlanOptions {
  /** Open a plan whose hash does not match, read-only (the user asked, after a warning). */
  readonly allowTampered?: boolean;
  readonly limits?: Partial<JsonLimits>;
}

/** One line: JSON.parse quotes the file's own bytes (control characters included) in its errors. */
function refuse(problem: PlanProblem, message: string): RefusedPlan {
  return { ok: false, problem, message: message.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ') };
}

function decodeFit(fit: unknown): { report: unknown; fromVersion: number } {
  const { document, fromVersion } = migrateFitReport(expandNumbers(fit, '$.fit'));
  return { report: document, fromVersion };
}

export function openPlanText(text: string, options: OpenPlanOptions = {}): OpenPlanResult {
  const notices: string[] = [];
  try {
    const { value, droppedPrototypeKeys } = parseJsonWithLimits(text, {
      ...PLAN_LIMITS,
      ...options.limits,
    });
    const version = planFormatVersion(value);
    checkReadable(version);
    const document = value as Record<string, unknown>;

    const stated = document.contentHash;
    const actual = contentHashOf(document);
    const verified = typeof stated === 'string' && stated === actual;
    if (!verified) {
      const why =
        typeof stated !== 'string'
          ? 'it has no content hash'
          : droppedPrototypeKeys > 0
            ? `it holds ${droppedPrototypeKeys} prototype key(s) (__proto__, constructor), which the app never writes`
            : 'its content hash does not match';
      if (!options.allowTampered) return refuse('tampered', `${TAMPERED_MESSAGE} (${why})`);
      notices.push(
        `${TAMPERED_MESSAGE} (${why}): opened read-only; its numbers may not be what its author saved`,
      );
    } else if (text.replace(/^\ufeff/, '') !== `${canonicalJson(document)}\n`) {
      notices.push(
        'the file was reformatted after it was saved (its content still matches its hash)',
      );
    }

    if (verified && droppedPrototypeKeys > 0)
      notices.push(
        `${droppedPrototypeKeys} prototype key(s) (__proto__, constructor) were ignored`,
      );

    const migrated = migratePlan(document);
    const fit = decodeFit(migrated.document.fit);
    const parsed = PlanSchema.safeParse({ ...migrated.document, fit: fit.report });
    if (!parsed.success)
      return refuse('invalid', `this is not a valid plan (${firstIssue(parsed.error)})`);

    const { fromVersion } = migrated;
    const order = compareVersions(fromVersion, PLAN_FORMAT_VERSION);
    if (order < 0)
      notices.push(
        `written by an older version of the app (plan format ${versionText(fromVersion)}); migrated to ${versionText(PLAN_FORMAT_VERSION)}`,
      );
    else if (order > 0)
      notices.push(
        `written by a newer version of the app (plan format ${versionText(fromVersion)}; this version writes ${versionText(PLAN_FORMAT_VERSION)}): fields it does not know are kept when it is saved again`,
      );
    if (fit.fromVersion < parsed.data.fit.version)
      notices.push(
        `its fit result was written in an older format (version ${fit.fromVersion})` +
          (parsed.data.fit.inputs === null
            ? ': it has no weekly inputs, so it can be reviewed but not planned on'
            : ''),
      );
    return {
      ok: true,
      plan: parsed.data,
      stored: migrated.document,
      verified,
      fromVersion,
      notices,
    };
  } catch (error) {
    if (error instanceof JsonLimitError) return refuse('unreadable', error.message);
    if (error instanceof PlanVersionError) return refuse(error.problem, error.message);
    if (error instanceof FitReportVersionError)
      return refuse('invalid', `this plan's fit result cannot be read: ${error.message}`);
    if (error instanceof CompactNumbersError || error instanceof CanonicalJsonError)
      return refuse('invalid', `this is not a valid plan (${error.message})`);
    throw error;
  }
}
