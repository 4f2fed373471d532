/**
 * `createGeoMmmTarget(input)`: the geo-level hierarchical MMM posterior as a `Target` for the
 * samplers (log density and analytic gradient on unconstrained coordinates: geoLayout.ts,
 * geoLogDensity.ts) and as an `MmmModel` whose national facade (design = the sums over geos,
 * `components` of a national scenario spend) lets every posterior view, the fit report and the
 * planner treat it as they treat the national model; `geoComponents` gives the per-geo view.
 */
import { laplaceDenseInverseMassMatrix } from '../inference/laplaceInverseMassMatrix';
import type { LogDensity, Target } from '../inference/types';
import type { Rng } from '../random/rng';
import { buildGeoDesign, type GeoMmmDesign } from './geoDesign';
import {
  allocateNationalSpend,
  computeGeoComponents,
  scaledGeoChannelTotals,
  type GeoComponents,
} from './geoComponents';
import { createComponentsScratch } from './componentsScratch';
import { buildGeoLayout, type GeoParameterLayout } from './geoLayout';
import { createGeoEvaluator } from './geoLogDensity';
import { isGeoParameters, type GeoMmmInput, type GeoMmmParameters, type GeoSpec } from './geoTypes';
import { maximiseLogDensity } from './mapPosition';
import type { MmmModel } from './model';
import {
  channelKernelValues,
  coordinateCentres,
  setChannelKernelValues,
  unconstrainValue,
} from './parametrisation';
import { resolveGeoSpec } from './resolveGeoSpec';
import { sumToZeroCoordinates } from './sumToZero';
import { applyMediaSharePrior, resolveModelSpec } from './resolveModelSpec';
import type { ChannelParameters, MmmParameters } from './types';

export interface GeoMmmTarget extends Target, MmmModel {
  readonly geoSpec: GeoSpec;
  readonly geoDesign: GeoMmmDesign;
  readonly geoLayout: GeoParameterLayout;
  constrain(position: Float64Array): GeoMmmParameters;
  /** The unconstrained position of named values (inverse of `constrain`). */
  unconstrain(parameters: GeoMmmParameters): Float64Array;
  /** National totals and per-geo channel totals; `geoSpend[c]` is G·n per-geo spend. */
  geoComponents(parameters: GeoMmmParameters, geoSpend?: readonly Float64Array[]): GeoComponents;
  /** Model-implied lift of each experiment (KPI units) at `position`, in input order. */
  liftPredictions(position: Float64Array): Float64Array;
}

const INITIAL_JITTER = 0.1;

function geoParametersOf(parameters: MmmParameters): GeoMmmParameters {
  if (!isGeoParameters(parameters))
    throw new Error('geo model: these parameters come from a national fit, not a geo fit');
  return parameters;
}

export function createGeoMmmTarget(input: GeoMmmInput): GeoMmmTarget {
  const resolved = resolveModelSpec(input.spec ?? {});
  const geoSpec = resolveGeoSpec(input.geo);
  const design = buildGeoDesign(resolved, input.data, input.experiments ?? []);
  let kpiTotal = 0;
  for (let g = 0; g < design.geoNames.length; g++)
    for (let t = 0; t < design.trainingWeeks; t++) kpiTotal += design.kpi[g * design.weeks + t];
  const spec = applyMediaSharePrior(resolved, kpiTotal, design.spendTotal);
  const layout = buildGeoLayout(spec, geoSpec, design);
  const evaluator = createGeoEvaluator(spec, design, layout);
  const geos = design.geoNames.length;
  const noiseFactor = Math.sqrt(design.weights.reduce((sum, w) => sum + w * w, 0));
  let mapPosition: Float64Array | null = null;
  let mapInverseMassMatrix: Float64Array | null = null;

  function constrain(position: Float64Array): GeoMmmParameters {
    if (position.length !== layout.dimension)
      throw new Error(`position has ${position.length} coordinates, expected ${layout.dimension}`);
    const evaluation = evaluator.evaluate(position);
    const { values } = evaluation;
    const amplitudes = evaluation.logAmplitudes.map(Math.exp);
    const channels: ChannelParameters[] = [];
    const geoChannels = design.channelNames.map((name, c) => {
      const base = layout.channelStart + c * layout.channelStride;
      const { adstock, saturation } = channelKernelValues(layout, values, base);
      // The one β over all geos that gives the same national contribution (for reading only).
      let saturated = 0;
      for (let g = 0; g < geos; g++)
        saturated += design.weights[g] * evaluation.saturatedTotals[c * geos + g];
      channels.push({
        name,
        coefficient: (values[base] * design.spendTotal[c]) / (design.kpiScale * saturated),
        roi: values[base],
        adstock,
        saturation,
      });
      return {
        spread: values[base + layout.spreadOffset],
        coefficients: evaluation.coefficients.slice(c * geos, (c + 1) * geos),
        roi: evaluation.geoRoi.slice(c * geos, (c + 1) * geos),
      };
    });
    return {
      intercept: values[layout.interceptMean],
      trend: layout.trend >= 0 ? values[layout.trend] : 0,
      seasonality: values.slice(layout.seasonality, layout.seasonality + layout.seasonalityCount),
      controls: values.slice(layout.controls, layout.controls + layout.controlCount),
      noise: values[layout.noise],
      channels,
      geo: {
        names: design.geoNames,
        intercepts: Float64Array.from(evaluation.intercepts),
        interceptSpread: values[layout.interceptSpread],
        seasonalityAmplitudes: amplitudes,
        channels: geoChannels,
      },
    };
  }

  function unconstrain(parameters: GeoMmmParameters): Float64Array {
    const values = new Float64Array(layout.dimension);
    values[layout.interceptMean] = parameters.intercept;
    values[layout.interceptSpread] = parameters.geo.interceptSpread;
    if (layout.trend >= 0) values[layout.trend] = parameters.trend;
    values.set(parameters.seasonality.subarray(0, layout.seasonalityCount), layout.seasonality);
    if (layout.amplitudes >= 0)
      values.set(
        sumToZeroCoordinates(parameters.geo.seasonalityAmplitudes.map(Math.log), geos),
        layout.amplitudes,
      );
    values.set(parameters.controls.subarray(0, layout.controlCount), layout.controls);
    values[layout.noise] = parameters.noise;
    parameters.channels.forEach((channel, c) => {
      const base = layout.channelStart + c * layout.channelStride;
      const geoChannel = parameters.geo.channels[c];
      values[base] = channel.roi;
      setChannelKernelValues(layout, channel, values, base);
      values[base + layout.spreadOffset] = geoChannel.spread;
      // τ η_g = log ROI_c,g − its mean over geos (η sums to zero).
      const logRoi = geoChannel.roi.map(Math.log);
      const centre = logRoi.reduce((a, b) => a + b, 0) / geos;
      const deviations = logRoi.map((v) => (v - centre) / geoChannel.spread);
      values.set(sumToZeroCoordinates(deviations, geos), base + layout.spreadOffset + 1);
    });
    // m_g = b_g + mean f_g: with every level at 0 the forward pass gives b_g = −mean f_g.
    const position = values.map((v, i) =>
      layout.coordinates[i].deferredPrior
        ? 0
        : unconstrainValue(layout.coordinates[i].transform, v, layout.coordinates[i].name),
    );
    const shifts = evaluator.evaluate(position).intercepts;
    for (let g = 0; g < geos; g++)
      position[layout.levels + g] = parameters.geo.intercepts[g] - shifts[g];
    return position;
  }

  /** √(Σ(x − centre)²/(n − 1)) (centre: the mean of x by default); 1 when that is not positive. */
  function spreadOf(x: Float64Array, centre = x.reduce((a, b) => a + b, 0) / x.length): number {
    let sum = 0;
    for (const v of x) sum += (v - centre) ** 2;
    const spread = Math.sqrt(sum / (x.length - 1));
    return spread > 0 && Number.isFinite(spread) ? spread : 1;
  }

  /** Prior centres, each level at its geo's mean scaled KPI (what m_g estimates). */
  function startingPoint(): Float64Array {
    const start = coordinateCentres(layout.coordinates);
    for (let g = 0; g < geos; g++) {
      let sum = 0;
      for (let t = 0; t < design.trainingWeeks; t++) sum += design.scaledKpi[g * design.weeks + t];
      start[layout.levels + g] = sum / design.trainingWeeks;
    }
    return start;
  }

  /**
   * The start of warmup: the mode at a fixed intercept spread τ_b. The joint posterior has no mode:
   * b_g ~ Normal(b̄, τ_b) gives −G log τ_b → ∞ as every b_g → b̄ and τ_b → 0 (the neck of the
   * hierarchical funnel), where L-BFGS stopped (τ_b ≈ e⁻¹⁰·⁷ on 20 × 104 × 5) with a Hessian of
   * large negative eigenvalues, so chains began in the neck and warmup's first 100 iterations ran
   * at the maximum tree depth (half of all gradients of a fit). Instead: maximise everything else
   * with τ_b held at the spread over geos of their mean scaled KPI, set τ_b to the spread of the
   * resulting b_g, √(Σ(b_g − b̄)²/(G − 1)), and maximise once more at that value.
   */
  function findMap(): Float64Array {
    if (mapPosition) return mapPosition;
    const spreadAt = layout.interceptSpread;
    const held: LogDensity = {
      dimension: layout.dimension,
      logDensityAndGradient(position, gradient) {
        const value = evaluator.logDensityAndGradient(position, gradient);
        gradient[spreadAt] = 0; // L-BFGS then never moves τ_b
        return value;
      },
    };
    let position = startingPoint();
    position[spreadAt] = Math.log(spreadOf(position.subarray(layout.levels, layout.levels + geos)));
    position = maximiseLogDensity(held, position).position;
    const { intercepts, values } = evaluator.evaluate(position);
    const mean = values[layout.interceptMean];
    position[spreadAt] = Math.log(spreadOf(intercepts, mean));
    mapPosition = maximiseLogDensity(held, position).position;
    return mapPosition;
  }

  const curveScratch = createComponentsScratch(spec);
  const target: GeoMmmTarget = {
    dimension: layout.dimension,
    parameterNames: layout.coordinates.map((c) => c.name),
    spec,
    design: design.national,
    geoSpec,
    geoDesign: design,
    geoLayout: layout,
    logDensityAndGradient: evaluator.logDensityAndGradient,
    constrain,
    unconstrain,
    components: (parameters, spend) =>
      computeGeoComponents(
        spec,
        design,
        geoParametersOf(parameters),
        spend ? allocateNationalSpend(design, spend) : design.spend,
      ).national,
    scaledChannelTotals: (parameters, multipliers, weeks) =>
      scaledGeoChannelTotals(
        spec,
        design,
        geoParametersOf(parameters),
        multipliers,
        weeks,
        curveScratch,
      ),
    geoComponents: (parameters, geoSpend) =>
      computeGeoComponents(spec, design, parameters, geoSpend ?? design.spend),
    noiseScale: (parameters) => design.kpiScale * parameters.noise * noiseFactor,
    liftPredictions: (position) => evaluator.liftPredictions(position),
    initialPosition(rng: Rng): Float64Array {
      const start = Float64Array.from(findMap());
      for (let i = 0; i < start.length; i++) start[i] += INITIAL_JITTER * rng.normal();
      return start;
    },
    /** [∇²(−log p)]⁻¹ at the MAP, dense d×d, cached: 2d gradients once. */
    initialInverseMassMatrix(): Float64Array {
      mapInverseMassMatrix ??= laplaceDenseInverseMassMatrix(target, findMap());
      return Float64Array.from(mapInverseMassMatrix);
    },
  };
  return target;
}
