/**
 * The geo parts of a fit report (fitReportSchema.ts `geo`, `inputs.geo`) and their way back:
 *
 *   ROI_c,g  = Σₜ contribution_c,g,t / Σₜ spend_c,g,t  (training weeks, per draw),
 *   contribution_c,g = ROI_c,g · Σₜ spend_c,g,t,
 *
 * each as posterior mean and 90% HDI; the national totals are the report's `channels`, which the
 * geo model's national facade computes as sums over geos. `inputs.geo` holds the per-geo series in
 * raw units, `[g][t]`, so `geoInputOf` rebuilds the exact `GeoMmmInput`.
 */
import { hdi } from '../diagnostics/hdi';
import { createGeoMmmTarget, type GeoMmmTarget } from '../mmm/geoTarget';
import { withGeoCoefficients } from '../mmm/geoComponents';
import type { GeoMmmData, GeoMmmInput, GeoMmmParameters } from '../mmm/geoTypes';
import type { MmmModel } from '../mmm/model';
import type { ModelSpecInput } from '../mmm/spec';
import type { FitReport, GeoInputs, GeoResult, ModelInputs } from './fitReportSchema';
import { geoParametersFromTable } from './posteriorDraws';

const PROBABILITY = 0.9;

export function isGeoModel(model: MmmModel): model is GeoMmmTarget {
  return 'geoDesign' in model;
}

function interval(values: Float64Array): { mean: number; lo: number; hi: number } {
  let mean = 0;
  for (const v of values) mean += v / values.length;
  const { lower, upper } = hdi(values, PROBABILITY);
  return { mean, lo: lower, hi: upper };
}

/** Per-geo ROI and contribution of every channel, and each channel's geo spread τ. */
export function geoResultOf(target: GeoMmmTarget, draws: readonly GeoMmmParameters[]): GeoResult {
  const design = target.geoDesign;
  const geos = design.geoNames.length;
  const column = (pick: (draw: GeoMmmParameters) => number): Float64Array =>
    Float64Array.from(draws, pick);
  return {
    geos: design.geoNames.map((name, g) => ({
      name,
      population: design.population ? design.population[g] : null,
      channels: design.channelNames.map((channel, c) => {
        const spend = design.geoSpendTotal[c * geos + g];
        const roi = column((draw) => draw.geo.channels[c].roi[g]);
        return {
          name: channel,
          spend,
          roi: spend > 0 ? interval(roi) : null,
          contribution: interval(roi.map((value) => value * spend)),
        };
      }),
    })),
    nationallyAllocated: design.channelNames.filter((_, c) => design.nationalOnly[c]),
    spread: design.channelNames.map((channel, c) => ({
      channel,
      value: interval(column((draw) => draw.geo.channels[c].spread)),
    })),
  };
}

/** A geo input's series as report inputs: the national sums beside the per-geo series. */
export function geoModelInputs(input: GeoMmmInput, target: GeoMmmTarget): ModelInputs {
  const { data } = input;
  const weeks = data.dates.length;
  const geos = data.geoNames.length;
  const { weights } = target.geoDesign;
  const rows = (values: Float64Array): number[][] =>
    data.geoNames.map((_, g) => Array.from(values.subarray(g * weeks, (g + 1) * weeks)));
  /** A per-geo control's national series: its mean over geos, weighted by population. */
  const nationalControl = (values: Float64Array): number[] =>
    Array.from({ length: weeks }, (_, t) => {
      let sum = 0;
      for (let g = 0; g < geos; g++) sum += (weights[g] / geos) * values[g * weeks + t];
      return sum;
    });
  const geoSpec: GeoInputs['spec'] = JSON.parse(JSON.stringify(target.geoSpec));
  return {
    dates: [...data.dates],
    kpi: Array.from(target.design.kpi),
    channels: data.channelNames.map((name, c) => ({
      name,
      spend: Array.from(target.design.spend[c]),
    })),
    controls: data.controlNames.map((name, j) => ({
      name,
      values:
        data.controls[j].length === weeks
          ? Array.from(data.controls[j])
          : nationalControl(data.controls[j]),
    })),
    experiments: (input.experiments ?? []).map((test) => ({ ...test })),
    geo: {
      geos: data.geoNames.map((name, g) => ({
        name,
        population: data.population ? data.population[g] : null,
      })),
      kpi: rows(data.kpi),
      spend: data.spend.map((series) => (series.length === weeks ? null : rows(series))),
      controls: data.controls.map((series) => (series.length === weeks ? null : rows(series))),
      spec: geoSpec,
    },
  };
}

/** The `GeoMmmInput` a geo report was fitted on (its spec with the derived ROI prior dropped). */
export function geoInputOf(report: FitReport, spec: ModelSpecInput): GeoMmmInput {
  const inputs = report.inputs;
  if (!inputs?.geo) throw new Error('fit report: not a geo fit (no per-geo inputs)');
  const { geo } = inputs;
  const flatten = (rows: readonly (readonly number[])[]): Float64Array =>
    Float64Array.from(rows.flat());
  const populations = geo.geos.map((g) => g.population);
  const data: GeoMmmData = {
    dates: [...inputs.dates],
    geoNames: geo.geos.map((g) => g.name),
    population: populations.every((p): p is number => p !== null)
      ? Float64Array.from(populations)
      : null,
    kpi: flatten(geo.kpi),
    channelNames: inputs.channels.map((c) => c.name),
    spend: inputs.channels.map((channel, c) => {
      const rows = geo.spend[c];
      return rows ? flatten(rows) : Float64Array.from(channel.spend);
    }),
    controlNames: inputs.controls.map((c) => c.name),
    controls: inputs.controls.map((control, j) => {
      const rows = geo.controls[j];
      return rows ? flatten(rows) : Float64Array.from(control.values);
    }),
  };
  return {
    spec,
    geo: geo.spec,
    data,
    experiments: inputs.experiments.map((test) => ({ ...test })),
  };
}

/** The geo model and its stored draws (β per geo recomputed from the stored ROIs). */
export function geoModelFromReport(
  report: FitReport,
  spec: ModelSpecInput,
): { input: GeoMmmInput; target: GeoMmmTarget; draws: GeoMmmParameters[] } {
  const input = geoInputOf(report, spec);
  const target = createGeoMmmTarget(input);
  const { channelNames } = target.design;
  const geoNames = target.geoDesign.geoNames;
  const draws = Array.from({ length: report.draws.count }, (_, d) =>
    withGeoCoefficients(
      target.spec,
      target.geoDesign,
      geoParametersFromTable(report.draws, d, channelNames, geoNames),
    ),
  );
  return { input, target, draws };
}
