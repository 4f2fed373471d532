/**
 * The projection onto the feasible set P(B) (constraints.ts) in the metric of positive weights w:
 *
 *   Proj_w(y) = argmin_{S ∈ P(B)} Σ_c w_c (S_c − y_c)².
 *
 * Its KKT conditions give S_c(θ) = clip(y_c − θ/w_c, l_c, u_c), θ = ν (the budget's multiplier) for
 * an ungrouped channel and θ = ν + μ_g for a member of group g. Each group's total is
 * T_g(θ) = Σ_{c∈g} S_c(θ), non-increasing in θ; its limits make its total clamp(T_g(ν), a_g B, b_g B).
 * ν solves Σ_{c∉groups} S_c(ν) + Σ_g clamp(T_g(ν), a_g B, b_g B) = B — a non-increasing function,
 * bisected to machine precision — and each clamped group's θ_g solves T_g(θ_g) = its clamped total.
 *
 * With y = S + ∇f/w and w = −diag ∇²f (a separable concave f), Proj_w(y) is the exact maximiser of
 * f's quadratic model over P(B), i.e. a projected Newton step; ν is then the marginal return of one
 * more unit of budget (the Lagrange multiplier of Σ S = B), which the objectives' searches use.
 */
import type { ResolvedConstraints } from './constraints';

function clip(value: number, lower: number, upper: number): number {
  return value < lower ? lower : value > upper ? upper : value;
}

/** The θ range over which every S_c(θ) moves from its upper to its lower bound. */
function thetaRange(
  y: Float64Array,
  w: Float64Array,
  constraints: ResolvedConstraints,
): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (let c = 0; c < y.length; c++) {
    low = Math.min(low, w[c] * (y[c] - constraints.upper[c]));
    high = Math.max(high, w[c] * (y[c] - constraints.lower[c]));
  }
  return [low - 1, high + 1];
}

/** Bisects a non-increasing `total(θ)` for `target`; returns θ. */
function bisect(total: (theta: number) => number, target: number, range: [number, number]): number {
  let [low, high] = range;
  for (let i = 0; i < 200; i++) {
    const middle = 0.5 * (low + high);
    if (middle === low || middle === high) break;
    if (total(middle) > target) low = middle;
    else high = middle;
  }
  return 0.5 * (low + high);
}

/** Writes Proj_w(y) into `out`; returns ν. P(budget) must not be empty (requireFeasible). */
export function projectWeighted(
  y: Float64Array,
  w: Float64Array,
  constraints: ResolvedConstraints,
  budget: number,
  out: Float64Array,
): number {
  const { lower, upper, groups, groupOf } = constraints;
  const C = y.length;
  const at = (c: number, theta: number): number => clip(y[c] - theta / w[c], lower[c], upper[c]);
  const groupTotal = (members: readonly number[], theta: number): number => {
    let sum = 0;
    for (const c of members) sum += at(c, theta);
    return sum;
  };
  const range = thetaRange(y, w, constraints);
  const total = (theta: number): number => {
    let sum = 0;
    for (let c = 0; c < C; c++) if (groupOf[c] < 0) sum += at(c, theta);
    for (const group of groups)
      sum += clip(
        groupTotal(group.members, theta),
        group.minShare * budget,
        group.maxShare * budget,
      );
    return sum;
  };
  const nu = bisect(total, budget, range);
  for (let c = 0; c < C; c++) if (groupOf[c] < 0) out[c] = at(c, nu);
  for (const group of groups) {
    const free = groupTotal(group.members, nu);
    const clamped = clip(free, group.minShare * budget, group.maxShare * budget);
    const theta =
      clamped === free
        ? nu
        : bisect((t) => groupTotal(group.members, t), clamped, thetaRange(y, w, constraints));
    for (const c of group.members) out[c] = at(c, theta);
  }
  return nu;
}
