/**
 * Limited-memory BFGS minimisation (Nocedal 1980; Nocedal & Wright 2006, Alg. 7.4–7.5).
 *
 * Search direction d = −H∇f by the two-loop recursion over the last m pairs
 * sₖ = xₖ₊₁ − xₖ, yₖ = ∇fₖ₊₁ − ∇fₖ, with initial H₀ = (sᵀy / yᵀy) I; step length by a
 * weak Wolfe search (c₁ = 1e-4, c₂ = 0.9: bracketing and bisection, Lewis & Overton 2013);
 * pairs with sᵀy ≤ 1e-10·|s||y| are skipped so H stays positive definite. Non-finite values
 * (outside the support) count as a failed step and shrink α.
 * Stops when max|∇f| ≤ gradientTolerance, when the relative decrease of f falls below
 * `relativeTolerance` three iterations in a row, or after `maxIterations`.
 *
 * Example: Rosenbrock from (−1.2, 1) reaches (1, 1) to 1e-6 in ~35 iterations.
 */
export interface LbfgsOptions {
  readonly maxIterations?: number;
  readonly memory?: number;
  readonly gradientTolerance?: number;
  readonly relativeTolerance?: number;
}

export interface LbfgsResult {
  readonly position: Float64Array;
  readonly value: number;
  readonly gradient: Float64Array;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
  readonly reason: 'gradient' | 'relative-change' | 'max-iterations' | 'line-search';
}

/** Minimises `objective(x, gradient)` (returns f(x), writes ∇f(x)) from `start`. */
export function minimizeLbfgs(
  objective: (position: Float64Array, gradient: Float64Array) => number,
  start: Float64Array,
  options: LbfgsOptions = {},
): LbfgsResult {
  const maxIterations = options.maxIterations ?? 1000;
  const memory = options.memory ?? 10;
  const gradientTolerance = options.gradientTolerance ?? 1e-6;
  const relativeTolerance = options.relativeTolerance ?? 1e-12;
  const n = start.length;
  const x = Float64Array.from(start);
  const g = new Float64Array(n);
  let f = objective(x, g);
  let evaluations = 1;
  if (!Number.isFinite(f))
    throw new Error('L-BFGS: the objective is not finite at the starting point');
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(memory);
  const direction = new Float64Array(n);
  const trial = new Float64Array(n);
  const trialGradient = new Float64Array(n);
  let iterations = 0;
  let stalled = 0;
  let reason: LbfgsResult['reason'] = 'max-iterations';

  while (iterations < maxIterations) {
    if (maxAbs(g) <= gradientTolerance) {
      reason = 'gradient';
      break;
    }
    // Two-loop recursion: direction = −H g.
    for (let i = 0; i < n; i++) direction[i] = -g[i];
    for (let k = s.length - 1; k >= 0; k--) {
      alpha[k] = rho[k] * dot(s[k], direction);
      axpy(-alpha[k], y[k], direction);
    }
    if (s.length > 0) {
      const last = s.length - 1;
      const gamma = dot(s[last], y[last]) / dot(y[last], y[last]);
      for (let i = 0; i < n; i++) direction[i] *= gamma;
    } else {
      const norm = Math.sqrt(dot(g, g));
      for (let i = 0; i < n; i++) direction[i] /= Math.max(1, norm);
    }
    for (let k = 0; k < s.length; k++) {
      const beta = rho[k] * dot(y[k], direction);
      axpy(alpha[k] - beta, s[k], direction);
    }
    let slope = dot(g, direction);
    if (!(slope < 0)) {
      // Not a descent direction (curvature information went bad): restart from steepest descent.
      s.length = y.length = rho.length = 0;
      for (let i = 0; i < n; i++) direction[i] = -g[i] / Math.max(1, Math.sqrt(dot(g, g)));
      slope = dot(g, direction);
    }
    // Weak Wolfe line search by bracketing and bisection (Lewis & Overton 2013):
    // sufficient decrease f(x+αd) ≤ f + c₁α∇fᵀd and curvature ∇f(x+αd)ᵀd ≥ c₂∇fᵀd.
    let step = 1;
    let lower = 0;
    let upper = Infinity;
    let trialValue = Infinity;
    let accepted = false;
    let armijoStep = 0;
    for (let attempt = 0; attempt < 60; attempt++) {
      for (let i = 0; i < n; i++) trial[i] = x[i] + step * direction[i];
      trialValue = objective(trial, trialGradient);
      evaluations++;
      if (!Number.isFinite(trialValue) || trialValue > f + 1e-4 * step * slope) {
        upper = step;
      } else if (dot(trialGradient, direction) < 0.9 * slope) {
        armijoStep = step;
        lower = step;
      } else {
        accepted = true;
        break;
      }
      step = upper === Infinity ? 2 * lower : 0.5 * (lower + upper);
    }
    if (!accepted && armijoStep > 0) {
      // No Wolfe point found: keep the last step with sufficient decrease.
      for (let i = 0; i < n; i++) trial[i] = x[i] + armijoStep * direction[i];
      trialValue = objective(trial, trialGradient);
      evaluations++;
      accepted = true;
    }
    iterations++;
    if (!accepted) {
      reason = 'line-search';
      break;
    }
    const sNew = new Float64Array(n);
    const yNew = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sNew[i] = trial[i] - x[i];
      yNew[i] = trialGradient[i] - g[i];
    }
    const sy = dot(sNew, yNew);
    if (sy > 1e-10 * Math.sqrt(dot(sNew, sNew) * dot(yNew, yNew))) {
      if (s.length === memory) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sNew);
      y.push(yNew);
      rho.push(1 / sy);
    }
    const previous = f;
    x.set(trial);
    g.set(trialGradient);
    f = trialValue;
    // Three small changes in a row, so one short step in a curved valley does not stop the search.
    stalled =
      Math.abs(previous - f) <= relativeTolerance * Math.max(1, Math.abs(f)) ? stalled + 1 : 0;
    if (stalled >= 3) {
      reason = 'relative-change';
      break;
    }
  }
  return {
    position: x,
    value: f,
    gradient: g,
    iterations,
    evaluations,
    converged: reason === 'gradient' || reason === 'relative-change',
    reason,
  };
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < x.length; i++) y[i] += a * x[i];
}

function maxAbs(a: Float64Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]));
  return max;
}
