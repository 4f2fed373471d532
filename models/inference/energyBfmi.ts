/**
 * Energy Bayesian fraction of missing information (Betancourt 2016, eq. 3; Stan's E-BFMI):
 *
 *   E-BFMI = Σₙ (Eₙ − Eₙ₋₁)² / Σₙ (Eₙ − Ē)²
 *
 * over a chain's sampling energies. Values below 0.3 flag poor exploration of the energy (heavy
 * tails, funnels). NaN for fewer than two energies or constant energy.
 * Example: energies [0, 1, 0, 1] give 3 / 1 = 3.
 */
export function energyBfmi(energies: Float64Array): number {
  const n = energies.length;
  if (n < 2) return Number.NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += energies[i];
  mean /= n;
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < n; i++) {
    denominator += (energies[i] - mean) ** 2;
    if (i > 0) numerator += (energies[i] - energies[i - 1]) ** 2;
  }
  return denominator > 0 ? numerator / denominator : Number.NaN;
}
