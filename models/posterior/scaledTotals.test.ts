/**
 * The response curves' and marginal ROI's fast path (the national model's `scaledChannelTotals`:
 * adstock once per channel, Hill's `scaledSums` per multiplier) against the plain one (the
 * components of the scaled spend, summed), on a model with carry-over, Hill saturation and
 * holdout weeks, at seeded random draws; and the geo model's (a sum over geos) on every geo case.
 */
import { describe, expect, it } from 'vitest';
import { createGeoMmmTarget } from '../mmm/geoTarget';
import { geoTestCases, startOf } from '../mmm/geoTestCases';
import { createMmmTarget } from '../mmm/target';
import type { MmmModel } from '../mmm/model';
import type { MmmParameters } from '../mmm/types';
import { createRng } from '../random/rng';
import { responseCurves } from './responseCurves';
import { marginalRoi } from './roi';

const weeks = 60;
const rng = createRng(11);
const dates = Array.from({ length: weeks }, (_, t) =>
  new Date(Date.UTC(2023, 0, 2 + 7 * t)).toISOString().slice(0, 10),
);
const channelNames = ['tv', 'search', 'radio'];
const spend = channelNames.map((_, c) =>
  // radio is off for the first weeks: adstocked zeros must give h = 0.
  Float64Array.from({ length: weeks }, (_, t) =>
    c === 2 && t < 10 ? 0 : 1000 * (1 + c) * (1 + 0.5 * rng.uniform()),
  ),
);
const kpi = Float64Array.from({ length: weeks }, (_, t) => 5e4 + 100 * t + 1e3 * rng.normal());
const target = createMmmTarget({
  spec: { saturation: 'hill', adstock: 'geometric', maxLag: 6, holdoutWeeks: 8 },
  data: { dates, kpi, channelNames, spend, controlNames: [], controls: [] },
});

function drawAt(seed: number): MmmParameters {
  const random = createRng(seed);
  const position = Float64Array.from({ length: target.dimension }, () => 0.7 * random.normal());
  return target.constrain(position);
}
const draws = [1, 2, 3, 4, 5].map(drawAt);

/** The same model without its fast path: every view takes the plain one. */
const plain: MmmModel = Object.assign(Object.create(target) as MmmModel, {
  scaledChannelTotals: undefined,
});

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('scaledChannelTotals', () => {
  it('equals the summed contributions of the scaled spend, per channel and multiplier', () => {
    const multipliers = Float64Array.of(0, 0.3, 1, 1.7, 2.5);
    const { trainingWeeks } = target.design;
    let checked = 0;
    for (const parameters of draws) {
      const fast = target.scaledChannelTotals?.(parameters, multipliers, trainingWeeks);
      if (!fast) throw new Error('the national model has no fast path');
      multipliers.forEach((m, k) => {
        const scaled = spend.map((series) => series.map((v) => v * m));
        const components = target.components(parameters, scaled);
        channelNames.forEach((_, c) => {
          let expected = 0;
          for (let t = 0; t < trainingWeeks; t++) expected += components.channels[c][t];
          if (m === 0) expect(fast[c][k]).toBe(0);
          else expect(relative(fast[c][k], expected)).toBeLessThan(1e-12);
          checked++;
        });
      });
    }
    expect(checked).toBe(draws.length * multipliers.length * channelNames.length);
  });

  it('gives the response curves and marginal ROI of the plain path', () => {
    const fast = responseCurves(target, draws);
    const slow = responseCurves(plain, draws);
    fast.forEach((curve, c) => {
      expect(curve.currentIndex).toBe(slow[c].currentIndex);
      for (const key of ['mean', 'lower', 'upper'] as const)
        curve.incremental[key].forEach((v, k) => {
          const expected = slow[c].incremental[key][k];
          if (expected === 0) expect(v).toBe(0);
          else expect(relative(v, expected)).toBeLessThan(1e-12);
        });
    });
    const fastMarginal = marginalRoi(target, draws);
    const slowMarginal = marginalRoi(plain, draws);
    fastMarginal.forEach((channel, c) =>
      channel.draws.forEach((v, d) =>
        // A difference of two sums 1% apart: rounding grows by ~100.
        expect(relative(v, slowMarginal[c].draws[d])).toBeLessThan(1e-9),
      ),
    );
  });
});

describe("the geo model's scaledChannelTotals", () => {
  it.each(geoTestCases)(
    '%s: the response curves and marginal ROI of the plain path',
    (_, input) => {
      const geoTarget = createGeoMmmTarget(input);
      const geoPlain: MmmModel = Object.assign(Object.create(geoTarget) as MmmModel, {
        scaledChannelTotals: undefined,
      });
      const geoDraws = [1, 2, 3].map((seed) => geoTarget.constrain(startOf(geoTarget, seed, 0.3)));
      const fast = responseCurves(geoTarget, geoDraws);
      const slow = responseCurves(geoPlain, geoDraws);
      expect(fast.length).toBe(geoTarget.design.channelNames.length);
      fast.forEach((curve, c) =>
        curve.incremental.mean.forEach((v, k) => {
          const expected = slow[c].incremental.mean[k];
          if (expected === 0) expect(Math.abs(v)).toBeLessThan(1e-9);
          else expect(relative(v, expected)).toBeLessThan(1e-11);
        }),
      );
      const fastMarginal = marginalRoi(geoTarget, geoDraws);
      const slowMarginal = marginalRoi(geoPlain, geoDraws);
      fastMarginal.forEach((channel, c) =>
        channel.draws.forEach((v, d) =>
          expect(relative(v, slowMarginal[c].draws[d])).toBeLessThan(1e-8),
        ),
      );
    },
  );
});
