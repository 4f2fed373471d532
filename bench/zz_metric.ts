import { sampleChain } from '../models/inference/sampleChain';
import { createGeoMmmTarget } from '../models/mmm/geoTarget';
import { genInput } from './zz_gen';
const G = Number(process.argv[2] ?? 20), T = Number(process.argv[3] ?? 104), C = Number(process.argv[4] ?? 5);
const { input } = genInput(G, T, C);
const target = createGeoMmmTarget(input);
const d = target.dimension;
const a = sampleChain({ target, warmup: 300, draws: 400, seed: 1, chainId: 0, targetAcceptance: 0.9 });
console.log('adapted', JSON.stringify({ depth: a.stats.meanTreeDepth, step: a.stats.stepSize }));
const n = a.numDraws; const mean = new Float64Array(d); for (let i=0;i<n;i++) for (let j=0;j<d;j++) mean[j]+=a.draws[i*d+j]/n;
const cov = new Float64Array(d*d); for (let i=0;i<n;i++) for (let j=0;j<d;j++) for (let k=0;k<d;k++) cov[j*d+k]+=(a.draws[i*d+j]-mean[j])*(a.draws[i*d+k]-mean[k])/(n-1);
for (const shrink of [1, 0.6]) {
  const m = cov.map((v, idx) => (Math.floor(idx/d) === idx % d ? v : shrink*v));
  for (let j=0;j<d;j++) m[j*d+j]+=1e-8;
  const wrapped = { ...target, initialInverseMassMatrix: () => Float64Array.from(m) };
  const start = a.draws.slice((n-1)*d, n*d);
  const b = sampleChain({ target: wrapped, initialPosition: start, warmup: 19, draws: 100, seed: 2, chainId: 0, targetAcceptance: 0.9 });
  console.log('fixed sample covariance, off-diagonal ×', shrink, JSON.stringify({ depth: b.stats.meanTreeDepth, step: b.stats.stepSize, div: b.stats.divergences }));
}
