/**
 * The fit result file (`result.json`, `{ kind: 'mmm-fit-result', version: 2 }`): what a finished
 * MMM fit hands to the app, the planner, plan files and other tools. Read a file back with
 * `parseFitReport(text)` (parseFitReport.ts: size limits, migration of older versions, this
 * schema). Numbers that can be undefined (NaN R-hat of a constant parameter, holdout MAPE without a
 * holdout) are stored as null. Money is in the KPI's units per currency unit (ROI, mROI) or KPI
 * units (contributions); spend in currency.
 *
 * Versions (migrations in migrateFitReport.ts; a fixture of each under fixtures/):
 * - 1: the first release.
 * - 2: `inputs` (the weekly national series, the lift tests: everything to rebuild the model's
 *   forward pass without the data files, so the planner can project future weeks with carry-over),
 *   `sampler.metric`, `data.files` (name, size, SHA-256 of each input file; never a path).
 *   A version-1 file migrates with `inputs: null` (it cannot be planned on; refit to plan).
 *   Additive within version 2: a geo fit (models/mmm/geoTarget.ts) adds `geo` (per-geo ROI and
 *   contribution per channel) and `inputs.geo` (the per-geo series, to rebuild the geo model);
 *   everything else — channels, decomposition, curves, draws' national columns — is the national
 *   total summed over geos, so a reader that knows nothing of geos reads a geo fit's national view.
 *   Optional, added later within version 2 (absent in files written before; the Results screens
 *   say so): `predictive` (posterior predictive band and a few replicated series), `adstockCurves`
 *   (lag weights with bands), `traces` (each chain's thinned draws of the sampled coordinates).
 */
import { z } from '../io/zod';

export const FIT_REPORT_KIND = 'mmm-fit-result';
export const FIT_REPORT_VERSION = 2;

const number = z.number();
const maybeNumber = z.number().nullable();
const numbers = z.array(number);

/** Posterior mean and 90% highest-density interval. */
export const IntervalSchema = z.object({ mean: number, lo: number, hi: number });

/** Posterior mean and central 90% band (equal-tailed), per week or grid point. */
const SeriesBandSchema = z.object({ mean: numbers, lower: numbers, upper: numbers });
const BandSchema = z.object({ mean: number, lower: number, upper: number });

const PriorSchema = z.union([
  z.object({ distribution: z.literal('normal'), mean: number, sd: number }),
  z.object({ distribution: z.literal('halfNormal'), sd: number }),
  z.object({ distribution: z.literal('logNormal'), mu: number, sigma: number }),
  z.object({ distribution: z.literal('gamma'), shape: number, rate: number }),
  z.object({ distribution: z.literal('beta'), alpha: number, beta: number }),
]);

const ChannelPriorsSchema = z.object({
  coefficient: PriorSchema.optional(),
  roi: PriorSchema.optional(),
  adstock: z.record(z.string(), PriorSchema).optional(),
  saturation: z.record(z.string(), PriorSchema).optional(),
});

/** The resolved model spec (models/mmm/spec.ts `ModelSpec`), every default filled in. */
export const ModelSpecSchema = z.object({
  adstock: z.enum(['geometric', 'delayed', 'weibullCdf', 'weibullPdf']),
  maxLag: z.number().int().min(1),
  saturation: z.enum(['hill', 'logistic', 'michaelisMenten']),
  fourierOrder: z.number().int().min(0),
  trend: z.boolean(),
  likelihood: z.enum(['normal', 'student-t']),
  studentDegreesOfFreedom: number,
  parametrisation: z.enum(['roi', 'textbook']),
  priors: z.object({
    intercept: PriorSchema,
    trend: PriorSchema,
    seasonality: PriorSchema,
    controls: PriorSchema,
    noise: PriorSchema,
  }),
  channelPriors: ChannelPriorsSchema,
  channelOverrides: z.record(z.string(), ChannelPriorsSchema),
  holdoutWeeks: z.number().int().min(0),
  /** Absent in reports written before the media-share default existed. */
  mediaSharePrior: z.object({ mean: number, sd: number }).nullable().optional(),
});

export const SamplerSettingsSchema = z.object({
  chains: z.number().int().min(1),
  warmup: z.number().int().min(0),
  draws: z.number().int().min(1),
  seed: z.number().int(),
  thin: z.number().int().min(1),
  maxTreeDepth: z.number().int().min(1).nullable(),
  targetAcceptance: number.nullable(),
  /** Shape of the adapted metric; null: the default (dense), or a version-1 report. */
  metric: z.enum(['dense', 'diagonal']).nullable(),
});

/** One input file, identified without its path (a shared file must not leak the author's folders). */
export const DataFileSchema = z.object({
  /** File name only: never a folder. */
  name: z.string().regex(/^[^/\\]+$/, 'a file name without folders'),
  size: z.number().int().min(0),
  /** SHA-256 of the file's bytes, 64 hex digits; null where it was not computed. */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  /** Rows as imported; null where unknown. */
  rows: z.number().int().min(0).nullable(),
  columns: z.array(z.string()),
});

export const DataSummarySchema = z.object({
  /** FNV-1a 64-bit hash (16 hex digits) of the dates, KPI, spend and controls (see dataFingerprint.ts). */
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
  weeks: z.number().int().min(1),
  trainingWeeks: z.number().int().min(1),
  firstWeek: z.string(),
  lastWeek: z.string(),
  kpiName: z.string(),
  /** Mean KPI of the training weeks (the model's KPI scale). */
  kpiMean: number,
  channels: z.array(z.string()),
  controls: z.array(z.string()),
  source: z.string().nullable(),
  /** The files the frame was built from (empty when not known). */
  files: z.array(DataFileSchema),
});

const LiftTestSchema = z.object({
  channel: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  measuredLift: number,
  standardError: number,
  /** The geo a test was run in (geo fits); absent or null: a national test. */
  geo: z.string().nullable().optional(),
});

/** A prior of the geo model's own options (models/mmm/geoTypes.ts `GeoSpec`). */
const GeoSpecSchema = z.object({
  seasonalityByGeo: z.boolean(),
  priors: z.object({
    interceptSpread: PriorSchema,
    channelSpread: PriorSchema,
    seasonalityAmplitude: PriorSchema,
  }),
});

/**
 * A geo fit's per-geo series in raw units, `[g][t]` over all weeks: with the national fields of
 * `inputs` they rebuild the geo model (modelFromReport). A channel bought nationally only (its
 * spend allocated to geos by population share) or a national control has null here and its
 * series in `inputs.channels` / `inputs.controls`.
 */
export const GeoInputsSchema = z.object({
  geos: z.array(z.object({ name: z.string(), population: maybeNumber })),
  kpi: z.array(numbers),
  spend: z.array(z.array(numbers).nullable()),
  controls: z.array(z.array(numbers).nullable()),
  spec: GeoSpecSchema,
});

/**
 * The model's inputs: the weekly national series in raw units (KPI units, currency, control units),
 * all weeks (training and holdout), and the lift tests, so `modelFromReport` rebuilds the exact
 * target (scales, adstock history) with no data files.
 */
export const ModelInputsSchema = z.object({
  dates: z.array(z.string()),
  kpi: numbers,
  channels: z.array(z.object({ name: z.string(), spend: numbers })),
  controls: z.array(z.object({ name: z.string(), values: numbers })),
  experiments: z.array(LiftTestSchema),
  /** Geo fits only. */
  geo: GeoInputsSchema.optional(),
});

const ChainDiagnosticsSchema = z.object({
  chainId: z.number().int(),
  stepSize: number,
  divergences: z.number().int(),
  treeDepthSaturations: z.number().int(),
  meanTreeDepth: number,
  eBfmi: maybeNumber,
  acceptanceRate: number,
  gradientEvaluations: z.number().int(),
  warmupSeconds: number,
  samplingSeconds: number,
});

export const DiagnosticsSchema = z.object({
  rhatMax: maybeNumber,
  essBulkMin: maybeNumber,
  essTailMin: maybeNumber,
  divergences: z.number().int().min(0),
  treeDepthSaturations: z.number().int().min(0),
  eBfmiMin: maybeNumber,
  gatePassed: z.boolean(),
  gateReasons: z.array(z.string()),
  chains: z.array(ChainDiagnosticsSchema),
});

/** Summary of one sampled (unconstrained) coordinate. */
const ParameterSummarySchema = z.object({
  name: z.string(),
  mean: number,
  sd: maybeNumber,
  q5: number,
  q95: number,
  rhat: maybeNumber,
  essBulk: maybeNumber,
  essTail: maybeNumber,
});

export const ChannelResultSchema = z.object({
  name: z.string(),
  /** Σ spend over the training weeks, currency. */
  spend: number,
  roi: IntervalSchema,
  mroi: IntervalSchema,
  /** Σ contribution over the training weeks, KPI units. */
  contribution: IntervalSchema,
});

export const FitQualitySchema = z.object({
  r2: number,
  mape: maybeNumber,
  nrmse: maybeNumber,
  holdoutMape: maybeNumber,
});

const DecompositionSchema = z.object({
  dates: z.array(z.string()),
  actual: numbers,
  fitted: SeriesBandSchema,
  components: z.array(
    SeriesBandSchema.extend({
      name: z.string(),
      kind: z.enum(['intercept', 'trend', 'seasonality', 'controls', 'channel']),
      total: BandSchema,
      share: BandSchema,
    }),
  ),
});

const ResponseCurveSchema = SeriesBandSchema.extend({
  channel: z.string(),
  multipliers: numbers,
  /** multiplier × Σ spend (training weeks), currency. */
  spend: numbers,
  currentIndex: z.number().int(),
  currentSpend: number,
  /** How many posterior draws the bands summarise. */
  draws: z.number().int().min(1),
});

/**
 * Thinned draws of the constrained parameters, one column per name (`values[k][d]` is parameter
 * `names[k]` in draw d), named as in `parameterNamesOf` (fitReport.ts): intercept, trend,
 * seasonality[i], controls[j], noise, then per channel `<name>.coefficient`, `<name>.roi`,
 * `<name>.adstock.<p>`, `<name>.saturation.<p>`.
 */
export const PosteriorDrawsSchema = z
  .object({ count: z.number().int().min(1), names: z.array(z.string()), values: z.array(numbers) })
  .refine((d) => d.values.length === d.names.length, { message: 'one column of values per name' })
  .refine((d) => d.values.every((column) => column.length === d.count), {
    message: 'every column holds `count` draws',
  });

/**
 * Per geo and channel of a geo fit, over the training weeks: ROI (null where the geo had no spend
 * on the channel) and contribution (KPI units), posterior mean and 90% HDI. The national totals are
 * `channels`, summed over geos once, when the report is built.
 */
export const GeoResultSchema = z.object({
  geos: z.array(
    z.object({
      name: z.string(),
      population: maybeNumber,
      channels: z.array(
        z.object({
          name: z.string(),
          spend: number,
          roi: IntervalSchema.nullable(),
          contribution: IntervalSchema,
        }),
      ),
    }),
  ),
  /** Channels given as national spend only, allocated to geos by population share. */
  nationallyAllocated: z.array(z.string()),
  /** Posterior mean and 90% HDI of each channel's τ, the sd of its log geo ROIs. */
  spread: z.array(z.object({ channel: z.string(), value: IntervalSchema })),
});

/** Posterior predictive KPI (noise included), KPI units, all weeks; a few replicated series. */
export const PredictiveSchema = SeriesBandSchema.extend({
  /** `replicates[k][t]`: replicated KPI of week t in the k-th replicate (evenly spaced draws). */
  replicates: z.array(numbers),
});

/** Adstock lag weights wₗ (Σ wₗ = 1) per channel, mean and central 90% band per lag. */
export const AdstockCurveSchema = SeriesBandSchema.extend({
  channel: z.string(),
  lags: numbers,
});

/**
 * Each chain's draws of the sampled (unconstrained) coordinates, named as `parameters`, evenly
 * thinned to at most a few hundred per chain: for trace and rank plots.
 * `chains[i].values[k][j]` is coordinate `names[k]` in the j-th kept draw of chain `chains[i]`.
 */
export const ChainTracesSchema = z
  .object({
    names: z.array(z.string()),
    /** Every `thin`-th draw of each chain is kept. */
    thin: z.number().int().min(1),
    chains: z.array(z.object({ chainId: z.number().int(), values: z.array(numbers) })),
  })
  .refine((t) => t.chains.every((chain) => chain.values.length === t.names.length), {
    message: 'one column of values per name in every chain',
  });

export const TimingSchema = z.object({
  totalSeconds: number,
  warmupSeconds: number,
  samplingSeconds: number,
  reportSeconds: number,
});

export const FitReportSchema = z.object({
  kind: z.literal(FIT_REPORT_KIND),
  version: z.literal(FIT_REPORT_VERSION),
  createdAt: z.string().nullable(),
  spec: ModelSpecSchema,
  sampler: SamplerSettingsSchema,
  data: DataSummarySchema,
  diagnostics: DiagnosticsSchema,
  parameters: z.array(ParameterSummarySchema),
  channels: z.array(ChannelResultSchema),
  fit: FitQualitySchema,
  decomposition: DecompositionSchema,
  responseCurves: z.array(ResponseCurveSchema),
  draws: PosteriorDrawsSchema,
  /** null only in a report migrated from version 1. */
  inputs: ModelInputsSchema.nullable(),
  timing: TimingSchema,
  /** Geo fits only. */
  geo: GeoResultSchema.optional(),
  predictive: PredictiveSchema.optional(),
  adstockCurves: z.array(AdstockCurveSchema).optional(),
  traces: ChainTracesSchema.optional(),
});

export type FitReport = z.infer<typeof FitReportSchema>;
export type ChannelResult = z.infer<typeof ChannelResultSchema>;
export type FitDiagnostics = z.infer<typeof DiagnosticsSchema>;
export type PosteriorDrawsTable = z.infer<typeof PosteriorDrawsSchema>;
export type FitTiming = z.infer<typeof TimingSchema>;
export type ModelInputs = z.infer<typeof ModelInputsSchema>;
export type DataFile = z.infer<typeof DataFileSchema>;
export type GeoInputs = z.infer<typeof GeoInputsSchema>;
export type GeoResult = z.infer<typeof GeoResultSchema>;
export type PredictiveSeries = z.infer<typeof PredictiveSchema>;
export type AdstockCurveSeries = z.infer<typeof AdstockCurveSchema>;
export type ChainTraces = z.infer<typeof ChainTracesSchema>;
