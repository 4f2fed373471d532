/**
 * Writing plans: a first plan from a fit report (and scenarios, if any), and the next revision of
 * an opened plan. Both return the typed plan, the stored document and the file text: the canonical
 * JSON (contentHash.ts) with its `contentHash`, one final newline. The same plan always gives the
 * same text, byte for byte.
 *
 * A revision is a new plan (new `planId`, `revision` = parent's + 1, `parentIds` = [parent]) built
 * on the parent's stored document, so fields this app does not know (a newer minor version's) are
 * kept; only the fields the analyst edited are replaced. An unedited plan is written back as it
 * was (same id, same bytes): saving never mints a revision nobody made.
 */
import { randomBytes } from '@noble/hashes/utils.js';
import type { Scenario } from '../planning/scenarioSchema';
import type { FitReport } from '../report/fitReportSchema';
import { compactNumbers } from './compactNumbers';
import { canonicalJson, contentHashOf } from './contentHash';
import { isJsonObject } from './migratePlan';
import { PLAN_FORMAT, PLAN_FORMAT_VERSION, type Writer } from './planFormat';
import type { PlanDocument, ReproduceSource, StoredPlan } from './planSchema';

/** What the analyst edits in a plan. */
export interface PlanEdits {
  readonly title: string;
  readonly author: string;
  readonly notes: string;
  readonly scenarios: readonly Scenario[];
  readonly chosenScenarioId: string | null;
}

export interface PlanContent extends PlanEdits {
  readonly report: FitReport;
  /** How the fit read its data (mmm fit knows; the app when its data were one wide file). */
  readonly reproduce?: ReproduceSource | null;
}

export interface WriteContext {
  readonly writtenBy: Writer;
  /** Default: now. */
  readonly createdAt?: string;
  /** Default: a random UUID (tests fix it). */
  readonly planId?: string;
}

export interface SavedPlan {
  readonly plan: PlanDocument;
  readonly stored: StoredPlan;
  /** The file's contents. */
  readonly text: string;
}

/** A random version-4 UUID (RFC 9562) from a cryptographic source. */
export function randomPlanId(): string {
  const bytes = randomBytes(16);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** "revenue · 2022-01-03 to 2024-12-23". */
export function defaultPlanTitle(report: FitReport): string {
  return `${report.data.kpiName} · ${report.data.firstWeek} to ${report.data.lastWeek}`.slice(
    0,
    200,
  );
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text fields as the schema takes them: well-formed UTF-16 (a lone surrogate cannot be hashed). */
function text(value: string, max: number): string {
  return value.replace(LONE_SURROGATE, '\uFFFD').slice(0, max);
}

function editedFields(edits: PlanEdits): Omit<PlanEdits, 'scenarios'> & { scenarios: Scenario[] } {
  return {
    title: text(edits.title, 200).trim() || 'Untitled plan',
    author: text(edits.author, 200),
    notes: text(edits.notes, 20_000),
    scenarios: edits.scenarios.map((scenario) => JSON.parse(JSON.stringify(scenario)) as Scenario),
    chosenScenarioId: edits.chosenScenarioId,
  };
}

/** Adds the content hash and serialises. */
function seal(unsealed: Record<string, unknown>): { stored: StoredPlan; text: string } {
  const stored = { ...unsealed, contentHash: contentHashOf(unsealed) };
  return { stored, text: `${canonicalJson(stored)}\n` };
}

/** A first plan (revision 1, no parents). */
export function buildPlan(content: PlanContent, context: WriteContext): SavedPlan {
  const header = {
    format: PLAN_FORMAT as typeof PLAN_FORMAT,
    formatVersion: { ...PLAN_FORMAT_VERSION },
    planId: context.planId ?? randomPlanId(),
    createdAt: context.createdAt ?? new Date().toISOString(),
    writtenBy: { app: context.writtenBy.app, version: context.writtenBy.version },
    revision: 1,
    parentIds: [] as string[],
  };
  const edits = editedFields(content);
  const { stored, text: fileText } = seal({
    ...header,
    ...edits,
    fit: compactNumbers(content.report),
    reproduce: content.reproduce ?? null,
  });
  const plan: PlanDocument = {
    ...header,
    ...edits,
    fit: content.report,
    reproduce: content.reproduce ?? null,
    contentHash: stored.contentHash as string,
  };
  return { plan, stored, text: fileText };
}

/**
 * `known` written over `kept`: objects merge key by key (keys only `kept` has survive), anything
 * else is `known`'s.
 */
export function keepUnknownFields(kept: unknown, known: unknown): unknown {
  if (!isJsonObject(kept) || !isJsonObject(known)) return known;
  const merged: Record<string, unknown> = { ...kept };
  for (const key of Object.keys(known)) merged[key] = keepUnknownFields(kept[key], known[key]);
  return merged;
}

/** Whether `edits` change anything of `plan`. */
export function isEdited(plan: PlanDocument, edits: PlanEdits): boolean {
  const before: PlanEdits = plan;
  return canonicalJson(editedFields(before)) !== canonicalJson(editedFields(edits));
}

export interface ParentPlan {
  readonly plan: PlanDocument;
  readonly stored: StoredPlan;
  /** False for a plan opened read-only after a hash mismatch: it is never written again. */
  readonly verified: boolean;
}

export class ReadOnlyPlanError extends Error {
  override readonly name = 'ReadOnlyPlanError';
}

/**
 * The plan to write after the analyst edited `parent`: the parent itself when nothing changed,
 * else its next revision.
 */
export function nextRevision(
  parent: ParentPlan,
  edits: PlanEdits,
  context: WriteContext,
): SavedPlan {
  if (!parent.verified)
    throw new ReadOnlyPlanError(
      `plan '${parent.plan.title}' was opened read-only (it changed after it was saved): it cannot be saved`,
    );
  if (!isEdited(parent.plan, edits)) {
    const { stored, text: fileText } = seal(parent.stored);
    return { plan: parent.plan, stored, text: fileText };
  }
  const fields = editedFields(edits);
  const storedScenarios = Array.isArray(parent.stored.scenarios) ? parent.stored.scenarios : [];
  const scenarios = fields.scenarios.map((scenario) =>
    keepUnknownFields(
      storedScenarios.find((kept) => isJsonObject(kept) && kept.id === scenario.id),
      scenario,
    ),
  );
  const header = {
    planId: context.planId ?? randomPlanId(),
    createdAt: context.createdAt ?? new Date().toISOString(),
    writtenBy: { app: context.writtenBy.app, version: context.writtenBy.version },
    revision: parent.plan.revision + 1,
    parentIds: [parent.plan.planId],
  };
  const { contentHash: _old, ...kept } = parent.stored;
  const { stored, text: fileText } = seal({ ...kept, ...header, ...fields, scenarios });
  const plan: PlanDocument = {
    ...parent.plan,
    ...header,
    ...fields,
    contentHash: stored.contentHash as string,
  };
  return { plan, stored, text: fileText };
}
