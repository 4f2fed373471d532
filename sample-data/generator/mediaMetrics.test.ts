import { describe, expect, it } from 'vitest';
import type { Rng } from '../../models/random/rng';
import { createRng } from '../../models/random/rng';
import { parseIsoDate } from './calendar';
import { channelProfiles } from './channels';
import { deliveryMetrics, seasonalCostPerThousand } from './mediaMetrics';

/** An Rng whose normal draws are all zero, to check the noiseless formula. */
const silent: Rng = {
  seed: 0,
  uniform: () => 0.5,
  normal: () => 0,
  int: () => 0,
  fork: () => silent,
};

describe('delivery metrics', () => {
  const tv = channelProfiles.find((profile) => profile.name === 'tv')!;
  const search = channelProfiles.find((profile) => profile.name === 'search')!;

  it('reproduces the documented example and the CPM seasonality', () => {
    expect(deliveryMetrics(24, 24, 0, silent)).toEqual({ impressions: 1000, clicks: 0 });
    expect(seasonalCostPerThousand(tv, parseIsoDate('2023-11-26'))).toBeCloseTo(24 * 1.12, 3);
    expect(seasonalCostPerThousand(tv, parseIsoDate('2023-05-28'))).toBeCloseTo(24 * 0.88, 2);
  });

  it('gives clicks ≈ impressions × CTR on average and nothing for zero spend', () => {
    const rng = createRng(8);
    let impressions = 0;
    let clicks = 0;
    for (let draw = 0; draw < 2000; draw++) {
      const result = deliveryMetrics(1000, 38, search.clickThroughRate, rng);
      impressions += result.impressions;
      clicks += result.clicks;
    }
    // E[e^{0.15 z}] = e^{0.01125}; 2000 draws put the ratio within about 1 %.
    expect(clicks / impressions / (search.clickThroughRate * Math.exp(0.01125))).toBeCloseTo(1, 1);
    // E[1/e^{0.1 z}] = e^{0.005}: mean impressions ≈ 1000·1000/38·e^{0.005}.
    expect(impressions / 2000 / ((1e6 / 38) * Math.exp(0.005))).toBeCloseTo(1, 1);
    expect(deliveryMetrics(0, 38, 0.05, rng)).toEqual({ impressions: 0, clicks: 0 });
  });
});
