/**
 * Maximum a posteriori fit: L-BFGS on −log p(u) over the unconstrained coordinates, from the
 * prior centres (each prior's mean / mode mapped to u). It is the app's first answer (well
 * under a second at 156 weeks × 6 channels) and the point the chains start around.
 */
import type { LogDensity } from '../inference/types';
import { type LbfgsOptions, minimizeLbfgs } from '../optimize/lbfgs';
import type { ParameterLayout } from './parametrisation';
import { priorCentrePosition } from './parametrisation';
import { createMmmTarget, type MmmTarget } from './target';
import type { MmmInput, MmmParameters } from './types';

export interface MapResult {
  readonly position: Float64Array;
  readonly parameters: MmmParameters;
  readonly logDensity: number;
  readonly seconds: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** L-BFGS maximisation of a log density from `start`. */
export function fitMapPosition(
  target: LogDensity & { readonly layout: ParameterLayout },
  options: LbfgsOptions & { readonly start?: Float64Array } = {},
): { position: Float64Array; logDensity: number; iterations: number; converged: boolean } {
  const start = options.start ?? priorCentrePosition(target.layout);
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

/** Builds the target for `input` and fits its MAP; `seconds` covers the whole call. */
export function fitMap(
  input: MmmInput | MmmTarget,
  options: LbfgsOptions & { readonly start?: Float64Array } = {},
): MapResult {
  const started = Date.now();
  const target = 'logDensityAndGradient' in input ? input : createMmmTarget(input);
  const fit = fitMapPosition(target, options);
  return {
    ...fit,
    parameters: target.constrain(fit.position),
    seconds: (Date.now() - started) / 1000,
  };
}
