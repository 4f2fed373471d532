/**
 * The MMM log posterior and its analytic gradient, in one pass over preallocated Float64Arrays.
 *
 * On the training weeks t < T_train, in scaled units (see design.ts):
 *   aₜ,c = Σₗ wₗ(θ_c) x̃ₜ₋ₗ,c                      adstock (lag weights normalised)
 *   μₜ = b₀ + δ τₜ + Σₖ γₖ sₖ,ₜ + Σⱼ ζⱼ z̃ₜ,ⱼ + Σ_c β_c h(aₜ,c; φ_c)
 *   ỹₜ ~ Normal(μₜ, σ)  or  Student-t(ν, μₜ, σ)
 *   β_c = ROI_c Σₜ x_t,c / (ȳ Σₜ h(aₜ,c))  ('roi')   or  β_c a parameter ('textbook')
 *   each lift test e: measured_e ~ Normal(ȳ β_c Σ_{t∈window+carry} [h(aₜ) − h(a′ₜ)], se_e),
 *     a′ = adstock of the channel's spend with the window's spend set to zero (see liftTests.ts)
 * plus Σ log priors and log-Jacobians (parametrisation.ts). In 'roi' the first coordinate is
 * the level m and b₀ = m − shift (parametrisation.ts), which adds −(∂ℓ/∂b₀)·∂shift/∂p to p's gradient.
 *
 * Gradient by the chain rule, with rₜ = ∂ℓ/∂μₜ:
 *   ∂ℓ/∂β_c = Σ rₜ hₜ,  ∂ℓ/∂θ_c|β = β Σ rₜ h′(aₜ) ∂aₜ/∂θ,  ∂ℓ/∂φ_c|β = β Σ rₜ ∂h/∂φ,
 *   and for 'roi', β depends on θ, φ through H = Σ h: ∂β/∂ROI = β/ROI, ∂β/∂p = −(β/H) ∂H/∂p.
 */
import { adstockSeries } from './channelWorkspace';
import { priorLogDensity } from './distributions';
import type { MmmDesign } from './design';
import { createAdstockKernel, saturationKernelOf } from './kernels';
import type { ChannelWorkspace } from './channelWorkspace';
import { seriesMediaSums, type MediaSumBuffers } from './mediaSums';
import { blockLogLikelihood, observationNoise } from './observationNoise';
import { accumulateLiftTests, impliedLifts } from './liftTests';
import { createLiftWorkspace } from './liftWindow';
import { constrainCoordinates, interceptShift, type ParameterLayout } from './parametrisation';
import type { ModelSpec } from './spec';

export interface MmmEvaluator {
  logDensityAndGradient(position: Float64Array, gradient: Float64Array): number;
  /** Constrained values, β and H = Σₜ h(aₜ) per channel at `position` (for `constrain`). */
  evaluateChannels(
    position: Float64Array,
    coefficients: Float64Array,
    saturatedTotals: Float64Array,
  ): Float64Array;
  /** Model-implied lift of each experiment (KPI units) at `position`. */
  liftPredictions(position: Float64Array): Float64Array;
}

export function createEvaluator(
  spec: ModelSpec,
  design: MmmDesign,
  layout: ParameterLayout,
): MmmEvaluator {
  const weeks = design.trainingWeeks;
  const channels = design.channelNames.length;
  const maxLag = spec.maxLag;
  const adstockCount = layout.adstockNames.length;
  const saturationCount = layout.saturationNames.length;
  const parameterCount = adstockCount + saturationCount;
  const adstock = createAdstockKernel(spec.adstock, maxLag);
  const saturation = saturationKernelOf(spec.saturation);
  const roi = spec.parametrisation === 'roi';
  const noise = observationNoise(spec);
  const sigmaGradient = new Float64Array(1);

  const interceptPrior = spec.priors.intercept;
  const values = new Float64Array(layout.dimension);
  const derivatives = new Float64Array(layout.dimension);
  const priorGradient = new Float64Array(layout.dimension);
  const scratch = new Float64Array(1);
  const adstockParameters = new Float64Array(adstockCount);
  const saturationParameters = new Float64Array(saturationCount);
  const workspaces: ChannelWorkspace[] = design.channelNames.map(() => ({
    weights: new Float64Array(maxLag),
    weightDerivatives: new Float64Array(adstockCount * maxLag),
    adstocked: new Float64Array(weeks),
    adstockDerivatives: new Float64Array(adstockCount * weeks),
    saturated: new Float64Array(weeks),
    slope: new Float64Array(weeks),
    saturationDerivatives: new Float64Array(saturationCount * weeks),
  }));
  const coefficients = new Float64Array(channels);
  const saturatedTotals = new Float64Array(channels);
  const coefficientGradient = new Float64Array(channels);
  const parameterGradient = new Float64Array(channels * parameterCount);
  const totalDerivatives = new Float64Array(channels * parameterCount);
  const mean = new Float64Array(weeks);
  const residualGradient = new Float64Array(weeks);
  const mediaSums: MediaSumBuffers = {
    residual: residualGradient,
    weeks,
    adstockCount,
    saturationCount,
    coefficientGradient,
    parameterGradient,
    totalDerivatives,
  };
  const liftContext = {
    design,
    maxLag,
    adstockCount,
    saturationCount,
    saturation,
    workspaces,
    coefficients,
    values,
    layout,
  };
  const lift = createLiftWorkspace(design.experiments, liftContext);

  /** Adstock + saturation of channel c from `values`; returns β (NaN when H = 0). */
  function channelResponse(c: number): number {
    const base = layout.channelStart + c * layout.channelStride;
    for (let j = 0; j < adstockCount; j++) adstockParameters[j] = values[base + 1 + j];
    for (let q = 0; q < saturationCount; q++)
      saturationParameters[q] = values[base + 1 + adstockCount + q];
    const w = workspaces[c];
    const spend = design.scaledSpend[c];
    // Lift tests read the weights; the series comes from the kernel's O(T) recursion when it has one.
    adstock.weights(adstockParameters, maxLag, w.weights, w.weightDerivatives);
    adstockSeries(adstock, adstockParameters, maxLag, spend, weeks, w);
    saturation.apply(
      w.adstocked,
      weeks,
      saturationParameters,
      w.saturated,
      w.slope,
      w.saturationDerivatives,
      weeks,
    );
    let total = 0;
    for (let t = 0; t < weeks; t++) total += w.saturated[t];
    saturatedTotals[c] = total;
    const beta = roi
      ? (values[base] * design.spendTotal[c]) / (design.kpiScale * total)
      : values[base];
    coefficients[c] = beta;
    return beta;
  }

  function logDensityAndGradient(position: Float64Array, gradient: Float64Array): number {
    let logDensity = constrainCoordinates(
      layout,
      position,
      values,
      derivatives,
      priorGradient,
      scratch,
    );
    if (!Number.isFinite(logDensity)) return -Infinity;

    // Baseline mean ('roi' samples the level m; the intercept is b₀ = m − shift, prior on b₀).
    let intercept = values[layout.intercept];
    let interceptPriorDerivative = 0;
    if (layout.centredIntercept) {
      intercept -= interceptShift(layout, design, values);
      logDensity += priorLogDensity(interceptPrior, intercept, scratch, 0);
      interceptPriorDerivative = scratch[0];
    }
    const trend = layout.trend >= 0 ? values[layout.trend] : 0;
    for (let t = 0; t < weeks; t++) mean[t] = intercept + trend * design.trend[t];
    for (let k = 0; k < layout.seasonalityCount; k++) {
      const coefficient = values[layout.seasonality + k];
      const feature = design.seasonality[k];
      for (let t = 0; t < weeks; t++) mean[t] += coefficient * feature[t];
    }
    for (let j = 0; j < layout.controlCount; j++) {
      const coefficient = values[layout.controls + j];
      const feature = design.scaledControls[j];
      for (let t = 0; t < weeks; t++) mean[t] += coefficient * feature[t];
    }
    // Media.
    for (let c = 0; c < channels; c++) {
      const beta = channelResponse(c);
      if (!Number.isFinite(beta)) return -Infinity;
      const saturated = workspaces[c].saturated;
      for (let t = 0; t < weeks; t++) mean[t] += beta * saturated[t];
    }
    // Likelihood.
    sigmaGradient[0] = 0;
    logDensity += blockLogLikelihood(
      noise,
      design.scaledKpi,
      0,
      mean,
      0,
      weeks,
      values[layout.noise],
      residualGradient,
      sigmaGradient,
    );

    gradient.set(priorGradient);
    let sum = 0;
    for (let t = 0; t < weeks; t++) sum += residualGradient[t];
    gradient[layout.intercept] += sum + interceptPriorDerivative;
    if (layout.trend >= 0) {
      sum = 0;
      for (let t = 0; t < weeks; t++) sum += residualGradient[t] * design.trend[t];
      gradient[layout.trend] += sum;
    }
    for (let k = 0; k < layout.seasonalityCount; k++) {
      const feature = design.seasonality[k];
      sum = 0;
      for (let t = 0; t < weeks; t++) sum += residualGradient[t] * feature[t];
      gradient[layout.seasonality + k] += sum;
    }
    for (let j = 0; j < layout.controlCount; j++) {
      const feature = design.scaledControls[j];
      sum = 0;
      for (let t = 0; t < weeks; t++) sum += residualGradient[t] * feature[t];
      gradient[layout.controls + j] += sum;
    }
    gradient[layout.noise] += sigmaGradient[0] * derivatives[layout.noise];

    // Channel gradients holding β fixed, and ∂H/∂p for the 'roi' chain rule.
    for (let c = 0; c < channels; c++)
      seriesMediaSums(mediaSums, workspaces[c], 0, coefficients[c], c, c * parameterCount);
    if (design.experiments.length > 0) {
      logDensity += accumulateLiftTests(liftContext, lift, coefficientGradient, parameterGradient);
    }
    for (let c = 0; c < channels; c++) {
      const base = layout.channelStart + c * layout.channelStride;
      const beta = coefficients[c];
      const offset = c * parameterCount;
      const betaGradient = coefficientGradient[c];
      if (roi) {
        gradient[base] += betaGradient * (beta / values[base]) * derivatives[base];
        const scale = -betaGradient * (beta / saturatedTotals[c]);
        for (let p = 0; p < parameterCount; p++) {
          gradient[base + 1 + p] +=
            (parameterGradient[offset + p] + scale * totalDerivatives[offset + p]) *
            derivatives[base + 1 + p];
        }
      } else {
        gradient[base] += betaGradient * derivatives[base];
        for (let p = 0; p < parameterCount; p++)
          gradient[base + 1 + p] += parameterGradient[offset + p] * derivatives[base + 1 + p];
      }
    }
    if (layout.centredIntercept) {
      // Shear: b₀ = m − shift(δ, γ, ζ, ROI), so each of those also moves b₀ by −∂shift/∂·.
      const interceptGradient = gradient[layout.intercept];
      const means = design.trainingMeans;
      if (layout.trend >= 0) gradient[layout.trend] -= interceptGradient * means.trend;
      for (let k = 0; k < layout.seasonalityCount; k++)
        gradient[layout.seasonality + k] -= interceptGradient * means.seasonality[k];
      for (let j = 0; j < layout.controlCount; j++)
        gradient[layout.controls + j] -= interceptGradient * means.controls[j];
      const scale = design.kpiScale * weeks;
      for (let c = 0; c < channels; c++) {
        const base = layout.channelStart + c * layout.channelStride;
        gradient[base] -= ((interceptGradient * design.spendTotal[c]) / scale) * derivatives[base];
      }
    }
    return Number.isFinite(logDensity) ? logDensity : -Infinity;
  }

  function evaluateChannels(
    position: Float64Array,
    betaOut: Float64Array,
    totalsOut: Float64Array,
  ): Float64Array {
    constrainCoordinates(layout, position, values, derivatives, priorGradient, scratch);
    for (let c = 0; c < channels; c++) {
      betaOut[c] = channelResponse(c);
      totalsOut[c] = saturatedTotals[c];
    }
    const constrained = Float64Array.from(values);
    if (layout.centredIntercept)
      constrained[layout.intercept] -= interceptShift(layout, design, values);
    return constrained;
  }

  function liftPredictions(position: Float64Array): Float64Array {
    evaluateChannels(position, new Float64Array(channels), new Float64Array(channels));
    return impliedLifts(liftContext, lift, new Float64Array(design.experiments.length));
  }

  return { logDensityAndGradient, evaluateChannels, liftPredictions };
}
