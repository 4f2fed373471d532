import { describe, expect, it } from 'vitest';
import { createRng } from '../random/rng';
import { simulateMmmData } from '../testing/simulateMmmData';
import { computeComponents } from './components';
import type { AdstockKind, SaturationKind } from './spec';
import { createMmmTarget } from './target';
import type { MmmComponents, MmmParameters } from './types';

const ADSTOCKS: AdstockKind[] = ['geometric', 'delayed', 'weibullCdf', 'weibullPdf'];
const SATURATIONS: SaturationKind[] = ['hill', 'logistic', 'michaelisMenten'];
const { data } = simulateMmmData({ weeks: 40, channels: 3, seed: 5, controls: 2 });

/** Every array of the components, read out (getters included). */
function plain(components: MmmComponents): Record<string, number[] | number[][]> {
  return {
    intercept: Array.from(components.intercept),
    trend: Array.from(components.trend),
    seasonality: Array.from(components.seasonality),
    controls: Array.from(components.controls),
    channels: components.channels.map((series) => Array.from(series)),
    mean: Array.from(components.mean),
  };
}

describe("a target's components (shared scratch, lazy baseline)", () => {
  for (const adstock of ADSTOCKS)
    for (const saturation of SATURATIONS)
      it(`are bit-identical to the plain forward pass: ${adstock} × ${saturation}`, () => {
        const target = createMmmTarget({ spec: { adstock, saturation, maxLag: 6 }, data });
        const rng = createRng(17);
        const draws: MmmParameters[] = Array.from({ length: 6 }, () =>
          target.constrain(new Float64Array(target.dimension).map(() => 0.5 * rng.normal())),
        );
        const scaled = (m: number) => target.design.spend.map((s) => s.map((v) => v * m));
        // Interleaved as the report calls them: draws repeat across scenarios, weights are reused.
        for (const spend of [undefined, scaled(1.01), scaled(0.3), scaled(0), undefined])
          for (const parameters of draws) {
            const fast = target.components(parameters, spend);
            const reference = computeComponents(target.spec, target.design, parameters, spend);
            // toEqual on numbers is Object.is: bit-identical, NaN and −0 included.
            expect(plain(fast)).toEqual(plain(reference));
          }
      });

  it('recompute the lag weights when a draw is changed in place', () => {
    const target = createMmmTarget({ spec: { adstock: 'geometric' }, data });
    const parameters = target.constrain(new Float64Array(target.dimension).fill(0.2));
    const before = target.components(parameters).channels[0][5];
    const adstock = parameters.channels[0].adstock as Record<string, number>;
    adstock.decay = adstock.decay / 2;
    const after = target.components(parameters).channels[0];
    expect(after[5]).not.toBe(before);
    expect(Array.from(after)).toEqual(
      Array.from(computeComponents(target.spec, target.design, parameters).channels[0]),
    );
  });
});
