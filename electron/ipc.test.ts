import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import nodePath from 'node:path';

import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { HEAD_BYTES, IPC, type OpenedFile, type RecentFile, type Result } from './contract';
import { type Dialogs, registerIpc } from './ipc';
import { openRecentFilesStore, recentFileId, type RecentFilesStore } from './recentFiles';
import type { InvokeEvent } from './senderValidation';

const MAIN_ID = 7;
const trusted: InvokeEvent = {
  sender: { id: MAIN_ID },
  senderFrame: { url: 'app://workbench/index.html', parent: null },
};

let folder: string;
let recentFiles: RecentFilesStore;

beforeEach(async () => {
  folder = await mkdtemp(nodePath.join(tmpdir(), 'workbench-ipc-'));
  recentFiles = await openRecentFilesStore({
    filePath: nodePath.join(folder, 'userData', 'recent.json'),
  });
  await writeFile(nodePath.join(folder, 'weekly.csv'), 'week,sales\n2024-01-01,1\n');
  await writeFile(nodePath.join(folder, 'geo.parquet'), new Uint8Array([1, 2, 3]));
  await writeFile(nodePath.join(folder, 'q3.mmmplan.json'), '{"version":1}');
  await writeFile(nodePath.join(folder, 'config.json'), '{"token":"x"}');
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

type Listener = (event: InvokeEvent, ...args: unknown[]) => unknown;

/** Registers the handlers against a fake ipcMain and fake dialogs; returns an `invoke` for tests. */
function setUp(
  options: {
    openPaths?: string[] | null;
    savePath?: string | null;
    mainId?: number | undefined;
  } = {},
) {
  const handlers = new Map<string, Listener>();
  const openCalls: OpenDialogOptions[] = [];
  const saveCalls: SaveDialogOptions[] = [];
  const dialogs: Dialogs = {
    showOpenDialog: async (dialogOptions) => {
      openCalls.push(dialogOptions);
      const paths = options.openPaths ?? null;
      return paths === null
        ? { canceled: true, filePaths: [] }
        : { canceled: false, filePaths: paths };
    },
    showSaveDialog: async (dialogOptions) => {
      saveCalls.push(dialogOptions);
      const path = options.savePath ?? null;
      return path === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: path };
    },
  };
  const onRecentFilesChanged = vi.fn();
  const registered = registerIpc({
    ipcMain: { handle: (channel, listener) => handlers.set(channel, listener) },
    dialogs,
    mainWebContentsId: () => ('mainId' in options ? options.mainId : MAIN_ID),
    recentFiles,
    appInfo: () => ({
      name: 'MMM Workbench',
      version: '0.1.0',
      platform: 'linux',
      mode: 'desktop',
    }),
    documentsDirectory: () => '/home/analyst/Documents',
    onRecentFilesChanged,
    sessionDirectory: () => nodePath.join(folder, 'userData', 'session'),
  });
  const invoke = async (channel: string, event: InvokeEvent, ...args: unknown[]) => {
    const handler = handlers.get(channel);
    if (handler === undefined) throw new Error(`no handler for ${channel}`);
    return handler(event, ...args);
  };
  return { handlers, registered, invoke, openCalls, saveCalls, onRecentFilesChanged };
}

function expectFailure(result: unknown, code: string): string {
  const failed = result as Result<unknown>;
  if (failed.ok) throw new Error(`expected failure ${code}, got success`);
  expect(failed.error.code).toBe(code);
  return failed.error.message;
}

function expectSuccess<T>(result: unknown): T {
  const outcome = result as Result<T>;
  if (!outcome.ok)
    throw new Error(`expected success, got ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}

const text = (file: OpenedFile) => new TextDecoder().decode(file.bytes);

describe('registerIpc', () => {
  it('handles every invoke channel of the contract, and only those', () => {
    const { handlers, registered } = setUp();
    const invokeChannels = Object.values(IPC).filter((channel) => channel !== IPC.menuCommand);
    expect([...handlers.keys()].sort()).toEqual([...invokeChannels].sort());
    expect([...registered].sort()).toEqual([...invokeChannels].sort());
  });
});

describe('sender validation', () => {
  const refused: Array<[string, InvokeEvent]> = [
    [
      'a foreign origin',
      { sender: { id: MAIN_ID }, senderFrame: { url: 'https://evil.example/', parent: null } },
    ],
    [
      'a file:// page',
      { sender: { id: MAIN_ID }, senderFrame: { url: 'file:///tmp/x.html', parent: null } },
    ],
    [
      'a look-alike host',
      { sender: { id: MAIN_ID }, senderFrame: { url: 'app://workbench.evil/', parent: null } },
    ],
    [
      'another web contents',
      { sender: { id: MAIN_ID + 1 }, senderFrame: { url: 'app://workbench/', parent: null } },
    ],
    [
      'a subframe',
      { sender: { id: MAIN_ID }, senderFrame: { url: 'app://workbench/', parent: {} } },
    ],
    ['a destroyed frame', { sender: { id: MAIN_ID }, senderFrame: null }],
  ];

  it.each(refused)('refuses %s before showing any dialog', async (_label, event) => {
    const { invoke, openCalls, saveCalls } = setUp({
      openPaths: [nodePath.join(folder, 'weekly.csv')],
    });
    expectFailure(await invoke(IPC.openDataFiles, event), 'forbidden-sender');
    expectFailure(await invoke(IPC.openPlan, event), 'forbidden-sender');
    expectFailure(
      await invoke(IPC.savePlan, event, { suggestedName: 'a.json', contents: '{}' }),
      'forbidden-sender',
    );
    expectFailure(
      await invoke(IPC.openDroppedFiles, event, [nodePath.join(folder, 'weekly.csv')]),
      'forbidden-sender',
    );
    expect(openCalls).toEqual([]);
    expect(saveCalls).toEqual([]);
  });

  it('refuses everyone while there is no main window', async () => {
    const { invoke } = setUp({ mainId: undefined });
    expectFailure(await invoke(IPC.openDataFiles, trusted), 'forbidden-sender');
  });

  it('rejects appInfo and recentFiles from a foreign origin with a clear message', async () => {
    const { invoke } = setUp();
    const foreign = refused[0][1];
    await expect(invoke(IPC.appInfo, foreign)).rejects.toThrow(
      'Request refused: the sending page is not on app://workbench/.',
    );
    await expect(invoke(IPC.recentFiles, foreign)).rejects.toThrow(/Request refused/);
    expect(await invoke(IPC.appInfo, trusted)).toEqual({
      name: 'MMM Workbench',
      version: '0.1.0',
      platform: 'linux',
      mode: 'desktop',
    });
  });
});

describe('payload validation', () => {
  it.each([
    [IPC.openRecent, ['NOT-AN-ID'], 'argument 1'],
    [IPC.openRecent, [], 'arguments: expected at least 1, received 0'],
    [IPC.openDroppedFiles, [[]], 'argument 1'],
    [IPC.openDroppedFiles, ['/data/a.csv'], 'argument 1'],
    [IPC.openDroppedFiles, [[42]], 'argument 1 › 0'],
    [
      IPC.savePlan,
      [{ suggestedName: '../../etc/passwd', contents: '{}' }],
      'argument 1 › suggestedName',
    ],
    [IPC.savePlan, [{ suggestedName: 'plan.json' }], 'argument 1 › contents'],
    [IPC.savePlan, ['plan.json', '{}'], 'arguments: expected at most 1, received 2'],
    [IPC.saveReport, [{ suggestedName: 'a/b.html', html: '' }], 'argument 1 › suggestedName'],
    [IPC.saveReport, [{ suggestedName: 'r.html' }], 'argument 1 › html'],
    [IPC.openDataFiles, ['/etc/passwd'], 'arguments: expected at most 0, received 1'],
  ])('%s %j is refused, naming %s', async (channel, args, where) => {
    const { invoke, openCalls, saveCalls } = setUp({
      openPaths: [],
      savePath: nodePath.join(folder, 'x.json'),
    });
    const message = expectFailure(await invoke(channel, trusted, ...args), 'invalid-payload');
    expect(message.startsWith(`Invalid request to ${channel}: ${where}`)).toBe(true);
    expect(openCalls).toEqual([]);
    expect(saveCalls).toEqual([]);
  });

  it('refuses extra arguments to appInfo', async () => {
    const { invoke } = setUp();
    await expect(invoke(IPC.appInfo, trusted, 'extra')).rejects.toThrow(
      /Invalid request to workbench:app-info/,
    );
  });
});

describe('openDataFiles', () => {
  it('reads the files chosen in the dialog and records them as recent', async () => {
    const chosen = [nodePath.join(folder, 'weekly.csv'), nodePath.join(folder, 'geo.parquet')];
    const { invoke, openCalls, onRecentFilesChanged } = setUp({ openPaths: chosen });
    const files = expectSuccess<OpenedFile[]>(await invoke(IPC.openDataFiles, trusted));
    expect(files.map((file) => file.name)).toEqual(['weekly.csv', 'geo.parquet']);
    expect(text(files[0])).toBe('week,sales\n2024-01-01,1\n');
    expect(Array.from(files[1].bytes)).toEqual([1, 2, 3]);
    expect(files.every((file) => !('path' in file))).toBe(true);
    expect(openCalls[0].filters).toEqual([
      { name: 'Data (CSV, TSV, Parquet)', extensions: ['csv', 'tsv', 'txt', 'parquet'] },
    ]);
    expect(openCalls[0].properties).toEqual(['openFile', 'multiSelections']);
    expect(recentFiles.list().map((entry) => entry.path)).toEqual([chosen[1], chosen[0]]);
    expect(onRecentFilesChanged).toHaveBeenCalled();
  });

  it('answers an empty list when the dialog is cancelled', async () => {
    const { invoke } = setUp({ openPaths: null });
    expect(expectSuccess<OpenedFile[]>(await invoke(IPC.openDataFiles, trusted))).toEqual([]);
  });
});

describe('openDroppedFiles', () => {
  it('reads dropped data and plan files', async () => {
    const { invoke } = setUp();
    const paths = [nodePath.join(folder, 'weekly.csv'), nodePath.join(folder, 'q3.mmmplan.json')];
    const files = expectSuccess<OpenedFile[]>(await invoke(IPC.openDroppedFiles, trusted, paths));
    expect(files.map((file) => file.name)).toEqual(['weekly.csv', 'q3.mmmplan.json']);
    expect(recentFiles.list().map((entry) => entry.kind)).toEqual(['plan', 'data']);
  });

  it('answers a large dropped data file with its head (the page holds its File); a dialog reads it whole', async () => {
    const path = nodePath.join(folder, 'large_drop.csv');
    const size = HEAD_BYTES + 100;
    await writeFile(path, Buffer.alloc(size, 'a'));
    try {
      const { invoke } = setUp({ openPaths: [path] });
      const [dropped] = expectSuccess<OpenedFile[]>(
        await invoke(IPC.openDroppedFiles, trusted, [path]),
      );
      expect([dropped.size, dropped.bytes.length]).toEqual([size, HEAD_BYTES]);
      const [picked] = expectSuccess<OpenedFile[]>(await invoke(IPC.openDataFiles, trusted));
      expect([picked.size, picked.bytes.length]).toEqual([size, size]);
    } finally {
      await rm(path);
    }
  });

  it('refuses a dropped path that is missing, naming it, and records nothing', async () => {
    const { invoke } = setUp();
    const paths = [nodePath.join(folder, 'weekly.csv'), nodePath.join(folder, 'missing.csv')];
    const message = expectFailure(
      await invoke(IPC.openDroppedFiles, trusted, paths),
      'file-not-found',
    );
    expect(message).toBe('"missing.csv" does not exist.');
    expect(recentFiles.list()).toEqual([]);
  });

  it('refuses relative paths, folders and arbitrary JSON from a drop', async () => {
    const { invoke } = setUp();
    expectFailure(await invoke(IPC.openDroppedFiles, trusted, ['weekly.csv']), 'not-absolute');
    expectFailure(await invoke(IPC.openDroppedFiles, trusted, [folder]), 'unsupported-extension');
    expectFailure(
      await invoke(IPC.openDroppedFiles, trusted, [nodePath.join(folder, 'config.json')]),
      'unsupported-extension',
    );
  });
});

describe('openRecent', () => {
  it('opens a recent file by its id', async () => {
    const path = nodePath.join(folder, 'weekly.csv');
    const { invoke } = setUp({ openPaths: [path] });
    await invoke(IPC.openDataFiles, trusted);
    const [recent] = (await invoke(IPC.recentFiles, trusted)) as RecentFile[];
    expect(recent).toMatchObject({ id: recentFileId(path), name: 'weekly.csv', kind: 'data' });
    const files = expectSuccess<OpenedFile[]>(await invoke(IPC.openRecent, trusted, recent.id));
    expect(text(files[0])).toBe('week,sales\n2024-01-01,1\n');
  });

  it('refuses an id that is not in the list', async () => {
    const { invoke } = setUp();
    const message = expectFailure(
      await invoke(IPC.openRecent, trusted, recentFileId('/elsewhere/x.csv')),
      'unknown-recent',
    );
    expect(message).toContain('recent files list');
  });

  it('drops a recent file that no longer exists', async () => {
    const path = nodePath.join(folder, 'weekly.csv');
    const { invoke, onRecentFilesChanged } = setUp({ openPaths: [path] });
    await invoke(IPC.openDataFiles, trusted);
    await rm(path);
    onRecentFilesChanged.mockClear();
    expectFailure(await invoke(IPC.openRecent, trusted, recentFileId(path)), 'file-not-found');
    expect(recentFiles.list()).toEqual([]);
    expect(onRecentFilesChanged).toHaveBeenCalledOnce();
  });
});

describe('openPlan', () => {
  it('answers null when cancelled and the plan when chosen', async () => {
    expect(
      expectSuccess(await setUp({ openPaths: null }).invoke(IPC.openPlan, trusted)),
    ).toBeNull();
    const chosen = setUp({ openPaths: [nodePath.join(folder, 'q3.mmmplan.json')] });
    const plan = expectSuccess<OpenedFile>(await chosen.invoke(IPC.openPlan, trusted));
    expect(text(plan)).toBe('{"version":1}');
    expect(chosen.openCalls[0].filters).toEqual([
      { name: 'Workbench plan', extensions: ['mmmplan', 'json'] },
    ]);
    expect(recentFiles.list()[0].kind).toBe('plan');
  });

  it('refuses a data file picked through the plan dialog', async () => {
    const { invoke } = setUp({ openPaths: [nodePath.join(folder, 'weekly.csv')] });
    expectFailure(await invoke(IPC.openPlan, trusted), 'unsupported-extension');
  });
});

describe('saveReport', () => {
  it('writes the page where the dialog said, keeping a replaced file as .bak; nothing when cancelled', async () => {
    const target = nodePath.join(folder, 'q3 report.html');
    await writeFile(target, 'old');
    const { invoke, saveCalls } = setUp({ savePath: target });
    const value = expectSuccess(
      await invoke(IPC.saveReport, trusted, { suggestedName: 'q3 report', html: '<p>new</p>' }),
    );
    expect(value).toEqual({ saved: true, name: 'q3 report.html' });
    expect(await readFile(target, 'utf8')).toBe('<p>new</p>');
    expect(await readFile(`${target}.bak`, 'utf8')).toBe('old');
    expect(saveCalls[0].defaultPath).toBe(
      nodePath.join('/home/analyst/Documents', 'q3 report.html'),
    );
    expect(saveCalls[0].filters).toEqual([{ name: 'Web page', extensions: ['html'] }]);
    const cancelled = setUp({ savePath: null });
    expect(
      expectSuccess(
        await cancelled.invoke(IPC.saveReport, trusted, { suggestedName: 'x.html', html: '' }),
      ),
    ).toEqual({ saved: false });
  });
});

describe('savePlan', () => {
  it('writes exactly the contents to the path the dialog returned, atomically', async () => {
    const target = nodePath.join(folder, 'saved.mmmplan.json');
    const { invoke, saveCalls } = setUp({ savePath: target });
    const contents = JSON.stringify({ version: 1, budget: 1e6, note: 'ünïcødé' });
    const value = expectSuccess(
      await invoke(IPC.savePlan, trusted, { suggestedName: 'Q3 plan', contents }),
    );
    expect(value).toEqual({ saved: true, name: 'saved.mmmplan.json' });
    expect(await readFile(target, 'utf8')).toBe(contents);
    expect((await readdir(folder)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(saveCalls[0].defaultPath).toBe(
      nodePath.join('/home/analyst/Documents', 'Q3 plan.mmmplan'),
    );
    expect(saveCalls[0].filters?.[0].extensions).toEqual(['mmmplan', 'json']);
    expect(saveCalls[0].properties).toContain('showOverwriteConfirmation');
    expect(recentFiles.list()[0]).toMatchObject({ path: target, kind: 'plan' });
  });

  it('replaces an existing file only because the dialog returned it, keeping it as .bak', async () => {
    const target = nodePath.join(folder, 'q3.mmmplan.json');
    const before = await readFile(target, 'utf8');
    const { invoke } = setUp({ savePath: target });
    expectSuccess(
      await invoke(IPC.savePlan, trusted, {
        suggestedName: 'q3.mmmplan.json',
        contents: '{"version":2}',
      }),
    );
    expect(await readFile(target, 'utf8')).toBe('{"version":2}');
    expect(await readFile(`${target}.bak`, 'utf8')).toBe(before);
  });

  it('suggests a .mmmplan name as given', async () => {
    const target = nodePath.join(folder, 'named.mmmplan');
    const { invoke, saveCalls } = setUp({ savePath: target });
    expectSuccess(
      await invoke(IPC.savePlan, trusted, { suggestedName: 'Q3.mmmplan', contents: '{}' }),
    );
    expect(saveCalls[0].defaultPath).toBe(nodePath.join('/home/analyst/Documents', 'Q3.mmmplan'));
  });

  it('writes nothing when the dialog is cancelled', async () => {
    const { invoke } = setUp({ savePath: null });
    const before = await readdir(folder);
    expect(
      expectSuccess(
        await invoke(IPC.savePlan, trusted, { suggestedName: 'a.json', contents: '{}' }),
      ),
    ).toEqual({ saved: false });
    expect(await readdir(folder)).toEqual(before);
  });

  it('reports a write failure naming the file', async () => {
    const target = nodePath.join(folder, 'no-such-folder', 'plan.json');
    const { invoke } = setUp({ savePath: target });
    const message = expectFailure(
      await invoke(IPC.savePlan, trusted, { suggestedName: 'plan.json', contents: '{}' }),
      'write-failed',
    );
    expect(message).toMatch(/^Could not save "plan.json"/);
  });
});

describe('fit results and the autosaved session', () => {
  it('opens a fit result only through its dialog, as .json, and never lists it among recent files', async () => {
    await writeFile(nodePath.join(folder, 'result.json'), '{"kind":"mmm-fit-result"}');
    const { invoke, openCalls, onRecentFilesChanged } = setUp({
      openPaths: [nodePath.join(folder, 'result.json')],
    });
    const opened = expectSuccess<OpenedFile>(await invoke(IPC.openFitResult, trusted));
    expect(opened.name).toBe('result.json');
    expect(text(opened)).toBe('{"kind":"mmm-fit-result"}');
    expect(openCalls[0].filters).toEqual([
      { name: 'Fit result (mmm fit --out)', extensions: ['json'] },
    ]);
    expect(recentFiles.list()).toEqual([]);
    expect(onRecentFilesChanged).not.toHaveBeenCalled();
    const refused = setUp({ openPaths: [nodePath.join(folder, 'weekly.csv')] });
    expectFailure(await refused.invoke(IPC.openFitResult, trusted), 'unsupported-extension');
    expect(expectSuccess(await setUp().invoke(IPC.openFitResult, trusted))).toBeNull();
  });

  it('writes entries atomically under the session folder and reads them back; bad keys are refused', async () => {
    const { invoke } = setUp();
    expect(expectSuccess(await invoke(IPC.loadSession, trusted))).toEqual({});
    expectSuccess(await invoke(IPC.saveSessionEntry, trusted, 'meta', '{"a":1}'));
    expectSuccess(await invoke(IPC.saveSessionEntry, trusted, 'fit-3', '{"b":2}'));
    expectSuccess(await invoke(IPC.saveSessionEntry, trusted, 'meta', '{"a":2}'));
    expect(expectSuccess(await invoke(IPC.loadSession, trusted))).toEqual({
      meta: '{"a":2}',
      'fit-3': '{"b":2}',
    });
    const session = nodePath.join(folder, 'userData', 'session');
    // The replaced entry is kept as a backup; no temporary file is left behind.
    expect((await readdir(session)).sort()).toEqual(['fit-3.json', 'meta.json', 'meta.json.bak']);
    expect(await readFile(nodePath.join(session, 'meta.json.bak'), 'utf8')).toBe('{"a":1}');
    expectSuccess(await invoke(IPC.saveSessionEntry, trusted, 'fit-3', null));
    expect(expectSuccess(await invoke(IPC.loadSession, trusted))).toEqual({ meta: '{"a":2}' });
    for (const key of ['../escape', 'meta.json', 'fit-x', '']) {
      const message = expectFailure(
        await invoke(IPC.saveSessionEntry, trusted, key, '{}'),
        'invalid-payload',
      );
      expect(message).toMatch(/argument 1/);
    }
  });

  it('takes an entry as UTF-8 bytes (a fit report as it arrived), written as its text; not UTF-8 is refused', async () => {
    const { invoke } = setUp();
    const text = '{"kpi":"Umsatz €"}';
    expectSuccess(
      await invoke(IPC.saveSessionEntry, trusted, 'fit-4', new TextEncoder().encode(text)),
    );
    expect(expectSuccess(await invoke(IPC.loadSession, trusted))).toEqual({ 'fit-4': text });
    const message = expectFailure(
      await invoke(IPC.saveSessionEntry, trusted, 'fit-4', Uint8Array.of(0x7b, 0xff, 0x7d)),
      'invalid-payload',
    );
    expect(message).toMatch(/not UTF-8/);
    // The refused write changed nothing.
    expect(expectSuccess(await invoke(IPC.loadSession, trusted))).toEqual({ 'fit-4': text });
    // Neither a number array nor another typed array passes for bytes.
    for (const wrong of [[123, 125], new Uint16Array(2)])
      expectFailure(await invoke(IPC.saveSessionEntry, trusted, 'fit-4', wrong), 'invalid-payload');
  });
});
