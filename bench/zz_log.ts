const n = 37440;
const x = Float64Array.from({ length: n }, (_, i) => 0.05 + 2 * Math.abs(Math.sin(i * 0.37)));
const out = new Float64Array(n);
const f64 = new Float64Array(1); const u32 = new Uint32Array(f64.buffer);
const LN2 = Math.LN2;
function fastLog(v: number): number {
  f64[0] = v;
  const hi = u32[1];
  const e = (hi >>> 20) - 1023;
  u32[1] = (hi & 0x000fffff) | 0x3ff00000; // mantissa in [1,2)
  let m = f64[0];
  let k = e;
  if (m > Math.SQRT2) { m *= 0.5; k += 1; }
  const s = (m - 1) / (m + 1); const s2 = s * s;
  // atanh series: log(m) = 2(s + s^3/3 + s^5/5 + ...)
  const p = s2 * (1/3 + s2 * (1/5 + s2 * (1/7 + s2 * (1/9 + s2 * (1/11 + s2 * (1/13 + s2 * (1/15 + s2 * (1/17 + s2 * (1/19)))))))));
  return k * LN2 + 2 * s * (1 + p);
}
function time(label: string, f: () => void) { for (let i=0;i<300;i++) f(); const c=process.cpuUsage(); for (let i=0;i<2000;i++) f(); const u=process.cpuUsage(c); console.log(label, ((u.user+u.system)/1000/2000).toFixed(4), 'ms'); }
time('Math.log', () => { for (let i=0;i<n;i++) out[i]=Math.log(x[i]); });
time('fastLog', () => { for (let i=0;i<n;i++) out[i]=fastLog(x[i]); });
time('Math.exp', () => { for (let i=0;i<n;i++) out[i]=Math.exp(-x[i]); });
time('Math.pow', () => { for (let i=0;i<n;i++) out[i]=Math.pow(x[i], 1.3); });
let err=0; for (let i=0;i<n;i++) err=Math.max(err, Math.abs(fastLog(x[i])-Math.log(x[i]))); console.log('max err', err);
