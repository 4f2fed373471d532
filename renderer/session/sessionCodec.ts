/**
 * The autosaved session as text entries, one key each, so a new fit is written once and a settings
 * change rewrites only the small `meta` entry:
 *
 * - `meta`: `{ kind: 'mmm-workbench-session', version, savedAt, mapping, fitSettings, priors,
 *   liftRows, fitIds }` — what the analyst set up;
 * - `fit-<id>`: `{ kind: 'mmm-workbench-fit', version, record: { id, finishedAt, origin, spec,
 *   fingerprint }, report }` — a finished fit with its full report (migrated like any fit result
 *   file when read back).
 *
 * Reading back never throws: an entry of another version or shape is set aside (kept under an
 * `aside-…` key, so nothing is lost) with one sentence saying so, and the rest is restored. Pure:
 * the electron main process writes the entries (electron/sessionFiles.ts), the browser keeps them
 * in IndexedDB, and the crash test runs this code in a plain Node process.
 */
import { z } from '../../models/io/zod';
import { MappingSchema, type Mapping } from '../../models/data';
import { parseJsonWithLimits } from '../../models/io/safeJson';
import { PriorsFileSchema } from '../../models/mmm/priorsFile';
import {
  FIT_REPORT_LIMITS,
  FitReportSchema,
  firstIssue,
  migrateFitReport,
  type FitReport,
  type MmmFitRecord,
} from '../../models/report';

export const SESSION_KIND = 'mmm-workbench-session';
export const SESSION_FIT_KIND = 'mmm-workbench-fit';
export const SESSION_VERSION = 1;
export const META_KEY = 'meta';

export const SESSION_KEY = /^(meta|fit-\d{1,9}|aside-[0-9a-z-]{1,60})$/;

const LiftTestSchema = z.object({
  channel: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  measuredLift: z.number(),
  standardError: z.number(),
});

const FitSettingsSchema = z.object({
  channels: z.array(z.string()).nullable(),
  controls: z.array(z.string()).nullable(),
  adstock: z.enum(['geometric', 'delayed', 'weibullCdf', 'weibullPdf']),
  saturation: z.enum(['hill', 'logistic', 'michaelisMenten']),
  chains: z.number(),
  warmup: z.number(),
  draws: z.number(),
  seed: z.number(),
  holdoutWeeks: z.number(),
  // The geo model's settings (sessions saved before them read as national).
  level: z.enum(['national', 'geo']).default('national'),
  population: z.string().nullable().default(null),
});

const LiftRowSchema = z.object({
  channel: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  measuredLift: z.string(),
  standardError: z.string(),
});

export const SessionMetaSchema = z.object({
  kind: z.literal(SESSION_KIND),
  version: z.literal(SESSION_VERSION),
  savedAt: z.string(),
  mapping: MappingSchema.nullable(),
  fitSettings: FitSettingsSchema.nullable(),
  priors: PriorsFileSchema.shape.channels,
  liftRows: z.array(LiftRowSchema),
  fitIds: z.array(z.number().int()),
});

export type SessionMeta = z.infer<typeof SessionMetaSchema>;

const FitSpecSchema = z.object({
  channels: z.array(z.string()),
  controls: z.array(z.string()),
  adstock: z.enum(['geometric', 'delayed', 'weibullCdf', 'weibullPdf']),
  saturation: z.enum(['hill', 'logistic', 'michaelisMenten']),
  chains: z.number(),
  warmup: z.number(),
  draws: z.number(),
  seed: z.number(),
  holdoutWeeks: z.number(),
  priors: PriorsFileSchema.shape.channels.optional(),
  liftTests: z.array(LiftTestSchema).optional(),
  mapping: MappingSchema.optional(),
  level: z.enum(['national', 'geo']).optional(),
  population: z.string().nullable().optional(),
});

const RecordMetaSchema = z.object({
  id: z.number().int().min(1),
  finishedAt: z.string(),
  origin: z.enum(['session', 'file']),
  spec: FitSpecSchema.nullable(),
  fingerprint: z.string(),
});

/** The meta entry's text. */
export function encodeMeta(meta: Omit<SessionMeta, 'kind' | 'version'>): string {
  return JSON.stringify({ kind: SESSION_KIND, version: SESSION_VERSION, ...meta });
}

/**
 * A fit entry's text around the report's own JSON (serialised in a worker), so the report is
 * never stringified twice.
 */
export function encodeFitEntry(record: MmmFitRecord, reportJson: string): string {
  return `${entryHead(record)}${reportJson}}`;
}

/** `encodeFitEntry` as UTF-8 bytes, from the report's JSON as UTF-8 bytes (the same bytes). */
export function encodeFitEntryBytes(record: MmmFitRecord, reportJson: Uint8Array): Uint8Array {
  const encoder = new TextEncoder();
  const head = encoder.encode(entryHead(record));
  const entry = new Uint8Array(head.length + reportJson.length + 1);
  entry.set(head);
  entry.set(reportJson, head.length);
  entry[entry.length - 1] = 0x7d; // }
  return entry;
}

/** The entry's JSON up to its report's value: `{"kind":…,"record":{…},"report":`. */
function entryHead(record: MmmFitRecord): string {
  const { id, finishedAt, origin, spec, fingerprint } = record;
  const head = JSON.stringify({
    kind: SESSION_FIT_KIND,
    version: SESSION_VERSION,
    record: { id, finishedAt, origin, spec, fingerprint },
  });
  return `${head.slice(0, -1)},"report":`;
}

export interface RestoredSession {
  readonly meta: SessionMeta | null;
  readonly fits: readonly MmmFitRecord[];
  /** Entries that could not be restored: their key, where they were set aside, and why. */
  readonly setAside: readonly {
    readonly key: string;
    readonly asideKey: string;
    readonly reason: string;
  }[];
  readonly notices: readonly string[];
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function decodeMeta(text: string): SessionMeta {
  const { value } = parseJsonWithLimits(text, { maxBytes: 64 * 1024 ** 2 });
  const document = value as { kind?: unknown; version?: unknown };
  if (document?.kind !== SESSION_KIND) throw new Error('not a session autosave');
  if (document.version !== SESSION_VERSION)
    throw new Error(
      `written by another version of the app (session version ${String(document.version)})`,
    );
  const parsed = SessionMetaSchema.safeParse(value);
  if (!parsed.success) throw new Error(`not a valid session (${firstIssue(parsed.error)})`);
  return parsed.data;
}

function decodeFit(text: string): { record: MmmFitRecord; notices: readonly string[] } {
  const { value } = parseJsonWithLimits(text, FIT_REPORT_LIMITS);
  const document = value as {
    kind?: unknown;
    version?: unknown;
    record?: unknown;
    report?: unknown;
  };
  if (document?.kind !== SESSION_FIT_KIND) throw new Error('not an autosaved fit');
  if (document.version !== SESSION_VERSION)
    throw new Error(
      `written by another version of the app (fit entry version ${String(document.version)})`,
    );
  const meta = RecordMetaSchema.safeParse(document.record);
  if (!meta.success) throw new Error(`not a valid fit record (${firstIssue(meta.error)})`);
  // The report goes through the same migrations and schema as an opened fit result file.
  const { document: migrated, fromVersion } = migrateFitReport(document.report);
  const report = FitReportSchema.safeParse(migrated);
  if (!report.success) throw new Error(`not a valid fit result (${firstIssue(report.error)})`);
  const record: MmmFitRecord = {
    kind: 'mmm',
    ...meta.data,
    spec: meta.data.spec as MmmFitRecord['spec'],
    report: report.data as FitReport,
  };
  const notices =
    fromVersion < report.data.version
      ? [`migrated from fit result version ${fromVersion} to ${report.data.version}`]
      : [];
  return { record, notices };
}

/** Reads every entry back; what cannot be read is set aside, never thrown (see the module). */
export function decodeSession(
  entries: Readonly<Record<string, string>>,
  now: Date,
): RestoredSession {
  const setAside: { key: string; asideKey: string; reason: string }[] = [];
  const notices: string[] = [];
  const stamp = now
    .toISOString()
    .replace(/[^0-9]/g, '')
    .slice(0, 14);
  const putAside = (key: string, error: unknown) =>
    setAside.push({ key, asideKey: `aside-${stamp}-${key}`, reason: reason(error) });
  let meta: SessionMeta | null = null;
  if (entries[META_KEY] !== undefined) {
    try {
      meta = decodeMeta(entries[META_KEY]);
    } catch (error) {
      putAside(META_KEY, error);
    }
  }
  const fits: MmmFitRecord[] = [];
  const wanted = meta ? new Set(meta.fitIds) : null;
  for (const key of Object.keys(entries).sort()) {
    if (!key.startsWith('fit-')) continue;
    const id = Number(key.slice(4));
    // A fit the session no longer lists was removed, or written after the last meta (kept).
    if (wanted && !wanted.has(id) && meta && id < Math.max(0, ...meta.fitIds)) continue;
    try {
      const { record, notices: fitNotices } = decodeFit(entries[key]);
      fits.push(record);
      notices.push(...fitNotices.map((notice) => `fit ${record.id}: ${notice}`));
    } catch (error) {
      putAside(key, error);
    }
  }
  for (const entry of setAside)
    notices.push(
      `The autosaved ${entry.key === META_KEY ? 'session' : entry.key.replace('-', ' ')} could not be restored (${entry.reason}); it was set aside as ${entry.asideKey}.`,
    );
  return { meta, fits: fits.sort((a, b) => a.id - b.id), setAside, notices };
}

export type { Mapping };
