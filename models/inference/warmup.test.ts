import { describe, expect, it } from 'vitest';
import { createWarmupAdapter, warmupSchedule } from './warmup';

describe('warmupSchedule', () => {
  it("reproduces Stan's windows for 1000 warmup iterations", () => {
    const s = warmupSchedule(1000);
    expect(s.slowWindows).toEqual([
      { start: 75, end: 100 },
      { start: 100, end: 150 },
      { start: 150, end: 250 },
      { start: 250, end: 450 },
      { start: 450, end: 950 },
    ]);
  });
  it('covers exactly the iterations between the buffers, for many lengths', () => {
    for (const n of [20, 50, 124, 125, 150, 200, 333, 500, 2000, 4567]) {
      const s = warmupSchedule(n);
      expect(s.slowWindows[0].start).toBe(s.initialBuffer);
      expect(s.slowWindows[s.slowWindows.length - 1].end).toBe(n - s.terminalBuffer);
      for (let i = 1; i < s.slowWindows.length; i++)
        expect(s.slowWindows[i].start).toBe(s.slowWindows[i - 1].end);
    }
  });
  it('shrinks the buffers to 15 % / 10 % for short warmup and skips windows below 20', () => {
    expect(warmupSchedule(100)).toEqual({
      initialBuffer: 15,
      terminalBuffer: 10,
      slowWindows: [{ start: 15, end: 90 }],
    });
    expect(warmupSchedule(10).slowWindows).toEqual([]);
  });
});

describe('createWarmupAdapter', () => {
  it("re-estimates M⁻¹ from exactly each slow window's draws and signals the window ends", () => {
    const adapter = createWarmupAdapter({ numWarmup: 200, dimension: 1, initialStepSize: 1 });
    expect(adapter.schedule.slowWindows).toEqual([
      { start: 75, end: 100 },
      { start: 100, end: 150 },
    ]);
    const ends: number[] = [];
    // Draw value = iteration, so each window's sample variance is known in closed form.
    for (let i = 0; i < 200; i++) {
      if (adapter.update(i, Float64Array.of(i), 0.8)) {
        ends.push(i);
        const window = adapter.schedule.slowWindows[ends.length - 1];
        const n = window.end - window.start;
        const variance = (n * (n + 1)) / 12; // variance of n consecutive integers
        expect(adapter.inverseMassMatrix()[0]).toBeCloseTo(
          (n / (n + 5)) * variance + 1e-3 * (5 / (n + 5)),
          10,
        );
      }
      if (i < 99) expect(adapter.inverseMassMatrix()[0]).toBe(1);
    }
    expect(ends).toEqual([99, 149]);
  });

  it('restarts dual averaging at ε₀ and ends on exp(x̄)', () => {
    const adapter = createWarmupAdapter({ numWarmup: 50, dimension: 1, initialStepSize: 1 });
    adapter.restartStepSize(0.25);
    expect(adapter.stepSize()).toBe(0.25);
    adapter.update(0, Float64Array.of(0), 0.8);
    // With α = δ the first iterate is e^μ = 10 ε₀ and x̄ equals it.
    expect(adapter.stepSize()).toBeCloseTo(2.5, 12);
    expect(adapter.finalStepSize()).toBeCloseTo(2.5, 12);
  });

  it('starts from the given M⁻¹, keeps it until the first slow window ends, and names bad entries', () => {
    const initial = Float64Array.of(0.04, 9);
    const adapter = createWarmupAdapter({
      numWarmup: 200,
      dimension: 2,
      initialStepSize: 1,
      initialInverseMassMatrix: initial,
    });
    initial[0] = 123; // the adapter keeps its own copy
    for (let i = 0; i < 99; i++) {
      adapter.update(i, Float64Array.of(i, -i), 0.8);
      expect(Array.from(adapter.inverseMassMatrix())).toEqual([0.04, 9]);
    }
    // At the end of window [75, 100) the estimate comes from the draws alone, as without a start.
    expect(adapter.update(99, Float64Array.of(99, -99), 0.8)).toBe(true);
    const variance = (25 * 26) / 12;
    expect(adapter.inverseMassMatrix()[1]).toBeCloseTo((25 / 30) * variance + 1e-3 * (5 / 30), 10);
    const make = (m: Float64Array) => () =>
      createWarmupAdapter({
        numWarmup: 10,
        dimension: 2,
        initialStepSize: 1,
        initialInverseMassMatrix: m,
      });
    expect(make(Float64Array.of(1))).toThrow(/initialInverseMassMatrix has 1 entries, expected 2/);
    expect(make(Float64Array.of(1, 0))).toThrow(
      /initialInverseMassMatrix\[1\] must be finite and > 0, got 0/,
    );
    expect(make(Float64Array.of(Number.NaN, 1))).toThrow(/initialInverseMassMatrix\[0\]/);
  });
});
