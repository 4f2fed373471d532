/**
 * Prior-predictive preview: what the priors alone allow for each channel, before any KPI is seen.
 * Each channel's coordinates (ROI — or β in the 'textbook' parametrisation — adstock and saturation
 * parameters) are drawn from their priors; the baseline stays at its prior centre (it does not move
 * a channel's contribution). Spend enters only through the model's scaling:
 *
 *   β_c = ROI_c · Σₜ spend_c,t / (ȳ · Σₜ h(a_c,t))        (training weeks; see mmm/parametrisation.ts)
 *
 * so each draw implies a response curve R_c(m) = Σₜ contribution_c,t(m · x_c) (responseCurves.ts).
 * Variates: Normal by rng.normal(); HalfNormal |Z|·sd; LogNormal e^(μ+σZ); Gamma(a, b) as
 * Gamma(a, 1)/b (Marsaglia & Tsang); Beta(a, b) = X/(X + Y), X ~ Gamma(a), Y ~ Gamma(b); a Beta prior
 * on an interval parameter (delayed adstock's peak on (0, L−1)) is rescaled to the interval.
 */
import type { Prior } from '../mmm/distributions';
import { unconstrainValue, priorCentrePosition } from '../mmm/parametrisation';
import type { MmmTarget } from '../mmm/target';
import type { MmmParameters } from '../mmm/types';
import type { Rng } from '../random/rng';
import { bandOf, type Band } from './bands';
import { gammaVariate } from './posteriorPredictive';
import { channelRoi } from './roi';
import { responseCurves, type ResponseCurve } from './responseCurves';

/** One draw from a prior. */
export function priorVariate(prior: Prior, rng: Rng): number {
  switch (prior.distribution) {
    case 'normal':
      return prior.mean + prior.sd * rng.normal();
    case 'halfNormal':
      return Math.abs(rng.normal()) * prior.sd;
    case 'logNormal':
      return Math.exp(prior.mu + prior.sigma * rng.normal());
    case 'gamma':
      return gammaVariate(rng, prior.shape) / prior.rate;
    case 'beta': {
      const x = gammaVariate(rng, prior.alpha);
      const y = gammaVariate(rng, prior.beta);
      return x / (x + y);
    }
  }
}

/** `count` parameter sets with every channel coordinate drawn from its prior. */
export function sampleChannelPriors(target: MmmTarget, count: number, rng: Rng): MmmParameters[] {
  const { layout } = target;
  const centre = priorCentrePosition(layout);
  const first = layout.channelStart;
  const last = first + target.design.channelNames.length * layout.channelStride;
  return Array.from({ length: count }, () => {
    const position = Float64Array.from(centre);
    for (let i = first; i < last; i++) {
      const { transform, prior, name } = layout.coordinates[i];
      let value = priorVariate(prior, rng);
      if (transform.kind === 'logit' && prior.distribution === 'beta')
        value = transform.lower + value * (transform.upper - transform.lower);
      // A variate on the very edge of a support (0 or 1 in floating point) is nudged inside.
      const edge = 1e-12;
      if (transform.kind === 'logit')
        value = Math.min(transform.upper - edge, Math.max(transform.lower + edge, value));
      else if (transform.kind === 'log') value = Math.max(value, Number.MIN_VALUE);
      position[i] = unconstrainValue(transform, value, name);
    }
    return target.constrain(position);
  });
}

export interface PriorPreview {
  /** Per channel: ROI's prior mean and central 90% range. */
  readonly roi: readonly (Band & { readonly channel: string })[];
  /** Per channel: the response curves the prior allows (mean and central 90% band). */
  readonly curves: readonly ResponseCurve[];
  /** A few single draws' curves per channel (incremental KPI at each multiplier), for shapes. */
  readonly examples: readonly (readonly Float64Array[])[];
  readonly draws: number;
}

export function priorPreview(
  target: MmmTarget,
  rng: Rng,
  options: { draws?: number; examples?: number } = {},
): PriorPreview {
  const count = options.draws ?? 200;
  const draws = sampleChannelPriors(target, count, rng);
  const roi = channelRoi(target, draws, 0.9).map((channel) => ({
    channel: channel.channel,
    ...bandOf(channel.draws, 0.9),
  }));
  const curves = responseCurves(target, draws, { probability: 0.9 });
  const shown = Math.min(options.examples ?? 12, count);
  const exampleDraws = Array.from(
    { length: shown },
    (_, k) => draws[Math.floor((k * count) / shown)],
  );
  // A curve of one draw is the "band" of that draw alone.
  const single = exampleDraws.map((draw) => responseCurves(target, [draw]));
  const examples = target.design.channelNames.map((_, c) =>
    single.map((curvesOfDraw) => curvesOfDraw[c].incremental.mean),
  );
  return { roi, curves, examples, draws: count };
}
