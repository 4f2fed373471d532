/**
 * The browser implementation of `WorkbenchApi`: file pickers through a hidden
 * `<input type=file>`, downloads for saving, recent files by name in localStorage.
 */
import type {
  AppInfo,
  MenuCommand,
  OpenedFile,
  RecentFile,
  Result,
  WorkbenchApi,
} from '../../electron/contract';
import { errorMessage, readDataFiles } from './fileBytes';
import { addRecentFiles, readRecentFiles, writeRecentFiles } from './recentFiles';
import { loadBrowserSession, saveBrowserSessionEntry } from './browserSession';

const DATA_ACCEPT = '.csv,.tsv,.txt,.parquet';
const PLAN_ACCEPT = '.mmmplan,.json';

/** Opens the browser's file picker; resolves to [] when the user cancels. */
function pickFiles(accept: string, multiple: boolean): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = multiple;
    input.hidden = true;
    const finish = (files: File[]): void => {
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => finish(Array.from(input.files ?? [])), { once: true });
    input.addEventListener('cancel', () => finish([]), { once: true });
    document.body.append(input);
    input.click();
  });
}

/** Offers `contents` as a download named `name`. */
export function downloadText(name: string, contents: string, type = 'application/json'): void {
  downloadBlob(name, new Blob([contents], { type }));
}

/** Offers a Blob (an exported chart image, a CSV) as a download named `name`. */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke later: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function createBrowserApi(storage: Storage = window.localStorage): WorkbenchApi {
  const menuListeners = new Set<(command: MenuCommand) => void>();

  const remember = (files: readonly OpenedFile[], kind: RecentFile['kind']): void => {
    if (files.length === 0) return;
    writeRecentFiles(
      storage,
      addRecentFiles(
        readRecentFiles(storage),
        files.map((file) => file.name),
        kind,
        new Date(),
      ),
    );
  };

  const openFiles = async (files: File[]): Promise<Result<OpenedFile[]>> => {
    const result = await readDataFiles(files);
    if (result.ok) remember(result.value, 'data');
    return result;
  };

  return {
    async appInfo(): Promise<AppInfo> {
      return {
        name: 'MMM Workbench',
        version: __APP_VERSION__,
        platform: navigator.platform || 'web',
        mode: 'browser',
      };
    },
    async openDataFiles() {
      return openFiles(await pickFiles(DATA_ACCEPT, true));
    },
    async openDroppedFiles(files: File[]) {
      return openFiles(files);
    },
    async recentFiles() {
      return readRecentFiles(storage);
    },
    async openRecent(id: string) {
      const entry = readRecentFiles(storage).find((file) => file.id === id);
      const name = entry?.name ?? id;
      // A browser keeps no handle to a file between sessions: the user picks it again.
      return {
        ok: false,
        error: {
          code: 'not-available',
          message: `${name}: reopening recent files needs the desktop app; import it again`,
        },
      };
    },
    async openPlan() {
      const [file] = await pickFiles(PLAN_ACCEPT, false);
      if (file === undefined) return { ok: true, value: null };
      try {
        const opened = {
          name: file.name,
          size: file.size,
          bytes: new Uint8Array(await file.arrayBuffer()),
        };
        remember([opened], 'plan');
        return { ok: true, value: opened };
      } catch (error) {
        return {
          ok: false,
          error: { code: 'read-failed', message: `${file.name}: ${errorMessage(error)}` },
        };
      }
    },
    async openFitResult() {
      const [file] = await pickFiles('.json', false);
      if (file === undefined) return { ok: true, value: null };
      // The bytes stay in the File: the fit-file worker reads them.
      return {
        ok: true,
        value: { name: file.name, size: file.size, bytes: new Uint8Array(0), file },
      };
    },
    loadSession: loadBrowserSession,
    saveSessionEntry: saveBrowserSessionEntry,
    async savePlan(suggestedName: string, contents: string) {
      downloadText(suggestedName, contents);
      return { ok: true, value: { saved: true, name: suggestedName } };
    },
    async saveReport(suggestedName: string, html: string) {
      downloadText(suggestedName, html, 'text/html');
      return { ok: true, value: { saved: true, name: suggestedName } };
    },
    onMenuCommand(listener) {
      // The browser has no native menu; kept so the UI can subscribe the same way.
      menuListeners.add(listener);
      return () => menuListeners.delete(listener);
    },
  };
}
