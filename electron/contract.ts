/**
 * The one contract between the renderer and the desktop shell: the API the preload exposes
 * (`window.workbench`), its IPC channel names and the schemas main validates every payload with.
 * The renderer imports types only; main and preload import the values.
 */
import { z } from '../models/io/zod';

// The channel names live in their own dependency-free module so the preload bundle stays free of zod.
export { IPC } from './channels';
/** How much of a large data file is read up front (the data layer's sniffing head). */
export { HEAD_BYTES } from '../models/data/types';

export type Result<T> =
  { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  mode: 'desktop' | 'browser';
}

/** A file the user chose or dropped: its name and bytes, never a path the renderer can reuse. */
export interface OpenedFile {
  name: string;
  /**
   * The whole file; or, for a data file larger than `HEAD_BYTES` that the renderer holds as a `File`
   * (picked in the browser, or dropped), only its head (`bytes.length < size`).
   */
  bytes: Uint8Array;
  size: number;
  /**
   * The picked or dropped file itself (never crosses IPC: the renderer pairs a desktop drop with
   * its own `File`), which the data engine reads in place, so a large export is not read whole
   * into the page.
   */
  file?: Blob;
}

export interface RecentFile {
  id: string;
  name: string;
  kind: 'data' | 'plan';
  openedAt: string;
}

/**
 * What a native menu item asks the renderer to do. `open-recent:<id>` comes from File › Open Recent:
 * the renderer answers it with `openRecent(id)` (the id is a `RecentFile.id`).
 */
export type MenuCommand =
  | 'open-data'
  | 'open-plan'
  | 'save-plan'
  | 'load-sample'
  | `open-recent:${string}`
  | ResultsMenuCommand;

/**
 * The Results work's menu commands: File › Open fit result…, Model › Fit / Cancel fit, and
 * View › <task> (`task:<id>` switches to a task of renderer/navigation.ts).
 */
export type ResultsMenuCommand = 'open-fit-result' | 'fit' | 'cancel-fit' | `task:${string}`;

/** Autosaved session entries: a key (see renderer/session/sessionCodec.ts) → its JSON text. */
export type SessionEntries = Record<string, string>;

/** The largest autosaved entry (a fit with its report), as the fit result file limit. */
export const MAX_SESSION_ENTRY_BYTES = 256 * 1024 ** 2;

export const MAX_FILE_BYTES = 2 * 1024 ** 3;

export const schemas = {
  droppedPaths: z.array(z.string().min(1).max(4096)).min(1).max(64),
  recentId: z.string().regex(/^[a-f0-9]{16}$/),
  savePlan: z.object({
    suggestedName: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[^/\\:*?"<>|]+$/),
    contents: z.string().max(64 * 1024 ** 2),
  }),
  sessionKey: z.string().regex(/^(meta|fit-\d{1,9}|aside-[0-9a-z-]{1,60})$/),
  // The entry's text, or its UTF-8 bytes (a fit's report arrives as bytes: encoding ~2 MB of
  // text again cost the page 45–100 ms); bytes that are not UTF-8 are refused where they land.
  sessionText: z
    .union([
      z.string().max(MAX_SESSION_ENTRY_BYTES),
      z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength <= MAX_SESSION_ENTRY_BYTES, {
        message: `at most ${MAX_SESSION_ENTRY_BYTES} bytes`,
      }),
    ])
    .nullable(),
  saveReport: z.object({
    suggestedName: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[^/\\:*?"<>|]+$/),
    html: z.string().max(16 * 1024 ** 2),
  }),
} as const;

/** What `window.workbench` offers; the browser build implements the same interface. */
export interface WorkbenchApi {
  appInfo(): Promise<AppInfo>;
  /** Shows the native open dialog (CSV / Parquet); resolves to [] when cancelled. */
  openDataFiles(): Promise<Result<OpenedFile[]>>;
  /**
   * Reads files dropped on the window (desktop: paths via webUtils in the preload; main then reads
   * only the head of a data file larger than `HEAD_BYTES`, since the renderer holds its `File`).
   */
  openDroppedFiles(files: File[]): Promise<Result<OpenedFile[]>>;
  recentFiles(): Promise<RecentFile[]>;
  openRecent(id: string): Promise<Result<OpenedFile[]>>;
  /** Shows the open dialog for a plan file; null when cancelled. */
  openPlan(): Promise<Result<OpenedFile | null>>;
  /** Saves a plan (save dialog in the desktop, a download in the browser). */
  savePlan(
    suggestedName: string,
    contents: string,
  ): Promise<Result<{ saved: boolean; name?: string }>>;
  /** Shows the open dialog for a fit result file (`mmm fit --out`); null when cancelled. */
  openFitResult(): Promise<Result<OpenedFile | null>>;
  /** Every autosaved session entry (desktop: under userData; browser: IndexedDB). */
  loadSession(): Promise<Result<SessionEntries>>;
  /** Writes one autosaved entry atomically: its text or UTF-8 bytes (null deletes it). */
  saveSessionEntry(key: string, text: string | Uint8Array | null): Promise<Result<void>>;
  /**
   * Saves a plan's one-page HTML report (save dialog in the desktop, a download in the browser);
   * the page is built by models/plan/htmlReport.ts, static and escaped.
   */
  saveReport(
    suggestedName: string,
    html: string,
  ): Promise<Result<{ saved: boolean; name?: string }>>;
  /** Subscribes to menu commands; returns the unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}
