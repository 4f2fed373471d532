/**
 * Seeded pseudo-random generator: xoshiro128** (Blackman & Vigna 2018) seeded by splitmix32.
 *
 * Every stochastic routine in `models/` takes an `Rng`; `Math.random` is never used, so the same
 * seed gives bit-identical results in Node, in workers and in the browser.
 *
 * - `uniform()` ∈ [0, 1) with 32 bits of resolution: u = next() / 2³².
 * - `normal()` standard normal by the polar Box–Muller method (Marsaglia 1964).
 * - `int(n)` uniform integer in {0, …, n−1}.
 * - `fork(k)` an independent stream derived from this seed and k (e.g. one per chain or fold).
 *
 * Example: `createRng(1).uniform()` is the same number on every platform.
 */
export interface Rng {
  readonly seed: number;
  uniform(): number;
  normal(): number;
  int(n: number): number;
  fork(stream: number): Rng;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRng(seed: number): Rng {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  if ((a | b | c | d) === 0) a = 1;
  let spareNormal: number | undefined;
  const next = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  const uniform = (): number => next() / 4294967296;
  return {
    seed,
    uniform,
    normal(): number {
      if (spareNormal !== undefined) {
        const z = spareNormal;
        spareNormal = undefined;
        return z;
      }
      let u: number, v: number, s: number;
      do {
        u = 2 * uniform() - 1;
        v = 2 * uniform() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const f = Math.sqrt((-2 * Math.log(s)) / s);
      spareNormal = v * f;
      return u * f;
    },
    int(n: number): number {
      return Math.floor(uniform() * n);
    },
    fork(stream: number): Rng {
      const mix = splitmix32((seed ^ Math.imul(stream + 1, 0x27d4eb2d)) >>> 0);
      return createRng(mix());
    },
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
