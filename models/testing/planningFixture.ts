/**
 * A seeded planning problem for tests and benchmarks: simulated weekly data (simulateMmmData) and
 * synthetic posterior draws scattered around per-channel centres, so any size (20 channels × 2000
 * draws) is at hand without sampling. Hill shapes are drawn from `shapeRange` (≤ 1 gives concave
 * responses, where the optimum is unique and the KKT tests apply).
 */
import { createMmmTarget, type MmmTarget } from '../mmm/target';
import type { MmmParameters } from '../mmm/types';
import type { ModelSpecInput } from '../mmm/spec';
import { createRng } from '../random/rng';
import { simulateMmmData } from './simulateMmmData';

export interface PlanningFixture {
  readonly target: MmmTarget;
  readonly draws: MmmParameters[];
}

export function planningFixture(options: {
  readonly channels: number;
  readonly draws: number;
  readonly seed: number;
  readonly weeks?: number;
  readonly shapeRange?: readonly [number, number];
  readonly spec?: ModelSpecInput;
}): PlanningFixture {
  const { channels, seed } = options;
  const [shapeLow, shapeHigh] = options.shapeRange ?? [0.6, 1];
  const { data } = simulateMmmData({ weeks: options.weeks ?? 104, channels, seed, controls: 1 });
  const target = createMmmTarget({ spec: options.spec ?? {}, data });
  const rng = createRng(seed + 1);
  const centres = Array.from({ length: channels }, () => ({
    coefficient: 0.05 + 0.25 * rng.uniform(),
    decay: 0.2 + 0.5 * rng.uniform(),
    halfSaturation: 0.3 + 0.5 * rng.uniform(),
    shape: shapeLow + (shapeHigh - shapeLow) * rng.uniform(),
  }));
  const saturationOf = (
    centre: (typeof centres)[number],
    jitter: () => number,
  ): Record<string, number> => {
    const kind = target.spec.saturation;
    if (kind === 'hill') {
      const shape = Math.min(shapeHigh, Math.max(shapeLow, centre.shape * jitter()));
      return { halfSaturation: centre.halfSaturation * jitter(), shape };
    }
    if (kind === 'logistic') return { rate: (2 / centre.halfSaturation) * jitter() };
    return { halfSaturation: centre.halfSaturation * jitter() };
  };
  const adstockOf = (
    centre: (typeof centres)[number],
    jitter: () => number,
  ): Record<string, number> => {
    const decay = Math.min(0.95, centre.decay * jitter());
    const kind = target.spec.adstock;
    if (kind === 'geometric') return { decay };
    if (kind === 'delayed') return { decay, peak: 1.5 * jitter() };
    return { shape: 1.5 * jitter(), scale: 2 * jitter() };
  };
  const draws = Array.from({ length: options.draws }, (): MmmParameters => {
    const jitter = (): number => Math.exp(0.15 * rng.normal());
    return {
      intercept: 0.6 + 0.02 * rng.normal(),
      trend: 0.05 + 0.01 * rng.normal(),
      seasonality: Float64Array.from(
        { length: 2 * target.spec.fourierOrder },
        () => 0.03 * rng.normal(),
      ),
      controls: Float64Array.from(target.design.controlNames, () => 0.02 + 0.005 * rng.normal()),
      noise: 0.03,
      channels: centres.map((centre, c) => ({
        name: target.design.channelNames[c],
        coefficient: centre.coefficient * jitter(),
        roi: 1,
        adstock: adstockOf(centre, jitter),
        saturation: saturationOf(centre, jitter),
      })),
    };
  });
  return { target, draws };
}
