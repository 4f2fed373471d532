/**
 * What many forward passes of one spec can share (the fit report makes ~10,000): the spec's
 * kernels, built once; each draw's adstock lag weights, computed once per adstock record and
 * reused while its values are unchanged; and the buffers for the adstocked series and the
 * saturation's derivatives (which a forward pass never reads), allocated once per length.
 * Only allocation and repetition go: the arithmetic stays mediaResponse's (components.ts), so
 * results are bit-identical with or without a shared scratch (componentsScratch.test.ts).
 */
import type { AdstockKernel, SaturationKernel } from '../transforms/kernels';
import { createAdstockKernel, saturationKernelOf } from './kernels';
import type { ModelSpec } from './spec';

export interface ComponentsScratch {
  readonly adstock: AdstockKernel;
  readonly saturation: SaturationKernel;
  /** wₗ for an adstock record (parameter name → value), l < maxLag. */
  lagWeights(adstock: Readonly<Record<string, number>>): Float64Array;
  /** Buffers for a series of `length` weeks, overwritten by the next pass. */
  buffers(length: number): SeriesBuffers;
}

export interface SeriesBuffers {
  readonly adstocked: Float64Array;
  readonly slope: Float64Array;
  readonly saturationDerivatives: Float64Array;
}

interface CachedWeights {
  readonly values: Float64Array;
  readonly weights: Float64Array;
}

/**
 * `shared` false gives a scratch that caches nothing and allocates afresh on every call: the
 * plain, one-off forward pass.
 */
export function createComponentsScratch(spec: ModelSpec, shared = true): ComponentsScratch {
  const maxLag = spec.maxLag;
  const adstock = createAdstockKernel(spec.adstock, maxLag);
  const saturation = saturationKernelOf(spec.saturation);
  const weightsCache = new WeakMap<object, CachedWeights>();
  let buffers: SeriesBuffers | null = null;

  function computeWeights(values: Float64Array): Float64Array {
    const weights = new Float64Array(maxLag);
    adstock.weights(values, maxLag, weights, new Float64Array(maxLag * values.length));
    return weights;
  }

  return {
    adstock,
    saturation,
    lagWeights(record) {
      const names = adstock.parameterNames;
      const cached = shared ? weightsCache.get(record) : undefined;
      // Same record, same values (checked: a record changed in place gets fresh weights).
      if (cached && names.every((name, j) => Object.is(record[name], cached.values[j])))
        return cached.weights;
      const values = new Float64Array(names.length);
      for (let j = 0; j < names.length; j++) values[j] = record[names[j]];
      const weights = computeWeights(values);
      if (shared) weightsCache.set(record, { values, weights });
      return weights;
    },
    buffers(length) {
      if (shared && buffers && buffers.adstocked.length === length) return buffers;
      const created = {
        adstocked: new Float64Array(length),
        slope: new Float64Array(length),
        saturationDerivatives: new Float64Array(length * saturation.parameterNames.length),
      };
      if (shared) buffers = created;
      return created;
    },
  };
}
