/**
 * `getWorkbenchApi()`: the desktop preload's `window.workbench` when the app runs in Electron,
 * else the browser implementation. Components and stores use only this.
 */
import type { WorkbenchApi } from '../../electron/contract';
import { createBrowserApi } from './browserApi';

declare global {
  interface Window {
    workbench?: WorkbenchApi;
  }
}

let api: WorkbenchApi | null = null;

export function getWorkbenchApi(): WorkbenchApi {
  api ??= window.workbench ?? createBrowserApi();
  return api;
}

export { downloadBlob, downloadText } from './browserApi';
