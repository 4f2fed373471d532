/**
 * A full-size fit report for tests (never used by the app): `channels` simulated channels over
 * `weeks` weeks and `draws` posterior draws jittered around a point (no sampling: the report's
 * assembly is real, the draws are not a posterior). Sizes plan files and the report's charts.
 */
import type { MmmInput } from '../mmm/types';
import { buildFitReport } from '../report/fitReport';
import { dataFingerprint } from '../report/dataFingerprint';
import type { FitReport } from '../report/fitReportSchema';
import { handMadeFit } from '../testing/handMadeFit';
import { simulateMmmData } from '../testing/simulateMmmData';

export function largeTestReport(options: {
  readonly channels: number;
  readonly weeks: number;
  readonly draws: number;
  readonly seed?: number;
}): FitReport {
  const { data } = simulateMmmData({
    weeks: options.weeks,
    channels: options.channels,
    seed: options.seed ?? 7,
    controls: 2,
  });
  const input: MmmInput = { spec: {}, data };
  const { target, fit, request } = handMadeFit(input, {
    spread: 0.05,
    chains: 1,
    drawsPerChain: options.draws,
    seed: options.seed ?? 7,
    requestSeed: options.seed ?? 7,
  });
  return buildFitReport({
    request,
    fit,
    target,
    timing: { totalSeconds: 2, warmupSeconds: 1, samplingSeconds: 1 },
    dataFingerprint: dataFingerprint(data),
    thinTo: options.draws,
    curveDraws: 10,
    kpiName: 'revenue',
    source: 'simulated.csv',
    createdAt: '2026-01-01T00:00:00.000Z',
  });
}
