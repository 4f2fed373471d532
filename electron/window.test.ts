import { describe, expect, it, vi } from 'vitest';

import type { BrowserWindowConstructorOptions } from 'electron';

import { bringToFront, MAIN_WINDOW_TITLE, openMainWindow } from './window';

/** Stands in for Electron's BrowserWindow: keeps the options it was built with. */
class FakeWindow {
  constructor(readonly options: BrowserWindowConstructorOptions) {}
}

describe('openMainWindow', () => {
  const { options } = openMainWindow(FakeWindow, { preloadPath: '/app/dist-electron/preload.cjs' });

  it('isolates and sandboxes the renderer, with no Node anywhere', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
    });
  });

  it('loads the bundled preload and starts hidden until ready', () => {
    expect(options.webPreferences?.preload).toBe('/app/dist-electron/preload.cjs');
    expect(options.show).toBe(false);
    expect(options.title).toBe(MAIN_WINDOW_TITLE);
  });
});

describe('bringToFront', () => {
  function fakeWindow(minimized: boolean) {
    return { isMinimized: () => minimized, restore: vi.fn(), show: vi.fn(), focus: vi.fn() };
  }

  it('restores a minimised window before focusing it', () => {
    const window = fakeWindow(true);
    bringToFront(window);
    expect(window.restore).toHaveBeenCalledOnce();
    expect(window.focus).toHaveBeenCalledOnce();
  });

  it('only shows and focuses a window that is not minimised', () => {
    const window = fakeWindow(false);
    bringToFront(window);
    expect(window.restore).not.toHaveBeenCalled();
    expect(window.show).toHaveBeenCalledOnce();
    expect(window.focus).toHaveBeenCalledOnce();
  });
});
