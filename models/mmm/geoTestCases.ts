/**
 * Shared fixtures of the geo model's tests (geoTarget.test.ts, geoLogDensity.test.ts): a small
 * simulated data set, one model case per code path of the log density, and a start point.
 */
import { createRng } from '../random/rng';
import { simulateGeoMmmData } from '../testing/simulateGeoMmmData';
import type { GeoMmmTarget } from './geoTarget';
import type { GeoMmmInput } from './geoTypes';
import { coordinateCentres } from './parametrisation';

export const { data } = simulateGeoMmmData({ geos: 4, weeks: 40, channels: 2, seed: 3 });

/** A point near the prior centres with every level at its geo's mean scaled KPI. */
export function startOf(target: GeoMmmTarget, seed: number, spread: number): Float64Array {
  const { geoLayout: layout, geoDesign: design } = target;
  const centre = coordinateCentres(layout.coordinates);
  for (let g = 0; g < design.geoNames.length; g++) centre[layout.levels + g] = 1;
  const rng = createRng(seed);
  return centre.map((u) => u + spread * rng.normal());
}

export const geoTestCases: Array<[string, GeoMmmInput]> = [
  ['default model (geometric, Hill, Normal, population)', { spec: {}, data }],
  [
    'per-geo seasonality, Student-t, holdout, no population',
    {
      spec: { likelihood: 'student-t', holdoutWeeks: 5 },
      geo: { seasonalityByGeo: true },
      data: simulateGeoMmmData({ geos: 3, weeks: 36, channels: 2, seed: 9, population: false })
        .data,
    },
  ],
  [
    'national-only channel, per-geo control, national and geo lift tests',
    (() => {
      const simulated = simulateGeoMmmData({
        geos: 3,
        weeks: 36,
        channels: 2,
        seed: 11,
        nationalChannels: [1],
      }).data;
      const geoControl = Float64Array.from({ length: 3 * 36 }, (_, i) => Math.sin(i / 5));
      return {
        spec: {},
        data: {
          ...simulated,
          controlNames: [...simulated.controlNames, 'local'],
          controls: [...simulated.controls, geoControl],
        },
        experiments: [
          {
            channel: 'channel1',
            startDate: simulated.dates[10],
            endDate: simulated.dates[12],
            measuredLift: 300,
            standardError: 80,
            geo: 'geo2',
          },
          {
            channel: 'channel2',
            startDate: simulated.dates[20],
            endDate: simulated.dates[21],
            measuredLift: 900,
            standardError: 200,
          },
        ],
      };
    })(),
  ],
  [
    'Weibull PDF adstock, logistic saturation',
    { spec: { adstock: 'weibullPdf', saturation: 'logistic', fourierOrder: 1 }, data },
  ],
];
