import { describe, expect, it } from 'vitest';
import type { ChainResult } from '../inference/sampleChain';
import { handMadeFit as makeFit } from '../testing/handMadeFit';
import { createMmmTarget } from '../mmm/target';
import type { MmmInput } from '../mmm/types';
import { simulateMmmData } from '../testing/simulateMmmData';
import { buildFitReport } from './fitReport';
import { FitReportSchema } from './fitReportSchema';
import { parametersFromTable } from './posteriorDraws';

/** A hand-made fit: draws jittered around a fixed position, or all equal to it (spread 0). */
function handMadeFit(
  input: MmmInput,
  spread: number,
  statsOf: (c: number) => Partial<ChainResult['stats']> = () => ({}),
) {
  return makeFit(input, { spread, statsOf });
}

const { data } = simulateMmmData({ weeks: 52, channels: 2, seed: 3, controls: 1 });
const input: MmmInput = { spec: { holdoutWeeks: 6 }, data };
const timing = { totalSeconds: 3, warmupSeconds: 1, samplingSeconds: 1 };

describe('buildFitReport', () => {
  it('reports a point-mass posterior exactly: ROI from constrain, contribution = ROI × spend, R² by hand', () => {
    const { target, fit, request, centre } = handMadeFit(input, 0);
    const report = buildFitReport({
      request,
      fit,
      target,
      timing,
      dataFingerprint: '0123456789abcdef',
      thinTo: 50,
      curveDraws: 5,
    });
    const point = target.constrain(centre);
    report.channels.forEach((channel, c) => {
      // constrain() computes ROI through the log-density evaluator; the report through components().
      expect(channel.roi.mean).toBeCloseTo(point.channels[c].roi, 9);
      expect(channel.roi.lo).toBeCloseTo(point.channels[c].roi, 9);
      expect(channel.roi.hi).toBeCloseTo(point.channels[c].roi, 9);
      let spend = 0;
      for (let t = 0; t < target.design.trainingWeeks; t++) spend += data.spend[c][t];
      expect(channel.spend).toBeCloseTo(spend, 6);
      expect(channel.contribution.mean).toBeCloseTo(point.channels[c].roi * spend, 3);
    });
    const mean = target.components(point).mean;
    const weeks = target.design.trainingWeeks;
    const y = data.kpi.subarray(0, weeks);
    const average = y.reduce((a, b) => a + b, 0) / weeks;
    let residual = 0;
    let total = 0;
    for (let t = 0; t < weeks; t++) {
      residual += (y[t] - mean[t]) ** 2;
      total += (y[t] - average) ** 2;
    }
    expect(report.fit.r2).toBeCloseTo(1 - residual / total, 9);
    let holdout = 0;
    for (let t = weeks; t < data.kpi.length; t++)
      holdout += Math.abs(data.kpi[t] - mean[t]) / data.kpi[t];
    expect(report.fit.holdoutMape).toBeCloseTo(holdout / (data.kpi.length - weeks), 9);
    // Response curve at m = 1 is the fitted contribution.
    report.responseCurves.forEach((curve, c) => {
      expect(curve.mean[curve.currentIndex]).toBeCloseTo(report.channels[c].contribution.mean, 3);
      expect(curve.mean[0]).toBe(0);
    });
  });

  it('thins evenly, summarises spread draws with HDIs that hold the mean, and round-trips the draws', () => {
    const { target, fit, request } = handMadeFit(input, 0.05);
    const report = buildFitReport({
      request,
      fit,
      target,
      timing,
      dataFingerprint: '0123456789abcdef',
      thinTo: 100,
      curveDraws: 10,
    });
    expect(report.draws.count).toBe(100);
    expect(report.responseCurves[0].draws).toBe(10);
    for (const channel of report.channels) {
      for (const interval of [channel.roi, channel.mroi, channel.contribution]) {
        expect(interval.lo).toBeLessThan(interval.mean);
        expect(interval.mean).toBeLessThan(interval.hi);
      }
      expect(channel.contribution.lo / channel.roi.lo).toBeCloseTo(channel.spend, 3);
    }
    // Draw k of the table is pooled draw ⌊k·300/100⌋ = 3k (chain 0 then chain 1).
    const pooled = new Float64Array(300 * target.dimension);
    pooled.set(fit.chains[0].draws, 0);
    pooled.set(fit.chains[1].draws, 150 * target.dimension);
    for (const k of [0, 37, 99]) {
      const expected = target.constrain(
        pooled.subarray(3 * k * target.dimension, (3 * k + 1) * target.dimension),
      );
      const rebuilt = parametersFromTable(report.draws, k, target.design.channelNames);
      expect(rebuilt.intercept).toBe(expected.intercept);
      expect(Array.from(rebuilt.seasonality)).toEqual(Array.from(expected.seasonality));
      expect(rebuilt.channels).toEqual(expected.channels);
      expect(target.unconstrain(rebuilt)[3]).toBeCloseTo(pooled[3 * k * target.dimension + 3], 9);
    }
    const roiColumn =
      report.draws.values[report.draws.names.indexOf(`${target.design.channelNames[1]}.roi`)];
    expect(roiColumn.reduce((a, b) => a + b, 0) / roiColumn.length).toBeCloseTo(
      report.channels[1].roi.mean,
      6,
    );
  });

  it('aggregates diagnostics from the chains and copies the gate verdict', () => {
    const { target, fit, request } = handMadeFit(input, 0.05, (c) => ({
      divergences: 2 + c,
      treeDepthSaturations: c,
      eBfmi: 0.9 - 0.7 * c,
    }));
    const report = buildFitReport({
      request,
      fit,
      target,
      timing,
      dataFingerprint: '0123456789abcdef',
      thinTo: 20,
      curveDraws: 2,
    });
    expect(report.diagnostics.divergences).toBe(5);
    expect(report.diagnostics.treeDepthSaturations).toBe(1);
    expect(report.diagnostics.eBfmiMin).toBeCloseTo(0.2, 12);
    expect(report.diagnostics.rhatMax).toBe(Math.max(...fit.summary.map((s) => s.rhat)));
    expect(report.diagnostics.essBulkMin).toBe(Math.min(...fit.summary.map((s) => s.essBulk)));
    expect(report.diagnostics.gatePassed).toBe(false);
    expect(report.diagnostics.gateReasons).toContain(
      '5 divergent transitions after warmup (allowed 0)',
    );
    expect(report.diagnostics.gateReasons.some((r) => r.startsWith('chain 1: E-BFMI'))).toBe(true);
  });

  it('survives JSON and validates against FitReportSchema; a wrong version or ragged draws fail', () => {
    const { target, fit, request } = handMadeFit(input, 0.05);
    const report = buildFitReport({
      request,
      fit,
      target,
      timing,
      dataFingerprint: '0123456789abcdef',
      thinTo: 20,
      curveDraws: 2,
      kpiName: 'revenue',
      source: 'data.csv',
    });
    const text = JSON.stringify(report);
    const parsed = FitReportSchema.safeParse(JSON.parse(text));
    expect(parsed.success).toBe(true);
    expect(report.spec.holdoutWeeks).toBe(6);
    expect(report.data).toMatchObject({
      weeks: 52,
      trainingWeeks: 46,
      kpiName: 'revenue',
      source: 'data.csv',
    });
    expect(FitReportSchema.safeParse({ ...JSON.parse(text), version: 99 }).success).toBe(false);
    const ragged = JSON.parse(text);
    ragged.draws.values[0].pop();
    expect(FitReportSchema.safeParse(ragged).success).toBe(false);
  });

  it("keeps each chain's trace, the adstock weights and a seeded predictive check", () => {
    const { target, fit, request, centre } = handMadeFit(input, 0.05);
    const build = () =>
      buildFitReport({
        request,
        fit,
        target,
        timing,
        dataFingerprint: '0123456789abcdef',
        thinTo: 60,
        curveDraws: 2,
        replicates: 7,
        tracePerChain: 40,
      });
    const report = build();
    // 150 draws per chain, at most 40 kept: stride ⌈150/40⌉ = 4, draws 0, 4, …, 148 (38 of them).
    const traces = report.traces!;
    expect(traces.thin).toBe(4);
    expect(traces.names).toEqual(target.parameterNames);
    traces.chains.forEach((trace, c) => {
      expect(trace.chainId).toBe(c);
      expect(trace.values[2]).toHaveLength(38);
      expect(trace.values[2][5]).toBe(fit.chains[c].draws[20 * target.dimension + 2]);
    });
    // Adstock weights of every draw sum to 1, so their means do too; lag 0 carries the most.
    for (const curve of report.adstockCurves!) {
      expect(curve.mean.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(curve.lags).toEqual(Array.from({ length: target.spec.maxLag }, (_, l) => l));
      curve.mean.forEach((m, l) => {
        expect(curve.lower[l]).toBeLessThanOrEqual(m + 1e-12);
        expect(m).toBeLessThanOrEqual(curve.upper[l] + 1e-12);
      });
    }
    // The predictive band holds the fitted mean and is wider than the band of the mean itself
    // (noise σ·ȳ ≫ the spread of μ here); the same seed gives the same replicates.
    const predictive = report.predictive!;
    expect(predictive.replicates).toHaveLength(7);
    expect(predictive.replicates[0]).toHaveLength(52);
    const sigma = target.constrain(centre).noise * target.design.kpiScale;
    let wider = 0;
    for (let t = 0; t < 52; t++) {
      expect(Math.abs(predictive.mean[t] - report.decomposition.fitted.mean[t])).toBeLessThan(
        4 * (sigma / Math.sqrt(60)) + 1e-6 * report.decomposition.fitted.mean[t],
      );
      const bandWidth = predictive.upper[t] - predictive.lower[t];
      if (bandWidth > report.decomposition.fitted.upper[t] - report.decomposition.fitted.lower[t])
        wider += 1;
    }
    expect(wider).toBe(52);
    expect(build().predictive).toEqual(predictive);
  });

  it('rejects a fit of another model', () => {
    const { fit, request } = handMadeFit(input, 0.05);
    const other = createMmmTarget({
      spec: {},
      data: simulateMmmData({ weeks: 52, channels: 3, seed: 3 }).data,
    });
    expect(() =>
      buildFitReport({ request, fit, target: other, timing, dataFingerprint: '0123456789abcdef' }),
    ).toThrow(/another model/);
  });
});
