/**
 * The mode of a log density on unconstrained coordinates: L-BFGS on −log p(u) from `start`. Kept
 * apart from map.ts (which builds targets) so that targets can find their own MAP without an
 * import cycle.
 */
import type { LogDensity } from '../inference/types';
import { type LbfgsOptions, minimizeLbfgs } from '../optimize/lbfgs';
import { priorCentrePosition, type ParameterLayout } from './parametrisation';

export interface MapPosition {
  readonly position: Float64Array;
  readonly logDensity: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** L-BFGS maximisation of `target`'s log density from `start`. */
export function maximiseLogDensity(
  target: LogDensity,
  start: Float64Array,
  options: LbfgsOptions = {},
): MapPosition {
  const result = minimizeLbfgs(
    (u, g) => {
      const value = target.logDensityAndGradient(u, g);
      for (let i = 0; i < g.length; i++) g[i] = -g[i];
      return -value;
    },
    start,
    { gradientTolerance: 1e-5, relativeTolerance: 1e-10, maxIterations: 2000, ...options },
  );
  return {
    position: result.position,
    logDensity: -result.value,
    iterations: result.iterations,
    converged: result.converged,
  };
}

/** The national model's MAP, from its prior centres unless `options.start` is given. */
export function fitMapPosition(
  target: LogDensity & { readonly layout: ParameterLayout },
  options: LbfgsOptions & { readonly start?: Float64Array } = {},
): MapPosition {
  return maximiseLogDensity(target, options.start ?? priorCentrePosition(target.layout), options);
}
