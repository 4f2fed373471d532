/**
 * Generalised no-U-turn criterion (Betancourt 2017, §A.4.2; Stan ≥ 2.21, BlackJAX `termination.py`).
 *
 * A trajectory with summed momentum ρ = Σ pₙ and end velocities p♯₋ = M⁻¹p₋, p♯₊ = M⁻¹p₊ keeps
 * going while both ends still move apart along ρ:
 *
 *   continue  ⇔  p♯₊ · ρ > 0  and  p♯₋ · ρ > 0
 *
 * Unlike the original criterion (q₊ − q₋)·p > 0 it is invariant to the metric and needs no positions.
 * Returns false (stop) for NaN. Example: ρ = (1, 0), p♯₋ = (1, 1), p♯₊ = (−1, 0) → false.
 */
export function continuesWithoutUTurn(
  velocityMinus: Float64Array,
  velocityPlus: Float64Array,
  momentumSum: Float64Array,
): boolean {
  let plus = 0;
  let minus = 0;
  for (let i = 0; i < momentumSum.length; i++) {
    plus += velocityPlus[i] * momentumSum[i];
    minus += velocityMinus[i] * momentumSum[i];
  }
  return plus > 0 && minus > 0;
}
