/**
 * The preload: the renderer's only bridge to the desktop. It exposes one small object of verbs as
 * `window.workbench`; each verb invokes one fixed channel. `ipcRenderer` itself, and any generic
 * send/on, stay here. Built to a single CommonJS file (a sandboxed preload cannot be ESM and may
 * only require 'electron').
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent, webUtils } from 'electron';

import { IPC } from './channels';
import type { MenuCommand, WorkbenchApi } from './contract';

const api = {
  appInfo: () => ipcRenderer.invoke(IPC.appInfo),
  openDataFiles: () => ipcRenderer.invoke(IPC.openDataFiles),
  // Only here can a dropped File become a path; main re-checks every path it receives.
  openDroppedFiles: (files: File[]) =>
    ipcRenderer.invoke(
      IPC.openDroppedFiles,
      files.map((file) => webUtils.getPathForFile(file)),
    ),
  recentFiles: () => ipcRenderer.invoke(IPC.recentFiles),
  openRecent: (id: string) => ipcRenderer.invoke(IPC.openRecent, id),
  openPlan: () => ipcRenderer.invoke(IPC.openPlan),
  savePlan: (suggestedName: string, contents: string) =>
    ipcRenderer.invoke(IPC.savePlan, { suggestedName, contents }),
  openFitResult: () => ipcRenderer.invoke(IPC.openFitResult),
  loadSession: () => ipcRenderer.invoke(IPC.loadSession),
  saveSessionEntry: (key: string, text: string | Uint8Array | null) =>
    ipcRenderer.invoke(IPC.saveSessionEntry, key, text),
  saveReport: (suggestedName: string, html: string) =>
    ipcRenderer.invoke(IPC.saveReport, { suggestedName, html }),
  onMenuCommand(listener: (command: MenuCommand) => void): () => void {
    // The event object (which holds `sender`) never reaches the page.
    const forward = (_event: IpcRendererEvent, command: MenuCommand) => listener(command);
    ipcRenderer.on(IPC.menuCommand, forward);
    return () => {
      ipcRenderer.removeListener(IPC.menuCommand, forward);
    };
  },
} satisfies WorkbenchApi;

contextBridge.exposeInMainWorld('workbench', api);
