import { quantileSorted } from './quantile';
import { pooled, type ChainDraws } from './splitChains';

/** Median of all draws pooled over chains (midpoint of the two middle values for even counts). */
export function median(chains: ChainDraws): number {
  return quantileSorted(pooled(chains).sort(), 0.5);
}
