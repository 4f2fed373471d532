/**
 * The geo model's target for a fit of the Model task: the frame's per-geo series (models/data
 * geoSeries.ts) for the chosen channels and controls, the population column if one was chosen,
 * and the channels the mapping shows were bought nationally only (allocated to geos by population
 * share in the model), with the Model task's priors and lift tests. The national model's input is `buildMmmInput` (stores/model.ts).
 */
import type { Mapping, ModelFrame } from '../../models/data';
import { geoSeries } from '../../models/data/geoSeries';
import { nationalOnlyChannels } from '../../models/data/nationalOnlyMedia';
import type { TargetDescription } from '../../models/inference/targets';
import type { ChannelPriorOverrides, LiftTest } from '../../models/mmm';
import type { MmmFitSpec } from '../../models/report';

export function buildGeoFitTarget(
  frame: ModelFrame,
  spec: MmmFitSpec,
  mapping: Mapping | null,
  extra: {
    readonly channelOverrides?: Record<string, ChannelPriorOverrides>;
    readonly experiments?: readonly LiftTest[];
  } = {},
): TargetDescription {
  const data = geoSeries(frame, {
    channels: spec.channels,
    controls: spec.controls,
    population: spec.population ?? null,
    nationalChannels: mapping ? nationalOnlyChannels(frame, mapping) : [],
  });
  const overrides = extra.channelOverrides;
  return {
    kind: 'geo-mmm',
    input: {
      spec: {
        adstock: spec.adstock,
        saturation: spec.saturation,
        holdoutWeeks: spec.holdoutWeeks,
        ...(overrides && Object.keys(overrides).length > 0 ? { channelOverrides: overrides } : {}),
      },
      experiments: [...(extra.experiments ?? [])],
      data,
    },
  };
}
