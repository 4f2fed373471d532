/**
 * Each chain's draws of the sampled (unconstrained) coordinates, thinned evenly for trace and rank
 * plots: chain i keeps draws j·s, j = 0 … ⌈n/s⌉ − 1, with stride s = ⌈n / maxPerChain⌉ (n draws per
 * chain), so every chain keeps the same draws and at most `maxPerChain` of them. The coordinates are
 * those the diagnostics (R-hat, ESS) are computed on, in `fit.parameterNames` order.
 *
 * Example: 1000 draws per chain, maxPerChain 250 → stride 4, draws 0, 4, …, 996 kept.
 */
import type { FitResult } from '../inference/chains';
import type { ChainTraces } from './fitReportSchema';

export function chainTraces(fit: FitResult, maxPerChain = 250): ChainTraces {
  if (!(Number.isInteger(maxPerChain) && maxPerChain >= 1))
    throw new Error(`chain traces: maxPerChain must be an integer ≥ 1, got ${maxPerChain}`);
  const draws = Math.min(...fit.chains.map((chain) => chain.numDraws));
  const thin = Math.max(1, Math.ceil(draws / maxPerChain));
  const kept = Math.ceil(draws / thin);
  const names = [...fit.parameterNames];
  return {
    names,
    thin,
    chains: fit.chains.map((chain) => ({
      chainId: chain.chainId,
      values: names.map((_, k) =>
        Array.from({ length: kept }, (_, j) => chain.draws[j * thin * chain.dimension + k]),
      ),
    })),
  };
}
