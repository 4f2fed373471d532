/**
 * IPC channel names, one per `WorkbenchApi` verb plus the main→renderer menu channel. Kept free of
 * imports so the sandboxed preload can bundle it without pulling in zod; contract.ts re-exports it.
 */
export const IPC = {
  appInfo: 'workbench:app-info',
  openDataFiles: 'workbench:open-data-files',
  openDroppedFiles: 'workbench:open-dropped-files',
  recentFiles: 'workbench:recent-files',
  openRecent: 'workbench:open-recent',
  openPlan: 'workbench:open-plan',
  savePlan: 'workbench:save-plan',
  openFitResult: 'workbench:open-fit-result',
  loadSession: 'workbench:load-session',
  saveSessionEntry: 'workbench:save-session-entry',
  saveReport: 'workbench:save-report',
  menuCommand: 'workbench:menu-command',
} as const;
