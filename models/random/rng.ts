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
 *
 * These are methods: call them on the generator, and pass `() => rng.normal()` (or the generator
 * itself), never `rng.normal` detached.
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
  return new Xoshiro128StarStar(seed);
}

/**
 * The generator behind `createRng`. A class, so every generator shares one set of methods: hot
 * loops that draw from a fresh `fork` per tree or chain call the same function each time (inlined),
 * where per-instance closures made every call site megamorphic. The state lives in an Int32Array,
 * so updating it allocates nothing.
 */
class Xoshiro128StarStar implements Rng {
  readonly seed: number;
  private readonly state = new Int32Array(4);
  /** The second value of the last polar pair, NaN when none is waiting. */
  private spareNormal = Number.NaN;

  constructor(seed: number) {
    this.seed = seed;
    const init = splitmix32(seed);
    const state = this.state;
    state[0] = init();
    state[1] = init();
    state[2] = init();
    state[3] = init();
    if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
  }

  private next(): number {
    const state = this.state;
    const b = state[1];
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    state[2] ^= state[0];
    state[3] ^= b;
    state[1] = b ^ state[2];
    state[0] ^= state[3];
    state[2] ^= t;
    state[3] = rotl(state[3], 11);
    return result;
  }

  uniform(): number {
    return this.next() / 4294967296;
  }

  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const z = this.spareNormal;
      this.spareNormal = Number.NaN;
      return z;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    return u * f;
  }

  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  fork(stream: number): Rng {
    const mix = splitmix32((this.seed ^ Math.imul(stream + 1, 0x27d4eb2d)) >>> 0);
    return new Xoshiro128StarStar(mix());
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
