import { sampleChain } from '../models/inference/sampleChain';
import { createGeoMmmTarget } from '../models/mmm/geoTarget';
import { hessian } from '../models/inference/laplaceInverseMassMatrix';
import { symmetricEigen } from '../models/linalg/symmetricEigen';
import { choleskyFactor } from '../models/linalg/cholesky';
import { genInput } from './zz_gen';
const G = Number(process.argv[2] ?? 20), T = Number(process.argv[3] ?? 104), C = Number(process.argv[4] ?? 5);
const { input } = genInput(G, T, C);
const target = createGeoMmmTarget(input);
const d = target.dimension; const names = target.parameterNames;
const a = sampleChain({ target, warmup: 300, draws: 400, seed: 1, chainId: 0, targetAcceptance: 0.9 });
const n = a.numDraws; const mean = new Float64Array(d); for (let i=0;i<n;i++) for (let j=0;j<d;j++) mean[j]+=a.draws[i*d+j]/n;
const cov = new Float64Array(d*d); for (let i=0;i<n;i++) for (let j=0;j<d;j++) for (let k=0;k<d;k++) cov[j*d+k]+=(a.draws[i*d+j]-mean[j])*(a.draws[i*d+k]-mean[k])/(n-1);
for (let j=0;j<d;j++) for (let k=0;k<d;k++) if (j!==k) cov[j*d+k]*=0.8;
const L = choleskyFactor(cov, d)!;
for (const idx of [50, 200, 399]) {
  const H = hessian(target, a.draws.slice(idx*d, (idx+1)*d));
  // W = L^T H L
  const HL = new Float64Array(d*d); for (let i=0;i<d;i++) for (let j=0;j<d;j++){ let s=0; for (let k=0;k<d;k++) s+=H[i*d+k]*L[k*d+j]; HL[i*d+j]=s; }
  const W = new Float64Array(d*d); for (let i=0;i<d;i++) for (let j=0;j<d;j++){ let s=0; for (let k=0;k<d;k++) s+=L[k*d+i]*HL[k*d+j]; W[i*d+j]=s; }
  const { values, vectors } = symmetricEigen(W, d);
  const order = Array.from(values.keys()).sort((x,y)=>values[y]-values[x]);
  console.log(`draw ${idx}: top eig ${order.slice(0,5).map(i=>values[i].toFixed(1)).join(' ')}  min ${Math.min(...values).toFixed(3)}`);
  for (const top of order.slice(0,2)) {
    // direction in parameter space: L v
    const v = Array.from({length:d},(_,i)=>{ let s=0; for(let k=0;k<d;k++) s+=L[i*d+k]*vectors[k*d+top]; return s/Math.sqrt(cov[i*d+i]); });
    const big = v.map((x,i)=>[Math.abs(x),i]).sort((p,q)=>q[0]-p[0]).slice(0,6).map(([x,i])=>`${names[i]}:${(v[i]).toFixed(2)}`);
    console.log('   ', big.join(' '));
  }
}
