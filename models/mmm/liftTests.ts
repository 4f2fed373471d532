/**
 * Lift-test calibration: each experiment's measured incremental KPI enters the likelihood as
 *
 *   measured_e ~ Normal(L_e, se_e),   L_e = ȳ · β_c · Σ_{t=s}^{min(f+L−1, T−1)} [h(aₜ) − h(a′ₜ)],
 *
 * where [s, f] is the test window, a is the adstocked spend and a′ the adstock of the same spend
 * with the window's weeks set to zero: a′ₜ = aₜ − Σ_{l: s ≤ t−l ≤ f} wₗ x̃ₜ₋ₗ. Weeks after f
 * carry the window's adstock (up to L−1 weeks), so the experiment constrains saturation (through
 * h) and adstock (through w) together, not just β. The likelihood adds
 *   −½((measured − L)/se)² − log se − ½ log 2π
 * and, with r = (measured − L)/se², the gradient pieces
 *   ∂/∂β = r ȳ Σ (h − h′),  ∂/∂θ = r ȳ β Σ (h′(a) ∂a/∂θ − h′(a′) ∂a′/∂θ),  ∂/∂φ = r ȳ β Σ (∂h/∂φ − ∂h′/∂φ).
 * Reference: Google Meridian's lift calibration (as a likelihood rather than a prior).
 */
import type { SaturationKernel } from '../transforms/kernels';
import type { MmmDesign } from './design';
import type { ChannelWorkspace } from './logDensity';
import type { ParameterLayout } from './parametrisation';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

export interface LiftWorkspace {
  readonly adstocked: Float64Array;
  readonly adstockDerivatives: Float64Array;
  readonly saturated: Float64Array;
  readonly slope: Float64Array;
  readonly saturationDerivatives: Float64Array;
  readonly saturationParameters: Float64Array;
  readonly capacity: number;
}

export interface LiftContext {
  readonly design: MmmDesign;
  readonly maxLag: number;
  readonly adstockCount: number;
  readonly saturationCount: number;
  readonly saturation: SaturationKernel;
  readonly workspaces: readonly ChannelWorkspace[];
  readonly coefficients: Float64Array;
  readonly values: Float64Array;
  readonly layout: ParameterLayout;
}

export function createLiftWorkspace(
  design: MmmDesign,
  maxLag: number,
  adstockCount: number,
  saturationCount: number,
): LiftWorkspace {
  let capacity = 1;
  for (const e of design.experiments)
    capacity = Math.max(capacity, e.endWeek - e.startWeek + maxLag);
  return {
    adstocked: new Float64Array(capacity),
    adstockDerivatives: new Float64Array(adstockCount * capacity),
    saturated: new Float64Array(capacity),
    slope: new Float64Array(capacity),
    saturationDerivatives: new Float64Array(saturationCount * capacity),
    saturationParameters: new Float64Array(saturationCount),
    capacity,
  };
}

/** Window of an experiment: first week and number of weeks including carry-over. */
function windowOf(startWeek: number, endWeek: number, maxLag: number, weeks: number): number {
  return Math.min(endWeek + maxLag - 1, weeks - 1) - startWeek + 1;
}

/**
 * Counterfactual adstock a′ (and ∂a′/∂θ) of channel `channel` over `length` weeks from `start`,
 * with the spend of weeks [start, end] removed, into `into`.
 */
function counterfactualAdstock(
  context: LiftContext,
  channel: number,
  start: number,
  end: number,
  length: number,
  into: LiftWorkspace,
): void {
  const { design, maxLag, adstockCount } = context;
  const weeks = design.trainingWeeks;
  const w = context.workspaces[channel];
  const spend = design.scaledSpend[channel];
  for (let i = 0; i < length; i++) {
    const t = start + i;
    const firstLag = Math.max(0, t - end);
    const lastLag = Math.min(maxLag - 1, t - start);
    let removed = 0;
    for (let l = firstLag; l <= lastLag; l++) removed += w.weights[l] * spend[t - l];
    into.adstocked[i] = Math.max(0, w.adstocked[t] - removed);
    for (let j = 0; j < adstockCount; j++) {
      let removedDerivative = 0;
      for (let l = firstLag; l <= lastLag; l++)
        removedDerivative += w.weightDerivatives[j * maxLag + l] * spend[t - l];
      into.adstockDerivatives[j * length + i] =
        w.adstockDerivatives[j * weeks + t] - removedDerivative;
    }
  }
}

/** Model-implied lift of each experiment in KPI units (from the current workspaces). */
export function impliedLifts(
  context: LiftContext,
  workspace: LiftWorkspace,
  out: Float64Array,
): Float64Array {
  const { design } = context;
  design.experiments.forEach((e, index) => {
    const length = windowOf(e.startWeek, e.endWeek, context.maxLag, design.trainingWeeks);
    out[index] =
      design.kpiScale *
      context.coefficients[e.channel] *
      windowDifference(context, workspace, e.channel, e.startWeek, e.endWeek, length);
  });
  return out;
}

function windowDifference(
  context: LiftContext,
  workspace: LiftWorkspace,
  channel: number,
  start: number,
  end: number,
  length: number,
): number {
  const { layout, values, saturationCount } = context;
  const base = layout.channelStart + channel * layout.channelStride + 1 + context.adstockCount;
  for (let q = 0; q < saturationCount; q++) workspace.saturationParameters[q] = values[base + q];
  counterfactualAdstock(context, channel, start, end, length, workspace);
  context.saturation.apply(
    workspace.adstocked,
    length,
    workspace.saturationParameters,
    workspace.saturated,
    workspace.slope,
    workspace.saturationDerivatives,
    length,
  );
  const saturated = context.workspaces[channel].saturated;
  let difference = 0;
  for (let i = 0; i < length; i++) difference += saturated[start + i] - workspace.saturated[i];
  return difference;
}

/**
 * Adds every experiment's log likelihood; accumulates ∂/∂β into `coefficientGradient[c]` and
 * ∂/∂(adstock, saturation) at fixed β into `parameterGradient[c·P + p]`.
 */
export function accumulateLiftTests(
  context: LiftContext,
  workspace: LiftWorkspace,
  coefficientGradient: Float64Array,
  parameterGradient: Float64Array,
): number {
  const { design, adstockCount, saturationCount } = context;
  const weeks = design.trainingWeeks;
  const parameterCount = adstockCount + saturationCount;
  let logLikelihood = 0;
  for (const e of design.experiments) {
    const c = e.channel;
    const length = windowOf(e.startWeek, e.endWeek, context.maxLag, weeks);
    const difference = windowDifference(context, workspace, c, e.startWeek, e.endWeek, length);
    const beta = context.coefficients[c];
    const implied = design.kpiScale * beta * difference;
    const z = (e.measuredLift - implied) / e.standardError;
    logLikelihood += -0.5 * z * z - Math.log(e.standardError) - HALF_LOG_TWO_PI;
    const r = z / e.standardError;
    coefficientGradient[c] += r * design.kpiScale * difference;
    const scale = r * design.kpiScale * beta;
    const w = context.workspaces[c];
    const offset = c * parameterCount;
    for (let j = 0; j < adstockCount; j++) {
      let sum = 0;
      for (let i = 0; i < length; i++) {
        const t = e.startWeek + i;
        sum +=
          w.slope[t] * w.adstockDerivatives[j * weeks + t] -
          workspace.slope[i] * workspace.adstockDerivatives[j * length + i];
      }
      parameterGradient[offset + j] += scale * sum;
    }
    for (let q = 0; q < saturationCount; q++) {
      let sum = 0;
      for (let i = 0; i < length; i++) {
        sum +=
          w.saturationDerivatives[q * weeks + e.startWeek + i] -
          workspace.saturationDerivatives[q * length + i];
      }
      parameterGradient[offset + adstockCount + q] += scale * sum;
    }
  }
  return logLikelihood;
}
