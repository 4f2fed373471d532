/**
 * The native menu, built from roles wherever Electron has one (so accelerators and platform
 * conventions come for free). Items that belong to the app send a `MenuCommand` to the renderer
 * through `onCommand`; main.ts forwards it over `IPC.menuCommand`.
 */
import type { MenuItemConstructorOptions } from 'electron';

import type { MenuCommand, RecentFile } from './contract';

/** Help › Learn more: the paper behind the model family (Jin et al. 2017). */
export const LEARN_MORE_URL =
  'https://research.google/pubs/bayesian-methods-for-media-mix-modeling-with-carryover-and-shape-effects/';

/**
 * The tasks View › lists with Alt+1…; the same order and keys as the renderer's navigation
 * (renderer/navigation.ts), which shows them in its buttons' tooltips.
 */
export const TASK_SHORTCUTS: readonly { readonly id: string; readonly label: string }[] = [
  { id: 'data', label: 'Data' },
  { id: 'model', label: 'Model' },
  { id: 'results', label: 'Results' },
  { id: 'causal', label: 'Causal' },
  { id: 'planner', label: 'Planner' },
  { id: 'plans', label: 'Plans' },
];

export interface MenuInput {
  appName: string;
  platform: string;
  /** Packaged builds hide reload and developer tools. */
  isPackaged: boolean;
  recentFiles: readonly RecentFile[];
  onCommand: (command: MenuCommand) => void;
  openExternal: (url: string) => void;
}

export function buildMenuTemplate(input: MenuInput): MenuItemConstructorOptions[] {
  const isMac = input.platform === 'darwin';
  const send = (command: MenuCommand) => () => input.onCommand(command);

  const recentItems: MenuItemConstructorOptions[] =
    input.recentFiles.length === 0
      ? [{ label: 'No recent files', enabled: false }]
      : input.recentFiles.map((file) => ({
          label: `${file.name}${file.kind === 'plan' ? ' (plan)' : ''}`,
          click: send(`open-recent:${file.id}`),
        }));

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Open data…', accelerator: 'CmdOrCtrl+O', click: send('open-data') },
      { label: 'Open plan…', accelerator: 'CmdOrCtrl+Shift+O', click: send('open-plan') },
      { label: 'Open fit result…', accelerator: 'CmdOrCtrl+Alt+O', click: send('open-fit-result') },
      { label: 'Save plan…', accelerator: 'CmdOrCtrl+S', click: send('save-plan') },
      { label: 'Open Recent', submenu: recentItems },
      { label: 'Load sample data', click: send('load-sample') },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const model: MenuItemConstructorOptions = {
    label: 'Model',
    submenu: [
      { label: 'Fit', accelerator: 'CmdOrCtrl+Enter', click: send('fit') },
      { label: 'Cancel fit', accelerator: 'Escape', click: send('cancel-fit') },
    ],
  };
  const taskItems: MenuItemConstructorOptions[] = TASK_SHORTCUTS.map((task, index) => ({
    label: task.label,
    accelerator: `Alt+${index + 1}`,
    click: send(`task:${task.id}`),
  }));

  const developerItems: MenuItemConstructorOptions[] = input.isPackaged
    ? []
    : [
        { role: 'reload' },
        { role: 'forceReload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
      ];

  const template: MenuItemConstructorOptions[] = [
    file,
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        ...taskItems,
        { type: 'separator' },
        ...developerItems,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    model,
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { role: 'about', label: `About ${input.appName}` },
        { label: 'Learn more', click: () => input.openExternal(LEARN_MORE_URL) },
      ],
    },
  ];
  return isMac ? [{ role: 'appMenu' }, ...template] : template;
}
