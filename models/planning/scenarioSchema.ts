/**
 * A budget scenario as the planner, `mmm optimize` and plan files exchange it: what the planner
 * chose (`ScenarioInputs`) and what the posterior says it gives (`ScenarioResult`). Pure data (zod
 * schemas, plain JSON), so a scenario saved in a plan file opens and re-evaluates anywhere.
 *
 * Units: spend is currency, totalled over the horizon's weeks; KPI is KPI units, incremental over
 * the horizon (history's carry-over into the horizon and the horizon's own spend carrying past its
 * end are reported apart); ROI and marginal ROI are KPI units per currency unit. Every interval is
 * the posterior mean and the 90% interval over the report's draws.
 */
import { z } from '../io/zod';

const finite = z.number().refine(Number.isFinite, 'a finite number');
const nonNegative = finite.refine((v) => v >= 0, 'zero or more');
const name = z.string().min(1).max(200);

/** Posterior mean and 90% interval. */
export const ScenarioIntervalSchema = z.object({ mean: finite, lo: finite, hi: finite });

export const ObjectiveSchema = z.discriminatedUnion('kind', [
  /** (1) Most incremental KPI for a fixed total budget over the horizon. */
  z.object({ kind: z.literal('max-kpi'), budget: nonNegative }),
  /** (2) The least budget whose incremental KPI reaches `targetKpi`. */
  z.object({ kind: z.literal('min-spend'), targetKpi: nonNegative }),
  /** (3) The largest budget whose overall ROI stays ≥ `targetRoi`. */
  z.object({ kind: z.literal('target-roi'), targetRoi: nonNegative }),
  /** (4) Every channel spends until its marginal ROI falls to `targetMroi`. */
  z.object({ kind: z.literal('target-mroi'), targetMroi: nonNegative }),
  /** A hand-edited allocation: evaluated, not optimised. */
  z.object({ kind: z.literal('manual') }),
]);

/** What is maximised over the posterior draws of the objective's KPI. */
export const RiskSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('mean') }),
  /** A lower quantile, e.g. 0.1 (the 10th percentile). */
  z.object({ kind: z.literal('quantile'), quantile: finite.refine((q) => q > 0 && q < 1) }),
  /** mean − λ·sd. */
  z.object({ kind: z.literal('mean-sd'), lambda: nonNegative }),
]);

/** How each channel's horizon total is spread over the horizon's weeks. */
export const FlightingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('flat') }),
  /** The weekly shape of the reference period (the last `horizonWeeks` weeks of data). */
  z.object({ kind: z.literal('reference') }),
  /**
   * Given weekly spend (e.g. from a CSV): `weeks` are the horizon's week starts, `spend[channel]`
   * one value per week; the shape is used, scaled to the channel's total.
   */
  z.object({
    kind: z.literal('weekly'),
    source: z.string().max(200).nullable(),
    weeks: z.array(z.string()),
    spend: z.record(z.string(), z.array(nonNegative)),
  }),
]);

/** A channel's spend bounds over the horizon: multipliers of its reference spend, or currency. */
export const ChannelBoundSchema = z.object({
  channel: name,
  unit: z.enum(['relative', 'absolute']),
  lower: nonNegative,
  upper: nonNegative,
});

/** A group limit: the group's share of the total budget (e.g. digital ≤ 0.6). */
export const GroupLimitSchema = z.object({
  name,
  channels: z.array(name).min(1),
  minShare: finite.refine((v) => v >= 0 && v <= 1).nullable(),
  maxShare: finite.refine((v) => v >= 0 && v <= 1).nullable(),
});

export const ChannelSpendSchema = z.object({ channel: name, spend: nonNegative });

export const ScenarioInputsSchema = z.object({
  name,
  horizonWeeks: z.number().int().min(1).max(104),
  objective: ObjectiveSchema,
  risk: RiskSchema,
  flighting: FlightingSchema,
  bounds: z.array(ChannelBoundSchema),
  locked: z.array(name),
  groups: z.array(GroupLimitSchema),
  /** The allocation over the horizon: chosen by hand (manual) or the optimiser's answer. */
  allocation: z.array(ChannelSpendSchema),
});

export const ChannelOutcomeSchema = z.object({
  channel: name,
  spend: nonNegative,
  /** The channel's reference spend over the horizon (the last `horizonWeeks` weeks of data). */
  reference: nonNegative,
  incremental: ScenarioIntervalSchema,
  roi: ScenarioIntervalSchema,
  mroi: ScenarioIntervalSchema,
  atBound: z.enum(['lower', 'upper', 'locked']).nullable(),
});

export const ScenarioResultSchema = z.object({
  channels: z.array(ChannelOutcomeSchema),
  total: z.object({
    spend: nonNegative,
    reference: nonNegative,
    /** Incremental KPI of the horizon's spend within the horizon. */
    incremental: ScenarioIntervalSchema,
    /** Baseline (controls at their reference means) + carry-in + incremental. */
    kpi: ScenarioIntervalSchema,
    roi: ScenarioIntervalSchema,
    mroi: ScenarioIntervalSchema,
    /** History's spend carrying over into the horizon (the same in every scenario). */
    carryIn: ScenarioIntervalSchema,
    /** The horizon's spend carrying past its end (not in `incremental`). */
    carryOut: ScenarioIntervalSchema,
  }),
  /** The optimiser's own account; for a manual scenario converged is true, iterations 0. */
  converged: z.boolean(),
  iterations: z.number().int().min(0),
  seconds: nonNegative,
  /** Built on a fit that failed the quality gate: shown everywhere as provisional. */
  provisional: z.boolean(),
  /** Why the optimiser stopped, or which constraint could not be met (null when fine). */
  message: z.string().max(2000).nullable(),
});

export const ScenarioSchema = z.object({
  id: z.string().min(1).max(100),
  inputs: ScenarioInputsSchema,
  result: ScenarioResultSchema,
});

export type ScenarioInterval = z.infer<typeof ScenarioIntervalSchema>;
export type Objective = z.infer<typeof ObjectiveSchema>;
export type Risk = z.infer<typeof RiskSchema>;
export type Flighting = z.infer<typeof FlightingSchema>;
export type ChannelBound = z.infer<typeof ChannelBoundSchema>;
export type GroupLimit = z.infer<typeof GroupLimitSchema>;
export type ScenarioInputs = z.infer<typeof ScenarioInputsSchema>;
export type ChannelOutcome = z.infer<typeof ChannelOutcomeSchema>;
export type ScenarioResult = z.infer<typeof ScenarioResultSchema>;
export type Scenario = z.infer<typeof ScenarioSchema>;
