import { describe, expect, it, vi } from 'vitest';

import { IPC } from './channels';
import type { MenuCommand, WorkbenchApi } from './contract';

// The real 'electron' package would try to download its binary: the preload gets a fake at the
// module boundary instead, recording what it exposes and invokes.
const fake = vi.hoisted(() => {
  const listeners = new Map<string, Array<(...args: unknown[]) => void>>();
  return {
    exposed: new Map<string, unknown>(),
    invocations: [] as Array<{ channel: string; args: unknown[] }>,
    listeners,
    emit(channel: string, ...args: unknown[]) {
      for (const listener of listeners.get(channel) ?? []) listener(...args);
    },
  };
});

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => fake.exposed.set(key, value),
  },
  ipcRenderer: {
    invoke: async (channel: string, ...args: unknown[]) => {
      fake.invocations.push({ channel, args });
      return { ok: true, value: channel };
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      fake.listeners.set(channel, [...(fake.listeners.get(channel) ?? []), listener]);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => {
      fake.listeners.set(
        channel,
        (fake.listeners.get(channel) ?? []).filter((entry) => entry !== listener),
      );
    },
  },
  webUtils: {
    getPathForFile: (file: File) => `/home/analyst/drops/${file.name}`,
  },
}));

/** Every verb of `WorkbenchApi`; `satisfies` makes the compiler keep this list exactly in step. */
const workbenchVerbs = {
  appInfo: true,
  openDataFiles: true,
  openDroppedFiles: true,
  recentFiles: true,
  openRecent: true,
  openPlan: true,
  savePlan: true,
  openFitResult: true,
  loadSession: true,
  saveSessionEntry: true,
  saveReport: true,
  onMenuCommand: true,
} satisfies Record<keyof WorkbenchApi, true>;

async function loadApi(): Promise<WorkbenchApi> {
  await import('./preload');
  const api = fake.exposed.get('workbench');
  if (api === undefined) throw new Error('the preload exposed nothing as "workbench"');
  return api as WorkbenchApi;
}

describe('preload', () => {
  it('exposes exactly one object, window.workbench, holding exactly the WorkbenchApi verbs', async () => {
    const api = await loadApi();
    expect([...fake.exposed.keys()]).toEqual(['workbench']);
    expect(Object.keys(api).sort()).toEqual(Object.keys(workbenchVerbs).sort());
    for (const [name, value] of Object.entries(api)) expect(typeof value, name).toBe('function');
    expect(api).not.toHaveProperty('ipcRenderer');
    expect(api).not.toHaveProperty('send');
    expect(api).not.toHaveProperty('invoke');
  });

  it('maps each verb to its own channel with its arguments', async () => {
    const api = await loadApi();
    fake.invocations.length = 0;
    expect(await api.openDataFiles()).toEqual({ ok: true, value: IPC.openDataFiles });
    await api.appInfo();
    await api.recentFiles();
    await api.openRecent('0123456789abcdef');
    await api.openPlan();
    await api.savePlan('q3.mmmplan.json', '{"version":1}');
    await api.openFitResult();
    await api.loadSession();
    await api.saveSessionEntry('fit-2', '{}');
    await api.saveSessionEntry('fit-2', null);
    await api.saveReport('q3.html', '<!doctype html>');
    expect(fake.invocations).toEqual([
      { channel: IPC.openDataFiles, args: [] },
      { channel: IPC.appInfo, args: [] },
      { channel: IPC.recentFiles, args: [] },
      { channel: IPC.openRecent, args: ['0123456789abcdef'] },
      { channel: IPC.openPlan, args: [] },
      {
        channel: IPC.savePlan,
        args: [{ suggestedName: 'q3.mmmplan.json', contents: '{"version":1}' }],
      },
      { channel: IPC.openFitResult, args: [] },
      { channel: IPC.loadSession, args: [] },
      { channel: IPC.saveSessionEntry, args: ['fit-2', '{}'] },
      { channel: IPC.saveSessionEntry, args: ['fit-2', null] },
      { channel: IPC.saveReport, args: [{ suggestedName: 'q3.html', html: '<!doctype html>' }] },
    ]);
  });

  it('turns dropped files into paths with webUtils before invoking', async () => {
    const api = await loadApi();
    fake.invocations.length = 0;
    await api.openDroppedFiles([new File(['a'], 'weekly.csv'), new File(['b'], 'geo.parquet')]);
    expect(fake.invocations).toEqual([
      {
        channel: IPC.openDroppedFiles,
        args: [['/home/analyst/drops/weekly.csv', '/home/analyst/drops/geo.parquet']],
      },
    ]);
  });

  it('forwards menu commands without the IPC event, and unsubscribes', async () => {
    const api = await loadApi();
    const received: unknown[][] = [];
    const unsubscribe = api.onMenuCommand((...args: unknown[]) => received.push(args));
    const ipcEvent = { sender: 'the ipcRenderer itself' };
    fake.emit(IPC.menuCommand, ipcEvent, 'open-data' satisfies MenuCommand);
    fake.emit('some-other-channel', ipcEvent, 'load-sample');
    unsubscribe();
    fake.emit(IPC.menuCommand, ipcEvent, 'open-plan');
    expect(received).toEqual([['open-data']]);
    expect(fake.listeners.get(IPC.menuCommand)).toEqual([]);
  });
});
