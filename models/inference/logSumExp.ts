/**
 * log(eᵃ + eᵇ) without overflow: max(a, b) + log1p(e^{−|a−b|}); −∞ when both are −∞.
 * Example: logSumExp(0, 0) = log 2.
 */
export function logSumExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}
