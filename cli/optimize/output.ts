/**
 * What `mmm optimize` prints: one JSON object (--json; the shape checks depend on, plus detail) or a
 * table. Spend is currency over the horizon, KPI incremental over the horizon, intervals 90%.
 */
import type { OptimisedScenario } from '../../models/planning/planningSession';
import type { ScenarioInterval } from '../../models/planning/scenarioSchema';

export interface OptimizeOutput {
  readonly allocation: readonly {
    readonly channel: string;
    readonly spend: number;
    readonly reference: number;
    readonly mroi: ScenarioInterval;
    readonly atBound: 'lower' | 'upper' | 'locked' | null;
    readonly incremental: ScenarioInterval;
    readonly roi: ScenarioInterval;
  }[];
  readonly expected: {
    readonly kpi: ScenarioInterval;
    readonly roi: ScenarioInterval;
    readonly mroi: ScenarioInterval;
    readonly totalKpi: ScenarioInterval;
    readonly carryIn: ScenarioInterval;
    readonly carryOut: ScenarioInterval;
  };
  readonly objective: string;
  readonly target: number | null;
  readonly risk: string;
  readonly flighting: string;
  readonly budget: number;
  readonly reference: number;
  readonly weeks: number;
  readonly converged: boolean;
  readonly iterations: number;
  readonly kktResidual: number;
  readonly provisional: boolean;
  readonly message: string | null;
  readonly seconds: number;
}

export function optimizeOutput(
  optimised: OptimisedScenario,
  context: { readonly target: number | null; readonly risk: string; readonly flighting: string },
  seconds: number,
): OptimizeOutput {
  const { inputs, result } = optimised;
  return {
    allocation: result.channels.map((c) => ({
      channel: c.channel,
      spend: c.spend,
      reference: c.reference,
      mroi: c.mroi,
      atBound: c.atBound,
      incremental: c.incremental,
      roi: c.roi,
    })),
    expected: {
      kpi: result.total.incremental,
      roi: result.total.roi,
      mroi: result.total.mroi,
      totalKpi: result.total.kpi,
      carryIn: result.total.carryIn,
      carryOut: result.total.carryOut,
    },
    objective: inputs.objective.kind,
    target: context.target,
    risk: context.risk,
    flighting: context.flighting,
    budget: result.total.spend,
    reference: result.total.reference,
    weeks: inputs.horizonWeeks,
    converged: result.converged,
    iterations: result.iterations,
    kktResidual: optimised.kktResidual,
    provisional: result.provisional,
    message: result.message,
    seconds,
  };
}

const number = (value: number, digits = 0): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ratio = (i: ScenarioInterval): string =>
  `${i.mean.toFixed(2)} [${i.lo.toFixed(2)}, ${i.hi.toFixed(2)}]`;

export function optimizeTable(output: OptimizeOutput): string {
  const header = [
    'channel',
    'spend',
    'reference',
    'change',
    'incremental KPI [90%]',
    'mROI [90%]',
    'bound',
  ];
  const rows = output.allocation.map((a) => [
    a.channel,
    number(a.spend),
    number(a.reference),
    a.reference > 0 ? `${(100 * (a.spend / a.reference - 1)).toFixed(1)}%` : '—',
    `${number(a.incremental.mean)} [${number(a.incremental.lo)}, ${number(a.incremental.hi)}]`,
    ratio(a.mroi),
    a.atBound ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const { kpi, roi } = output.expected;
  return [
    `${output.objective} over ${output.weeks} weeks (${output.risk}, flighting ${output.flighting})${output.provisional ? ' — PROVISIONAL: the fit failed its quality gate' : ''}`,
    line(header),
    ...rows.map(line),
    '',
    `budget ${number(output.budget)} (reference ${number(output.reference)})`,
    `incremental KPI ${number(kpi.mean)} [${number(kpi.lo)}, ${number(kpi.hi)}], ROI ${ratio(roi)}`,
    `${output.converged ? 'converged' : 'NOT converged'} in ${output.iterations} iterations, ${output.seconds.toFixed(2)} s${output.message ? ` — ${output.message}` : ''}`,
  ].join('\n');
}
