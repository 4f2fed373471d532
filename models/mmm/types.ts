/**
 * Data and result types of the MMM. Everything here is structured-cloneable (plain objects,
 * arrays and Float64Arrays), so an `MmmInput` can be posted to a worker as it is.
 */
import type { ModelSpecInput } from './spec';

/** National weekly data: one row per week, raw units (KPI units, currency). */
export interface MmmData {
  /** ISO dates (YYYY-MM-DD) of the week starts, ascending, length T. */
  readonly dates: readonly string[];
  readonly kpi: Float64Array;
  readonly channelNames: readonly string[];
  /** spend[c][t] is the spend of channel c in week t. */
  readonly spend: readonly Float64Array[];
  readonly controlNames: readonly string[];
  readonly controls: readonly Float64Array[];
}

/**
 * A lift test (geo experiment, conversion lift…): the channel's measured incremental KPI over a
 * window of weeks, with its standard error, both in KPI units.
 */
export interface LiftTest {
  readonly channel: string;
  /** First and last week (ISO dates, inclusive) of the window in which the channel's spend was tested. */
  readonly startDate: string;
  readonly endDate: string;
  readonly measuredLift: number;
  readonly standardError: number;
  /**
   * The geo the test was run in (a geo experiment), for the geo model; absent or null: a national
   * test (the lift summed over every geo).
   */
  readonly geo?: string | null;
}

export interface MmmInput {
  readonly spec: ModelSpecInput;
  readonly data: MmmData;
  readonly experiments?: readonly LiftTest[];
}

/** One channel's parameters on the constrained scale. */
export interface ChannelParameters {
  readonly name: string;
  /** β: contribution per unit of saturated spend, in scaled KPI units (KPI / mean KPI). */
  readonly coefficient: number;
  /** Σₜ contribution / Σₜ spend over the training weeks, in KPI units per currency unit. */
  readonly roi: number;
  /** Keyed by the adstock kernel's parameter names (e.g. { decay }). */
  readonly adstock: Readonly<Record<string, number>>;
  /** Keyed by the saturation kernel's parameter names (e.g. { halfSaturation, shape }). */
  readonly saturation: Readonly<Record<string, number>>;
}

/** All parameters on the constrained scale (baseline terms in scaled units). */
export interface MmmParameters {
  readonly intercept: number;
  /** 0 when the spec has no trend. */
  readonly trend: number;
  /** [sin₁, cos₁, sin₂, cos₂, …] coefficients. */
  readonly seasonality: Float64Array;
  /** One coefficient per standardised control. */
  readonly controls: Float64Array;
  /** σ of the observation noise, scaled units. */
  readonly noise: number;
  readonly channels: readonly ChannelParameters[];
}

/** Weekly components of the mean, all in KPI units (unscaled); length T (training + holdout). */
export interface MmmComponents {
  readonly intercept: Float64Array;
  readonly trend: Float64Array;
  readonly seasonality: Float64Array;
  readonly controls: Float64Array;
  /** channels[c][t], KPI units. */
  readonly channels: readonly Float64Array[];
  /** The model mean (sum of all of the above). */
  readonly mean: Float64Array;
}
