/**
 * Named, constrained parameters of every draw: posterior views take `MmmParameters[]`; samplers
 * return unconstrained positions (draws × dimension, row-major). `maxDraws` keeps an evenly spaced
 * subset (views like response curves cost a forward pass per draw and multiplier).
 */
import type { MmmModel } from '../mmm/model';
import type { MmmParameters } from '../mmm/types';

export function constrainDraws(
  target: MmmModel,
  positions: Float64Array,
  options: { maxDraws?: number } = {},
): MmmParameters[] {
  const dimension = target.dimension;
  if (positions.length % dimension !== 0) {
    throw new Error(
      `draws hold ${positions.length} numbers, not a multiple of the dimension ${dimension}`,
    );
  }
  const count = positions.length / dimension;
  const keep = Math.min(count, options.maxDraws ?? count);
  const draws: MmmParameters[] = [];
  for (let k = 0; k < keep; k++) {
    const i = keep === count ? k : Math.floor((k * count) / keep);
    draws.push(target.constrain(positions.subarray(i * dimension, (i + 1) * dimension)));
  }
  return draws;
}

/** Evenly spaced subset of at most `maxDraws` draws. */
export function thinDraws<T>(draws: readonly T[], maxDraws: number): readonly T[] {
  if (draws.length <= maxDraws) return draws;
  return Array.from(
    { length: maxDraws },
    (_, k) => draws[Math.floor((k * draws.length) / maxDraws)],
  );
}
