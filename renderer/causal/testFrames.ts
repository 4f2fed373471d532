/** Model frames from the seeded MMM simulator, for the renderer's store and runner tests. */
import type { ModelFrame } from '../../models/data';
import {
  simulateGeoMmmData,
  type GeoSimulationTruth,
} from '../../models/testing/simulateGeoMmmData';
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

/** A frame keeping geos (one row per geo and week, geo-major) from the seeded geo simulator. */
export function simulatedGeoFrame(options: {
  geos: number;
  weeks: number;
  channels: number;
  seed: number;
}): { frame: ModelFrame; truth: GeoSimulationTruth } {
  const { data, truth } = simulateGeoMmmData({ ...options, controls: 1 });
  const G = data.geoNames.length;
  const T = data.dates.length;
  const perRow = (values: Float64Array): Float64Array =>
    values.length === G * T
      ? values
      : Float64Array.from({ length: G * T }, (_, i) => values[i % T]);
  const frame: ModelFrame = {
    weeks: Array.from({ length: G * T }, (_, i) => data.dates[i % T]),
    geos: [...data.geoNames],
    geoIndex: Int32Array.from({ length: G * T }, (_, i) => Math.floor(i / T)),
    kpiName: 'revenue',
    kpi: data.kpi,
    channels: data.channelNames,
    spend: data.spend.map(perRow),
    impressions: data.channelNames.map(() => null),
    controls: [...data.controlNames, 'population'],
    controlValues: [
      ...data.controls.map(perRow),
      Float64Array.from({ length: G * T }, (_, i) => data.population![Math.floor(i / T)]),
    ],
  };
  return { frame, truth };
}
