/**
 * Fills the geo model's options with their defaults and checks them:
 *
 * - seasonalityByGeo false (one seasonal curve for every geo);
 * - τ_b ~ HalfNormal(0.5): geo intercepts (per-capita baselines relative to the mean) spread by
 *   tens of percent;
 * - τ_c ~ HalfNormal(0.5): a channel's geo effects β_c,g = β_c·exp(τ_c η_c,g) mostly within a factor
 *   ≈ 1.4 of the national value (prior median τ 0.34); Meridian's default for the same sd is
 *   HalfNormal(1), which lets geo ROIs differ by a factor e as a matter of course and, with the
 *   noisy per-geo series of real exports, mostly widens the geo intervals;
 * - log λ_g ~ Normal(0, 0.3): a geo's seasonal amplitude within ±35% of the shared curve.
 */
import { type Prior, priorProblem, priorSupport } from './distributions';
import type { GeoSpec, GeoSpecInput } from './geoTypes';

export const DEFAULT_GEO_PRIORS = {
  interceptSpread: { distribution: 'halfNormal', sd: 0.5 },
  channelSpread: { distribution: 'halfNormal', sd: 0.5 },
  seasonalityAmplitude: { distribution: 'normal', mean: 0, sd: 0.3 },
} as const satisfies GeoSpec['priors'];

function checked(prior: Prior, name: string, positive: boolean): Prior {
  const problem = priorProblem(prior);
  if (problem) throw new Error(`geo model spec: prior of ${name}: ${problem}`);
  const support = priorSupport(prior);
  if (positive ? support !== 'positive' : support !== 'real')
    throw new Error(
      `geo model spec: prior of ${name} is ${prior.distribution}, but it must be ${positive ? 'halfNormal, logNormal or gamma' : 'normal'}`,
    );
  return prior;
}

export function resolveGeoSpec(input: GeoSpecInput = {}): GeoSpec {
  const priors = { ...DEFAULT_GEO_PRIORS, ...input.priors };
  const seasonalityByGeo = input.seasonalityByGeo ?? false;
  if (typeof seasonalityByGeo !== 'boolean')
    throw new Error(`geo model spec: seasonalityByGeo must be true or false`);
  return {
    seasonalityByGeo,
    priors: {
      interceptSpread: checked(priors.interceptSpread, 'interceptSpread', true),
      channelSpread: checked(priors.channelSpread, 'channelSpread', true),
      seasonalityAmplitude: checked(priors.seasonalityAmplitude, 'seasonalityAmplitude', false),
    },
  };
}
