/**
 * The four objectives, each reduced to the fixed-budget optimum ρ*(B) = max_{S∈P(B)} ρ(S)
 * (maximiseAtBudget.ts) and its budget multiplier ν(B) = d(ρ*)/dB:
 *
 *   max-kpi(B):      S*(B).
 *   min-spend(K):    the least B with ρ*(B) ≥ K            (ρ* rises with B).
 *   target-roi(r):   the largest B with ρ*(B)/B ≥ r, i.e. ρ*(B) − rB ≥ 0 (falls with B: concave ρ*).
 *   target-mroi(m):  the B with ν(B) = m: every channel free to move spends until its marginal ROI
 *                    (∂ρ/∂S_c = ν) falls to m — S_c = (∂ρ/∂S_c)⁻¹(m) clipped to its bounds when
 *                    there are no groups.
 *
 * B ranges over the budgets the bounds allow (constraints.ts `feasibleBudgets`); the root of each
 * monotone condition is bracketed there and found by regula falsi with the Illinois modification
 * (superlinear, never leaves the bracket), each ρ*(B) warm-started from the nearer end's optimum.
 * A target no budget in that range can meet is refused, naming it and what the bounds allow.
 */
import { feasibleBudgets } from './constraints';
import { PlanningInputError } from './flighting';
import { maximiseAtBudget, type BudgetOptimum, type PlanningProblem } from './maximiseAtBudget';
import type { Objective } from './scenarioSchema';

export interface ObjectiveOptimum extends BudgetOptimum {
  /** Outer iterations of the budget search (0 for max-kpi). */
  readonly budgetSearches: number;
}

function money(value: number): string {
  return Number(value.toPrecision(6)).toLocaleString('en-US');
}

/**
 * Finds the B in [low, high] where `condition(optimum)` (non-increasing in B) crosses 0; returns
 * the optimum on the side `keep` asks for: 'low' the last B with condition > 0, 'high' the first
 * with condition ≤ 0, 'nearest' whichever is closer to 0.
 */
function searchBudget(
  problem: PlanningProblem,
  low: BudgetOptimum,
  high: BudgetOptimum,
  condition: (optimum: BudgetOptimum) => number,
  keep: 'low' | 'high' | 'nearest',
): { optimum: BudgetOptimum; searches: number } {
  let a = low;
  let b = high;
  let fa = condition(a);
  let fb = condition(b);
  let side = 0;
  let searches = 0;
  for (; searches < 80; searches++) {
    if (b.budget - a.budget <= 1e-10 * Math.max(1, b.budget)) break;
    let budget = (a.budget * fb - b.budget * fa) / (fb - fa);
    if (!(budget > a.budget && budget < b.budget)) budget = 0.5 * (a.budget + b.budget);
    const nearer = budget - a.budget < b.budget - budget ? a : b;
    const scaled = nearer.spend.map((s) => (s * budget) / Math.max(nearer.budget, 1e-300));
    const middle = maximiseAtBudget(problem, budget, scaled);
    const fm = condition(middle);
    if (fm === 0) return { optimum: middle, searches: searches + 1 };
    if (fm > 0) {
      a = middle;
      fa = fm;
      if (side === 1) fb /= 2;
      side = 1;
    } else {
      b = middle;
      fb = fm;
      if (side === -1) fa /= 2;
      side = -1;
    }
  }
  const optimum = keep === 'low' ? a : keep === 'high' ? b : Math.abs(fa) <= Math.abs(fb) ? a : b;
  return { optimum, searches };
}

export function optimiseObjective(
  problem: PlanningProblem,
  objective: Exclude<Objective, { kind: 'manual' }>,
): ObjectiveOptimum {
  if (objective.kind === 'max-kpi')
    return { ...maximiseAtBudget(problem, objective.budget), budgetSearches: 0 };
  const range = feasibleBudgets(problem.constraints);
  if (!range)
    throw new PlanningInputError(
      'no total budget satisfies the bounds, locks and group shares together',
    );
  const low = maximiseAtBudget(problem, range.min);
  const high = maximiseAtBudget(problem, range.max);
  const done = (optimum: BudgetOptimum, searches: number, message?: string): ObjectiveOptimum => ({
    ...optimum,
    message: message ?? optimum.message,
    budgetSearches: searches,
  });
  if (objective.kind === 'min-spend') {
    const target = objective.targetKpi;
    if (high.value < target)
      throw new PlanningInputError(
        `target KPI ${money(target)}: unreachable within the bounds — the most they allow is ${money(high.value)}, at a budget of ${money(high.budget)}`,
      );
    if (low.value >= target)
      return done(
        low,
        0,
        `the lower bounds alone (budget ${money(low.budget)}) reach the target KPI`,
      );
    // −(ρ* − K) is non-increasing; keep the first budget that reaches K.
    const { optimum, searches } = searchBudget(problem, low, high, (o) => target - o.value, 'high');
    return done(optimum, searches);
  }
  if (objective.kind === 'target-roi') {
    const roi = objective.targetRoi;
    const condition = (o: BudgetOptimum): number => o.value - roi * o.budget;
    if (condition(low) < 0)
      throw new PlanningInputError(
        `target ROI ${roi}: unreachable within the bounds — even the smallest budget they allow (${money(low.budget)}) returns ${(low.value / Math.max(low.budget, 1e-300)).toPrecision(4)}`,
      );
    if (condition(high) >= 0)
      return done(
        high,
        0,
        `the upper bounds stop the budget at ${money(high.budget)} with ROI still above ${roi}`,
      );
    const { optimum, searches } = searchBudget(problem, low, high, condition, 'low');
    return done(optimum, searches);
  }
  const marginal = objective.targetMroi;
  const condition = (o: BudgetOptimum): number => o.multiplier - marginal;
  if (condition(low) <= 0)
    return done(
      low,
      0,
      `marginal ROI is already below ${marginal} at the lower bounds (budget ${money(low.budget)})`,
    );
  if (condition(high) >= 0)
    return done(
      high,
      0,
      `the upper bounds stop the budget at ${money(high.budget)} with marginal ROI still above ${marginal}`,
    );
  const { optimum, searches } = searchBudget(problem, low, high, condition, 'nearest');
  return done(optimum, searches);
}
