/**
 * What the posterior views, the fit report and the planner need of a fitted MMM, national or geo:
 * the national design (for a geo model, the sums over geos), named constrained draws, and the
 * national weekly components of any spend scenario. `createMmmTarget` and `createGeoMmmTarget` both
 * give one; only the samplers need the rest of a target.
 */
import type { MmmDesign } from './design';
import type { ModelSpec } from './spec';
import type { MmmComponents, MmmParameters } from './types';

export interface MmmModel {
  readonly spec: ModelSpec;
  /** National weekly data and scales (a geo model: the sums over its geos). */
  readonly design: MmmDesign;
  readonly dimension: number;
  readonly parameterNames: readonly string[];
  /** Named, constrained values of an unconstrained position. */
  constrain(position: Float64Array): MmmParameters;
  /**
   * National weekly components of the mean in KPI units (training and holdout weeks); `spend` =
   * raw national scenario spend per channel (a geo model allocates it to geos, geoComponents.ts).
   */
  components(parameters: MmmParameters, spend?: readonly Float64Array[]): MmmComponents;
  /**
   * Optional fast path of response curves: per channel, Σ over the first `weeks` weeks of its
   * national contribution with its data spend scaled by each multiplier (components.ts,
   * `scaledChannelTotals`); without it, views sum `components` of the scaled spend.
   */
  scaledChannelTotals?(
    parameters: MmmParameters,
    multipliers: Float64Array,
    weeks: number,
  ): Float64Array[];
  /** sd of the national weekly KPI's observation noise, KPI units. */
  noiseScale(parameters: MmmParameters): number;
}
