/**
 * A global starting point for S-shaped responses. With Hill shapes above 1 a channel's expected
 * response F_c(S) is convex at first, so the projected Newton iteration (maximiseAtBudget.ts) finds
 * a local optimum that depends on where it starts. The mean objective is separable,
 * ρ(S) = Σ_c F_c(S_c), so its global optimum on a budget grid is a knapsack solved exactly by
 * dynamic programming:
 *
 *   V_c(r) = max_{0≤k≤r} V_{c−1}(r − k) + F_c(l_c + k δ),   δ = (B − Σ l)/N,  V_0(r) = 0,
 *
 * over N = 240 budget units, with F_c read by linear interpolation from a response grid (161
 * points over 0 … the largest upper bound, the first 250 draws: the grid only has to find the
 * right basin; Newton then polishes on every draw). Group shares are left to the projection that
 * follows. Concave problems (Hill with every shape ≤ 1, logistic, Michaelis–Menten) skip all this.
 */
import type { ResolvedConstraints } from './constraints';
import { createAllocationWorkspace, evaluateAllocation } from './evaluateAllocation';
import type { HorizonModel } from './horizonModel';

const GRID_POINTS = 161;
const GRID_DRAWS = 250;
const BUDGET_UNITS = 240;

interface ResponseGrid {
  /** Grid spends per channel run 0 … top[c]. */
  readonly top: Float64Array;
  /** Mean incremental KPI, [c·GRID_POINTS + i]. */
  readonly value: Float64Array;
}

const grids = new WeakMap<HorizonModel, ResponseGrid>();

/** True where every draw's response is concave in spend (no local optima). */
export function isConcave(model: HorizonModel): boolean {
  if (model.saturationCode !== 0) return true;
  for (const shape of model.saturationSecond) if (shape > 1) return false;
  return true;
}

function responseGrid(model: HorizonModel, upper: Float64Array): ResponseGrid {
  const cached = grids.get(model);
  if (cached && cached.top.every((t, c) => t >= upper[c])) return cached;
  const C = model.channels;
  const top = Float64Array.from(upper, (u, c) =>
    Math.max(u, 3 * model.reference[c], cached?.top[c] ?? 0),
  );
  const value = new Float64Array(C * GRID_POINTS);
  const work = createAllocationWorkspace(model);
  const draws = Math.min(model.draws, GRID_DRAWS);
  const spend = new Float64Array(C);
  for (let i = 0; i < GRID_POINTS; i++) {
    for (let c = 0; c < C; c++) spend[c] = (top[c] * i) / (GRID_POINTS - 1);
    evaluateAllocation(model, spend, work, { carryOut: false, draws });
    for (let c = 0; c < C; c++) {
      let sum = 0;
      for (let d = 0; d < draws; d++) sum += work.incremental[d * C + c];
      value[c * GRID_POINTS + i] = sum / draws;
    }
  }
  const grid = { top, value };
  grids.set(model, grid);
  return grid;
}

function interpolate(grid: ResponseGrid, c: number, spend: number): number {
  const position = (spend / grid.top[c]) * (GRID_POINTS - 1);
  const i = Math.min(GRID_POINTS - 2, Math.max(0, Math.floor(position)));
  const fraction = Math.min(1, Math.max(0, position - i));
  const base = c * GRID_POINTS + i;
  return grid.value[base] + fraction * (grid.value[base + 1] - grid.value[base]);
}

/** The budget-grid optimum of Σ_c F_c over the channel bounds (groups ignored), or null. */
export function globalStart(
  model: HorizonModel,
  constraints: ResolvedConstraints,
  budget: number,
): Float64Array | null {
  const { lower, upper } = constraints;
  const C = model.channels;
  let floor = 0;
  for (const l of lower) floor += l;
  const free = budget - floor;
  if (!(free > 0)) return null;
  const grid = responseGrid(model, upper);
  const unit = free / BUDGET_UNITS;
  const N = BUDGET_UNITS;
  let best = new Float64Array(N + 1);
  let next = new Float64Array(N + 1);
  const choice = new Int32Array(C * (N + 1));
  for (let c = 0; c < C; c++) {
    const most = Math.min(N, Math.floor((upper[c] - lower[c]) / unit + 1e-9));
    const values = Float64Array.from({ length: most + 1 }, (_, k) =>
      interpolate(grid, c, lower[c] + k * unit),
    );
    for (let r = 0; r <= N; r++) {
      let top = -Infinity;
      let arg = 0;
      for (let k = 0; k <= Math.min(r, most); k++) {
        const candidate = best[r - k] + values[k];
        if (candidate > top) {
          top = candidate;
          arg = k;
        }
      }
      next[r] = top;
      choice[c * (N + 1) + r] = arg;
    }
    [best, next] = [next, best];
  }
  if (!Number.isFinite(best[N])) return null;
  const spend = new Float64Array(C);
  let left = N;
  for (let c = C - 1; c >= 0; c--) {
    const k = choice[c * (N + 1) + left];
    spend[c] = lower[c] + k * unit;
    left -= k;
  }
  return spend;
}
