/**
 * The model specification: which adstock and saturation, which baseline terms, which likelihood,
 * which parametrisation, which priors. Plain data (structured-cloneable), so it travels to workers
 * and into plan files unchanged. `resolveModelSpec` fills every default and checks every field.
 */
import type { Prior } from './distributions';

export type AdstockKind = 'geometric' | 'delayed' | 'weibullCdf' | 'weibullPdf';
export type SaturationKind = 'hill' | 'logistic' | 'michaelisMenten';
export type LikelihoodKind = 'normal' | 'student-t';
/** 'roi': coefficients parametrised by each channel's ROI (default); 'textbook': half-normal β (Stan benchmark). */
export type Parametrisation = 'roi' | 'textbook';

/** Prior mean and sd of the share of the KPI driven by all paid media (see mediaSharePrior.ts). */
export interface MediaSharePrior {
  readonly mean: number;
  readonly sd: number;
}

/** Priors of one channel; adstock / saturation priors are keyed by the kernel's parameter names. */
export interface ChannelPriors {
  /** Prior on β (scaled KPI units per unit of saturated spend), used by the 'textbook' parametrisation. */
  readonly coefficient: Prior;
  /** Prior on ROI = Σ contribution / Σ spend (KPI units per currency unit), used by 'roi'. */
  readonly roi: Prior;
  readonly adstock: Readonly<Record<string, Prior>>;
  readonly saturation: Readonly<Record<string, Prior>>;
}

export interface ChannelPriorOverrides {
  readonly coefficient?: Prior;
  readonly roi?: Prior;
  readonly adstock?: Readonly<Record<string, Prior>>;
  readonly saturation?: Readonly<Record<string, Prior>>;
}

/** Priors of the baseline, all in scaled units (KPI / mean KPI; controls standardised). */
export interface BaselinePriors {
  readonly intercept: Prior;
  /** Coefficient of the linear trend τ = t / (T_train − 1), i.e. change over the training period. */
  readonly trend: Prior;
  readonly seasonality: Prior;
  readonly controls: Prior;
  /** Observation noise σ (scale of the Normal or Student-t). */
  readonly noise: Prior;
}

export interface ModelSpec {
  readonly adstock: AdstockKind;
  /** Number of lags L of the adstock window (lags 0 … L−1). */
  readonly maxLag: number;
  readonly saturation: SaturationKind;
  /** Yearly Fourier order (pairs of sin/cos terms); 0 disables seasonality. */
  readonly fourierOrder: number;
  readonly trend: boolean;
  readonly likelihood: LikelihoodKind;
  /** Degrees of freedom ν of the Student-t likelihood (fixed, not sampled). */
  readonly studentDegreesOfFreedom: number;
  readonly parametrisation: Parametrisation;
  readonly priors: BaselinePriors;
  /** Defaults for every channel. */
  readonly channelPriors: ChannelPriors;
  /**
   * When set, `channelPriors.roi` is derived from the data by this media-share prior (the default,
   * mean 0.4, sd 0.2); null when the ROI prior was given explicitly.
   */
  readonly mediaSharePrior: MediaSharePrior | null;
  /** Per-channel overrides, keyed by channel name. */
  readonly channelOverrides: Readonly<Record<string, ChannelPriorOverrides>>;
  /** The last N weeks are left out of the likelihood and predicted (holdout MAPE). */
  readonly holdoutWeeks: number;
}

/** A spec as a caller writes it: everything optional, priors merged field by field. */
export interface ModelSpecInput {
  readonly adstock?: AdstockKind;
  readonly maxLag?: number;
  readonly saturation?: SaturationKind;
  readonly fourierOrder?: number;
  readonly trend?: boolean;
  readonly likelihood?: LikelihoodKind;
  readonly studentDegreesOfFreedom?: number;
  readonly parametrisation?: Parametrisation;
  readonly priors?: Partial<BaselinePriors>;
  readonly channelPriors?: ChannelPriorOverrides;
  readonly channelOverrides?: Readonly<Record<string, ChannelPriorOverrides>>;
  readonly holdoutWeeks?: number;
  /** Ignored when `channelPriors.roi` is given; null keeps the fixed LogNormal(0.2, 0.9) ROI prior. */
  readonly mediaSharePrior?: MediaSharePrior | null;
}
