/**
 * Prior distributions: log density (up to nothing — normalising constants included, so values
 * match Stan's `*_lpdf`) and its derivative with respect to the value, on the constrained scale.
 *
 * - normal(μ, σ):      log p = −½((x−μ)/σ)² − log σ − ½ log 2π,           x ∈ ℝ
 * - halfNormal(σ):     log p = −½(x/σ)² − log σ + ½ log(2/π),              x > 0
 * - logNormal(μ, σ):   log p = −½((log x − μ)/σ)² − log σ − log x − ½ log 2π, x > 0
 * - gamma(a, b):       log p = a log b − log Γ(a) + (a−1) log x − b x,     x > 0 (b is a rate)
 * - beta(a, b):        log p = (a−1) log x + (b−1) log(1−x) − log B(a, b), x ∈ (0, 1)
 *
 * Example: normal(0, 1) at 0 is −0.9189…; its derivative is 0.
 */
export type Prior =
  | { readonly distribution: 'normal'; readonly mean: number; readonly sd: number }
  | { readonly distribution: 'halfNormal'; readonly sd: number }
  | { readonly distribution: 'logNormal'; readonly mu: number; readonly sigma: number }
  | { readonly distribution: 'gamma'; readonly shape: number; readonly rate: number }
  | { readonly distribution: 'beta'; readonly alpha: number; readonly beta: number };

/** The support a parameter lives on, which decides which priors are allowed. */
export type Support = 'real' | 'positive' | 'unit';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** Lanczos approximation (g = 7, n = 9) of log Γ(x) for x > 0, ~1e-15 relative. */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Which support a prior family needs. */
export function priorSupport(prior: Prior): Support {
  switch (prior.distribution) {
    case 'normal':
      return 'real';
    case 'beta':
      return 'unit';
    default:
      return 'positive';
  }
}

/** Checks a prior's own parameters; returns a message or null. */
export function priorProblem(prior: Prior): string | null {
  const bad = (v: number) => !Number.isFinite(v) || v <= 0;
  switch (prior.distribution) {
    case 'normal':
      return !Number.isFinite(prior.mean) || bad(prior.sd)
        ? 'normal needs a finite mean and sd > 0'
        : null;
    case 'halfNormal':
      return bad(prior.sd) ? 'halfNormal needs sd > 0' : null;
    case 'logNormal':
      return !Number.isFinite(prior.mu) || bad(prior.sigma)
        ? 'logNormal needs a finite mu and sigma > 0'
        : null;
    case 'gamma':
      return bad(prior.shape) || bad(prior.rate) ? 'gamma needs shape > 0 and rate > 0' : null;
    case 'beta':
      return bad(prior.alpha) || bad(prior.beta) ? 'beta needs alpha > 0 and beta > 0' : null;
    default:
      return 'unknown distribution';
  }
}

/**
 * log p(x) of `prior`; writes d log p / dx into derivative[index]. Values outside the support give −∞.
 */
export function priorLogDensity(
  prior: Prior,
  x: number,
  derivative: Float64Array,
  index: number,
): number {
  switch (prior.distribution) {
    case 'normal': {
      const z = (x - prior.mean) / prior.sd;
      derivative[index] = -z / prior.sd;
      return -0.5 * z * z - Math.log(prior.sd) - HALF_LOG_TWO_PI;
    }
    case 'halfNormal': {
      if (!(x >= 0)) return -Infinity;
      const z = x / prior.sd;
      derivative[index] = -z / prior.sd;
      return -0.5 * z * z - Math.log(prior.sd) + 0.5 * Math.log(2 / Math.PI);
    }
    case 'logNormal': {
      if (!(x > 0)) return -Infinity;
      const logX = Math.log(x);
      const z = (logX - prior.mu) / prior.sigma;
      derivative[index] = (-z / prior.sigma - 1) / x;
      return -0.5 * z * z - Math.log(prior.sigma) - logX - HALF_LOG_TWO_PI;
    }
    case 'gamma': {
      if (!(x > 0)) return -Infinity;
      const a = prior.shape;
      const b = prior.rate;
      derivative[index] = (a - 1) / x - b;
      return a * Math.log(b) - logGamma(a) + (a - 1) * Math.log(x) - b * x;
    }
    case 'beta': {
      if (!(x > 0 && x < 1)) return -Infinity;
      const a = prior.alpha;
      const b = prior.beta;
      derivative[index] = (a - 1) / x - (b - 1) / (1 - x);
      const logBeta = logGamma(a) + logGamma(b) - logGamma(a + b);
      return (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logBeta;
    }
  }
}

/** A central value of the prior on its support (used for starting points). */
export function priorCentre(prior: Prior): number {
  switch (prior.distribution) {
    case 'normal':
      return prior.mean;
    case 'halfNormal':
      return prior.sd * Math.sqrt(2 / Math.PI);
    case 'logNormal':
      return Math.exp(prior.mu);
    case 'gamma':
      return prior.shape / prior.rate;
    case 'beta':
      return prior.alpha / (prior.alpha + prior.beta);
  }
}
