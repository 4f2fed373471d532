import type { Rng } from '../../models/random/rng';
import type { ChannelProfile } from './channels';
import { dayOfYear } from './calendar';

/**
 * A channel's typical cost per thousand impressions on a day: auction prices rise into Q4.
 *
 *   CPM̄_c(d) = CPM_c · (1 + 0.12 cos(2π (doy(d) − 330)/365.25)).
 */
export function seasonalCostPerThousand(profile: ChannelProfile, day: number): number {
  return (
    profile.costPerThousand * (1 + 0.12 * Math.cos((2 * Math.PI * (dayOfYear(day) - 330)) / 365.25))
  );
}

/**
 * Delivery metrics of one geo-day's spend, as an ad platform reports them.
 *
 *   impressions = round(1000 · spend / (CPM̄ · e^{0.1 z₁})),   clicks = round(impressions · CTR · e^{0.15 z₂}),
 *
 * z₁, z₂ ~ Normal(0, 1) (always drawn, so the stream does not depend on which days are dark); both
 * are 0 when spend is 0. Off-line channels (CTR 0: tv, audio) report no clicks.
 * Example: spend 24.00 at CPM̄ 24 with z₁ = 0 gives 1000 impressions.
 */
export function deliveryMetrics(
  spend: number,
  costPerThousand: number,
  clickThroughRate: number,
  rng: Rng,
): { impressions: number; clicks: number } {
  const priceNoise = rng.normal();
  const clickNoise = rng.normal();
  if (spend === 0) return { impressions: 0, clicks: 0 };
  const impressions = Math.round((1000 * spend) / (costPerThousand * Math.exp(0.1 * priceNoise)));
  const clicks = Math.round(impressions * clickThroughRate * Math.exp(0.15 * clickNoise));
  return { impressions, clicks };
}
