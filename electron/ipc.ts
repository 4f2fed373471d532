/**
 * The IPC handlers behind `window.workbench`. Each one checks the sender frame, then the payload,
 * then does its small job (a dialog, a checked file read, the recent list) and answers with a
 * `Result`; nothing thrown inside crosses as a raw error. Dependencies come in as arguments so
 * tests can drive the handlers with fakes instead of Electron.
 */
import nodePath from 'node:path';

import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { z } from '../models/io/zod';

import { writeFileAtomically } from './atomicWrite';
import { readCheckedFile, type ReadOptions } from './checkedFileRead';
import { type AppInfo, HEAD_BYTES, IPC, type OpenedFile, type Result } from './contract';
import {
  dataFilePolicy,
  dialogExtensions,
  droppedFilePolicies,
  type FilePolicy,
  fitResultFilePolicy,
  planFilePolicy,
} from './filePolicy';
import { readSessionEntries, writeSessionEntry } from './sessionFiles';
import { type InvokeChannel, ipcPayloads, parsePayload } from './ipcPayloads';
import type { RecentFilesStore } from './recentFiles';
import { checkSender, type InvokeEvent } from './senderValidation';
import { failure, ShellError, success } from './shellError';

/** The slice of Electron's `ipcMain`. */
export interface IpcRegistry {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void;
}

/** Native dialogs, already bound to the main window by the caller. */
export interface Dialogs {
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
}

export interface IpcDependencies {
  ipcMain: IpcRegistry;
  dialogs: Dialogs;
  /** The main window's `webContents.id`, or undefined while there is no window. */
  mainWebContentsId: () => number | undefined;
  recentFiles: RecentFilesStore;
  appInfo: () => AppInfo;
  /** Where the save dialog starts (`app.getPath('documents')`). */
  documentsDirectory: () => string;
  /** Called after the recent list changed (main rebuilds the File › Open Recent menu). */
  onRecentFilesChanged?: () => void;
  /** Where the session autosaves (`<userData>/session`). */
  sessionDirectory: () => string;
}

/** Session entries sent as bytes must be UTF-8: they are read back as text. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

const planDialogFilters = [
  { name: 'Workbench plan', extensions: dialogExtensions(planFilePolicy) },
];

/** Registers one handler per invoke channel (every `IPC` entry but the main→renderer `menuCommand`). */
export function registerIpc(deps: IpcDependencies): InvokeChannel[] {
  const registered: InvokeChannel[] = [];

  const validated = <Schema extends z.ZodType>(
    channel: InvokeChannel,
    schema: Schema,
    event: InvokeEvent,
    args: unknown[],
  ): z.output<Schema> => {
    checkSender(event, deps.mainWebContentsId());
    return parsePayload(channel, schema, args);
  };

  /** Channels answering `Result<T>`: every failure becomes `{ ok: false, error }`. */
  const handleResult = <Schema extends z.ZodType, T>(
    channel: InvokeChannel,
    schema: Schema,
    run: (payload: z.output<Schema>) => Promise<T>,
  ): void => {
    deps.ipcMain.handle(channel, async (event, ...args): Promise<Result<T>> => {
      try {
        return success(await run(validated(channel, schema, event, args)));
      } catch (error) {
        return failure(error);
      }
    });
    registered.push(channel);
  };

  /**
   * Channels whose contract type is not a `Result` (appInfo, recentFiles): a refusal rejects the
   * renderer's promise with a plain Error carrying only the clear message.
   */
  const handlePlain = <T>(channel: InvokeChannel, run: () => T): void => {
    deps.ipcMain.handle(channel, (event, ...args): T => {
      try {
        validated(channel, ipcPayloads[channel], event, args);
        return run();
      } catch (error) {
        throw new Error(failure(error).error.message);
      }
    });
    registered.push(channel);
  };

  const remember = async (path: string, kind: FilePolicy['kind']): Promise<void> => {
    if (kind === 'fit') return; // fit results are opened from their own menu item, not recents
    await deps.recentFiles.add(path, kind);
    deps.onRecentFilesChanged?.();
  };

  /** Reads every file first, then records them all: a failure leaves the recent list untouched. */
  const readAll = async (
    paths: readonly string[],
    policies: readonly FilePolicy[],
    options?: ReadOptions,
  ): Promise<OpenedFile[]> => {
    const checked = [];
    for (const path of paths) checked.push(await readCheckedFile(path, policies, options));
    for (const { path, kind } of checked) await remember(path, kind);
    return checked.map(({ file }) => file);
  };

  handlePlain(IPC.appInfo, () => deps.appInfo());

  handleResult(IPC.openDataFiles, ipcPayloads[IPC.openDataFiles], async () => {
    const choice = await deps.dialogs.showOpenDialog({
      title: 'Open data',
      properties: ['openFile', 'multiSelections'],
      filters: [{ name: 'Data (CSV, TSV, Parquet)', extensions: dialogExtensions(dataFilePolicy) }],
    });
    if (choice.canceled) return [];
    return readAll(choice.filePaths, [dataFilePolicy]);
  });

  // The renderer holds a dropped data file's `File`: its engine reads the rest in place.
  handleResult(IPC.openDroppedFiles, ipcPayloads[IPC.openDroppedFiles], async ([paths]) =>
    readAll(paths, droppedFilePolicies, { dataHeadBytes: HEAD_BYTES }),
  );

  handlePlain(IPC.recentFiles, () => deps.recentFiles.toRecentFiles());

  handleResult(IPC.openRecent, ipcPayloads[IPC.openRecent], async ([id]) => {
    const entry = deps.recentFiles.find(id);
    if (entry === undefined) {
      throw new ShellError('unknown-recent', 'That file is no longer in the recent files list.');
    }
    const policy = entry.kind === 'plan' ? planFilePolicy : dataFilePolicy;
    try {
      return await readAll([entry.path], [policy]);
    } catch (error) {
      // A file that has gone away drops out of the list rather than failing forever.
      if (error instanceof ShellError && error.code === 'file-not-found') {
        await deps.recentFiles.remove(id);
        deps.onRecentFilesChanged?.();
      }
      throw error;
    }
  });

  handleResult(IPC.openPlan, ipcPayloads[IPC.openPlan], async () => {
    const choice = await deps.dialogs.showOpenDialog({
      title: 'Open plan',
      properties: ['openFile'],
      filters: planDialogFilters,
    });
    if (choice.canceled || choice.filePaths.length === 0) return null;
    const [file] = await readAll([choice.filePaths[0]], [planFilePolicy]);
    return file;
  });

  /**
   * Asks where to save, then writes atomically; the file being replaced (the dialog asked first)
   * survives as `<name>.bak`. Null when the dialog was cancelled.
   */
  const saveThroughDialog = async (
    title: string,
    fileName: string,
    filters: SaveDialogOptions['filters'],
    contents: string,
  ): Promise<{ target: string; name: string } | null> => {
    const choice = await deps.dialogs.showSaveDialog({
      title,
      defaultPath: nodePath.join(deps.documentsDirectory(), fileName),
      filters,
      // Replacing an existing file only ever happens after the dialog asked the user.
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (choice.canceled || !choice.filePath) return null;
    const target = choice.filePath;
    const name = nodePath.basename(target);
    if (!nodePath.isAbsolute(target))
      throw new ShellError('not-absolute', `"${target}" is not an absolute path.`);
    try {
      await writeFileAtomically(target, contents, { keepBackup: true });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new ShellError('write-failed', `Could not save "${name}" (${detail}).`);
    }
    return { target, name };
  };

  handleResult(IPC.savePlan, ipcPayloads[IPC.savePlan], async ([{ suggestedName, contents }]) => {
    const fileName = /\.(mmmplan|json)$/i.test(suggestedName)
      ? suggestedName
      : `${suggestedName}.mmmplan`;
    const saved = await saveThroughDialog('Save plan', fileName, planDialogFilters, contents);
    if (saved === null) return { saved: false };
    await remember(saved.target, 'plan');
    return { saved: true, name: saved.name };
  });

  handleResult(IPC.saveReport, ipcPayloads[IPC.saveReport], async ([{ suggestedName, html }]) => {
    const fileName = /\.html?$/i.test(suggestedName) ? suggestedName : `${suggestedName}.html`;
    const saved = await saveThroughDialog(
      'Export plan report',
      fileName,
      [{ name: 'Web page', extensions: ['html'] }],
      html,
    );
    return saved === null ? { saved: false } : { saved: true, name: saved.name };
  });

  registerResultsIpc(handleResult);
  return registered;

  function registerResultsIpc(handle: typeof handleResult): void {
    handle(IPC.openFitResult, ipcPayloads[IPC.openFitResult], async () => {
      const choice = await deps.dialogs.showOpenDialog({
        title: 'Open fit result',
        properties: ['openFile'],
        filters: [{ name: 'Fit result (mmm fit --out)', extensions: ['json'] }],
      });
      if (choice.canceled || choice.filePaths.length === 0) return null;
      const [file] = await readAll([choice.filePaths[0]], [fitResultFilePolicy]);
      return file;
    });

    handle(IPC.loadSession, ipcPayloads[IPC.loadSession], async () =>
      readSessionEntries(deps.sessionDirectory()),
    );

    handle(
      IPC.saveSessionEntry,
      ipcPayloads[IPC.saveSessionEntry],
      async ([key, entry]): Promise<void> => {
        let text: string | null;
        try {
          text = typeof entry === 'string' || entry === null ? entry : strictUtf8.decode(entry);
        } catch {
          throw new ShellError('invalid-payload', 'The session entry is not UTF-8 text.');
        }
        try {
          await writeSessionEntry(deps.sessionDirectory(), key, text);
        } catch (error) {
          const detail = error instanceof Error ? error.message : String(error);
          throw new ShellError('write-failed', `Could not autosave the session (${detail}).`);
        }
      },
    );
  }
}
