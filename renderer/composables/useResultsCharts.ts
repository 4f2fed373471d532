/**
 * The Results task's charts for one report: each chart's option, data rows (CSV) and height, from
 * the pure builders in renderer/charts, with the view's choices (band toggle, ROI order, curve
 * channel or small multiples, traced parameter). Options are rebuilt only when the report or a
 * choice changes, and handed to ECharts frozen (no deep reactivity on large series).
 */
import { computed, markRaw, ref, watch, type Ref } from 'vue';
import type { EChartsOption } from 'echarts';
import type { Cell } from '../../models/io/delimitedText';
import type { FitReport } from '../../models/report';
import {
  ADSTOCK_PANEL_HEIGHT,
  adstockHeight,
  adstockRows,
  buildAdstockOption,
} from '../charts/adstockOption';
import { buildDecompositionOption, decompositionRows } from '../charts/decompositionOption';
import { buildFitOption, fitRows } from '../charts/fitOption';
import { buildGeoRoiOption, geoRoiData, geoRoiHeight, geoRoiRows } from '../charts/geoRoiOption';
import { bandCoverage, buildPpcOption, ppcRows } from '../charts/ppcOption';
import {
  buildResponseCurvesOption,
  CURVE_PANEL_HEIGHT,
  gridColumns,
  responseCurveRows,
  responseCurvesHeight,
  type CurvesView,
} from '../charts/resultsCurvesOption';
import { buildRoiOption, roiRows, type RoiSort } from '../charts/roiOption';
import { buildTraceOption, traceRows } from '../charts/traceOption';
import { buildWaterfallOption, waterfallRows } from '../charts/waterfallOption';
import { smallMultiples, splitSmallMultiples, type ChartParts } from '../charts/resultsChart';

export interface ChartView {
  /** The whole chart: drawn, unless `parts` draw it panel by panel; always what exports draw. */
  readonly option: EChartsOption | null;
  readonly rows: readonly (readonly Cell[])[];
  readonly height: number;
  /** Small multiples drawn as one chart per panel (renderer/charts/resultsChart.ts). */
  readonly parts?: ChartParts | null;
}

const view = (
  option: EChartsOption | null,
  rows: Cell[][],
  height: number,
  parts?: ChartParts | null,
): ChartView => ({
  option: option && markRaw(option),
  rows: markRaw(rows),
  height,
  ...(parts ? { parts: markRaw(parts) } : {}),
});

/** Small multiples in `count` panels of `panelHeight` px (their grid cell), drawn one by one. */
function partsOf(option: EChartsOption | null, count: number, panelHeight: number) {
  if (!option) return null;
  const columns = gridColumns(count);
  return splitSmallMultiples(
    option,
    columns,
    smallMultiples(count, columns, panelHeight).rowHeight,
  );
}

export function useResultsCharts(report: Ref<FitReport | null>) {
  const bands = ref(false);
  const roiSort = ref<RoiSort>('roi');
  const curveChannel = ref<string>('all');
  const traceParameter = ref<string>('');

  watch(
    report,
    (next) => {
      if (!next) return;
      if (curveChannel.value !== 'all' && !next.data.channels.includes(curveChannel.value))
        curveChannel.value = 'all';
      if (!next.parameters.some((p) => p.name === traceParameter.value))
        traceParameter.value = next.parameters[0]?.name ?? '';
    },
    { immediate: true },
  );

  const curvesView = computed<CurvesView>(() =>
    curveChannel.value === 'all'
      ? { mode: 'grid' }
      : { mode: 'single', channel: curveChannel.value },
  );

  const fit = computed(
    () => report.value && view(buildFitOption(report.value), fitRows(report.value), 340),
  );
  const decomposition = computed(
    () =>
      report.value &&
      view(
        buildDecompositionOption(report.value, { bands: bands.value }),
        decompositionRows(report.value),
        380,
      ),
  );
  const waterfall = computed(
    () =>
      report.value && view(buildWaterfallOption(report.value), waterfallRows(report.value), 340),
  );
  const roi = computed(
    () =>
      report.value &&
      view(
        buildRoiOption(report.value, roiSort.value),
        roiRows(report.value, roiSort.value),
        Math.max(220, 90 + 44 * report.value.channels.length),
      ),
  );
  const curves = computed(() => {
    if (!report.value) return null;
    const option = buildResponseCurvesOption(report.value, curvesView.value);
    const count = report.value.responseCurves.length;
    return view(
      option,
      responseCurveRows(report.value),
      responseCurvesHeight(report.value, curvesView.value),
      curvesView.value.mode === 'grid' ? partsOf(option, count, CURVE_PANEL_HEIGHT) : null,
    );
  });
  const adstock = computed(() => {
    if (!report.value) return null;
    const option = buildAdstockOption(report.value);
    return view(
      option,
      adstockRows(report.value),
      adstockHeight(report.value),
      partsOf(option, report.value.adstockCurves?.length ?? 0, ADSTOCK_PANEL_HEIGHT),
    );
  });
  const trace = computed(
    () =>
      report.value &&
      view(
        buildTraceOption(report.value, traceParameter.value),
        traceRows(report.value, traceParameter.value),
        300,
      ),
  );
  const ppc = computed(
    () => report.value && view(buildPpcOption(report.value), ppcRows(report.value), 320),
  );
  const coverage = computed(() => (report.value ? bandCoverage(report.value) : null));
  // Geo fits only: the geo × channel ROI heat map.
  const geo = computed(() => {
    const section = report.value?.geo;
    if (!section) return null;
    const data = geoRoiData(section);
    return view(buildGeoRoiOption(data), geoRoiRows(data), geoRoiHeight(data));
  });

  return {
    bands,
    roiSort,
    curveChannel,
    traceParameter,
    fit,
    decomposition,
    waterfall,
    roi,
    curves,
    adstock,
    trace,
    ppc,
    coverage,
    geo,
  };
}
