import { hillSaturation } from '../models/transforms/hillSaturation';
import { geometricAdstockSeries } from '../models/transforms/geometricAdstock';
const n = 156, G = 240;
const x = Float64Array.from({ length: n * G }, (_, i) => (i % 7 === 0 ? 0 : 0.2 + 0.5 * Math.abs(Math.sin(i))));
const v = new Float64Array(n * G), d = new Float64Array(n * G), dp = new Float64Array(2 * n * G);
function time(label: string, f: () => void) {
  for (let i = 0; i < 200; i++) f();
  const cpu = process.cpuUsage(); for (let i = 0; i < 1000; i++) f(); const u = process.cpuUsage(cpu);
  console.log(label, ((u.user + u.system) / 1000 / 1000).toFixed(3), 'ms cpu per call');
}
time('hill 37k cells', () => hillSaturation(x, n * G, 0.5, 1.3, v, d, dp, n * G));
time('hill per geo 240 calls', () => { for (let g = 0; g < G; g++) hillSaturation(x.subarray(g*n,(g+1)*n), n, 0.5, 1.3, v.subarray(g*n,(g+1)*n), d.subarray(g*n,(g+1)*n), dp.subarray(2*g*n,(2*g+2)*n), n); });
const out = new Float64Array(n*G), od = new Float64Array(n*G);
time('adstock 240 series', () => { for (let g = 0; g < G; g++) geometricAdstockSeries(0.5, 8, x.subarray(g*n,(g+1)*n), n, out.subarray(g*n,(g+1)*n), od.subarray(g*n,(g+1)*n)); });
time('log+exp 37k', () => { let s=0; for (let i=0;i<n*G;i++) s+= Math.exp(Math.log(x[i]+1)*1.3); v[0]=s; });
