/**
 * Unconstrained coordinates of the geo model, and why they are these (README "The geo model").
 *
 * Order: the G geo levels m_g, the intercepts' mean b̄ and log spread log τ_b, [trend δ], the
 * seasonality γ (2·order), [G − 1 coordinates of the log seasonal amplitudes log λ_g (sum zero)],
 * the controls ζ, then per channel [log ROI_c, adstock, saturation (as nationally:
 * channelCoordinates), log τ_c, G − 1 coordinates of the deviations η_c,g (sum zero)], last log σ.
 *
 * - Levels, centred: m_g = mean over training weeks of μ_g,t is what each geo's 100+ weeks pin
 *   down (to ≈ σ/√T); the intercept b_g = m_g − shift_g (shift_g = the mean of everything else in
 *   μ_g) trades off against every covariate, so sampling m_g instead removes those valleys (the
 *   national model's shear, per geo; unit Jacobian). Its prior is the hierarchy
 *   b_g ~ Normal(b̄, τ_b), evaluated in the log density once b_g is known. Centred, not
 *   non-centred, because the data dominate each geo's baseline: a non-centred b_g = b̄ + τ_b ξ_g
 *   would tie every ξ_g to τ_b, the funnel non-centring exists to avoid when data are weak.
 * - Per-geo ROI, as the national model's ROI per geo: ROI_c,g = ROI_c · X_c e_c,g / Σ_g′ X_c,g′ e_c,g′
 *   with e_c,g = exp(τ_c η_c,g), and β_c,g = ROI_c,g X_c,g / (ȳ w_g H_c,g). A geo's total
 *   contribution ROI_c,g·X_c,g is then one function of (ROI_c, τ_c, η_c) that adstock and saturation
 *   do not move (the β–K–S ridge removed in every geo, parametrisation.ts), the national ROI
 *   Σ_g ROI_c,g X_c,g / X_c is exactly the coordinate ROI_c (its prior is the national model's), and
 *   each geo's mean media contribution, hence b_g = m_g − shift_g and the intercept hierarchy, no
 *   longer depends on adstock and saturation. (With the deviation on β instead, the hierarchy on b_g
 *   tied every geo's b_g to its channels' K and S: NUTS needed trees of depth 6.5–7 on 20 × 104 × 5.)
 * - Deviations, non-centred: η_c,g ~ Normal(0, 1). One geo's series identifies its media effects
 *   loosely (the national model's ROI errors are tens of percent on 156 weeks), so geo effects are
 *   prior-dominated, where the centred form log ROI_c,g ~ Normal(log ROI_c, τ_c) funnels as τ_c → 0.
 * - Sum-zero deviations (sumToZero.ts): a common shift of a channel's η changes no ROI_c,g (the
 *   normalisation absorbs it), so only the G − 1 contrasts are sampled, with the isometric map that
 *   keeps their prior Normal(0, 1); likewise the log amplitudes, whose mean the shared γ absorbs.
 */
import type { Coordinate, CoordinateTransform } from './parametrisation';
import { channelCoordinates, seasonalityCoordinates } from './parametrisation';
import { ADSTOCK_PARAMETERS, SATURATION_PARAMETERS } from './resolveModelSpec';
import type { GeoSpec } from './geoTypes';
import type { GeoMmmDesign } from './geoDesign';
import type { ModelSpec } from './spec';

export interface GeoParameterLayout {
  readonly dimension: number;
  readonly coordinates: readonly Coordinate[];
  readonly geoCount: number;
  /** Index of geo g's level: levels + g. */
  readonly levels: number;
  readonly interceptMean: number;
  readonly interceptSpread: number;
  /** −1 without a trend. */
  readonly trend: number;
  readonly seasonality: number;
  readonly seasonalityCount: number;
  /** First of the G − 1 sum-zero coordinates of the log seasonal amplitudes; −1 when shared. */
  readonly amplitudes: number;
  readonly controls: number;
  readonly controlCount: number;
  /**
   * Channel c starts at channelStart + c·channelStride: log ROI, adstock, saturation, log τ, then
   * the G − 1 sum-zero coordinates of its deviations η.
   */
  readonly channelStart: number;
  readonly channelStride: number;
  readonly adstockNames: readonly string[];
  readonly saturationNames: readonly string[];
  /** Offset of log τ_c within a channel's block (the deviations' coordinates follow at +1 + k). */
  readonly spreadOffset: number;
  readonly noise: number;
}

export function buildGeoLayout(
  spec: ModelSpec,
  geoSpec: GeoSpec,
  design: GeoMmmDesign,
): GeoParameterLayout {
  if (spec.parametrisation !== 'roi')
    throw new Error(
      `model spec: the geo model samples each channel's ROI; parametrisation '${spec.parametrisation}' is for the national model only`,
    );
  const identity: CoordinateTransform = { kind: 'identity' };
  const log: CoordinateTransform = { kind: 'log' };
  const coordinates: Coordinate[] = [];
  const geos = design.geoNames;
  const levels = coordinates.length;
  for (const geo of geos)
    coordinates.push({
      name: `geo[${geo}].level`,
      transform: identity,
      prior: spec.priors.intercept,
      deferredPrior: true,
    });
  const interceptMean = coordinates.length;
  coordinates.push({ name: 'intercept.mean', transform: identity, prior: spec.priors.intercept });
  const interceptSpread = coordinates.length;
  coordinates.push({
    name: 'intercept.spread',
    transform: log,
    prior: geoSpec.priors.interceptSpread,
  });
  const trend = spec.trend ? coordinates.length : -1;
  if (spec.trend)
    coordinates.push({ name: 'trend', transform: identity, prior: spec.priors.trend });
  const seasonality = coordinates.length;
  coordinates.push(...seasonalityCoordinates(spec));
  const amplitudes = geoSpec.seasonalityByGeo && spec.fourierOrder > 0 ? coordinates.length : -1;
  if (amplitudes >= 0)
    for (let k = 1; k < geos.length; k++)
      coordinates.push({
        name: `seasonality.geoAmplitude[${k}]`,
        transform: identity,
        prior: geoSpec.priors.seasonalityAmplitude,
      });
  const controls = coordinates.length;
  for (const name of design.controlNames)
    coordinates.push({ name: `control.${name}`, transform: identity, prior: spec.priors.controls });
  const channelStart = coordinates.length;
  const adstockNames = ADSTOCK_PARAMETERS[spec.adstock];
  const saturationNames = SATURATION_PARAMETERS[spec.saturation];
  const spreadOffset = 1 + adstockNames.length + saturationNames.length;
  const deviationPrior = { distribution: 'normal', mean: 0, sd: 1 } as const;
  for (const channel of design.channelNames) {
    coordinates.push(...channelCoordinates(spec, channel));
    coordinates.push({
      name: `${channel}.geo.spread`,
      transform: log,
      prior: geoSpec.priors.channelSpread,
    });
    for (let k = 1; k < geos.length; k++)
      coordinates.push({
        name: `${channel}.geo.deviation[${k}]`,
        transform: identity,
        prior: deviationPrior,
      });
  }
  const noise = coordinates.length;
  coordinates.push({ name: 'noise', transform: log, prior: spec.priors.noise });
  return {
    dimension: coordinates.length,
    coordinates,
    geoCount: geos.length,
    levels,
    interceptMean,
    interceptSpread,
    trend,
    seasonality,
    seasonalityCount: 2 * spec.fourierOrder,
    amplitudes,
    controls,
    controlCount: design.controlNames.length,
    channelStart,
    channelStride: spreadOffset + geos.length,
    adstockNames,
    saturationNames,
    spreadOffset,
    noise,
  };
}
