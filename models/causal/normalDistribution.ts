/**
 * Standard normal distribution: cumulative distribution Φ and quantile Φ⁻¹, to near machine precision.
 *
 *   Φ(x) = ½ erfc(−x/√2),
 *   erf(z) = (2/√π) Σₙ (−1)ⁿ z²ⁿ⁺¹ / (n! (2n+1))           for |z| < 2 (Maclaurin series),
 *   erfc(z) = (e^{−z²}/√π) · 1/(z + ½/(z + 1/(z + 3⁄2/(z + …))))  for z ≥ 2 (Laplace continued fraction,
 *   evaluated by the modified Lentz method).
 * Φ⁻¹(p): Acklam's rational approximation (relative error < 1.2e-9) refined by one Halley step on Φ.
 * Reference: Abramowitz & Stegun 7.1.5 and 7.1.14; P. J. Acklam (2003), "An algorithm for computing
 * the inverse normal cumulative distribution function".
 *
 * Example: normalCdf(1.959963984540054) = 0.975; normalQuantile(0.975) = 1.959963984540054.
 */

const SQRT_PI = Math.sqrt(Math.PI);

/** erfc(z) for z ≥ 0. */
function complementaryErrorFunction(z: number): number {
  if (z < 2) {
    let term = z;
    let sum = z;
    const z2 = z * z;
    for (let n = 1; n < 200; n++) {
      term *= -z2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / SQRT_PI) * sum;
  }
  if (z > 27) return 0;
  // Continued fraction erfc(z)·√π·e^{z²} = 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + …)))).
  const tiny = 1e-300;
  let f = z;
  let c = z;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = z + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = z + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-z * z) / (SQRT_PI * f);
}

/** Φ(x) = P(Z ≤ x) for Z ~ N(0, 1); NaN in, NaN out. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const z = x / Math.SQRT2;
  return z < 0 ? 0.5 * complementaryErrorFunction(-z) : 1 - 0.5 * complementaryErrorFunction(z);
}

/** Upper tail 1 − Φ(x), accurate also far in the tail (used for p-values). */
export function normalUpperTail(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const z = x / Math.SQRT2;
  return z >= 0 ? 0.5 * complementaryErrorFunction(z) : 1 - 0.5 * complementaryErrorFunction(-z);
}

/** φ(x), the standard normal density. */
export function normalDensity(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

const A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2,
  -3.066479806614716e1, 2.506628277459239,
];
const B = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
  -1.328068155288572e1,
];
const C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734,
  4.374664141464968, 2.938163982698783,
];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/** Φ⁻¹(p) for p ∈ (0, 1); ±∞ at 0 and 1; throws outside [0, 1]. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1))
    throw new Error(`normalQuantile: probability must be in [0, 1], got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
      ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) /
      (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
      ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  // One Halley step: e = Φ(x) − p (upper tail in the right tail to keep precision).
  const error = p > 0.5 ? p - 1 + normalUpperTail(x) : normalCdf(x) - p;
  const u = error * Math.sqrt(2 * Math.PI) * Math.exp(0.5 * x * x);
  // For p > 0.5 the sign of the error is flipped relative to Φ(x) − p.
  const signedU = p > 0.5 ? -u : u;
  return x - signedU / (1 + (x * signedU) / 2);
}
