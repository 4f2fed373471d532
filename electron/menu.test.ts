import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';

import type { MenuCommand, RecentFile } from './contract';
import { buildMenuTemplate, LEARN_MORE_URL, type MenuInput } from './menu';

const recent: RecentFile[] = [
  {
    id: '0123456789abcdef',
    name: 'weekly.csv',
    kind: 'data',
    openedAt: '2026-01-02T03:04:05.000Z',
  },
  {
    id: 'fedcba9876543210',
    name: 'q3.mmmplan.json',
    kind: 'plan',
    openedAt: '2026-01-01T00:00:00.000Z',
  },
];

function build(overrides: Partial<MenuInput> = {}) {
  const commands: MenuCommand[] = [];
  const opened: string[] = [];
  const template = buildMenuTemplate({
    appName: 'MMM Workbench',
    platform: 'linux',
    isPackaged: false,
    recentFiles: recent,
    onCommand: (command) => commands.push(command),
    openExternal: (url) => opened.push(url),
    ...overrides,
  });
  return { template, commands, opened };
}

function submenuOf(item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] {
  if (item === undefined || !Array.isArray(item.submenu))
    throw new Error(`no submenu on ${item?.label ?? item?.role}`);
  return item.submenu;
}

function find(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const item = items.find((candidate) => candidate.label === label);
  if (item === undefined) throw new Error(`no menu item "${label}"`);
  return item;
}

/** Calls a click handler the way Electron does; our handlers ignore the arguments. */
function click(item: MenuItemConstructorOptions): void {
  const handler = item.click as (() => void) | undefined;
  if (handler === undefined) throw new Error(`"${item.label}" has no click handler`);
  handler();
}

describe('buildMenuTemplate', () => {
  it('has File, Edit, View, Window and Help in order', () => {
    const { template } = build();
    expect(template.map((item) => item.label ?? item.role)).toEqual([
      'File',
      'Edit',
      'View',
      'Model',
      'windowMenu',
      'help',
    ]);
  });

  it('puts the app actions in File and sends their commands', () => {
    const { template, commands } = build();
    const file = submenuOf(template[0]);
    expect(file.map((item) => item.label ?? item.role ?? item.type)).toEqual([
      'Open data…',
      'Open plan…',
      'Open fit result…',
      'Save plan…',
      'Open Recent',
      'Load sample data',
      'separator',
      'quit',
    ]);
    click(find(file, 'Open data…'));
    click(find(file, 'Open plan…'));
    click(find(file, 'Save plan…'));
    click(find(file, 'Load sample data'));
    click(find(file, 'Open fit result…'));
    expect(commands).toEqual([
      'open-data',
      'open-plan',
      'save-plan',
      'load-sample',
      'open-fit-result',
    ]);
  });

  it('shows the shortcuts of fit, cancel and every task, and sends their commands', () => {
    const { template, commands } = build();
    const model = submenuOf(template[3]);
    expect(model.map((item) => [item.label, item.accelerator])).toEqual([
      ['Fit', 'CmdOrCtrl+Enter'],
      ['Cancel fit', 'Escape'],
    ]);
    model.forEach(click);
    const view = submenuOf(template[2]);
    const tasks = view.filter((item) => item.accelerator?.startsWith('Alt+'));
    expect(tasks.map((item) => [item.label, item.accelerator])).toEqual([
      ['Data', 'Alt+1'],
      ['Model', 'Alt+2'],
      ['Results', 'Alt+3'],
      ['Causal', 'Alt+4'],
      ['Planner', 'Alt+5'],
      ['Plans', 'Alt+6'],
    ]);
    tasks.forEach(click);
    expect(commands).toEqual([
      'fit',
      'cancel-fit',
      'task:data',
      'task:model',
      'task:results',
      'task:causal',
      'task:planner',
      'task:plans',
    ]);
  });

  it('lists recent files by name and opens them by id', () => {
    const { template, commands } = build();
    const items = submenuOf(find(submenuOf(template[0]), 'Open Recent'));
    expect(items.map((item) => item.label)).toEqual(['weekly.csv', 'q3.mmmplan.json (plan)']);
    items.forEach(click);
    expect(commands).toEqual(['open-recent:0123456789abcdef', 'open-recent:fedcba9876543210']);
  });

  it('shows a disabled placeholder when there are no recent files', () => {
    const { template } = build({ recentFiles: [] });
    const items = submenuOf(find(submenuOf(template[0]), 'Open Recent'));
    expect(items).toEqual([{ label: 'No recent files', enabled: false }]);
  });

  it('offers reload and developer tools only in unpackaged builds', () => {
    const roles = (isPackaged: boolean) =>
      submenuOf(build({ isPackaged }).template[2]).map((item) => item.role);
    expect(roles(false)).toEqual(
      expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']),
    );
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(true)).not.toContain('reload');
    expect(roles(true)).toEqual(
      expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']),
    );
  });

  it('uses roles for editing', () => {
    const roles = submenuOf(build().template[1]).map((item) => item.role ?? item.type);
    expect(roles).toEqual(['undo', 'redo', 'separator', 'cut', 'copy', 'paste', 'selectAll']);
  });

  it('has About and a Learn more link that opens an https page', () => {
    const { template, opened } = build();
    const help = submenuOf(template[5]);
    expect(help[0].role).toBe('about');
    click(find(help, 'Learn more'));
    expect(opened).toEqual([LEARN_MORE_URL]);
    expect(LEARN_MORE_URL.startsWith('https://')).toBe(true);
  });

  it('adds the application menu and closes rather than quits from File on macOS', () => {
    const { template } = build({ platform: 'darwin' });
    expect(template[0].role).toBe('appMenu');
    expect(submenuOf(template[1]).at(-1)?.role).toBe('close');
  });

  it('never calls back before a click', () => {
    const onCommand = vi.fn();
    const openExternal = vi.fn();
    buildMenuTemplate({
      appName: 'MMM Workbench',
      platform: 'linux',
      isPackaged: true,
      recentFiles: recent,
      onCommand,
      openExternal,
    });
    expect(onCommand).not.toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
  });
});
