/**
 * The plan document of the current format version, as the app works with it: the stored file
 * with its fit report decoded (compactNumbers.ts) and migrated to the current report version.
 * Field meanings and the version history are in README.md; what is stored differs only in `fit`
 * (number arrays compacted) and in fields a newer minor version added, which the stored copy keeps.
 */
import { z } from 'zod';
import { FitReportSchema } from '../report/fitReportSchema';
import { ScenarioSchema } from '../planning/scenarioSchema';
import { PLAN_FORMAT } from './planFormat';

/** A random (version 4) UUID, lower case. */
export const PlanIdSchema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a lower-case UUID');

export const FormatVersionSchema = z.object({
  major: z.number().int().min(0),
  minor: z.number().int().min(0),
});

/** ISO 8601 UTC timestamp, as Date.prototype.toISOString writes it. */
const TimestampSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/, 'an ISO 8601 UTC timestamp');

const FileNameSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^/\\]+$/, 'a file name without folders');

/**
 * How the fit read its data, so `mmm fit` can regenerate the draws from the same file (format 1.1):
 * the file's name (never a path) and the columns of the date, the KPI and each channel's spend.
 * Controls are read from the columns of their own names.
 */
export const ReproduceSchema = z.object({
  file: FileNameSchema,
  dateColumn: z.string().min(1).max(200),
  kpiColumn: z.string().min(1).max(200),
  channelColumns: z.array(
    z.object({ channel: z.string().min(1).max(200), column: z.string().min(1).max(200) }),
  ),
  weekStart: z.enum(['monday', 'sunday']),
  liftTestsFile: FileNameSchema.nullable(),
});

/** Longest notes kept in a plan (plain text). */
export const MAX_NOTES_LENGTH = 20_000;

export const PlanSchema = z
  .object({
    format: z.literal(PLAN_FORMAT),
    formatVersion: FormatVersionSchema,
    planId: PlanIdSchema,
    createdAt: TimestampSchema,
    writtenBy: z.object({ app: z.string().max(100), version: z.string().max(50) }),
    title: z.string().min(1).max(200),
    /** 1 for a first plan; a parent's revision + 1 when saved from an edit. */
    revision: z.number().int().min(1),
    /** The plans this one was saved from (one parent for an edit; none for a first plan). */
    parentIds: z.array(PlanIdSchema).max(16),
    author: z.string().max(200),
    /** Plain text, shown as text: never as HTML. */
    notes: z.string().max(MAX_NOTES_LENGTH),
    fit: FitReportSchema,
    /** Since 1.1; null when the data were not read from one file (or in a migrated 1.0 plan). */
    reproduce: ReproduceSchema.nullable(),
    scenarios: z.array(ScenarioSchema).max(500),
    /** The scenario the plan recommends (the one-page report shows it); null when none. */
    chosenScenarioId: z.string().nullable(),
    contentHash: z.string().regex(/^[0-9a-f]{64}$/, '64 hex digits'),
  })
  .superRefine((plan, context) => {
    const ids = new Set<string>();
    const channels = new Set(plan.fit.channels.map((channel) => channel.name));
    plan.scenarios.forEach((scenario, i) => {
      if (ids.has(scenario.id))
        context.addIssue({
          code: 'custom',
          path: ['scenarios', i, 'id'],
          message: `scenario id '${scenario.id}' is used twice`,
        });
      ids.add(scenario.id);
      const unknown = scenario.inputs.allocation.find((entry) => !channels.has(entry.channel));
      if (unknown)
        context.addIssue({
          code: 'custom',
          path: ['scenarios', i, 'inputs', 'allocation'],
          message: `scenario '${scenario.inputs.name}' allocates to '${unknown.channel}', a channel the fit does not have`,
        });
    });
    if (plan.chosenScenarioId !== null && !ids.has(plan.chosenScenarioId))
      context.addIssue({
        code: 'custom',
        path: ['chosenScenarioId'],
        message: `no scenario has the id '${plan.chosenScenarioId}'`,
      });
  });

export type PlanDocument = z.infer<typeof PlanSchema>;
export type ReproduceSource = z.infer<typeof ReproduceSchema>;

/** A plan as stored: plain JSON, fit compacted, every field kept (also ones this app does not know). */
export type StoredPlan = Readonly<Record<string, unknown>>;
