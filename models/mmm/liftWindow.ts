/**
 * The window of one lift test on one adstocked series (a channel nationally, or a channel in one
 * geo): the saturated response lost when the window's spend is removed,
 *
 *   D = Σ_{t=s}^{min(f+L−1, T−1)} [h(aₜ) − h(a′ₜ)],   a′ₜ = aₜ − Σ_{l: s ≤ t−l ≤ f} wₗ x̃ₜ₋ₗ,
 *
 * [s, f] the test window, L the adstock window, so the L−1 weeks after f carry the window's
 * adstock. Its derivatives at fixed β, for the lift likelihood's gradient:
 *   ∂D/∂θⱼ = Σ (h′(a) ∂a/∂θⱼ − h′(a′) ∂a′/∂θⱼ),   ∂D/∂φ_q = Σ (∂h/∂φ_q(a) − ∂h/∂φ_q(a′)).
 * Shared by the national model (liftTests.ts) and the geo model (geoLiftTests.ts), which scale D
 * by ȳ β (and the geo's population weight) and sum it over the geos a test covers.
 *
 * Example: x̃ = [1, 0, 0], α = 0 (no carry-over), window [0, 0], Hill K = 1, S = 1:
 *          a = [1, 0, 0], a′ = [0], D = h(1) − h(0) = ½.
 */
import type { SaturationKernel } from '../transforms/kernels';
import type { ChannelWorkspace } from './channelWorkspace';

/** Scratch arrays for the counterfactual series of one window (sized for the longest window). */
export interface LiftWorkspace {
  readonly adstocked: Float64Array;
  readonly adstockDerivatives: Float64Array;
  readonly saturated: Float64Array;
  readonly slope: Float64Array;
  readonly saturationDerivatives: Float64Array;
  readonly capacity: number;
}

/** The kernel shapes a window needs. */
export interface LiftKernels {
  readonly maxLag: number;
  readonly adstockCount: number;
  readonly saturationCount: number;
  readonly saturation: SaturationKernel;
}

export function createLiftWorkspace(
  windows: readonly { readonly startWeek: number; readonly endWeek: number }[],
  kernels: LiftKernels,
): LiftWorkspace {
  let capacity = 1;
  for (const e of windows) capacity = Math.max(capacity, e.endWeek - e.startWeek + kernels.maxLag);
  return {
    adstocked: new Float64Array(capacity),
    adstockDerivatives: new Float64Array(kernels.adstockCount * capacity),
    saturated: new Float64Array(capacity),
    slope: new Float64Array(capacity),
    saturationDerivatives: new Float64Array(kernels.saturationCount * capacity),
    capacity,
  };
}

/** Number of weeks a window covers, carry-over included, within the `weeks` modelled. */
export function windowLength(
  startWeek: number,
  endWeek: number,
  maxLag: number,
  weeks: number,
): number {
  return Math.min(endWeek + maxLag - 1, weeks - 1) - startWeek + 1;
}

/**
 * D for `series` (its values and derivatives over `weeks` weeks, from the log density) and the
 * scaled spend it was adstocked from; leaves a′ and h(a′) with derivatives in `workspace`.
 */
export function windowDifference(
  kernels: LiftKernels,
  series: ChannelWorkspace,
  spend: Float64Array,
  weeks: number,
  window: { readonly startWeek: number; readonly endWeek: number },
  saturationParameters: ArrayLike<number>,
  workspace: LiftWorkspace,
): number {
  const { maxLag, adstockCount } = kernels;
  const start = window.startWeek;
  const end = window.endWeek;
  const length = windowLength(start, end, maxLag, weeks);
  for (let i = 0; i < length; i++) {
    const t = start + i;
    const firstLag = Math.max(0, t - end);
    const lastLag = Math.min(maxLag - 1, t - start);
    let removed = 0;
    for (let l = firstLag; l <= lastLag; l++) removed += series.weights[l] * spend[t - l];
    workspace.adstocked[i] = Math.max(0, series.adstocked[t] - removed);
    for (let j = 0; j < adstockCount; j++) {
      let removedDerivative = 0;
      for (let l = firstLag; l <= lastLag; l++)
        removedDerivative += series.weightDerivatives[j * maxLag + l] * spend[t - l];
      workspace.adstockDerivatives[j * length + i] =
        series.adstockDerivatives[j * weeks + t] - removedDerivative;
    }
  }
  kernels.saturation.apply(
    workspace.adstocked,
    length,
    saturationParameters,
    workspace.saturated,
    workspace.slope,
    workspace.saturationDerivatives,
    length,
  );
  let difference = 0;
  for (let i = 0; i < length; i++)
    difference += series.saturated[start + i] - workspace.saturated[i];
  return difference;
}

/**
 * Adds scale · ∂D/∂θⱼ into out[offset + j] and scale · ∂D/∂φ_q into out[offset + J + q], for the
 * window `windowDifference` just evaluated on `series`.
 */
export function addWindowDerivatives(
  kernels: LiftKernels,
  series: ChannelWorkspace,
  weeks: number,
  window: { readonly startWeek: number; readonly endWeek: number },
  workspace: LiftWorkspace,
  scale: number,
  out: Float64Array,
  offset: number,
): void {
  const { adstockCount, saturationCount } = kernels;
  const start = window.startWeek;
  const length = windowLength(start, window.endWeek, kernels.maxLag, weeks);
  for (let j = 0; j < adstockCount; j++) {
    let sum = 0;
    for (let i = 0; i < length; i++) {
      const t = start + i;
      sum +=
        series.slope[t] * series.adstockDerivatives[j * weeks + t] -
        workspace.slope[i] * workspace.adstockDerivatives[j * length + i];
    }
    out[offset + j] += scale * sum;
  }
  for (let q = 0; q < saturationCount; q++) {
    let sum = 0;
    for (let i = 0; i < length; i++) {
      sum +=
        series.saturationDerivatives[q * weeks + start + i] -
        workspace.saturationDerivatives[q * length + i];
    }
    out[offset + adstockCount + q] += scale * sum;
  }
}
