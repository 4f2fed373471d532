/**
 * The main actions from anywhere in the app — fit, cancel the fit, switch task, open a fit result —
 * by keyboard (Ctrl/⌘+Enter, Escape, Alt+1…, Ctrl/⌘+Alt+O) and from the desktop menu, which shows
 * the same keys (electron/menu.ts); the nav buttons' tooltips show them too.
 */
import { onBeforeUnmount, onMounted, type Ref } from 'vue';
import { NAVIGATION } from '../navigation';
import { getWorkbenchApi } from '../platform';
import { useDataStore } from '../stores/data';
import { useModelStore } from '../stores/model';
import { useResultsStore } from '../stores/results';
import { useMenuCommands } from './useMenuCommands';

export const SHORTCUTS = {
  fit: 'Ctrl+Enter',
  cancel: 'Escape',
  openFitResult: 'Ctrl+Alt+O',
} as const;

/** "Alt+<n>" for the n-th task. */
export function taskShortcut(index: number): string {
  return `Alt+${index + 1}`;
}

export function useWorkbenchCommands(activeId: Ref<string>): void {
  const data = useDataStore();
  const model = useModelStore();
  const results = useResultsStore();

  function fit(): void {
    if (data.frame && !model.running) {
      activeId.value = 'model';
      void model.fit(data.frame);
    }
  }

  async function openFitResult(): Promise<void> {
    const opened = await getWorkbenchApi().openFitResult();
    if (!opened.ok) {
      results.openMessage = opened.error.message;
      return;
    }
    if (opened.value === null) return;
    activeId.value = 'results';
    const { name, bytes, file } = opened.value;
    await results.openFitResult(name, file ?? bytes);
  }

  function showTask(id: string): void {
    if (NAVIGATION.some((item) => item.id === id)) activeId.value = id;
  }

  function onKey(event: KeyboardEvent): void {
    const command = event.ctrlKey || event.metaKey;
    if (command && event.key === 'Enter') {
      event.preventDefault();
      fit();
    } else if (event.key === 'Escape' && model.running) {
      model.cancel();
    } else if (event.altKey && !command && /^Digit[1-9]$/.test(event.code)) {
      const item = NAVIGATION[Number(event.code.slice(5)) - 1];
      if (item) {
        event.preventDefault();
        activeId.value = item.id;
      }
    } else if (command && event.altKey && event.code === 'KeyO') {
      event.preventDefault();
      void openFitResult();
    }
  }

  useMenuCommands({
    fit,
    'cancel-fit': () => model.cancel(),
    'open-fit-result': () => void openFitResult(),
    ...Object.fromEntries(NAVIGATION.map((item) => [`task:${item.id}`, () => showTask(item.id)])),
  });
  onMounted(() => window.addEventListener('keydown', onKey));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey));
}
