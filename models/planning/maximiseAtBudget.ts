/**
 * The fixed-budget optimum: maximise ρ(S) (riskMeasure.ts) over S ∈ P(B) (constraints.ts) by
 * projected Newton steps with a backtracking line search (Bertsekas 1982, "Projected Newton methods
 * for optimization problems with simple constraints"):
 *
 *   w_c = max(−∂²ρ/∂S_c², ε)          (the diagonal curvature; ε keeps a straight response finite)
 *   S⁺ = Proj_w(S + ∇ρ / w)          (weightedProjection.ts: exact for a separable quadratic)
 *   S ← S + t (S⁺ − S),  t = 1, ½, ¼, … until ρ rises by at least 10⁻⁴ t ∇ρ·(S⁺ − S) (Armijo)
 *
 * The mean objective is separable over channels (the Hessian is diagonal), so the steps are exact
 * Newton steps and convergence is quadratic on concave curves. Stops when the predicted gain
 * ∇ρ·(S⁺ − S) falls below 10⁻¹³ |ρ| and the KKT conditions hold to 10⁻⁸; where they do not (one
 * channel's curvature dwarfs the others', near zero spend, so its Newton step is minute) the step
 * is taken with the median curvature for every channel instead. KKT: every channel strictly
 * inside its bounds (and in no group at a share limit) has ∂ρ/∂S_c = ν, one at its lower bound
 * ∂ρ/∂S_c ≤ ν, at its upper ∂ρ/∂S_c ≥ ν; `kktResidual` is the largest violation over max |∂ρ/∂S|.
 */
import { requireFeasible, type ResolvedConstraints } from './constraints';
import { evaluateAllocation, type AllocationWorkspace } from './evaluateAllocation';
import { globalStart, isConcave } from './globalStart';
import type { HorizonModel } from './horizonModel';
import { riskMeasure, type RiskScratch } from './riskMeasure';
import type { Risk } from './scenarioSchema';
import { projectWeighted } from './weightedProjection';

export interface PlanningProblem {
  readonly model: HorizonModel;
  readonly risk: Risk;
  readonly constraints: ResolvedConstraints;
  readonly work: AllocationWorkspace;
  readonly scratch: RiskScratch;
}

export interface BudgetOptimum {
  readonly budget: number;
  readonly spend: Float64Array;
  /** ρ at the optimum (KPI units over the horizon). */
  readonly value: number;
  /** ∂ρ/∂S at the optimum. */
  readonly gradient: Float64Array;
  /** ν: the marginal return of one more unit of budget. */
  readonly multiplier: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
  readonly kktResidual: number;
  readonly message: string | null;
}

const MAX_ITERATIONS = 200;
const ARMIJO = 1e-4;
const STOP = 1e-13;
/** Largest KKT violation (relative to max |∇ρ|) a converged optimum may keep. */
const KKT_TOLERANCE = 1e-8;

/** ρ at `spend`, leaving ∇ρ and the curvature in problem.scratch. */
export function objectiveAt(problem: PlanningProblem, spend: Float64Array): number {
  evaluateAllocation(problem.model, spend, problem.work, { carryOut: false });
  return riskMeasure(problem.risk, problem.work, problem.scratch);
}

function kktResidual(
  constraints: ResolvedConstraints,
  spend: Float64Array,
  gradient: Float64Array,
  multiplier: number,
  budget: number,
): number {
  const { lower, upper, locked, groups, groupOf } = constraints;
  const slack = 1e-9 * Math.max(1, budget);
  let scale = 0;
  for (const g of gradient) scale = Math.max(scale, Math.abs(g));
  let worst = 0;
  for (let c = 0; c < spend.length; c++) {
    if (locked[c] || upper[c] - lower[c] <= slack) continue;
    const group = groupOf[c] >= 0 ? groups[groupOf[c]] : null;
    if (group) {
      let total = 0;
      for (const m of group.members) total += spend[m];
      const atLimit =
        total <= group.minShare * budget + slack || total >= group.maxShare * budget - slack;
      if (atLimit) continue;
    }
    const difference = gradient[c] - multiplier;
    const violation =
      spend[c] <= lower[c] + slack
        ? Math.max(0, difference)
        : spend[c] >= upper[c] - slack
          ? Math.max(0, -difference)
          : Math.abs(difference);
    worst = Math.max(worst, violation);
  }
  return scale > 0 ? worst / scale : 0;
}

/** A feasible start: the reference pattern scaled to the budget, projected onto P(B). */
function startingPoint(
  problem: PlanningProblem,
  budget: number,
  start?: Float64Array,
): Float64Array {
  const { reference } = problem.model;
  let total = 0;
  for (const r of reference) total += r;
  const guess = start
    ? Float64Array.from(start)
    : Float64Array.from(reference, (r) =>
        total > 0 ? (r / total) * budget : budget / reference.length,
      );
  const out = new Float64Array(guess.length);
  projectWeighted(guess, new Float64Array(guess.length).fill(1), problem.constraints, budget, out);
  return out;
}

/**
 * The optimum from `start` (default: the reference pattern); for S-shaped responses also from the
 * budget grid's global optimum (globalStart.ts), keeping the better of the two.
 */
export function maximiseAtBudget(
  problem: PlanningProblem,
  budget: number,
  start?: Float64Array,
): BudgetOptimum {
  requireFeasible(problem.constraints, budget);
  const local = maximiseFrom(problem, budget, start);
  if (isConcave(problem.model)) return local;
  const global = globalStart(problem.model, problem.constraints, budget);
  if (!global) return local;
  const other = maximiseFrom(problem, budget, global);
  const better = other.value > local.value ? other : local;
  // Leave the scratch describing the returned optimum.
  if (better === local) objectiveAt(problem, local.spend);
  return { ...better, evaluations: local.evaluations + other.evaluations };
}

function maximiseFrom(
  problem: PlanningProblem,
  budget: number,
  start?: Float64Array,
): BudgetOptimum {
  const C = problem.model.channels;
  const { gradient, curvature } = problem.scratch;
  let spend = startingPoint(problem, budget, start);
  let value = objectiveAt(problem, spend);
  const g = new Float64Array(C);
  const weights = new Float64Array(C);
  const target = new Float64Array(C);
  const proposal = new Float64Array(C);
  const trial = new Float64Array(C);
  let multiplier = 0;
  let iterations = 0;
  let evaluations = 1;
  let converged = false;
  let message: string | null = null;
  const propose = (uniform: boolean): number => {
    let largest = 0;
    for (let c = 0; c < C; c++) largest = Math.max(largest, Math.abs(g[c]));
    const floor = (1e-6 * Math.max(largest, 1e-300)) / Math.max(budget, 1e-300);
    for (let c = 0; c < C; c++) weights[c] = Math.max(-curvature[c], floor);
    // The median curvature for every channel: a scaled gradient step, for where one channel's
    // curvature is far larger than the rest (near zero spend) and its Newton step is minute.
    if (uniform) weights.fill(Float64Array.from(weights).sort()[Math.floor(C / 2)]);
    for (let c = 0; c < C; c++) target[c] = spend[c] + g[c] / weights[c];
    multiplier = projectWeighted(target, weights, problem.constraints, budget, proposal);
    let gain = 0;
    for (let c = 0; c < C; c++) gain += g[c] * (proposal[c] - spend[c]);
    return gain;
  };
  const small = (gain: number): boolean => !(gain > STOP * Math.max(Math.abs(value), 1e-300));
  for (; iterations < MAX_ITERATIONS; iterations++) {
    g.set(gradient);
    let predicted = propose(false);
    let fallback = false;
    if (small(predicted)) {
      converged = true;
      if (kktResidual(problem.constraints, spend, g, multiplier, budget) <= KKT_TOLERANCE) break;
      fallback = true;
      predicted = propose(true);
      if (small(predicted)) {
        propose(false);
        break;
      }
    }
    let step = 1;
    let accepted = false;
    for (let halvings = 0; halvings < 30; halvings++, step *= 0.5) {
      for (let c = 0; c < C; c++) trial[c] = spend[c] + step * (proposal[c] - spend[c]);
      const candidate = objectiveAt(problem, trial);
      evaluations++;
      if (candidate >= value + ARMIJO * step * predicted) {
        spend = Float64Array.from(trial);
        value = candidate;
        accepted = true;
        break;
      }
    }
    if (!accepted) {
      // No ascent: round-off, a kink where draws swap rank, or (after a converged Newton step) a
      // cusp such as Hill shapes below 1 at zero spend, whose slope is unbounded over a span of
      // 1e-9 currency: the Newton optimum stands, its KKT residual says by how much.
      if (fallback) propose(false);
      objectiveAt(problem, spend);
      evaluations++;
      converged = fallback || predicted <= 1e-7 * Math.max(Math.abs(value), 1e-300);
      message = converged
        ? null
        : 'the line search found no ascent: the objective is not smooth here (draws swap rank); the allocation is the best found';
      break;
    }
  }
  if (iterations === MAX_ITERATIONS)
    message = `stopped after ${MAX_ITERATIONS} iterations without meeting the tolerance`;
  g.set(gradient);
  return {
    budget,
    spend,
    value,
    gradient: g,
    multiplier,
    iterations,
    evaluations,
    converged,
    kktResidual: kktResidual(problem.constraints, spend, g, multiplier, budget),
    message,
  };
}
