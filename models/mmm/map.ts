/**
 * Maximum a posteriori fit: L-BFGS on −log p(u) over the unconstrained coordinates, from the
 * prior centres (each prior's mean / mode mapped to u). It is the app's first answer (well
 * under a second at 156 weeks × 6 channels) and the point the chains start around.
 */
import type { LbfgsOptions } from '../optimize/lbfgs';
import { fitMapPosition } from './mapPosition';
import { createMmmTarget, type MmmTarget } from './target';
import type { MmmInput, MmmParameters } from './types';

export { fitMapPosition };

export interface MapResult {
  readonly position: Float64Array;
  readonly parameters: MmmParameters;
  readonly logDensity: number;
  readonly seconds: number;
  readonly iterations: number;
  readonly converged: boolean;
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
