/** Model frames from the seeded MMM simulator, for the renderer's store and runner tests. */
import type { ModelFrame } from '../../models/data';
import { simulateMmmData, type SimulationTruth } from '../../models/testing/simulateMmmData';

export function simulatedFrame(options: {
  weeks: number;
  channels: number;
  seed: number;
  noise?: number;
}): {
  frame: ModelFrame;
  truth: SimulationTruth;
} {
  const { data, truth } = simulateMmmData({ ...options, controls: 1 });
  const frame: ModelFrame = {
    weeks: data.dates,
    geos: null,
    geoIndex: null,
    kpiName: 'revenue',
    kpi: data.kpi,
    channels: data.channelNames,
    spend: data.spend,
    impressions: data.channelNames.map(() => null),
    controls: data.controlNames,
    controlValues: data.controls,
  };
  return { frame, truth };
}
