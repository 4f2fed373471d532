import { createGeoMmmTarget } from '../models/mmm/geoTarget';
import { simulateGeoMmmData } from '../models/testing/simulateGeoMmmData';
import { coordinateCentres } from '../models/mmm/parametrisation';
const { data } = simulateGeoMmmData({ geos: 40, weeks: 156, channels: 6, seed: 3 });
const target = createGeoMmmTarget({ spec: {}, data });
const c = coordinateCentres(target.geoLayout.coordinates); for (let g=0;g<40;g++) c[g]=1;
const grad = new Float64Array(target.dimension);
for (let i=0;i<100;i++) target.logDensityAndGradient(c, grad);
for (let rep=0; rep<3; rep++) {
const cpu = process.cpuUsage(); const s=performance.now();
for (let i=0;i<300;i++) target.logDensityAndGradient(c, grad);
const u = process.cpuUsage(cpu);
console.log(`wall ${((performance.now()-s)/300).toFixed(3)} ms, cpu ${((u.user+u.system)/1000/300).toFixed(3)} ms`);
}
