/**
 * Posterior predictive intervals of the weekly KPI (KPI units), observation noise included:
 *
 *   ỹₜ⁽ᵈ⁾ = μₜ⁽ᵈ⁾ + s⁽ᵈ⁾ εₜ,   εₜ ~ Normal(0, 1)  or  Student-t(ν) = Z / √(χ²_ν / ν),
 * s = the model's noise scale in KPI units (national: ȳ σ; geo: ȳ σ √Σ_g w_g², independent geos),
 *
 * one replicate per draw and week from a seeded generator, summarised by mean and central band.
 * χ²_ν = 2·Gamma(ν/2, 1), drawn by Marsaglia & Tsang (2000) (with the u^(1/a) boost for a < 1).
 */
import type { MmmModel } from '../mmm/model';
import type { MmmParameters } from '../mmm/types';
import type { Rng } from '../random/rng';
import { columnBands, type SeriesBand } from './bands';

/** Gamma(shape, 1) variate (Marsaglia & Tsang 2000). */
export function gammaVariate(rng: Rng, shape: number): number {
  if (shape < 1)
    return gammaVariate(rng, shape + 1) * Math.pow(rng.uniform() || Number.MIN_VALUE, 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = rng.normal();
    const v0 = 1 + c * z;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = rng.uniform();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** Student-t(ν) variate. */
export function studentTVariate(rng: Rng, degreesOfFreedom: number): number {
  return rng.normal() / Math.sqrt((2 * gammaVariate(rng, degreesOfFreedom / 2)) / degreesOfFreedom);
}

/**
 * One replicated KPI series per draw, KPI units: a `draws.length` × weeks row-major matrix (row d
 * is ỹ⁽ᵈ⁾), drawn in draw order from `rng`.
 */
export function predictiveReplicates(
  target: MmmModel,
  draws: readonly MmmParameters[],
  rng: Rng,
): Float64Array {
  const { weeks } = target.design;
  const studentT = target.spec.likelihood === 'student-t';
  const nu = target.spec.studentDegreesOfFreedom;
  const replicates = new Float64Array(draws.length * weeks);
  draws.forEach((parameters, d) => {
    const { mean } = target.components(parameters);
    const scale = target.noiseScale(parameters);
    for (let t = 0; t < weeks; t++) {
      const noise = studentT ? studentTVariate(rng, nu) : rng.normal();
      replicates[d * weeks + t] = mean[t] + scale * noise;
    }
  });
  return replicates;
}

export function posteriorPredictive(
  target: MmmModel,
  draws: readonly MmmParameters[],
  rng: Rng,
  probability = 0.9,
): SeriesBand {
  const replicates = predictiveReplicates(target, draws, rng);
  return columnBands(replicates, draws.length, target.design.weeks, probability);
}
