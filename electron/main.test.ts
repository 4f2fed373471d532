import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import nodePath from 'node:path';

import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { IPC } from './channels';
import type { InvokeEvent } from './senderValidation';

/**
 * main.ts wires Electron's objects together at import time. A fake 'electron' module (the real one
 * would try to download its binary) records what main does with each object, in order.
 */
interface FakeState {
  userData: string;
  /** When set, app.getPath throws, as a broken profile folder would. */
  pathError?: string;
  lockGranted: boolean;
  log: string[];
}

type FakeElectron = Awaited<ReturnType<typeof buildFakeElectron>>;

const fake = vi.hoisted((): FakeState & { electron?: FakeElectron } => ({
  userData: '',
  lockGranted: true,
  log: [],
}));

type Handler = (...args: unknown[]) => unknown;

async function buildFakeElectron(state: FakeState) {
  const { EventEmitter } = await import('node:events');
  const log = (entry: string): void => {
    state.log.push(entry);
  };

  class FakeWebContents extends EventEmitter {
    readonly id = 11;
    readonly sent: unknown[][] = [];
    windowOpenHandler: Handler | undefined;
    send(...args: unknown[]) {
      this.sent.push(args);
    }
    setWindowOpenHandler(handler: Handler) {
      this.windowOpenHandler = handler;
    }
  }

  class FakeBrowserWindow extends EventEmitter {
    static readonly instances: FakeBrowserWindow[] = [];
    readonly webContents = new FakeWebContents();
    readonly loadedUrls: string[] = [];
    focused = 0;
    constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
      super();
      log('new BrowserWindow');
      FakeBrowserWindow.instances.push(this);
    }
    async loadURL(url: string) {
      this.loadedUrls.push(url);
    }
    isMinimized() {
      return false;
    }
    restore() {}
    show() {}
    focus() {
      this.focused += 1;
    }
  }

  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    enableSandbox: (): void => log('app.enableSandbox'),
    requestSingleInstanceLock: (): boolean => {
      log('app.requestSingleInstanceLock');
      return state.lockGranted;
    },
    quit: (): void => log('app.quit'),
    whenReady: (): Promise<void> => {
      log('app.whenReady');
      return Promise.resolve();
    },
    getPath: (name: string) => {
      if (state.pathError !== undefined) throw new Error(state.pathError);
      return nodePath.join(state.userData, name);
    },
    getName: () => 'MMM Workbench',
    getVersion: () => '0.1.0',
  });

  const handlers = new Map<string, Handler>();
  const protocolHandlers = new Map<string, Handler>();
  const permission = {
    request: undefined as Handler | undefined,
    check: undefined as Handler | undefined,
  };
  let menuTemplate: MenuItemConstructorOptions[] = [];

  return {
    FakeBrowserWindow,
    FakeWebContents,
    /** Forgets everything a previous import of main.ts did (the mocked module outlives resetModules). */
    reset() {
      FakeBrowserWindow.instances.length = 0;
      app.removeAllListeners();
      handlers.clear();
      protocolHandlers.clear();
      permission.request = undefined;
      permission.check = undefined;
      menuTemplate = [];
    },
    handlers,
    protocolHandlers,
    permission,
    menuTemplate: () => menuTemplate,
    module: {
      app,
      BrowserWindow: FakeBrowserWindow,
      protocol: {
        registerSchemesAsPrivileged: (schemes: Array<{ scheme: string }>) =>
          log(
            `protocol.registerSchemesAsPrivileged ${schemes.map((scheme) => scheme.scheme).join(',')}`,
          ),
        handle: (scheme: string, handler: Handler) => {
          log(`protocol.handle ${scheme}`);
          protocolHandlers.set(scheme, handler);
        },
      },
      session: {
        defaultSession: {
          setPermissionRequestHandler: (handler: Handler) => (permission.request = handler),
          setPermissionCheckHandler: (handler: Handler) => (permission.check = handler),
        },
      },
      ipcMain: { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) },
      dialog: {
        showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
        showSaveDialog: async () => ({ canceled: true, filePath: '' }),
        showErrorBox: (title: string) => log(`dialog.showErrorBox ${title}`),
      },
      Menu: {
        buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ template }),
        setApplicationMenu: (menu: { template: MenuItemConstructorOptions[] }) => {
          menuTemplate = menu.template;
        },
      },
      shell: { openExternal: async (url: string) => log(`shell.openExternal ${url}`) },
    },
  };
}

vi.mock('electron', async () => {
  fake.electron = await buildFakeElectron(fake);
  return fake.electron.module;
});

function electron() {
  if (fake.electron === undefined) throw new Error('electron was not imported');
  return fake.electron;
}

async function importMain() {
  vi.resetModules();
  fake.electron?.reset();
  fake.log.length = 0;
  await import('./main');
  return electron();
}

beforeAll(async () => {
  fake.userData = await mkdtemp(nodePath.join(tmpdir(), 'workbench-main-'));
});

afterAll(async () => {
  await rm(fake.userData, { recursive: true, force: true });
});

beforeEach(() => {
  fake.lockGranted = true;
  fake.pathError = undefined;
});

async function started() {
  const fakes = await importMain();
  await vi.waitFor(() => {
    if (fakes.FakeBrowserWindow.instances.length === 0) throw new Error('no window yet');
  });
  const window = fakes.FakeBrowserWindow.instances[0];
  return { fakes, window };
}

describe('main', () => {
  it('enables the sandbox and registers the privileged scheme before ready, then serves app://', async () => {
    const { fakes } = await started();
    expect(fake.log.slice(0, 4)).toEqual([
      'app.enableSandbox',
      'protocol.registerSchemesAsPrivileged app',
      'app.requestSingleInstanceLock',
      'app.whenReady',
    ]);
    expect(fake.log.indexOf('protocol.handle app')).toBeLessThan(
      fake.log.indexOf('new BrowserWindow'),
    );
    expect([...fakes.protocolHandlers.keys()]).toEqual(['app']);
  });

  it('opens one secured window on app://workbench/ with the bundled preload beside main', async () => {
    const { window } = await started();
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(window.options.webPreferences?.preload).toBe(
      nodePath.join(import.meta.dirname, 'preload.cjs'),
    );
    expect(window.loadedUrls).toEqual(['app://workbench/index.html']);
  });

  it('denies permissions and registers every invoke channel', async () => {
    const { fakes, window } = await started();
    expect(fakes.permission.check?.()).toBe(false);
    const callback = vi.fn();
    fakes.permission.request?.({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect([...fakes.handlers.keys()].sort()).toEqual(
      Object.values(IPC)
        .filter((channel) => channel !== IPC.menuCommand)
        .sort(),
    );
    const fromWindow: InvokeEvent = {
      sender: { id: window.webContents.id },
      senderFrame: { url: 'app://workbench/', parent: null },
    };
    expect(await fakes.handlers.get(IPC.appInfo)?.(fromWindow)).toEqual({
      name: 'MMM Workbench',
      version: '0.1.0',
      platform: process.platform,
      mode: 'desktop',
    });
  });

  it('guards every web contents created, and focuses the window on a second launch', async () => {
    const { fakes, window } = await started();
    const contents = new fakes.FakeWebContents();
    fakes.module.app.emit('web-contents-created', {}, contents);
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.listenerCount('will-attach-webview')).toBe(1);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({
      action: 'deny',
    });
    fakes.module.app.emit('second-instance');
    expect(window.focused).toBe(1);
  });

  it('sends menu commands to the window', async () => {
    const { fakes, window } = await started();
    const file = fakes.menuTemplate()[0];
    const openData = Array.isArray(file.submenu)
      ? file.submenu.find((item: MenuItemConstructorOptions) => item.label === 'Open data…')
      : undefined;
    (openData?.click as (() => void) | undefined)?.();
    expect(window.webContents.sent).toEqual([[IPC.menuCommand, 'open-data']]);
  });

  it('quits at once when another instance holds the lock', async () => {
    fake.lockGranted = false;
    const fakes = await importMain();
    expect(fake.log).toEqual([
      'app.enableSandbox',
      'protocol.registerSchemesAsPrivileged app',
      'app.requestSingleInstanceLock',
      'app.quit',
    ]);
    expect(fakes.FakeBrowserWindow.instances).toEqual([]);
  });

  it('shows an error box and quits when start-up fails, instead of hanging without a window', async () => {
    fake.pathError = 'userData is not writable';
    await importMain();
    await vi.waitFor(() => expect(fake.log).toContain('app.quit'));
    expect(fake.log).toContain('dialog.showErrorBox MMM Workbench could not start');
  });
});
