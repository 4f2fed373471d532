/**
 * A quantity's posterior mean and 90% highest-density interval over the draws, with the HDI of
 * models/diagnostics/hdi.ts (as the fit report). A caller summarising many quantities passes one
 * `scratch` for all of them.
 */
import { hdi } from '../diagnostics/hdi';
import type { ScenarioInterval } from './scenarioSchema';

export const INTERVAL_PROBABILITY = 0.9;

/** Mean and 90% HDI of `draws` (left as they are; `scratch` is overwritten). */
export function intervalOf(draws: Float64Array, scratch?: Float64Array): ScenarioInterval {
  let mean = 0;
  for (let d = 0; d < draws.length; d++) mean += draws[d] / draws.length;
  const { lower, upper } = hdi(draws, INTERVAL_PROBABILITY, scratch);
  return { mean, lo: lower, hi: upper };
}
