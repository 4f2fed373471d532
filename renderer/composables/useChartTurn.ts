/**
 * Charts draw one per frame: each chart panel waits for its turn before ECharts initialises and
 * draws it, so opening the Results task (eight charts) is eight short main-thread tasks instead of
 * one long one, and the first charts appear at once.
 */
import { onBeforeUnmount, onMounted, ref } from 'vue';

const waiting: (() => void)[] = [];
let scheduled = false;

function next(): void {
  scheduled = false;
  waiting.shift()?.();
  if (waiting.length > 0) schedule();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  // A macrotask after the frame: the browser paints between two charts.
  requestAnimationFrame(() => setTimeout(next, 0));
}

/** True once this component's chart may draw. */
export function useChartTurn() {
  const ready = ref(false);
  const turn = () => (ready.value = true);
  onMounted(() => {
    waiting.push(turn);
    schedule();
  });
  onBeforeUnmount(() => {
    const index = waiting.indexOf(turn);
    if (index >= 0) waiting.splice(index, 1);
  });
  return ready;
}
