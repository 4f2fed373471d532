/**
 * The optimiser's feasible set for a total budget B:
 *
 *   P(B) = { S : l_c ≤ S_c ≤ u_c,  Σ_c S_c = B,  a_g B ≤ Σ_{c∈g} S_c ≤ b_g B for every group g }
 *
 * Bounds are multipliers of the channel's reference spend (default 0.7 … 1.3, Meridian's ±30%) or
 * currency; a locked channel has l = u = its current spend. Groups may not overlap (a channel in two
 * groups is refused), which keeps the projection below exact: one multiplier for the budget, one
 * per group whose share limit binds. Every refusal is one sentence naming the constraint.
 */
import { PlanningInputError } from './flighting';
import type { ChannelBound, GroupLimit } from './scenarioSchema';

/** Meridian's default: each channel within ±30% of its reference spend. */
export const DEFAULT_RELATIVE_BOUNDS = { lower: 0.7, upper: 1.3 } as const;

export interface ResolvedGroup {
  readonly name: string;
  readonly members: readonly number[];
  readonly minShare: number;
  readonly maxShare: number;
}

export interface ResolvedConstraints {
  readonly channelNames: readonly string[];
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly locked: readonly boolean[];
  readonly groups: readonly ResolvedGroup[];
  /** Index into `groups` per channel, −1 for none. */
  readonly groupOf: Int32Array;
}

function money(value: number): string {
  return Number(value.toPrecision(6)).toLocaleString('en-US');
}

function indexOfChannel(channelNames: readonly string[], channel: string, where: string): number {
  const index = channelNames.indexOf(channel);
  if (index < 0)
    throw new PlanningInputError(
      `${where}: unknown channel '${channel}' (the model's channels: ${channelNames.join(', ')})`,
    );
  return index;
}

export function resolveConstraints(options: {
  readonly channelNames: readonly string[];
  readonly reference: Float64Array;
  readonly bounds: readonly ChannelBound[];
  readonly locked: readonly string[];
  readonly groups: readonly GroupLimit[];
  /** The spend a locked channel keeps (default its reference spend). */
  readonly current?: ArrayLike<number>;
}): ResolvedConstraints {
  const { channelNames, reference } = options;
  const C = channelNames.length;
  const lower = Float64Array.from(reference, (r) => r * DEFAULT_RELATIVE_BOUNDS.lower);
  const upper = Float64Array.from(reference, (r) => r * DEFAULT_RELATIVE_BOUNDS.upper);
  for (const bound of options.bounds) {
    const c = indexOfChannel(channelNames, bound.channel, 'bounds');
    const scale = bound.unit === 'relative' ? reference[c] : 1;
    lower[c] = bound.lower * scale;
    upper[c] = bound.upper * scale;
    if (!(bound.lower <= bound.upper))
      throw new PlanningInputError(
        `bounds for channel '${bound.channel}': the lower bound ${bound.lower} is above the upper bound ${bound.upper}`,
      );
  }
  const locked = new Array<boolean>(C).fill(false);
  for (const channel of options.locked) {
    const c = indexOfChannel(channelNames, channel, 'locked channels');
    locked[c] = true;
    lower[c] = upper[c] = options.current ? options.current[c] : reference[c];
  }
  const groupOf = new Int32Array(C).fill(-1);
  const groups = options.groups.map((group, g): ResolvedGroup => {
    const where = `group '${group.name}'`;
    const members = group.channels.map((channel) => {
      const c = indexOfChannel(channelNames, channel, where);
      if (groupOf[c] >= 0)
        throw new PlanningInputError(
          `${where}: channel '${channel}' is already in group '${options.groups[groupOf[c]].name}' (groups may not overlap)`,
        );
      groupOf[c] = g;
      return c;
    });
    const minShare = group.minShare ?? 0;
    const maxShare = group.maxShare ?? 1;
    if (minShare > maxShare)
      throw new PlanningInputError(
        `${where}: the minimum share ${minShare} is above the maximum share ${maxShare}`,
      );
    return { name: group.name, members, minShare, maxShare };
  });
  return { channelNames, lower, upper, locked, groups, groupOf };
}

function sumOver(values: Float64Array, members: readonly number[]): number {
  let sum = 0;
  for (const c of members) sum += values[c];
  return sum;
}

/** The reason `budget` is infeasible, naming the constraint, or null when P(budget) is not empty. */
export function infeasibility(constraints: ResolvedConstraints, budget: number): string | null {
  const { lower, upper, groups, groupOf, locked } = constraints;
  const tolerance = 1e-9 * Math.max(1, budget);
  let least = 0;
  let most = 0;
  for (let c = 0; c < lower.length; c++)
    if (groupOf[c] < 0) {
      least += lower[c];
      most += upper[c];
    }
  for (const group of groups) {
    const low = sumOver(lower, group.members);
    const high = sumOver(upper, group.members);
    const floor = group.minShare * budget;
    const ceiling = group.maxShare * budget;
    if (floor > high + tolerance)
      return `group '${group.name}' needs at least ${group.minShare * 100}% of the budget (${money(floor)}), but its channels' upper bounds allow only ${money(high)}`;
    if (ceiling < low - tolerance)
      return `group '${group.name}' may take at most ${group.maxShare * 100}% of the budget (${money(ceiling)}), but its channels' lower bounds need ${money(low)}`;
    least += Math.max(low, floor);
    most += Math.min(high, ceiling);
  }
  const anyLocked = locked.some(Boolean);
  const withGroups = groups.length > 0 ? ' and group shares' : '';
  if (least > budget + tolerance)
    return `the budget ${money(budget)} is less than the channels' lower bounds${anyLocked ? ' (locked channels included)' : ''}${withGroups} add up to (${money(least)})`;
  if (most < budget - tolerance)
    return `the budget ${money(budget)} is more than the channels' upper bounds${anyLocked ? ' (locked channels included)' : ''}${withGroups} allow (${money(most)})`;
  return null;
}

/** Throws a PlanningInputError naming the constraint when P(budget) is empty. */
export function requireFeasible(constraints: ResolvedConstraints, budget: number): void {
  if (!(Number.isFinite(budget) && budget >= 0))
    throw new PlanningInputError(`budget: must be a number of zero or more, got ${budget}`);
  const reason = infeasibility(constraints, budget);
  if (reason) throw new PlanningInputError(reason);
}

/**
 * The feasible budgets [min, max] (an interval: P is convex in (S, B)), found by scanning
 * Σl … Σu and bisecting its edges; null when no budget is feasible.
 */
export function feasibleBudgets(
  constraints: ResolvedConstraints,
): { readonly min: number; readonly max: number } | null {
  let low = 0;
  let high = 0;
  for (let c = 0; c < constraints.lower.length; c++) {
    low += constraints.lower[c];
    high += constraints.upper[c];
  }
  const steps = 256;
  const grid = Array.from({ length: steps + 1 }, (_, i) => low + ((high - low) * i) / steps);
  const inside = grid.map((b) => infeasibility(constraints, b) === null);
  const first = inside.indexOf(true);
  if (first < 0) return null;
  const last = inside.lastIndexOf(true);
  const edge = (outside: number, within: number): number => {
    for (let i = 0; i < 100; i++) {
      const middle = 0.5 * (outside + within);
      if (middle === outside || middle === within) break;
      if (infeasibility(constraints, middle) === null) within = middle;
      else outside = middle;
    }
    return within;
  };
  return {
    min: first === 0 ? low : edge(grid[first - 1], grid[first]),
    max: last === steps ? high : edge(grid[last + 1], grid[last]),
  };
}
