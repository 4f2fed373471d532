/**
 * Light and dark themes: the system's choice unless the analyst picked one (kept in
 * localStorage), applied as `data-theme` on <html> (renderer/styles/themes.css) and handed to the
 * charts as their palette.
 */
import { computed, ref } from 'vue';
import { CHART_THEMES, type ChartTheme } from '../charts/resultsChart';

export type ThemeChoice = 'system' | 'light' | 'dark';

const STORAGE_KEY = 'mmm-workbench:theme';
const choice = ref<ThemeChoice>('system');
const systemDark = ref(false);
let started = false;

function apply(): void {
  const resolved = choice.value === 'system' ? (systemDark.value ? 'dark' : 'light') : choice.value;
  document.documentElement.dataset.theme = resolved;
}

export function useTheme() {
  if (!started && typeof window !== 'undefined') {
    started = true;
    const stored = window.localStorage?.getItem(STORAGE_KEY);
    if (stored === 'light' || stored === 'dark') choice.value = stored;
    const query = window.matchMedia?.('(prefers-color-scheme: dark)');
    systemDark.value = query?.matches ?? false;
    query?.addEventListener('change', (event) => {
      systemDark.value = event.matches;
      apply();
    });
    apply();
  }
  const resolved = computed<'light' | 'dark'>(() =>
    choice.value === 'system' ? (systemDark.value ? 'dark' : 'light') : choice.value,
  );
  const chartTheme = computed<ChartTheme>(() => CHART_THEMES[resolved.value]);
  /** Cycles system → light → dark → system. */
  function toggle(): void {
    choice.value =
      choice.value === 'system' ? 'light' : choice.value === 'light' ? 'dark' : 'system';
    if (choice.value === 'system') window.localStorage?.removeItem(STORAGE_KEY);
    else window.localStorage?.setItem(STORAGE_KEY, choice.value);
    apply();
  }
  return { choice, resolved, chartTheme, toggle };
}
