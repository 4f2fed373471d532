/**
 * A full-size fit report for tests (never used by the app): `channels` simulated channels over
 * `weeks` weeks and `draws` posterior draws jittered around a point (no sampling: the report's
 * assembly is real, the draws are not a posterior). Sizes plan files and the report's charts.
 */
import { qualityGate } from '../diagnostics/gate';
import { summariseDraws } from '../diagnostics/summary';
import type { FitRequest, FitResult } from '../inference/chains';
import { createMmmTarget } from '../mmm/target';
import type { MmmInput } from '../mmm/types';
import { createRng } from '../random/rng';
import { buildFitReport } from '../report/fitReport';
import { dataFingerprint } from '../report/dataFingerprint';
import type { FitReport } from '../report/fitReportSchema';
import { handMadeChain } from '../testing/handMadeChain';
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
  const target = createMmmTarget(input);
  const rng = createRng(options.seed ?? 7);
  const dimension = target.dimension;
  const centre = Float64Array.from({ length: dimension }, () => 0.3 * rng.normal());
  const draws = new Float64Array(options.draws * dimension);
  for (let i = 0; i < draws.length; i++) draws[i] = centre[i % dimension] + 0.05 * rng.normal();
  const chains = [handMadeChain(0, draws, dimension)];
  const summary = summariseDraws([draws], target.parameterNames);
  const gate = qualityGate({
    summaries: summary,
    chains: [{ chainId: 0, divergences: 0, eBfmi: 1 }],
  });
  const fit: FitResult = {
    parameterNames: target.parameterNames,
    chains,
    summary,
    gate,
    wallSeconds: 2,
  };
  const request: FitRequest = {
    target: { kind: 'mmm', input },
    chains: 1,
    warmup: options.draws,
    draws: options.draws,
    seed: options.seed ?? 7,
  };
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
