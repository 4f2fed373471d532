/**
 * The geo model's log posterior and its analytic gradient, in one pass over preallocated,
 * contiguous Float64Arrays (channels outer; geos × weeks inner, geo-major). On the training weeks,
 * in scaled per-capita units (geoDesign.ts; coordinates and why in geoLayout.ts):
 *
 *   a_c,g,t = Σₗ wₗ(θ_c) x̃_c,g,t−ℓ,   h_c,g,t = h(a_c,g,t; φ_c),   H_c,g = Σₜ h_c,g,t
 *   η_c = V z_c (sum zero),  e_c,g = exp(τ_c η_c,g),  ROI_c,g = ROI_c X_c e_c,g / Σ_g′ X_c,g′ e_c,g′
 *   β_c,g = ROI_c,g X_c,g / (ȳ w_g H_c,g)     (0 where the geo had no spend on c)
 *   f_g,t = δ τₜ + λ_g Σₖ γₖ sₖ,ₜ + Σⱼ ζⱼ z̃ⱼ,g,t + Σ_c β_c,g h_c,g,t,   log λ = V z_λ (sum zero)
 *   b_g = m_g − mean_t f_g,t,   μ_g,t = b_g + f_g,t,   ỹ_g,t ~ Normal(μ_g,t, σ)  or  Student-t(ν, μ, σ)
 *   b_g ~ Normal(b̄, τ_b),   z ~ Normal(0, 1),   lift tests: geoLiftTests.ts
 * plus Σ log priors and log-Jacobians of every coordinate (parametrisation.ts).
 *
 * Gradient, with rₜ = ∂ℓ/∂μₜ: the level m_g gets G_g = Σₜ r_g,t + ∂ log p(b_g)/∂b_g, and because
 * b_g = m_g − mean f_g every covariate sees r′_g,t = r_g,t − G_g / T_train (the per-geo shear):
 *   ∂δ = Σ r′ τ,   ∂γₖ = Σ_g λ_g Σₜ r′ sₖ,   ∂ log λ_g = λ_g Σₜ r′ S,   ∂ζⱼ = Σ r′ z̃ⱼ,
 * and per channel, with g^β_c,g = Σₜ r′ h (+ lift), R_c,g = g^β_c,g β_c,g, π_c,g = X_c,g e_c,g / Σ X e:
 *   ∂ log ROI_c = Σ_g R_c,g,
 *   ∂ p = Σ_g [β_c,g Σₜ r′ ∂h/∂p − (R_c,g / H_c,g) ∂H_c,g/∂p]   (p an adstock or saturation
 *         parameter, ∂h/∂θ = h′(a) ∂a/∂θ: β_c,g ∝ 1/H_c,g, as nationally),
 *   ∂η_c,g = τ_c q_c,g,   ∂ log τ_c = τ_c Σ_g η_c,g q_c,g,   q_c,g = R_c,g − π_c,g Σ_g′ R_c,g′,
 * and the sum-zero coordinates get Vᵀ ∂η (sumToZero.ts).
 */
import { adstockSeries, type ChannelWorkspace } from './channelWorkspace';
import type { GeoMmmDesign } from './geoDesign';
import type { GeoParameterLayout } from './geoLayout';
import { accumulateGeoLiftTests, impliedGeoLifts, type GeoLiftContext } from './geoLiftTests';
import { createAdstockKernel, saturationKernelOf } from './kernels';
import { createLiftWorkspace } from './liftWindow';
import { accumulateGeoMediaSums, type GeoMediaSums } from './geoMediaSums';
import { blockLogLikelihood, observationNoise } from './observationNoise';
import { constrainCoordinates } from './parametrisation';
import { addSumToZeroGradient, sumToZeroValues } from './sumToZero';
import type { ModelSpec } from './spec';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** What `evaluate` leaves behind for `constrain`: views into the evaluator's own buffers. */
export interface GeoEvaluation {
  /** Constrained coordinate values (levels as sampled: m_g). */
  readonly values: Float64Array;
  /** b_g. */
  readonly intercepts: Float64Array;
  /** ROI_c,g at [c·G + g]. */
  readonly geoRoi: Float64Array;
  /** β_c,g at [c·G + g]. */
  readonly coefficients: Float64Array;
  /** log λ_g. */
  readonly logAmplitudes: Float64Array;
  /** H_c,g = Σₜ h_c,g,t at [c·G + g] (training weeks). */
  readonly saturatedTotals: Float64Array;
}

export interface GeoEvaluator {
  logDensityAndGradient(position: Float64Array, gradient: Float64Array): number;
  /** The forward pass at `position` (no gradient); valid until the next call. */
  evaluate(position: Float64Array): GeoEvaluation;
  /** Model-implied lift of each experiment (KPI units) at `position`. */
  liftPredictions(position: Float64Array): Float64Array;
}

export function createGeoEvaluator(
  spec: ModelSpec,
  design: GeoMmmDesign,
  layout: GeoParameterLayout,
): GeoEvaluator {
  const weeks = design.trainingWeeks;
  const allWeeks = design.weeks;
  const geos = design.geoNames.length;
  const cells = geos * weeks;
  const channels = design.channelNames.length;
  const maxLag = spec.maxLag;
  const adstockCount = layout.adstockNames.length;
  const saturationCount = layout.saturationNames.length;
  const parameterCount = adstockCount + saturationCount;
  const adstock = createAdstockKernel(spec.adstock, maxLag);
  const saturation = saturationKernelOf(spec.saturation);
  const noise = observationNoise(spec);
  const sigmaGradient = new Float64Array(1);
  const weights = design.weights;

  const values = new Float64Array(layout.dimension);
  const derivatives = new Float64Array(layout.dimension);
  const priorGradient = new Float64Array(layout.dimension);
  const scratch = new Float64Array(1);
  const adstockParameters = new Float64Array(adstockCount);
  const saturationParameters = new Float64Array(channels * saturationCount);
  // Per channel: lag weights (shared by its geos) and G·T_train series blocks, geo-major.
  const lagWeights = design.channelNames.map(() => new Float64Array(maxLag));
  const lagWeightDerivatives = design.channelNames.map(
    () => new Float64Array(adstockCount * maxLag),
  );
  const adstocked = design.channelNames.map(() => new Float64Array(cells));
  const adstockDerivatives = design.channelNames.map(() => new Float64Array(adstockCount * cells));
  const saturated = design.channelNames.map(() => new Float64Array(cells));
  const slope = design.channelNames.map(() => new Float64Array(cells));
  const saturationDerivatives = design.channelNames.map(
    () => new Float64Array(saturationCount * cells),
  );
  // Views of channel c in geo g at [c·G + g], made once: the hot loop allocates nothing.
  const series: ChannelWorkspace[] = [];
  const spendViews: Float64Array[] = [];
  for (let c = 0; c < channels; c++) {
    for (let g = 0; g < geos; g++) {
      series.push({
        weights: lagWeights[c],
        weightDerivatives: lagWeightDerivatives[c],
        adstocked: adstocked[c].subarray(g * weeks, (g + 1) * weeks),
        adstockDerivatives: adstockDerivatives[c].subarray(
          g * adstockCount * weeks,
          (g + 1) * adstockCount * weeks,
        ),
        saturated: saturated[c].subarray(g * weeks, (g + 1) * weeks),
        slope: slope[c].subarray(g * weeks, (g + 1) * weeks),
        saturationDerivatives: saturationDerivatives[c].subarray(
          g * saturationCount * weeks,
          (g + 1) * saturationCount * weeks,
        ),
      });
      spendViews.push(design.scaledSpend[c].subarray(g * allWeeks, (g + 1) * allWeeks));
    }
  }
  const saturationViews = design.channelNames.map((_, c) =>
    saturationParameters.subarray(c * saturationCount, (c + 1) * saturationCount),
  );

  const deviations = new Float64Array(channels * geos); // η_c,g
  const shares = new Float64Array(channels * geos); // π_c,g
  const geoRoi = new Float64Array(channels * geos);
  const saturatedTotals = new Float64Array(channels * geos);
  const coefficients = new Float64Array(channels * geos);
  const deviationGradient = new Float64Array(geos);
  const coefficientGradient = new Float64Array(channels * geos);
  const parameterGradient = new Float64Array(channels * geos * parameterCount);
  const totalDerivatives = new Float64Array(channels * geos * parameterCount);
  const amplitudes = new Float64Array(geos).fill(1);
  const logAmplitudes = new Float64Array(geos);
  const amplitudeGradient = new Float64Array(geos);
  const intercepts = new Float64Array(geos);
  const interceptGradient = new Float64Array(geos);
  const seasonal = new Float64Array(weeks);
  const seasonalResidual = new Float64Array(weeks);
  const mean = new Float64Array(cells);
  const residual = new Float64Array(cells);
  const lifts = new Float64Array(design.experiments.length);
  const liftContext: GeoLiftContext = {
    design,
    maxLag,
    adstockCount,
    saturationCount,
    saturation,
    series,
    spend: spendViews,
    coefficients,
    saturationParameters: (c) => saturationViews[c],
  };
  const liftWorkspace = createLiftWorkspace(design.experiments, liftContext);
  const mediaSums: GeoMediaSums = {
    series,
    residual,
    coefficients,
    geos,
    weeks,
    adstockCount,
    saturationCount,
    coefficientGradient,
    parameterGradient,
    totalDerivatives,
  };

  /** Adstock, saturation, geo ROIs and β of every channel and geo from `values`; false when not finite. */
  function media(): boolean {
    for (let c = 0; c < channels; c++) {
      const base = layout.channelStart + c * layout.channelStride;
      for (let j = 0; j < adstockCount; j++) adstockParameters[j] = values[base + 1 + j];
      const saturationOf = saturationViews[c];
      for (let q = 0; q < saturationCount; q++)
        saturationOf[q] = values[base + 1 + adstockCount + q];
      adstock.weights(adstockParameters, maxLag, lagWeights[c], lagWeightDerivatives[c]);
      for (let g = 0; g < geos; g++) {
        const k = c * geos + g;
        const w = series[k];
        adstockSeries(adstock, adstockParameters, maxLag, spendViews[k], weeks, w);
        saturation.apply(
          w.adstocked,
          weeks,
          saturationOf,
          w.saturated,
          w.slope,
          w.saturationDerivatives,
          weeks,
        );
        let total = 0;
        const h = w.saturated;
        for (let t = 0; t < weeks; t++) total += h[t];
        saturatedTotals[k] = total;
      }
      // ROI_c,g = ROI_c X_c e_c,g / Σ X e, with η the sum-zero deviations.
      const spread = values[base + layout.spreadOffset];
      sumToZeroValues(values, base + layout.spreadOffset + 1, deviations, c * geos, geos);
      let weighted = 0;
      for (let g = 0; g < geos; g++) {
        const k = c * geos + g;
        const e = Math.exp(spread * deviations[k]);
        shares[k] = design.geoSpendTotal[k] * e;
        geoRoi[k] = e;
        weighted += shares[k];
      }
      const roi = (values[base] * design.spendTotal[c]) / weighted;
      for (let g = 0; g < geos; g++) {
        const k = c * geos + g;
        shares[k] /= weighted;
        geoRoi[k] *= roi;
        const spend = design.geoSpendTotal[k];
        const beta =
          spend > 0 ? (geoRoi[k] * spend) / (design.kpiScale * weights[g] * saturatedTotals[k]) : 0;
        if (!Number.isFinite(beta)) return false;
        coefficients[k] = beta;
      }
    }
    return true;
  }

  /** f_g,t (everything but the intercept) into `mean`; b_g into `intercepts`; μ into `mean`. */
  function meanStructure(): void {
    const trend = layout.trend >= 0 ? values[layout.trend] : 0;
    seasonal.fill(0);
    for (let k = 0; k < layout.seasonalityCount; k++) {
      const coefficient = values[layout.seasonality + k];
      const feature = design.seasonality[k];
      for (let t = 0; t < weeks; t++) seasonal[t] += coefficient * feature[t];
    }
    if (layout.amplitudes >= 0) {
      sumToZeroValues(values, layout.amplitudes, logAmplitudes, 0, geos);
      for (let g = 0; g < geos; g++) amplitudes[g] = Math.exp(logAmplitudes[g]);
    }
    for (let g = 0; g < geos; g++) {
      const amplitude = amplitudes[g];
      const row = g * weeks;
      for (let t = 0; t < weeks; t++)
        mean[row + t] = trend * design.trend[t] + amplitude * seasonal[t];
    }
    for (let j = 0; j < layout.controlCount; j++) {
      const coefficient = values[layout.controls + j];
      const feature = design.scaledControls[j];
      for (let g = 0; g < geos; g++) {
        const row = g * weeks;
        const source = g * allWeeks;
        for (let t = 0; t < weeks; t++) mean[row + t] += coefficient * feature[source + t];
      }
    }
    for (let c = 0; c < channels; c++) {
      const h = saturated[c];
      for (let g = 0; g < geos; g++) {
        const beta = coefficients[c * geos + g];
        const row = g * weeks;
        for (let t = 0; t < weeks; t++) mean[row + t] += beta * h[row + t];
      }
    }
    for (let g = 0; g < geos; g++) {
      const row = g * weeks;
      let shift = 0;
      for (let t = 0; t < weeks; t++) shift += mean[row + t];
      const intercept = values[layout.levels + g] - shift / weeks;
      intercepts[g] = intercept;
      for (let t = 0; t < weeks; t++) mean[row + t] += intercept;
    }
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
    if (!Number.isFinite(logDensity) || !media()) return -Infinity;
    meanStructure();

    // b_g ~ Normal(b̄, τ_b).
    const interceptMean = values[layout.interceptMean];
    const spreadB = values[layout.interceptSpread];
    const precisionB = 1 / (spreadB * spreadB);
    let interceptMeanGradient = 0;
    let interceptSpreadGradient = 0;
    for (let g = 0; g < geos; g++) {
      const d = intercepts[g] - interceptMean;
      logDensity += -0.5 * d * d * precisionB - Math.log(spreadB) - HALF_LOG_TWO_PI;
      interceptGradient[g] = -d * precisionB;
      interceptMeanGradient += d * precisionB;
      interceptSpreadGradient += -1 + d * d * precisionB; // ∂/∂ log τ_b
    }

    // Likelihood, geo by geo: residual ← ∂ℓ/∂μ.
    const sigma = values[layout.noise];
    sigmaGradient[0] = 0;
    for (let g = 0; g < geos; g++)
      logDensity += blockLogLikelihood(
        noise,
        design.scaledKpi,
        g * allWeeks,
        mean,
        g * weeks,
        weeks,
        sigma,
        residual,
        sigmaGradient,
      );

    gradient.set(priorGradient);
    // Levels, then r′ = r − G_g / T_train for every covariate (b_g = m_g − mean f_g).
    for (let g = 0; g < geos; g++) {
      const row = g * weeks;
      let sum = 0;
      for (let t = 0; t < weeks; t++) sum += residual[row + t];
      const levelGradient = sum + interceptGradient[g];
      gradient[layout.levels + g] += levelGradient;
      const shift = levelGradient / weeks;
      for (let t = 0; t < weeks; t++) residual[row + t] -= shift;
    }
    gradient[layout.interceptMean] += interceptMeanGradient;
    gradient[layout.interceptSpread] += interceptSpreadGradient;
    gradient[layout.noise] += sigmaGradient[0] * derivatives[layout.noise];
    baselineGradient(gradient);

    // Media: g^β, Σ r′ ∂h/∂p (at fixed β) and ∂H/∂p per channel and geo.
    for (let c = 0; c < channels; c++) accumulateGeoMediaSums(mediaSums, c);
    if (design.experiments.length > 0)
      logDensity += accumulateGeoLiftTests(
        liftContext,
        liftWorkspace,
        lifts,
        coefficientGradient,
        parameterGradient,
      );
    for (let c = 0; c < channels; c++) channelGradient(c, gradient);
    return Number.isFinite(logDensity) ? logDensity : -Infinity;
  }

  /** Trend, seasonality (shared γ and per-geo amplitudes) and controls, from r′ in `residual`. */
  function baselineGradient(gradient: Float64Array): void {
    if (layout.trend >= 0) {
      let sum = 0;
      for (let g = 0; g < geos; g++) {
        const row = g * weeks;
        for (let t = 0; t < weeks; t++) sum += residual[row + t] * design.trend[t];
      }
      gradient[layout.trend] += sum;
    }
    if (layout.seasonalityCount > 0) {
      seasonalResidual.fill(0);
      for (let g = 0; g < geos; g++) {
        const row = g * weeks;
        const amplitude = amplitudes[g];
        let sum = 0;
        for (let t = 0; t < weeks; t++) {
          seasonalResidual[t] += amplitude * residual[row + t];
          sum += residual[row + t] * seasonal[t];
        }
        amplitudeGradient[g] = amplitude * sum;
      }
      if (layout.amplitudes >= 0)
        addSumToZeroGradient(amplitudeGradient, 0, gradient, layout.amplitudes, geos);
      for (let k = 0; k < layout.seasonalityCount; k++) {
        const feature = design.seasonality[k];
        let sum = 0;
        for (let t = 0; t < weeks; t++) sum += seasonalResidual[t] * feature[t];
        gradient[layout.seasonality + k] += sum;
      }
    }
    for (let j = 0; j < layout.controlCount; j++) {
      const feature = design.scaledControls[j];
      let sum = 0;
      for (let g = 0; g < geos; g++) {
        const row = g * weeks;
        const source = g * allWeeks;
        for (let t = 0; t < weeks; t++) sum += residual[row + t] * feature[source + t];
      }
      gradient[layout.controls + j] += sum;
    }
  }

  /** The chain rule through β_c,g = ROI_c,g X_c,g / (ȳ w_g H_c,g) into channel c's coordinates. */
  function channelGradient(c: number, gradient: Float64Array): void {
    const base = layout.channelStart + c * layout.channelStride;
    let total = 0;
    for (let g = 0; g < geos; g++)
      total += coefficientGradient[c * geos + g] * coefficients[c * geos + g];
    gradient[base] += total; // ∂/∂ log ROI_c (every β_c,g ∝ ROI_c)
    for (let p = 0; p < parameterCount; p++) {
      let sum = 0;
      for (let g = 0; g < geos; g++) {
        const k = c * geos + g;
        if (coefficients[k] === 0) continue;
        const offset = k * parameterCount + p;
        const response = coefficientGradient[k] * coefficients[k];
        sum +=
          parameterGradient[offset] - (response / saturatedTotals[k]) * totalDerivatives[offset];
      }
      gradient[base + 1 + p] += sum * derivatives[base + 1 + p];
    }
    const spread = values[base + layout.spreadOffset];
    let spreadGradient = 0;
    for (let g = 0; g < geos; g++) {
      const k = c * geos + g;
      const q = coefficientGradient[k] * coefficients[k] - shares[k] * total;
      deviationGradient[g] = spread * q;
      spreadGradient += deviations[k] * q;
    }
    gradient[base + layout.spreadOffset] += spread * spreadGradient;
    addSumToZeroGradient(deviationGradient, 0, gradient, base + layout.spreadOffset + 1, geos);
  }

  function evaluate(position: Float64Array): GeoEvaluation {
    constrainCoordinates(layout, position, values, derivatives, priorGradient, scratch);
    if (!media()) throw new Error('geo model: the media response is not finite at this position');
    meanStructure();
    return { values, intercepts, geoRoi, coefficients, saturatedTotals, logAmplitudes };
  }

  function liftPredictions(position: Float64Array): Float64Array {
    evaluate(position);
    return impliedGeoLifts(liftContext, liftWorkspace, new Float64Array(design.experiments.length));
  }

  return { logDensityAndGradient, evaluate, liftPredictions };
}
