/** Runs the desktop menu's commands (File › Open data…, Load sample data) while mounted. */
import { onBeforeUnmount, onMounted } from 'vue';
import type { MenuCommand } from '../../electron/contract';
import { getWorkbenchApi } from '../platform';

export function useMenuCommands(handlers: Partial<Record<MenuCommand, () => void>>): void {
  let unsubscribe: (() => void) | null = null;
  onMounted(() => {
    unsubscribe = getWorkbenchApi().onMenuCommand((command) => handlers[command]?.());
  });
  onBeforeUnmount(() => unsubscribe?.());
}
