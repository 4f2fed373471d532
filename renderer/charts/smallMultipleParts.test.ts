import { readFileSync } from 'node:fs';
import type { EChartsOption } from 'echarts';
import { describe, expect, it } from 'vitest';
import { parseFitReport, type FitReport } from '../../models/report';
import { ADSTOCK_PANEL_HEIGHT, buildAdstockOption } from './adstockOption';
import { buildFitOption } from './fitOption';
import { smallMultiples, splitSmallMultiples, FAILED_GATE_NOTE } from './resultsChart';
import { buildResponseCurvesOption, CURVE_PANEL_HEIGHT, gridColumns } from './resultsCurvesOption';

const parsed = parseFitReport(
  readFileSync(new URL('./fixtures/fit-result.sample.json', import.meta.url), 'utf8'),
);
if (!parsed.ok) throw new Error(parsed.message);
const report: FitReport = parsed.report;

type Item = { name?: string; data?: unknown; xAxisIndex?: number; yAxisIndex?: number };
const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Splits `option` and checks each part against grid i of the whole. */
function expectPanels(option: EChartsOption, panelHeight: number): void {
  const count = list(option.grid).length;
  const columns = gridColumns(count);
  const split = splitSmallMultiples(
    option,
    columns,
    smallMultiples(count, columns, panelHeight).rowHeight,
  )!;
  expect(split.columns).toBe(columns);
  expect(split.parts).toHaveLength(count);
  const whole = list(option.series) as Item[];
  const titles = list(option.title) as { text?: string }[];
  split.parts.forEach((part, i) => {
    expect(part.height).toBe(panelHeight + 48);
    expect(list(part.option.grid)).toHaveLength(1);
    const x = list(part.option.xAxis) as Record<string, unknown>[];
    const y = list(part.option.yAxis) as Record<string, unknown>[];
    expect(x).toHaveLength(1);
    expect(y).toHaveLength(1);
    // Axis i of the whole, moved to the part's only grid.
    const { gridIndex: _x, ...xRest } = list(option.xAxis)[i] as Record<string, unknown>;
    const { gridIndex: _y, ...yRest } = list(option.yAxis)[i] as Record<string, unknown>;
    expect(x[0]).toEqual({ ...xRest, gridIndex: 0 });
    expect(y[0]).toEqual({ ...yRest, gridIndex: 0 });
    expect((part.option.title as { text?: string }).text).toBe(titles[i].text);
    // The series on grid i, in order, with the same data, now on axes 0.
    const mine = whole.filter((s) => (s.xAxisIndex ?? 0) === i);
    const series = list(part.option.series) as Item[];
    expect(series.map((s) => s.name)).toEqual(mine.map((s) => s.name));
    series.forEach((s, k) => {
      expect(s.data).toBe(mine[k].data);
      expect([s.xAxisIndex, s.yAxisIndex]).toEqual([0, 0]);
    });
    expect(part.option.graphic).toEqual(option.graphic);
  });
  // Every series of the whole lands in exactly one part.
  expect(split.parts.reduce((n, part) => n + list(part.option.series).length, 0)).toBe(
    whole.length,
  );
}

describe('small multiples drawn one chart per panel', () => {
  it('splits the response curves and adstock grids into their channels', () => {
    expectPanels(buildResponseCurvesOption(report, { mode: 'grid' }), CURVE_PANEL_HEIGHT);
    expectPanels(buildAdstockOption(report)!, ADSTOCK_PANEL_HEIGHT);
  });

  it('keeps the failed gate on every panel, and leaves one-grid charts whole', () => {
    const failed = { ...report, diagnostics: { ...report.diagnostics, gatePassed: false } };
    const option = buildResponseCurvesOption(failed, { mode: 'grid' });
    const split = splitSmallMultiples(option, 3, 178)!;
    for (const part of split.parts)
      expect(JSON.stringify(part.option.graphic)).toContain(FAILED_GATE_NOTE);
    expect(splitSmallMultiples(buildFitOption(report), 3, 178)).toBeNull();
    expect(
      splitSmallMultiples(
        buildResponseCurvesOption(report, { mode: 'single', channel: 'tv' }),
        3,
        178,
      ),
    ).toBeNull();
  });
});
