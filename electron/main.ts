/**
 * Electron main entry: wiring only. Each concern lives in its own module (protocol, guards,
 * window, menu, IPC, recent files); this file connects them to Electron's objects.
 */
import nodePath from 'node:path';
import { fileURLToPath } from 'node:url';

import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';

import { APP_ENTRY_URL } from './appUrl';
import { IPC, type MenuCommand } from './contract';
import { registerIpc } from './ipc';
import { buildMenuTemplate } from './menu';
import { appSchemePrivileges, registerAppProtocol } from './protocol';
import { openRecentFilesStore, type RecentFilesStore } from './recentFiles';
import { denyAllPermissions, guardWebContents } from './webContentsGuards';
import { bringToFront, openMainWindow } from './window';

// dist-electron/main.js sits beside preload.cjs; the renderer build is ../dist.
const buildDirectory = nodePath.dirname(fileURLToPath(import.meta.url));
const preloadPath = nodePath.join(buildDirectory, 'preload.cjs');
const appRoot = nodePath.join(buildDirectory, '..', 'dist');

let mainWindow: BrowserWindow | null = null;

// Both must happen before 'ready'.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([appSchemePrivileges]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow !== null) bringToFront(mainWindow);
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, shell));
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox(
        'MMM Workbench could not start',
        error instanceof Error ? error.message : String(error),
      );
      app.quit();
    });
}

async function start(): Promise<void> {
  denyAllPermissions(session.defaultSession);
  registerAppProtocol(protocol, appRoot);

  const recentFiles = await openRecentFilesStore({
    filePath: nodePath.join(app.getPath('userData'), 'recent.json'),
    onReset: (reason) => console.warn(reason),
  });
  const sendMenuCommand = (command: MenuCommand) =>
    mainWindow?.webContents.send(IPC.menuCommand, command);
  const refreshMenu = () => installMenu(recentFiles, sendMenuCommand);

  registerIpc({
    ipcMain,
    dialogs: {
      showOpenDialog: (options) =>
        mainWindow ? dialog.showOpenDialog(mainWindow, options) : dialog.showOpenDialog(options),
      showSaveDialog: (options) =>
        mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options),
    },
    mainWebContentsId: () => mainWindow?.webContents.id,
    recentFiles,
    appInfo: () => ({
      name: app.getName(),
      version: app.getVersion(),
      platform: process.platform,
      mode: 'desktop',
    }),
    documentsDirectory: () => app.getPath('documents'),
    onRecentFilesChanged: refreshMenu,
    sessionDirectory: () => nodePath.join(app.getPath('userData'), 'session'),
  });
  refreshMenu();
  createMainWindow();

  app.on('activate', () => {
    if (mainWindow === null) createMainWindow();
    else bringToFront(mainWindow);
  });
}

function createMainWindow(): void {
  const window = openMainWindow(BrowserWindow, { preloadPath });
  mainWindow = window;
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(APP_ENTRY_URL);
}

function installMenu(
  recentFiles: RecentFilesStore,
  onCommand: (command: MenuCommand) => void,
): void {
  const template = buildMenuTemplate({
    appName: app.getName(),
    platform: process.platform,
    isPackaged: app.isPackaged,
    recentFiles: recentFiles.toRecentFiles(),
    onCommand,
    openExternal: (url) => void shell.openExternal(url),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
