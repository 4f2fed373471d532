/**
 * The diagnostics tables of a fit report, each cell judged against the quality gate's thresholds
 * (models/diagnostics/gate.ts): a parameter row per sampled coordinate (mean, sd, 90% interval,
 * R-hat, bulk and tail ESS) and a row per chain (step size, divergences, tree depth, E-BFMI). A
 * cell is 'bad' when it fails its threshold, 'unknown' when the value is missing (n/a). Rows as
 * plain values too, for the TSV copy.
 */
import { DEFAULT_GATE } from '../../models/diagnostics/gate';
import type { Cell } from '../../models/io/delimitedText';
import type { FitReport } from '../../models/report';

export type CellStatus = 'ok' | 'bad' | 'unknown';

export interface ParameterRow {
  readonly name: string;
  readonly mean: number;
  readonly sd: number | null;
  readonly q5: number;
  readonly q95: number;
  readonly rhat: number | null;
  readonly essBulk: number | null;
  readonly essTail: number | null;
  readonly status: { rhat: CellStatus; essBulk: CellStatus; essTail: CellStatus };
  /** Any of the row's cells fails the gate. */
  readonly failing: boolean;
}

function judge(value: number | null, passes: (value: number) => boolean): CellStatus {
  return value === null ? 'unknown' : passes(value) ? 'ok' : 'bad';
}

export function parameterRows(report: FitReport): ParameterRow[] {
  return report.parameters.map((p) => {
    const status = {
      rhat: judge(p.rhat, (v) => v <= DEFAULT_GATE.maxRhat),
      essBulk: judge(p.essBulk, (v) => v >= DEFAULT_GATE.minBulkEss),
      essTail: judge(p.essTail, (v) => v >= DEFAULT_GATE.minTailEss),
    };
    return {
      ...p,
      status,
      failing: Object.values(status).some((s) => s !== 'ok'),
    };
  });
}

export interface ChainRow {
  readonly chain: number;
  readonly stepSize: number;
  readonly divergences: number;
  readonly meanTreeDepth: number;
  readonly treeDepthSaturations: number;
  readonly eBfmi: number | null;
  readonly acceptanceRate: number;
  readonly status: { divergences: CellStatus; eBfmi: CellStatus };
}

export function chainRows(report: FitReport): ChainRow[] {
  return report.diagnostics.chains.map((c) => ({
    chain: c.chainId + 1,
    stepSize: c.stepSize,
    divergences: c.divergences,
    meanTreeDepth: c.meanTreeDepth,
    treeDepthSaturations: c.treeDepthSaturations,
    eBfmi: c.eBfmi,
    acceptanceRate: c.acceptanceRate,
    status: {
      divergences: c.divergences > DEFAULT_GATE.maxDivergences ? 'bad' : 'ok',
      eBfmi: judge(c.eBfmi, (v) => v >= DEFAULT_GATE.minEBfmi),
    },
  }));
}

export function parameterTable(report: FitReport): Cell[][] {
  return [
    ['parameter', 'mean', 'sd', 'q5', 'q95', 'rhat', 'ess_bulk', 'ess_tail'],
    ...report.parameters.map((p) => [
      p.name,
      p.mean,
      p.sd,
      p.q5,
      p.q95,
      p.rhat,
      p.essBulk,
      p.essTail,
    ]),
  ];
}

export function chainTable(report: FitReport): Cell[][] {
  return [
    [
      'chain',
      'step_size',
      'divergences',
      'mean_tree_depth',
      'tree_depth_saturations',
      'e_bfmi',
      'acceptance',
    ],
    ...chainRows(report).map((c) => [
      c.chain,
      c.stepSize,
      c.divergences,
      c.meanTreeDepth,
      c.treeDepthSaturations,
      c.eBfmi,
      c.acceptanceRate,
    ]),
  ];
}
