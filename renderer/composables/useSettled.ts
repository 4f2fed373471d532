/**
 * A value that follows `source` once it has stopped changing for `delay` ms (the first value at
 * once). The Planner's charts read their scenarios through it, so a live edit updates the table
 * first and the four charts redraw once the typing settles.
 */
import { onScopeDispose, shallowRef, watch, type ShallowRef } from 'vue';

export function useSettled<T>(source: () => T, delay: number): Readonly<ShallowRef<T>> {
  const settled = shallowRef(source());
  let timer: ReturnType<typeof setTimeout> | null = null;
  watch(source, (next) => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      settled.value = next;
    }, delay);
  });
  onScopeDispose(() => {
    if (timer !== null) clearTimeout(timer);
  });
  return settled;
}
