/**
 * The efficient frontier: the fixed-budget optimum as the total budget sweeps from 50% to 200% of
 * the reference spend (B_f = f · Σ_c reference_c), with the posterior's view of each optimum:
 *
 *   incremental(f) = Σ_c incremental_c(S*(B_f))            (mean and 90% interval over the draws)
 *   mROI(f)        = Σ_c (S*_c / B_f) ∂incremental_c/∂S_c  (mean and 90% interval), and
 *   ν(f)           = d(ρ*)/dB, the optimiser's budget multiplier.
 *
 * Relative bounds move with the budget (they are multiples of f × reference), so the default ±30%
 * stays feasible all along; absolute bounds, locks and group shares stay as they are, and a budget
 * they cannot meet is kept as a point with its reason instead of numbers.
 */
import { infeasibility, type ResolvedConstraints } from './constraints';
import { createAllocationWorkspace, evaluateAllocation } from './evaluateAllocation';
import type { HorizonModel } from './horizonModel';
import { maximiseAtBudget, type BudgetOptimum } from './maximiseAtBudget';
import { createRiskScratch } from './riskMeasure';
import { intervalOf } from './posteriorInterval';
import type { Risk, ScenarioInterval } from './scenarioSchema';

export interface FrontierPoint {
  readonly factor: number;
  readonly budget: number;
  /** null where the constraints cannot meet this budget (see `message`). */
  readonly incremental: ScenarioInterval | null;
  readonly mroi: ScenarioInterval | null;
  readonly multiplier: number | null;
  readonly spend: readonly number[] | null;
  readonly message: string | null;
}

export const FRONTIER_FACTORS: readonly number[] = Array.from(
  { length: 16 },
  (_, i) => 0.5 + 0.1 * i,
);

export function efficientFrontier(options: {
  readonly model: HorizonModel;
  readonly risk: Risk;
  readonly constraintsAt: (factor: number) => ResolvedConstraints;
  readonly factors?: readonly number[];
}): FrontierPoint[] {
  const { model, risk } = options;
  const work = createAllocationWorkspace(model);
  const scratch = createRiskScratch(model.draws, model.channels);
  const D = model.draws;
  const C = model.channels;
  let referenceTotal = 0;
  for (const r of model.reference) referenceTotal += r;
  let previous: BudgetOptimum | null = null;
  return (options.factors ?? FRONTIER_FACTORS).map((factor): FrontierPoint => {
    const budget = factor * referenceTotal;
    const constraints = options.constraintsAt(factor);
    const reason = infeasibility(constraints, budget);
    if (reason)
      return {
        factor,
        budget,
        incremental: null,
        mroi: null,
        multiplier: null,
        spend: null,
        message: reason,
      };
    const start: Float64Array | undefined = previous
      ? previous.spend.map((s) => (s * budget) / Math.max(previous!.budget, 1e-300))
      : undefined;
    const optimum = maximiseAtBudget({ model, risk, constraints, work, scratch }, budget, start);
    previous = optimum;
    evaluateAllocation(model, optimum.spend, work, { carryOut: false });
    const totals = new Float64Array(D);
    const marginal = new Float64Array(D);
    for (let d = 0; d < D; d++)
      for (let c = 0; c < C; c++) {
        totals[d] += work.incremental[d * C + c];
        marginal[d] += work.slope[d * C + c] * (budget > 0 ? optimum.spend[c] / budget : 1 / C);
      }
    return {
      factor,
      budget,
      incremental: intervalOf(totals),
      mroi: intervalOf(marginal),
      multiplier: optimum.multiplier,
      spend: Array.from(optimum.spend),
      message: optimum.message,
    };
  });
}
