/**
 * The double-ML input of a run on the current model frame, as the CLI's `mmm dml` builds it from a
 * file: Y = the national weekly KPI, one treatment D per chosen channel (its weekly spend), and
 * controls X = the chosen frame controls plus a linear trend and Fourier terms of order 2
 * (period 365.25/7 weeks), rows in week order (HAC and blocked folds rely on it). For each
 * channel the other channels enter its X (models/causal/treatments.ts).
 */
import { timeFeatures, weeksFromDates } from '../../models/causal';
import type { ModelFrame } from '../../models/data';
import type { DmlRunSpec } from '../../models/report';
import type { DmlWorkerInput } from './dmlProtocol';
import { nationalSeries } from './nationalSeries';

export const FOURIER_ORDER = 2;

export function buildDmlInput(frame: ModelFrame, spec: DmlRunSpec): DmlWorkerInput {
  if (spec.treatments.length === 0) throw new Error('Choose at least one channel as a treatment.');
  const series = nationalSeries(frame, { channels: spec.treatments, controls: spec.controls });
  const n = series.weeks.length;
  if (n < 2 * spec.folds) throw new Error(`${n} weeks are too few for ${spec.folds} folds`);
  const time = timeFeatures(weeksFromDates(series.weeks), FOURIER_ORDER);
  const cols = series.controls.length + time.matrix.cols;
  const data = new Float64Array(n * cols);
  for (let t = 0; t < n; t += 1) {
    series.controlValues.forEach((values, k) => (data[t * cols + k] = values[t]));
    for (let c = 0; c < time.matrix.cols; c += 1)
      data[t * cols + series.controls.length + c] = time.matrix.data[t * time.matrix.cols + c];
  }
  return {
    y: series.kpi,
    treatments: series.channels.map((name, c) => ({ name, values: series.spend[c] })),
    controls: { rows: n, cols, data },
    options: {
      learner: spec.learner,
      folds: spec.folds,
      foldScheme: spec.foldScheme,
      gap: spec.gap,
      standardError: spec.standardError,
      seed: spec.seed,
      level: 0.95,
    },
  };
}
