import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import { useSettled } from './useSettled';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('useSettled', () => {
  it('starts with the value, then follows it once changes stop for the delay', async () => {
    const scope = effectScope();
    const source = ref(1);
    const settled = scope.run(() => useSettled(() => source.value, 100))!;
    expect(settled.value).toBe(1);
    source.value = 2;
    await nextTick();
    vi.advanceTimersByTime(60);
    source.value = 3;
    await nextTick();
    vi.advanceTimersByTime(60);
    expect(settled.value).toBe(1);
    vi.advanceTimersByTime(50);
    expect(settled.value).toBe(3);
    scope.stop();
  });
});
