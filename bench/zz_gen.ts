import { generateWeeklyGeo } from '../sample-data/generator/weeklyGeo';
import type { GeoMmmInput } from '../models/mmm/geoTypes';
export function genInput(G: number, T: number, C: number, seed = 1): { input: GeoMmmInput; truth: ReturnType<typeof generateWeeklyGeo>['truth'] } {
  const g = generateWeeklyGeo({ geos: G, weeks: T, channels: C, seed });
  return { input: { spec: {}, data: { dates: g.dates, geoNames: g.geoNames, population: g.population, kpi: g.kpi, channelNames: g.channelNames, spend: g.spend, controlNames: g.controls.names, controls: g.controls.values } }, truth: g.truth };
}
