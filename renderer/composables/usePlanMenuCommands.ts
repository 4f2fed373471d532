/**
 * The desktop menu's plan commands, from any task: File › Open plan…, Save plan…, and a plan under
 * File › Open Recent. `show` switches to the Plans task.
 */
import { onBeforeUnmount, onMounted } from 'vue';
import { getWorkbenchApi } from '../platform';
import { usePlansStore } from '../stores/plans';

export function usePlanMenuCommands(show: () => void): void {
  const plans = usePlansStore();
  let unsubscribe: (() => void) | null = null;

  async function openRecent(id: string): Promise<void> {
    const recent = await getWorkbenchApi().recentFiles();
    if (recent.find((file) => file.id === id)?.kind !== 'plan') return;
    show();
    await plans.openRecent(id);
  }

  onMounted(() => {
    unsubscribe = getWorkbenchApi().onMenuCommand((command) => {
      if (command === 'open-plan') {
        show();
        void plans.openDialog();
      } else if (command === 'save-plan') {
        show();
        void plans.save();
      } else if (command.startsWith('open-recent:')) {
        void openRecent(command.slice('open-recent:'.length));
      }
    });
  });
  onBeforeUnmount(() => unsubscribe?.());
}
