import { describe, expect, it } from 'vitest';
import { channelOverridesOf, priorsFileOf, PriorsFileSchema, type PriorsFile } from './priorsFile';
import { createMmmTarget } from './target';
import { simulateMmmData } from '../testing/simulateMmmData';
import { priorsOfChannel } from './resolveModelSpec';

const kinds = { channels: ['tv', 'search'], adstock: 'geometric', saturation: 'hill' } as const;
const file = (channels: PriorsFile['channels']): PriorsFile => ({
  kind: 'mmm-priors',
  version: 1,
  channels,
});

describe('priors file', () => {
  it('turns ROI ranges and kernel priors into the spec overrides the engine uses', () => {
    const overrides = channelOverridesOf(
      file({
        tv: {
          roi: { median: 2, lower: 1, upper: 4 },
          adstock: { decay: { distribution: 'beta', alpha: 3, beta: 2 } },
        },
        search: { saturation: { shape: { distribution: 'gamma', shape: 2, rate: 2 } } },
      }),
      kinds,
    );
    expect(overrides.tv.roi).toMatchObject({ distribution: 'logNormal', mu: Math.log(2) });
    expect((overrides.tv.roi as { sigma: number }).sigma).toBeCloseTo(
      Math.log(4) / (2 * 1.6448536269514722),
      14,
    );
    // The target resolves them: tv's ROI prior replaces the media-share default, search keeps it.
    const { data } = simulateMmmData({ weeks: 40, channels: 2, seed: 1 });
    const target = createMmmTarget({
      spec: { channelOverrides: overrides },
      data: { ...data, channelNames: ['tv', 'search'] },
    });
    expect(priorsOfChannel(target.spec, 'tv').roi).toEqual(overrides.tv.roi);
    expect(priorsOfChannel(target.spec, 'tv').adstock.decay).toEqual({
      distribution: 'beta',
      alpha: 3,
      beta: 2,
    });
    expect(priorsOfChannel(target.spec, 'search').roi).toEqual(target.spec.channelPriors.roi);
    expect(priorsOfChannel(target.spec, 'search').saturation.shape).toMatchObject({ rate: 2 });
  });

  it('names the channel, group and parameter of every mistake', () => {
    const bad = (channels: PriorsFile['channels']) => () =>
      channelOverridesOf(file(channels), { ...kinds, where: 'priors.json' });
    expect(bad({ radio: {} })).toThrow(
      "priors.json: channels.radio: 'radio' is not a fitted channel (tv, search)",
    );
    expect(bad({ tv: { roi: { median: 2, lower: 3, upper: 5 } } })).toThrow(
      'priors.json: channels.tv.roi.lower: must be below the median 2',
    );
    expect(bad({ tv: { adstock: { peak: { distribution: 'beta', alpha: 1, beta: 1 } } } })).toThrow(
      "channels.tv.adstock.peak: geometric adstock has no parameter 'peak' (it has decay)",
    );
    expect(
      bad({ tv: { adstock: { decay: { distribution: 'gamma', shape: 1, rate: 1 } } } }),
    ).toThrow('channels.tv.adstock.decay: gamma does not fit this parameter: use beta');
    expect(
      bad({ tv: { saturation: { shape: { distribution: 'gamma', shape: -1, rate: 1 } } } }),
    ).toThrow('channels.tv.saturation.shape: gamma needs shape > 0 and rate > 0');
  });

  it('the schema refuses unknown fields; priorsFileOf drops empty entries', () => {
    expect(PriorsFileSchema.safeParse({ ...file({}), extra: 1 }).success).toBe(false);
    expect(
      PriorsFileSchema.safeParse(file({ tv: { roi: { median: 1, low: 0.5 } } } as never)).success,
    ).toBe(false);
    expect(
      priorsFileOf({ tv: { adstock: {} }, search: { roi: { median: 1, lower: 0.5, upper: 2 } } }),
    ).toEqual(file({ search: { roi: { median: 1, lower: 0.5, upper: 2 } } }));
  });
});
