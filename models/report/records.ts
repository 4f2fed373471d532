/**
 * What the app keeps of every finished analysis (MMM fits and double-ML runs): the domain types the
 * stores, the fit and causal runners, the planner and plan files share. They live here, below the
 * renderer, so nothing imports them "upward" from a store.
 *
 * An MMM record holds the full fit report (fitReportSchema.ts) — the one summary path: every screen
 * reads the report, built by `buildFitReport` exactly as `mmm fit --out` builds it.
 */
import type { FoldScheme } from '../causal/folds';
import type { Mapping } from '../data/types';
import type { PriorsFile } from '../mmm/priorsFile';
import type { AdstockKind, SaturationKind } from '../mmm/spec';
import type { LiftTest } from '../mmm/types';
import type { LearnerName } from '../learners/learnerOptions';
import type { FitReport } from './fitReportSchema';

/** A posterior mean with its highest-density interval (KPI units per currency unit). */
export interface ChannelInterval {
  readonly channel: string;
  readonly mean: number;
  readonly hdiLower: number;
  readonly hdiUpper: number;
}

/** The app's fit settings, resolved against a frame (see renderer/stores/model.ts). */
export interface MmmFitSpec {
  readonly channels: readonly string[];
  readonly controls: readonly string[];
  readonly adstock: AdstockKind;
  readonly saturation: SaturationKind;
  readonly chains: number;
  readonly warmup: number;
  readonly draws: number;
  readonly seed: number;
  readonly holdoutWeeks: number;
  /** National (geos summed) or the geo model; absent: national (fits made before geo models). */
  readonly level?: ModelLevel;
  /** With the geo model: the control column holding each geo's population, or null. */
  readonly population?: string | null;
  /** The priors as stated (priors.json's channels); absent or empty: the defaults. */
  readonly priors?: PriorsFile['channels'];
  /** Lift tests the fit was calibrated with. */
  readonly liftTests?: readonly LiftTest[];
  /** The data mapping at fit time (the reproduce command's mapping.json). */
  readonly mapping?: Mapping;
}

/** Which model a fit of a frame with geos uses. */
export type ModelLevel = 'national' | 'geo';

export interface MmmFitRecord {
  readonly kind: 'mmm';
  readonly id: number;
  readonly finishedAt: string;
  /** Where the fit came from: run in this session, or opened from a result file. */
  readonly origin: 'session' | 'file';
  /** The app's settings; null for a fit opened from a file (its spec is in the report). */
  readonly spec: MmmFitSpec | null;
  /**
   * Identity of the data: the frame fingerprint (renderer) for a session fit, the report's data
   * fingerprint for an opened file.
   */
  readonly fingerprint: string;
  readonly report: FitReport;
}

/** ROI and mROI of a report as channel intervals (the shape the tables and charts take). */
export function reportIntervals(report: FitReport): {
  readonly roi: readonly ChannelInterval[];
  readonly marginalRoi: readonly ChannelInterval[];
} {
  return {
    roi: report.channels.map((c) => ({
      channel: c.name,
      mean: c.roi.mean,
      hdiLower: c.roi.lo,
      hdiUpper: c.roi.hi,
    })),
    marginalRoi: report.channels.map((c) => ({
      channel: c.name,
      mean: c.mroi.mean,
      hdiLower: c.mroi.lo,
      hdiUpper: c.mroi.hi,
    })),
  };
}

export interface DmlRunSpec {
  readonly treatments: readonly string[];
  readonly controls: readonly string[];
  readonly learner: LearnerName;
  readonly folds: number;
  readonly foldScheme: FoldScheme;
  readonly gap: number;
  readonly standardError: 'iid' | 'hac';
  readonly seed: number;
}

/** One channel's DML effect: θ is KPI per extra unit of spend (comparable to marginal ROI). */
export interface DmlChannelEstimate {
  readonly channel: string;
  readonly theta: number;
  readonly seIid: number;
  readonly seHac: number;
  /** 95% CI under the chosen SE. */
  readonly lower: number;
  readonly upper: number;
  readonly pValue: number;
  readonly hacLag: number;
}

export interface DmlDiagnostics {
  /** Mean out-of-fold RMSE of Ê[Y|X] and Ê[D|X] per channel. */
  readonly nuisance: readonly {
    readonly channel: string;
    readonly outcomeRmse: number;
    readonly treatmentRmse: number;
  }[];
  readonly observations: number;
  readonly seconds: number;
}

/** DML has no sampler diagnostics; its verdict says whether the numbers can be read at all. */
export interface DmlVerdict {
  readonly passed: boolean;
  readonly reasons: readonly string[];
}

export interface DmlRecord {
  readonly kind: 'dml';
  readonly id: number;
  readonly finishedAt: string;
  readonly spec: DmlRunSpec;
  readonly fingerprint: string;
  readonly estimates: readonly DmlChannelEstimate[];
  readonly diagnostics: DmlDiagnostics;
  readonly verdict: DmlVerdict;
}

/** The MMM ROI and mROI of `channel` from the latest fit on the same data, if any. */
export interface MmmBeside {
  readonly fitId: number;
  readonly gatePassed: boolean;
  readonly roi: ChannelInterval;
  readonly marginalRoi: ChannelInterval;
}
