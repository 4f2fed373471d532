/**
 * Assembles the fit result file (`FitReport`, fitReportSchema.ts) from a finished fit: the sampler's
 * draws (unconstrained) are pooled over chains, thinned evenly to at most `thinTo` draws, mapped to
 * named constrained parameters and summarised with the posterior views of models/posterior:
 *
 *   ROI_c = Σₜ contribution_c,t / Σₜ spend_c,t, mROI_c (one more percent of spend),
 *   contribution_c = ROI_c · Σₜ spend_c,t            (training weeks; per draw)
 *
 * each as posterior mean and 90% HDI; fit metrics of the posterior-mean prediction; the weekly
 * decomposition; response curves on at most `curveDraws` draws (a forward pass per draw and grid
 * point); the posterior predictive band with `replicates` replicated series (noise drawn from a
 * generator seeded by the sampler's seed, so the same fit gives the same report everywhere); the
 * adstock lag weights; each chain's thinned trace. Diagnostics are aggregated from the sampler's
 * summaries and chain statistics; the quality gate's verdict is copied, never recomputed. Pure:
 * timing and fingerprint are passed in. A geo model reports the same national views (its facade
 * sums over geos) plus the `geo` section (geoReport.ts).
 */
import { hdi } from '../diagnostics/hdi';
import {
  defaultTargetAcceptance,
  pooledDraws,
  type FitRequest,
  type FitResult,
} from '../inference/chains';
import type { GeoMmmParameters } from '../mmm/geoTypes';
import type { MmmModel } from '../mmm/model';
import type { MmmParameters } from '../mmm/types';
import { createRng } from '../random/rng';
import {
  adstockCurves,
  channelRoi,
  columnBands,
  constrainDraws,
  decomposition,
  marginalRoi,
  modelFit,
  predictiveReplicates,
  responseCurves,
  thinDraws,
  type SeriesBand,
} from '../posterior';
import { geoModelInputs, geoResultOf, isGeoModel } from './geoReport';
import { chainTraces } from './chainTraces';
import { parameterTable } from './posteriorDraws';
import { withRememberedComponents } from './reportModel';
import {
  FIT_REPORT_KIND,
  FIT_REPORT_VERSION,
  type DataFile,
  type FitReport,
  type ModelInputs,
} from './fitReportSchema';

export interface FitReportInput {
  readonly request: FitRequest;
  readonly fit: FitResult;
  /** The model the chains sampled (same spec and data as `request.target`), national or geo. */
  readonly target: MmmModel;
  readonly timing: {
    readonly totalSeconds: number;
    readonly warmupSeconds: number;
    readonly samplingSeconds: number;
  };
  readonly dataFingerprint: string;
  /** Most draws kept for the views and the stored draws (default 1000). */
  readonly thinTo?: number;
  /** Most draws behind the response-curve bands (default 200). */
  readonly curveDraws?: number;
  /** Replicated KPI series kept for the posterior predictive check (default 20). */
  readonly replicates?: number;
  /** Most draws per chain kept for trace and rank plots (default 250). */
  readonly tracePerChain?: number;
  readonly kpiName?: string;
  /** Where the data came from (a file name, never an absolute path). */
  readonly source?: string | null;
  /** The input files by name, size and SHA-256 (never a path); default none. */
  readonly files?: readonly DataFile[];
  readonly createdAt?: string | null;
}

const PROBABILITY = 0.9;

/** NaN and ±∞ become null (JSON has no NaN). */
function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

function interval(draws: Float64Array): { mean: number; lo: number; hi: number } {
  let mean = 0;
  for (const v of draws) mean += v / draws.length;
  const { lower, upper } = hdi(draws, PROBABILITY);
  return { mean, lo: lower, hi: upper };
}

function series(band: SeriesBand): { mean: number[]; lower: number[]; upper: number[] } {
  return {
    mean: Array.from(band.mean),
    lower: Array.from(band.lower),
    upper: Array.from(band.upper),
  };
}

function diagnosticsOf(fit: FitResult): FitReport['diagnostics'] {
  const summary = fit.summary;
  // NaN anywhere means "not shown to have converged": it propagates to the aggregate.
  const worst = (values: number[], pick: (a: number, b: number) => number): number =>
    values.some(Number.isNaN) ? Number.NaN : values.reduce((a, b) => pick(a, b));
  const chains = fit.chains.map((c) => ({
    chainId: c.chainId,
    stepSize: c.stats.stepSize,
    divergences: c.stats.divergences,
    treeDepthSaturations: c.stats.treeDepthSaturations,
    meanTreeDepth: c.stats.meanTreeDepth,
    eBfmi: finiteOrNull(c.stats.eBfmi),
    acceptanceRate: c.stats.acceptanceRate,
    gradientEvaluations: c.stats.gradientEvaluations,
    warmupSeconds: c.stats.warmupSeconds,
    samplingSeconds: c.stats.samplingSeconds,
  }));
  return {
    rhatMax: finiteOrNull(
      worst(
        summary.map((s) => s.rhat),
        Math.max,
      ),
    ),
    essBulkMin: finiteOrNull(
      worst(
        summary.map((s) => s.essBulk),
        Math.min,
      ),
    ),
    essTailMin: finiteOrNull(
      worst(
        summary.map((s) => s.essTail),
        Math.min,
      ),
    ),
    divergences: fit.chains.reduce((n, c) => n + c.stats.divergences, 0),
    treeDepthSaturations: fit.chains.reduce((n, c) => n + c.stats.treeDepthSaturations, 0),
    eBfmiMin: finiteOrNull(
      worst(
        fit.chains.map((c) => c.stats.eBfmi),
        Math.min,
      ),
    ),
    gatePassed: fit.gate.passed,
    gateReasons: [...fit.gate.reasons],
    chains,
  };
}

export function buildFitReport(input: FitReportInput): FitReport {
  const started = Date.now();
  const { fit, target, request } = input;
  const design = target.design;
  if (
    fit.parameterNames.length !== target.dimension ||
    fit.parameterNames.some((n, i) => n !== target.parameterNames[i])
  ) {
    throw new Error(
      `fit report: the fit's parameters (${fit.parameterNames.length}) are not the target's (${target.dimension}): was it sampled from another model?`,
    );
  }
  if (fit.chains.length === 0) throw new Error('fit report: the fit has no chains');
  const thinTo = input.thinTo ?? 1000;
  const curveDraws = input.curveDraws ?? 200;
  if (!(Number.isInteger(thinTo) && thinTo >= 1))
    throw new Error(`fit report: thinTo must be an integer ≥ 1, got ${thinTo}`);
  if (!(Number.isInteger(curveDraws) && curveDraws >= 1))
    throw new Error(`fit report: curveDraws must be an integer ≥ 1, got ${curveDraws}`);

  const draws: MmmParameters[] = constrainDraws(target, pooledDraws(fit), { maxDraws: thinTo });
  // One forward pass per draw serves ROI, mROI, fit, decomposition and the predictive check.
  const views = withRememberedComponents(target);
  const roi = channelRoi(views, draws, PROBABILITY);
  const mroi = marginalRoi(views, draws, PROBABILITY);
  const quality = modelFit(views, draws);
  const parts = decomposition(views, draws, PROBABILITY);
  const curveSet = thinDraws(draws, curveDraws);
  const curves = responseCurves(views, curveSet, { probability: PROBABILITY });
  const predictive = predictiveOf(views, draws, request.seed, input.replicates ?? 20);

  const channels = design.channelNames.map((name, c) => {
    const spend = design.spendTotal[c];
    const contribution = roi[c].draws.map((value) => value * spend);
    return {
      name,
      spend,
      roi: { mean: roi[c].mean, lo: roi[c].hdiLower, hi: roi[c].hdiUpper },
      mroi: { mean: mroi[c].mean, lo: mroi[c].hdiLower, hi: mroi[c].hdiUpper },
      contribution: interval(contribution),
    };
  });

  const report: FitReport = {
    kind: FIT_REPORT_KIND,
    version: FIT_REPORT_VERSION,
    createdAt: input.createdAt ?? null,
    spec: structuredSpec(target),
    sampler: {
      chains: request.chains,
      warmup: request.warmup,
      draws: request.draws,
      seed: request.seed,
      thin: request.thin ?? 1,
      maxTreeDepth: request.maxTreeDepth ?? null,
      targetAcceptance: request.targetAcceptance ?? defaultTargetAcceptance(request.target),
      metric: request.metric ?? null,
    },
    data: {
      fingerprint: input.dataFingerprint,
      weeks: design.weeks,
      trainingWeeks: design.trainingWeeks,
      firstWeek: design.dates[0],
      lastWeek: design.dates[design.weeks - 1],
      kpiName: input.kpiName ?? 'kpi',
      kpiMean: design.kpiScale,
      channels: [...design.channelNames],
      controls: [...design.controlNames],
      source: input.source ?? null,
      files: (input.files ?? []).map((file) => ({ ...file, columns: [...file.columns] })),
    },
    diagnostics: diagnosticsOf(fit),
    parameters: fit.summary.map((s) => ({
      name: s.name,
      mean: s.mean,
      sd: finiteOrNull(s.sd),
      q5: s.q5,
      q95: s.q95,
      rhat: finiteOrNull(s.rhat),
      essBulk: finiteOrNull(s.essBulk),
      essTail: finiteOrNull(s.essTail),
    })),
    channels,
    fit: {
      r2: quality.inSample.rSquared,
      mape: finiteOrNull(quality.inSample.mape),
      nrmse: finiteOrNull(quality.inSample.nrmse),
      holdoutMape: quality.holdoutMape === null ? null : finiteOrNull(quality.holdoutMape),
    },
    decomposition: {
      dates: [...parts.dates],
      actual: Array.from(parts.actual),
      fitted: series(parts.fitted),
      components: parts.components.map((component) => ({
        name: component.name,
        kind: component.kind,
        ...series(component),
        total: { ...component.total },
        share: { ...component.share },
      })),
    },
    responseCurves: curves.map((curve) => ({
      channel: curve.channel,
      multipliers: Array.from(curve.multipliers),
      spend: Array.from(curve.spend),
      ...series(curve.incremental),
      currentIndex: curve.currentIndex,
      currentSpend: curve.currentSpend,
      draws: curveSet.length,
    })),
    draws: parameterTable(draws),
    inputs: modelInputsOf(request, target),
    timing: { ...input.timing, reportSeconds: 0 },
    // A geo model's draws are geo draws (its constrain gives them).
    ...(isGeoModel(target) ? { geo: geoResultOf(target, draws as GeoMmmParameters[]) } : {}),
    predictive,
    adstockCurves: adstockCurves(target, draws, PROBABILITY).map((curve) => ({
      channel: curve.channel,
      lags: Array.from(curve.lags),
      ...series(curve),
    })),
    traces: chainTraces(fit, input.tracePerChain ?? 250),
  };
  return { ...report, timing: { ...report.timing, reportSeconds: (Date.now() - started) / 1000 } };
}

/** Predictive band over all draws and `keep` evenly spaced replicated series (seeded). */
function predictiveOf(
  target: MmmModel,
  draws: readonly MmmParameters[],
  seed: number,
  keep: number,
): NonNullable<FitReport['predictive']> {
  const weeks = target.design.weeks;
  // A stream of its own, so the sampler's streams (fork(chainId)) are never reused here.
  const matrix = predictiveReplicates(target, draws, createRng(seed).fork(0x5eed));
  const count = Math.min(keep, draws.length);
  return {
    ...series(columnBands(matrix, draws.length, weeks, PROBABILITY)),
    replicates: Array.from({ length: count }, (_, k) => {
      const d = Math.floor((k * draws.length) / count);
      return Array.from(matrix.subarray(d * weeks, (d + 1) * weeks));
    }),
  };
}

/** The fit's raw weekly series and lift tests, as plain arrays (see ModelInputsSchema). */
function modelInputsOf(request: FitRequest, target: MmmModel): ModelInputs {
  if (request.target.kind === 'geo-mmm' && isGeoModel(target))
    return geoModelInputs(request.target.input, target);
  if (request.target.kind !== 'mmm')
    throw new Error(`fit report: the fit sampled a '${request.target.kind}' target, not an MMM`);
  const { data, experiments } = request.target.input;
  return {
    dates: [...data.dates],
    kpi: Array.from(data.kpi),
    channels: data.channelNames.map((name, c) => ({ name, spend: Array.from(data.spend[c]) })),
    controls: data.controlNames.map((name, j) => ({ name, values: Array.from(data.controls[j]) })),
    experiments: (experiments ?? []).map((test) => ({ ...test })),
  };
}

/** The resolved spec as plain JSON data (records copied, nothing shared with the target). */
function structuredSpec(target: MmmModel): FitReport['spec'] {
  return JSON.parse(JSON.stringify(target.spec)) as FitReport['spec'];
}
