/**
 * Data, spec and parameter types of the geo-level hierarchical MMM (README "The geo model").
 * Structured-cloneable like the national types, so a `GeoMmmInput` posts to a worker as it is.
 * Per-geo series are geo-major Float64Arrays: value of geo g in week t at [g·T + t].
 */
import type { Prior } from './distributions';
import type { ModelSpecInput } from './spec';
import type { LiftTest, MmmParameters } from './types';

export interface GeoMmmData {
  /** ISO dates (YYYY-MM-DD) of the week starts, ascending, length T (the same for every geo). */
  readonly dates: readonly string[];
  /** G ≥ 2 distinct geo names. */
  readonly geoNames: readonly string[];
  /** Population of each geo (any positive unit); null: every geo counts as equal. */
  readonly population: Float64Array | null;
  /** KPI per geo and week, length G·T. */
  readonly kpi: Float64Array;
  readonly channelNames: readonly string[];
  /**
   * Spend per channel: length G·T (per geo), or length T for national-only media (e.g. national
   * TV), which the model allocates to geos by population share.
   */
  readonly spend: readonly Float64Array[];
  readonly controlNames: readonly string[];
  /** Controls: length G·T (per geo), or length T (national: the same value in every geo). */
  readonly controls: readonly Float64Array[];
}

/** The geo model's own options; every field optional, filled by `resolveGeoSpec`. */
export interface GeoSpecInput {
  /** Per-geo amplitude of the shared seasonal curve (default false: one curve for all geos). */
  readonly seasonalityByGeo?: boolean;
  readonly priors?: Partial<GeoPriors>;
}

export interface GeoPriors {
  /** τ_b, spread of the geo intercepts around their mean (scaled per-capita KPI units). */
  readonly interceptSpread: Prior;
  /** τ_c, sd of each channel's log geo deviation (the same prior for every channel). */
  readonly channelSpread: Prior;
  /** log λ_g, each geo's log seasonal amplitude (with `seasonalityByGeo`). */
  readonly seasonalityAmplitude: Prior;
}

export interface GeoSpec {
  readonly seasonalityByGeo: boolean;
  readonly priors: GeoPriors;
}

export interface GeoMmmInput {
  /** The national model's spec (adstock, saturation, priors…); 'roi' parametrisation only. */
  readonly spec: ModelSpecInput;
  readonly geo?: GeoSpecInput;
  readonly data: GeoMmmData;
  /** Lift tests: national (no `geo`) or run in one geo (`geo` names it). */
  readonly experiments?: readonly LiftTest[];
}

/** One channel's geo-level parameters. */
export interface GeoChannelParameters {
  /** τ_c: sd of the log geo ROIs around their mean. */
  readonly spread: number;
  /**
   * β_c,g = ROI_c,g X_c,g / (ȳ w_g H_c,g), scaled per-capita KPI units, one per geo (0 where the
   * geo had no spend on the channel).
   */
  readonly coefficients: Float64Array;
  /**
   * ROI_c,g = ROI_c X_c e^{τη_g} / Σ X e^{τη}: Σₜ contribution_c,g / Σₜ spend_c,g over the training
   * weeks where the geo spent; where it did not, the return the model implies it would have had.
   */
  readonly roi: Float64Array;
}

export interface GeoParameterSet {
  /** The geos, in the data's order. */
  readonly names: readonly string[];
  /** b_g, each geo's intercept (scaled per-capita units). */
  readonly intercepts: Float64Array;
  /** τ_b. */
  readonly interceptSpread: number;
  /** λ_g (all 1 without `seasonalityByGeo`). */
  readonly seasonalityAmplitudes: Float64Array;
  readonly channels: readonly GeoChannelParameters[];
}

/**
 * A geo draw: the shared parameters in the national shape (intercept = the geo intercepts' mean b̄;
 * trend, seasonality, controls and noise in scaled per-capita units; per channel the national ROI,
 * the shared adstock and saturation, and as `coefficient` the one β that would give the same
 * national contribution in every geo) plus the geo-level ones.
 */
export interface GeoMmmParameters extends MmmParameters {
  readonly geo: GeoParameterSet;
}

export function isGeoParameters(parameters: MmmParameters): parameters is GeoMmmParameters {
  return 'geo' in parameters && typeof (parameters as GeoMmmParameters).geo === 'object';
}
