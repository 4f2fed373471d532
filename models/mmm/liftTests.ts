/**
 * Lift-test calibration of the national model: each experiment's measured incremental KPI enters
 * the likelihood as
 *
 *   measured_e ~ Normal(L_e, se_e),   L_e = ȳ · β_c · D_e,
 *
 * D_e the window difference of channel c (liftWindow.ts: the saturated response lost when the
 * window's spend is removed, carry-over weeks included), so the experiment constrains saturation
 * (through h) and adstock (through w) together, not just β. The likelihood adds
 *   −½((measured − L)/se)² − log se − ½ log 2π
 * and, with r = (measured − L)/se², the gradient pieces
 *   ∂/∂β = r ȳ D,  ∂/∂θ = r ȳ β ∂D/∂θ,  ∂/∂φ = r ȳ β ∂D/∂φ.
 * Reference: Google Meridian's lift calibration (as a likelihood rather than a prior).
 */
import type { ChannelWorkspace } from './channelWorkspace';
import type { MmmDesign } from './design';
import {
  addWindowDerivatives,
  windowDifference,
  type LiftKernels,
  type LiftWorkspace,
} from './liftWindow';
import type { ParameterLayout } from './parametrisation';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

export interface LiftContext extends LiftKernels {
  readonly design: MmmDesign;
  readonly workspaces: readonly ChannelWorkspace[];
  readonly coefficients: Float64Array;
  readonly values: Float64Array;
  readonly layout: ParameterLayout;
}

/** The saturation parameters of channel c, read from the constrained values. */
function saturationOf(context: LiftContext, channel: number): Float64Array {
  const { layout, values } = context;
  const base = layout.channelStart + channel * layout.channelStride + 1 + context.adstockCount;
  return values.subarray(base, base + context.saturationCount);
}

function differenceOf(
  context: LiftContext,
  workspace: LiftWorkspace,
  experiment: MmmDesign['experiments'][number],
): number {
  const c = experiment.channel;
  return windowDifference(
    context,
    context.workspaces[c],
    context.design.scaledSpend[c],
    context.design.trainingWeeks,
    experiment,
    saturationOf(context, c),
    workspace,
  );
}

/** Model-implied lift of each experiment in KPI units (from the current workspaces). */
export function impliedLifts(
  context: LiftContext,
  workspace: LiftWorkspace,
  out: Float64Array,
): Float64Array {
  const { design } = context;
  design.experiments.forEach((e, index) => {
    out[index] =
      design.kpiScale * context.coefficients[e.channel] * differenceOf(context, workspace, e);
  });
  return out;
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
  const parameterCount = adstockCount + saturationCount;
  let logLikelihood = 0;
  for (const e of design.experiments) {
    const c = e.channel;
    const difference = differenceOf(context, workspace, e);
    const beta = context.coefficients[c];
    const implied = design.kpiScale * beta * difference;
    const z = (e.measuredLift - implied) / e.standardError;
    logLikelihood += -0.5 * z * z - Math.log(e.standardError) - HALF_LOG_TWO_PI;
    const r = z / e.standardError;
    coefficientGradient[c] += r * design.kpiScale * difference;
    addWindowDerivatives(
      context,
      context.workspaces[c],
      design.trainingWeeks,
      e,
      workspace,
      r * design.kpiScale * beta,
      parameterGradient,
      c * parameterCount,
    );
  }
  return logLikelihood;
}
