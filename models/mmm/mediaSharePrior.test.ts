import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { roiPriorFromMediaShare } from './mediaSharePrior';
import { applyMediaSharePrior, resolveModelSpec } from './resolveModelSpec';

describe('roiPriorFromMediaShare', () => {
  it('gives the documented example', () => {
    const prior = roiPriorFromMediaShare({ mean: 0.4, sd: 0.2 }, 1000, [50, 50]);
    expect(prior.distribution).toBe('logNormal');
    if (prior.distribution !== 'logNormal') return;
    expect(prior.sigma).toBeCloseTo(Math.sqrt(Math.log(1.5)), 12);
    expect(prior.mu).toBeCloseTo(Math.log(4) - 0.5 * Math.log(1.5), 12);
  });

  it('implies the stated media share for independent channel ROIs (simulated against the formula)', () => {
    // Each channel's ROI drawn independently from the derived prior: the media share Σ_c ROI_c·C_c / Y
    // has mean s̄ and sd s_sd exactly (Var = Σ C_c² sd²), whatever the spend split.
    const spend = [10, 30, 50, 30];
    const kpi = 500;
    const prior = roiPriorFromMediaShare({ mean: 0.3, sd: 0.1 }, kpi, spend);
    if (prior.distribution !== 'logNormal') throw new Error('expected logNormal');
    const rng = createRng(5);
    const n = 200_000;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      let share = 0;
      for (const c of spend) share += (Math.exp(prior.mu + prior.sigma * rng.normal()) * c) / kpi;
      sum += share;
      squares += share * share;
    }
    const mean = sum / n;
    expect(Math.abs(mean - 0.3)).toBeLessThan(0.002);
    expect(Math.abs(Math.sqrt(squares / n - mean * mean) - 0.1)).toBeLessThan(0.003);
  });

  it('names a KPI total that cannot carry a share', () => {
    expect(() => roiPriorFromMediaShare({ mean: 0.4, sd: 0.2 }, -3, [1])).toThrow(
      /KPI total is -3/,
    );
  });
});

describe('media-share default in the spec', () => {
  it('is on by default, off when the ROI prior is explicit or mediaSharePrior is null, and validated', () => {
    expect(resolveModelSpec({}).mediaSharePrior).toEqual({ mean: 0.4, sd: 0.2 });
    const explicit = resolveModelSpec({
      channelPriors: { roi: { distribution: 'logNormal', mu: 0, sigma: 1 } },
    });
    expect(explicit.mediaSharePrior).toBeNull();
    expect(applyMediaSharePrior(explicit, 100, [1, 2])).toBe(explicit);
    const fixed = resolveModelSpec({ mediaSharePrior: null });
    expect(fixed.channelPriors.roi).toEqual({ distribution: 'logNormal', mu: 0.2, sigma: 0.9 });
    expect(() => resolveModelSpec({ mediaSharePrior: { mean: 1.2, sd: 0.1 } })).toThrow(
      /mediaSharePrior mean must be in \(0, 1\)/,
    );
    const derived = applyMediaSharePrior(
      resolveModelSpec({
        channelOverrides: { tv: { roi: { distribution: 'halfNormal', sd: 2 } } },
      }),
      1000,
      [50, 50],
    );
    expect(derived.channelPriors.roi).toEqual(
      roiPriorFromMediaShare({ mean: 0.4, sd: 0.2 }, 1000, [50, 50]),
    );
    expect(derived.channelOverrides.tv.roi).toEqual({ distribution: 'halfNormal', sd: 2 });
  });
});
