/**
 * The geo model's forward pass over all weeks (training and holdout) in KPI units, from named
 * parameters, written plainly (a direct lag loop per geo, no derivatives) so it is also the
 * reference the fast log density is tested against:
 *
 *   contribution_c,g,t = ȳ w_g β_c,g h(Σₗ wₗ x_c,g,t−ℓ / (w_g s_c))
 *   baseline_g,t       = ȳ w_g (b_g + δ τₜ + λ_g Σₖ γₖ sₖ,ₜ + Σⱼ ζⱼ z̃ⱼ,g,t)
 *
 * National components are the sums over geos. A national scenario spend X′_c,t (what the planner and
 * the posterior views pass) is allocated to geos as the data split that channel's spend:
 *
 *   x′_c,g,t = X′_c,t · x_c,g,t / X_c,t   in a week t < T where the channel spent (X_c,t > 0),
 *   x′_c,g,t = X′_c,t · X_c,g / X_c       otherwise (dark weeks, weeks past the data),
 *
 * so the data's own national spend gives back exactly the fitted geo spend, and scaling every week
 * by m scales every geo by m (response curves, marginal ROI).
 */
import { addScaledTotals, mediaResponse } from './components';
import { createComponentsScratch, type ComponentsScratch } from './componentsScratch';
import type { GeoMmmDesign } from './geoDesign';
import type { GeoMmmParameters } from './geoTypes';
import type { ModelSpec } from './spec';
import type { MmmComponents } from './types';

export interface GeoComponents {
  /** Σ over geos, KPI units; channels at the length of the spend given. */
  readonly national: MmmComponents;
  /** contribution_c,g summed over the training weeks (KPI units) at [c·G + g]. */
  readonly channelTotals: Float64Array;
}

/** x′ per channel (G·n, geo-major) from national weekly spend per channel (length n each). */
export function allocateNationalSpend(
  design: GeoMmmDesign,
  nationalSpend: readonly Float64Array[],
): Float64Array[] {
  const geos = design.geoNames.length;
  const weeks = design.weeks;
  return nationalSpend.map((series, c) => {
    const n = series.length;
    const out = new Float64Array(geos * n);
    const data = design.spend[c];
    for (let t = 0; t < n; t++) {
      let week = 0;
      if (t < weeks) for (let g = 0; g < geos; g++) week += data[g * weeks + t];
      for (let g = 0; g < geos; g++) {
        const share =
          week > 0
            ? data[g * weeks + t] / week
            : design.geoSpendTotal[c * geos + g] / design.spendTotal[c];
        out[g * n + t] = series[t] * share;
      }
    }
    return out;
  });
}

/** Components in KPI units; `geoSpend[c]` (G·n) replaces the data's spend (n may differ from T). */
export function computeGeoComponents(
  spec: ModelSpec,
  design: GeoMmmDesign,
  parameters: GeoMmmParameters,
  geoSpend: readonly Float64Array[] = design.spend,
): GeoComponents {
  const { weeks, trainingWeeks, kpiScale, weights } = design;
  const geos = design.geoNames.length;
  const { geo } = parameters;
  const intercept = new Float64Array(weeks);
  const trend = new Float64Array(weeks);
  const seasonality = new Float64Array(weeks);
  const controls = new Float64Array(weeks);
  for (let g = 0; g < geos; g++) {
    const scale = kpiScale * weights[g];
    for (let t = 0; t < weeks; t++) {
      intercept[t] += scale * geo.intercepts[g];
      trend[t] += scale * parameters.trend * design.trend[t];
      let s = 0;
      for (let k = 0; k < design.seasonality.length; k++)
        s += parameters.seasonality[k] * design.seasonality[k][t];
      seasonality[t] += scale * geo.seasonalityAmplitudes[g] * s;
      let z = 0;
      for (let j = 0; j < design.scaledControls.length; j++)
        z += parameters.controls[j] * design.scaledControls[j][g * weeks + t];
      controls[t] += scale * z;
    }
  }
  const channelTotals = new Float64Array(parameters.channels.length * geos);
  const channels = parameters.channels.map((channel, c) => {
    const n = geoSpend[c].length / geos;
    const national = new Float64Array(n);
    for (let g = 0; g < geos; g++) {
      const contribution = mediaResponse(spec, channel, geoSpend[c].subarray(g * n, (g + 1) * n), {
        spendScale: weights[g] * design.spendScale[c],
        factor: kpiScale * weights[g] * geo.channels[c].coefficients[g],
      });
      let total = 0;
      for (let t = 0; t < n; t++) {
        national[t] += contribution[t];
        if (t < trainingWeeks) total += contribution[t];
      }
      channelTotals[c * geos + g] = total;
    }
    return national;
  });
  const mean = new Float64Array(weeks);
  for (let t = 0; t < weeks; t++) {
    let m = intercept[t] + trend[t] + seasonality[t] + controls[t];
    for (const contribution of channels) m += contribution[t];
    mean[t] = m;
  }
  return {
    national: { intercept, trend, seasonality, controls, channels, mean },
    channelTotals,
  };
}

/**
 * The national model's `scaledChannelTotals` for a geo model: per channel, Σ over geos and the
 * first `weeks` weeks of its contribution with every week's spend scaled by each multiplier (the
 * allocation above scales every geo alike), each geo's adstock computed once:
 *
 *   R_c(m) = Σ_g ȳ w_g β_c,g Σ_{t<weeks} h(m · Σₗ wₗ x_c,g,t−ℓ / (w_g s_c))
 */
export function scaledGeoChannelTotals(
  spec: ModelSpec,
  design: GeoMmmDesign,
  parameters: GeoMmmParameters,
  multipliers: Float64Array,
  weeks: number,
  scratch: ComponentsScratch = createComponentsScratch(spec, false),
): Float64Array[] {
  const geos = design.geoNames.length;
  const { kpiScale, weights } = design;
  const n = design.weeks;
  return parameters.channels.map((channel, c) => {
    const totals = new Float64Array(multipliers.length);
    for (let g = 0; g < geos; g++) {
      const coefficient = parameters.geo.channels[c].coefficients[g];
      addScaledTotals(
        spec,
        channel,
        design.spend[c].subarray(g * n, g * n + weeks),
        {
          spendScale: weights[g] * design.spendScale[c],
          factor: kpiScale * weights[g] * coefficient,
        },
        multipliers,
        weeks,
        totals,
        scratch,
      );
    }
    return totals;
  });
}

/**
 * The draw with each β_c,g = ROI_c,g X_c,g / (ȳ w_g H_c,g) recomputed from its geo ROIs, adstock
 * and saturation and the data's spend (H over the training weeks; 0 where the geo had no spend): a
 * draw read back from a report's table stores the ROIs, not the β.
 */
export function withGeoCoefficients(
  spec: ModelSpec,
  design: GeoMmmDesign,
  parameters: GeoMmmParameters,
): GeoMmmParameters {
  const geos = design.geoNames.length;
  const { weeks, trainingWeeks, kpiScale, weights } = design;
  const channels = parameters.geo.channels.map((geoChannel, c) => {
    const coefficients = new Float64Array(geos);
    for (let g = 0; g < geos; g++) {
      const spend = design.geoSpendTotal[c * geos + g];
      if (!(spend > 0)) continue;
      const response = mediaResponse(
        spec,
        parameters.channels[c],
        design.spend[c].subarray(g * weeks, g * weeks + trainingWeeks),
        { spendScale: weights[g] * design.spendScale[c], factor: 1 },
      );
      let saturated = 0;
      for (const value of response) saturated += value;
      coefficients[g] = (geoChannel.roi[g] * spend) / (kpiScale * weights[g] * saturated);
    }
    return { ...geoChannel, coefficients };
  });
  return { ...parameters, geo: { ...parameters.geo, channels } };
}
