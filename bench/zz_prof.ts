import { createGeoMmmTarget } from '../models/mmm/geoTarget';
import { simulateGeoMmmData } from '../models/testing/simulateGeoMmmData';
import { coordinateCentres } from '../models/mmm/parametrisation';
const { data } = simulateGeoMmmData({ geos: 40, weeks: 156, channels: 6, seed: 3 });
const target = createGeoMmmTarget({ spec: {}, data });
const c = coordinateCentres(target.geoLayout.coordinates); for (let g=0;g<40;g++) c[g]=1;
const grad = new Float64Array(target.dimension);
for (let i=0;i<4000;i++) target.logDensityAndGradient(c, grad);
