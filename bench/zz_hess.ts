import { createGeoMmmTarget } from '../models/mmm/geoTarget';
import { simulateGeoMmmData } from '../models/testing/simulateGeoMmmData';
import { genInput } from './zz_gen';
import { hessian } from '../models/inference/laplaceInverseMassMatrix';
import { symmetricEigen } from '../models/linalg/symmetricEigen';
const G = Number(process.argv[2] ?? 20), T = Number(process.argv[3] ?? 104), C = Number(process.argv[4] ?? 5);
const { data } = process.env.GEN ? genInput(G, T, C).input : simulateGeoMmmData({ geos: G, weeks: T, channels: C, seed: 3 });
const target = createGeoMmmTarget({ spec: {}, data });
const map = target.initialPosition({ normal: () => 0 } as never);
const d = target.dimension;
const H = hessian(target, map);
// covariance = H^-1 via eigen
const { values, vectors } = symmetricEigen(H, d);
const cov = new Float64Array(d*d);
for (let i=0;i<d;i++) for (let j=0;j<d;j++){ let s=0; for(let k=0;k<d;k++) s+=vectors[i*d+k]*vectors[j*d+k]/values[k]; cov[i*d+j]=s; }
const sd = Array.from({length:d},(_,i)=>Math.sqrt(cov[i*d+i]));
const names = target.parameterNames;
const pairs: [number,string][] = [];
for (let i=0;i<d;i++) for (let j=0;j<i;j++){ const r=cov[i*d+j]/(sd[i]*sd[j]); if (Math.abs(r)>0.6) pairs.push([r, `${names[i]} ~ ${names[j]}`]); }
pairs.sort((a,b)=>Math.abs(b[0])-Math.abs(a[0]));
console.log('min eig', Math.min(...values), 'max eig', Math.max(...values));
// diag-scaled condition
const Ds = Array.from({length:d},(_,i)=>Math.sqrt(H[i*d+i]));
const Hs = H.map((v,k)=> v/(Ds[Math.floor(k/d)]*Ds[k%d]));
const e2 = symmetricEigen(Hs, d).values; console.log('diag-scaled condition', Math.max(...e2)/Math.min(...e2));
console.log(pairs.length, 'pairs |r|>0.6'); pairs.slice(0,25).forEach(p=>console.log(p[0].toFixed(3), p[1]));
console.log('sd by name (selected):'); names.forEach((n,i)=>{ if (/spread|roi|level|noise|intercept|trend/.test(n) && i%1===0) console.log(n, map[i].toFixed(3), sd[i].toExponential(2)); });
// contrast sd per channel: sd of eta_g - mean eta
const L = target.geoLayout;
for (let c=0;c<C;c++){ const base=L.channelStart+c*L.channelStride+L.spreadOffset+1; let tot=0;
 for (let g=0; g<G; g++){ // var(eta_g - mean) = e_g^T (I - J/G) cov (I - J/G) e_g
   let v=0; for (let a=0;a<G;a++) for(let b=0;b<G;b++){ const wa=(a===g?1:0)-1/G, wb=(b===g?1:0)-1/G; v+=wa*wb*cov[(base+a)*d+base+b]; } tot+=Math.sqrt(v); }
 console.log('channel', c+1, 'mean contrast sd', (tot/G).toFixed(3), 'tau', Math.exp(map[base-1]).toFixed(3)); }
