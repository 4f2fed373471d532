/**
 * Lift tests in the geo model: a test run in geo g measures that geo's lift; a national test the
 * lift summed over every geo:
 *
 *   measured_e ~ Normal(L_e, se_e),   L_e = Σ_{g ∈ geos(e)} ȳ w_g β_c,g D_c,g,e,
 *
 * D_c,g,e the window difference of channel c in geo g (liftWindow.ts). With r = (measured − L)/se²
 * the gradient pieces at fixed adstock and saturation are ∂/∂β_c,g = r ȳ w_g D, and at fixed
 * β_c,g: ∂/∂θ = r ȳ w_g β_c,g ∂D/∂θ, ∂/∂φ = r ȳ w_g β_c,g ∂D/∂φ, which geoLogDensity.ts carries
 * through β_c,g = β_c e^{τη} and β_c's dependence on ROI, τ, η, θ and φ.
 */
import type { ChannelWorkspace } from './channelWorkspace';
import type { GeoMmmDesign, ResolvedGeoLiftTest } from './geoDesign';
import {
  addWindowDerivatives,
  windowDifference,
  type LiftKernels,
  type LiftWorkspace,
} from './liftWindow';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

export interface GeoLiftContext extends LiftKernels {
  readonly design: GeoMmmDesign;
  /** Channel c in geo g at [c·G + g]. */
  readonly series: readonly ChannelWorkspace[];
  /** Scaled spend of channel c in geo g at [c·G + g] (length ≥ T_train). */
  readonly spend: readonly Float64Array[];
  /** β_c,g at [c·G + g]. */
  readonly coefficients: Float64Array;
  /** The saturation parameters of channel c, constrained. */
  saturationParameters(channel: number): Float64Array;
}

/** The geos a test covers: its own, or all. */
function geosOf(test: ResolvedGeoLiftTest, geoCount: number): [number, number] {
  return test.geo >= 0 ? [test.geo, test.geo + 1] : [0, geoCount];
}

/** Model-implied lift of each experiment, KPI units (from the current workspaces). */
export function impliedGeoLifts(
  context: GeoLiftContext,
  workspace: LiftWorkspace,
  out: Float64Array,
): Float64Array {
  const { design } = context;
  const geos = design.geoNames.length;
  design.experiments.forEach((e, index) => {
    const [first, last] = geosOf(e, geos);
    const saturation = context.saturationParameters(e.channel);
    let lift = 0;
    for (let g = first; g < last; g++) {
      const k = e.channel * geos + g;
      const difference = windowDifference(
        context,
        context.series[k],
        context.spend[k],
        design.trainingWeeks,
        e,
        saturation,
        workspace,
      );
      lift += design.kpiScale * design.weights[g] * context.coefficients[k] * difference;
    }
    out[index] = lift;
  });
  return out;
}

/**
 * Adds every experiment's log likelihood; accumulates ∂/∂β_c,g into `coefficientGradient[c·G + g]`
 * and ∂/∂(adstock, saturation) at fixed β_c,g into `parameterGradient[(c·G + g)·P + p]`.
 */
export function accumulateGeoLiftTests(
  context: GeoLiftContext,
  workspace: LiftWorkspace,
  lifts: Float64Array,
  coefficientGradient: Float64Array,
  parameterGradient: Float64Array,
): number {
  const { design } = context;
  const geos = design.geoNames.length;
  const weeks = design.trainingWeeks;
  const parameterCount = context.adstockCount + context.saturationCount;
  impliedGeoLifts(context, workspace, lifts);
  let logLikelihood = 0;
  design.experiments.forEach((e, index) => {
    const z = (e.measuredLift - lifts[index]) / e.standardError;
    logLikelihood += -0.5 * z * z - Math.log(e.standardError) - HALF_LOG_TWO_PI;
    const r = z / e.standardError;
    const [first, last] = geosOf(e, geos);
    const saturation = context.saturationParameters(e.channel);
    for (let g = first; g < last; g++) {
      const k = e.channel * geos + g;
      // Re-evaluated per geo: the workspace holds one window's counterfactual at a time.
      const difference = windowDifference(
        context,
        context.series[k],
        context.spend[k],
        weeks,
        e,
        saturation,
        workspace,
      );
      const scale = r * design.kpiScale * design.weights[g];
      coefficientGradient[k] += scale * difference;
      addWindowDerivatives(
        context,
        context.series[k],
        weeks,
        e,
        workspace,
        scale * context.coefficients[k],
        parameterGradient,
        k * parameterCount,
      );
    }
  });
  return logLikelihood;
}
