/**
 * The media channels of the sample data: how each is bought (its flighting pattern, weekly level,
 * weekday profile, CPM and CTR) and its true response (adstock decay α, Hill half-saturation K and
 * shape S, and the target return on investment that fixes β).
 *
 * The first seven are the bundled sample's channels; the benchmark data sets take the first N.
 * Parameter ranges follow the brief: α ∈ [0.1, 0.8], K ∈ [0.2, 0.8], S ∈ [0.8, 3], ROI ≈ 0.5–6,
 * each distinct so a recovery test can tell the channels apart.
 */
export type FlightingPattern = 'always-on' | 'burst' | 'trending';

export interface ChannelProfile {
  readonly name: string;
  readonly pattern: FlightingPattern;
  /** Typical national weekly spend (currency) while the channel is on. */
  readonly weeklyLevel: number;
  /** Log growth of spend per year (trending and always-on channels). */
  readonly growthPerYear: number;
  /** Weeks on air per flight and weeks dark between flights (burst channels), inclusive ranges. */
  readonly flightWeeks: readonly [number, number];
  readonly gapWeeks: readonly [number, number];
  /** Relative spend Monday … Sunday (normalised when used). */
  readonly weekdayProfile: readonly number[];
  /** Cost per thousand impressions (currency) and click-through rate (clicks per impression). */
  readonly costPerThousand: number;
  readonly clickThroughRate: number;
  /** True response: α, K, S and the target ROI (Σ contribution / Σ spend, KPI units per currency). */
  readonly adstockDecay: number;
  readonly halfSaturation: number;
  readonly shape: number;
  readonly roi: number;
}

const flat = [1, 1, 1, 1, 1, 1, 1] as const;
const workweek = [1.15, 1.12, 1.1, 1.05, 0.95, 0.8, 0.83] as const;
const weekend = [0.9, 0.9, 0.92, 0.95, 1.05, 1.15, 1.13] as const;
const evenings = [0.95, 0.95, 0.97, 1.0, 1.05, 1.1, 0.98] as const;

export const channelProfiles: readonly ChannelProfile[] = [
  {
    name: 'tv',
    pattern: 'burst',
    weeklyLevel: 90_000,
    growthPerYear: 0,
    flightWeeks: [4, 8],
    gapWeeks: [2, 6],
    weekdayProfile: weekend,
    costPerThousand: 24,
    clickThroughRate: 0,
    adstockDecay: 0.7,
    halfSaturation: 0.5,
    shape: 2.0,
    roi: 1.8,
  },
  {
    name: 'search',
    pattern: 'always-on',
    weeklyLevel: 45_000,
    growthPerYear: 0.06,
    flightWeeks: [1, 1],
    gapWeeks: [0, 0],
    weekdayProfile: workweek,
    costPerThousand: 38,
    clickThroughRate: 0.045,
    adstockDecay: 0.15,
    halfSaturation: 0.6,
    shape: 1.0,
    roi: 4.2,
  },
  {
    name: 'social',
    pattern: 'trending',
    weeklyLevel: 28_000,
    growthPerYear: 0.22,
    flightWeeks: [1, 1],
    gapWeeks: [0, 0],
    weekdayProfile: weekend,
    costPerThousand: 7.5,
    clickThroughRate: 0.009,
    adstockDecay: 0.35,
    halfSaturation: 0.4,
    shape: 1.4,
    roi: 2.4,
  },
  {
    name: 'display',
    pattern: 'trending',
    weeklyLevel: 30_000,
    growthPerYear: -0.12,
    flightWeeks: [1, 1],
    gapWeeks: [0, 0],
    weekdayProfile: workweek,
    costPerThousand: 2.8,
    clickThroughRate: 0.0012,
    adstockDecay: 0.25,
    halfSaturation: 0.5,
    shape: 1.0,
    roi: 0.7,
  },
  {
    name: 'video',
    pattern: 'burst',
    weeklyLevel: 30_000,
    growthPerYear: 0,
    flightWeeks: [3, 6],
    gapWeeks: [2, 5],
    weekdayProfile: evenings,
    costPerThousand: 14,
    clickThroughRate: 0.002,
    adstockDecay: 0.55,
    halfSaturation: 0.45,
    shape: 2.5,
    roi: 1.3,
  },
  {
    name: 'audio',
    pattern: 'burst',
    weeklyLevel: 20_000,
    growthPerYear: 0,
    flightWeeks: [2, 5],
    gapWeeks: [3, 8],
    weekdayProfile: workweek,
    costPerThousand: 9,
    clickThroughRate: 0,
    adstockDecay: 0.45,
    halfSaturation: 0.35,
    shape: 1.8,
    roi: 1.0,
  },
  {
    name: 'affiliate',
    pattern: 'always-on',
    weeklyLevel: 9_000,
    growthPerYear: 0.1,
    flightWeeks: [1, 1],
    gapWeeks: [0, 0],
    weekdayProfile: flat,
    costPerThousand: 18,
    clickThroughRate: 0.02,
    adstockDecay: 0.1,
    halfSaturation: 0.7,
    shape: 1.2,
    roi: 5.6,
  },
  {
    name: 'ooh',
    pattern: 'burst',
    weeklyLevel: 25_000,
    growthPerYear: 0,
    flightWeeks: [2, 4],
    gapWeeks: [4, 10],
    weekdayProfile: flat,
    costPerThousand: 5,
    clickThroughRate: 0,
    adstockDecay: 0.6,
    halfSaturation: 0.55,
    shape: 2.2,
    roi: 0.9,
  },
  {
    name: 'podcast',
    pattern: 'burst',
    weeklyLevel: 8_000,
    growthPerYear: 0,
    flightWeeks: [4, 10],
    gapWeeks: [2, 6],
    weekdayProfile: workweek,
    costPerThousand: 20,
    clickThroughRate: 0,
    adstockDecay: 0.5,
    halfSaturation: 0.25,
    shape: 1.6,
    roi: 2.9,
  },
  {
    name: 'retail_media',
    pattern: 'trending',
    weeklyLevel: 15_000,
    growthPerYear: 0.3,
    flightWeeks: [1, 1],
    gapWeeks: [0, 0],
    weekdayProfile: evenings,
    costPerThousand: 6,
    clickThroughRate: 0.006,
    adstockDecay: 0.2,
    halfSaturation: 0.5,
    shape: 1.1,
    roi: 3.5,
  },
];

/**
 * The first `count` profiles; past the ten defined ones, copies named `name_2`, `name_3`, … with
 * the same buying pattern (their truths stay distinct because their spend paths differ).
 */
export function selectChannels(count: number): ChannelProfile[] {
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`channel count ${count} is not a positive integer`);
  return Array.from({ length: count }, (_, index) => {
    const base = channelProfiles[index % channelProfiles.length];
    const round = Math.floor(index / channelProfiles.length);
    return round === 0 ? base : { ...base, name: `${base.name}_${round + 1}` };
  });
}

/** Profiles by name, throwing for an unknown one. */
export function channelsByName(names: readonly string[]): ChannelProfile[] {
  return names.map((name) => {
    const profile = channelProfiles.find((candidate) => candidate.name === name);
    if (!profile) {
      throw new Error(
        `unknown channel "${name}" (known: ${channelProfiles.map((channel) => channel.name).join(', ')})`,
      );
    }
    return profile;
  });
}
