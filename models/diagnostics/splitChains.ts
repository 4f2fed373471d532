/** Draws of one scalar quantity: one Float64Array per chain, all the same length. */
export type ChainDraws = readonly Float64Array[];

/**
 * Splits each chain into its first and second halves (Gelman et al. 2013, BDA3 §11.4), so within-chain
 * trends show up as between-chain variance. With an odd length the middle draw is dropped, as in
 * rstan's `split_chains`. Example: [[1, 2, 3, 4, 5]] → [[1, 2], [4, 5]].
 */
export function splitChains(chains: ChainDraws): Float64Array[] {
  const out: Float64Array[] = [];
  for (const chain of chains) {
    const half = Math.floor(chain.length / 2);
    out.push(chain.slice(0, half), chain.slice(chain.length - half));
  }
  return out;
}

export function checkChains(chains: ChainDraws, where: string): void {
  if (chains.length === 0) throw new Error(`${where}: no chains`);
  const n = chains[0].length;
  chains.forEach((chain, index) => {
    if (chain.length !== n)
      throw new Error(`${where}: chain ${index} has ${chain.length} draws, chain 0 has ${n}`);
  });
}

/** All draws of all chains in one array. */
export function pooled(chains: ChainDraws): Float64Array {
  const n = chains.reduce((sum, c) => sum + c.length, 0);
  const out = new Float64Array(n);
  let offset = 0;
  for (const chain of chains) {
    out.set(chain, offset);
    offset += chain.length;
  }
  return out;
}

/** Applies f to the pooled draws and cuts the result back into chains of the same lengths. */
export function mapPooled(
  chains: ChainDraws,
  f: (all: Float64Array) => Float64Array,
): Float64Array[] {
  const mapped = f(pooled(chains));
  const out: Float64Array[] = [];
  let offset = 0;
  for (const chain of chains) {
    out.push(mapped.slice(offset, offset + chain.length));
    offset += chain.length;
  }
  return out;
}
