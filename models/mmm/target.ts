/**
 * `createMmmTarget(input)`: the MMM posterior as a `Target` for the samplers — log density and
 * its analytic gradient on unconstrained coordinates (see parametrisation.ts and logDensity.ts)
 * — plus what posterior views need: `constrain` to named values, `components` in KPI units,
 * the resolved spec and the design with its scales.
 */
import { laplaceDenseInverseMassMatrix } from '../inference/laplaceInverseMassMatrix';
import type { Target } from '../inference/types';
import type { Rng } from '../random/rng';
import { componentsEvaluator, scaledChannelTotals } from './components';
import { createComponentsScratch } from './componentsScratch';
import { buildDesign, type MmmDesign } from './design';
import { createEvaluator } from './logDensity';
import { fitMapPosition } from './mapPosition';
import type { MmmModel } from './model';
import {
  buildLayout,
  channelKernelValues,
  interceptShift,
  setChannelKernelValues,
  type ParameterLayout,
  unconstrainValue,
} from './parametrisation';
import { applyMediaSharePrior, resolveModelSpec } from './resolveModelSpec';
import type { ChannelParameters, MmmInput, MmmParameters } from './types';

export type {
  MmmInput,
  MmmData,
  LiftTest,
  MmmParameters,
  ChannelParameters,
  MmmComponents,
} from './types';

export interface MmmTarget extends Target, MmmModel {
  readonly design: MmmDesign;
  readonly layout: ParameterLayout;
  /** The unconstrained position of named values (inverse of `constrain`). */
  unconstrain(parameters: MmmParameters): Float64Array;
  /** Model-implied lift of each experiment (KPI units) at `position`, in input order. */
  liftPredictions(position: Float64Array): Float64Array;
}

/** Spread of the per-chain jitter around the MAP, on the unconstrained scale. */
const INITIAL_JITTER = 0.1;

export function createMmmTarget(input: MmmInput): MmmTarget {
  const resolved = resolveModelSpec(input.spec ?? {});
  const design = buildDesign(resolved, input.data, input.experiments ?? []);
  const spec = applyMediaSharePrior(
    resolved,
    design.kpiScale * design.trainingWeeks,
    design.spendTotal,
  );
  const layout = buildLayout(spec, design);
  const evaluator = createEvaluator(spec, design, layout);
  const channels = design.channelNames.length;
  const coefficients = new Float64Array(channels);
  const totals = new Float64Array(channels);
  let mapPosition: Float64Array | null = null;
  const curveScratch = createComponentsScratch(spec);
  let mapInverseMassMatrix: Float64Array | null = null;

  function constrain(position: Float64Array): MmmParameters {
    if (position.length !== layout.dimension)
      throw new Error(`position has ${position.length} coordinates, expected ${layout.dimension}`);
    const values = evaluator.evaluateChannels(position, coefficients, totals);
    const channelParameters: ChannelParameters[] = design.channelNames.map((name, c) => {
      const base = layout.channelStart + c * layout.channelStride;
      const { adstock, saturation } = channelKernelValues(layout, values, base);
      const coefficient = coefficients[c];
      return {
        name,
        coefficient,
        roi: (design.kpiScale * coefficient * totals[c]) / design.spendTotal[c],
        adstock,
        saturation,
      };
    });
    return {
      intercept: values[layout.intercept],
      trend: layout.trend >= 0 ? values[layout.trend] : 0,
      seasonality: values.slice(layout.seasonality, layout.seasonality + layout.seasonalityCount),
      controls: values.slice(layout.controls, layout.controls + layout.controlCount),
      noise: values[layout.noise],
      channels: channelParameters,
    };
  }

  function unconstrain(parameters: MmmParameters): Float64Array {
    const values = new Float64Array(layout.dimension);
    values[layout.intercept] = parameters.intercept;
    if (layout.trend >= 0) values[layout.trend] = parameters.trend;
    values.set(parameters.seasonality.subarray(0, layout.seasonalityCount), layout.seasonality);
    values.set(parameters.controls.subarray(0, layout.controlCount), layout.controls);
    values[layout.noise] = parameters.noise;
    parameters.channels.forEach((channel, c) => {
      const base = layout.channelStart + c * layout.channelStride;
      values[base] = spec.parametrisation === 'roi' ? channel.roi : channel.coefficient;
      setChannelKernelValues(layout, channel, values, base);
    });
    if (layout.centredIntercept) values[layout.intercept] += interceptShift(layout, design, values);
    return values.map((v, i) =>
      unconstrainValue(layout.coordinates[i].transform, v, layout.coordinates[i].name),
    );
  }

  const target: MmmTarget = {
    dimension: layout.dimension,
    parameterNames: layout.coordinates.map((c) => c.name),
    spec,
    design,
    layout,
    logDensityAndGradient: evaluator.logDensityAndGradient,
    constrain,
    unconstrain,
    components: componentsEvaluator(spec, design),
    scaledChannelTotals: (parameters, multipliers, weeks) =>
      scaledChannelTotals(spec, design, parameters, multipliers, weeks, curveScratch),
    noiseScale: (parameters) => design.kpiScale * parameters.noise,
    liftPredictions: (position) => evaluator.liftPredictions(position),
    initialPosition(rng: Rng): Float64Array {
      mapPosition ??= fitMapPosition(target).position;
      const start = Float64Array.from(mapPosition);
      for (let i = 0; i < start.length; i++) start[i] += INITIAL_JITTER * rng.normal();
      return start;
    },
    /** [∇²(−log p)]⁻¹ at the MAP, dense d×d (whatever the chain's start), cached: 2d gradients once. */
    initialInverseMassMatrix(): Float64Array {
      mapPosition ??= fitMapPosition(target).position;
      mapInverseMassMatrix ??= laplaceDenseInverseMassMatrix(target, mapPosition);
      return Float64Array.from(mapInverseMassMatrix);
    },
  };
  return target;
}
