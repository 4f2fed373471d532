/**
 * The one BrowserWindow and its security-relevant options. The renderer gets no Node: context
 * isolation, the Chromium sandbox, no Node in workers or subframes, no `<webview>`; its only bridge
 * is the preload's `window.workbench`.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export const MAIN_WINDOW_TITLE = 'MMM Workbench';

export interface MainWindowOptionsInput {
  /** Absolute path of dist-electron/preload.cjs. */
  preloadPath: string;
}

/** Electron's BrowserWindow constructor, or a fake one in tests. */
export type WindowConstructor<Window> = new (options: BrowserWindowConstructorOptions) => Window;

/**
 * Opens the main window. The options are a literal inside `new BrowserWindow(…)` on purpose: static
 * checks (electronegativity, run by e2e/builtApp.spec.ts) read the webPreferences only there.
 */
export function openMainWindow<Window>(
  BrowserWindow: WindowConstructor<Window>,
  { preloadPath }: MainWindowOptionsInput,
): Window {
  return new BrowserWindow({
    title: MAIN_WINDOW_TITLE,
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false, // shown on 'ready-to-show', avoiding a white flash
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // A file dropped outside the drop zone must not navigate the window to file://.
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Middle-click would otherwise ask for a new window (denied anyway; Electron checklist 13).
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
}

/** The slice of a BrowserWindow needed to bring it forward (second instance, dock click). */
export interface FocusableWindow {
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

export function bringToFront(window: FocusableWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
