/**
 * One allocation (horizon total S_c per channel) evaluated over every posterior draw at once:
 *
 *   incremental_d,c = Σ_{k<H} ȳβ [h(history_k + S_c gain_k) − h(history_k)]
 *   slope_d,c       = ∂incremental/∂S_c = Σ_{k<H} ȳβ h′(aₖ) gain_k          (marginal ROI)
 *   curvature_d,c   = ∂²incremental/∂S_c² = Σ_{k<H} ȳβ h″(aₖ) gain_k²
 *   carryOut_d,c    = Σ_{H≤k<W} ȳβ [h(aₖ) − h(history_k)]    (the horizon's spend past its end)
 *
 * (notation of horizonModel.ts). The model is additive over channels, so channel c's numbers depend
 * on S_c alone: the Hessian of any per-draw total is diagonal. Everything is written into a
 * workspace made once per horizon model; the loop allocates nothing.
 *
 * Hill, in the weeks where history_k = 0 (from week L − 1 on: with the default L = 8 and H = 13,
 * 13 of the 20 weeks), aₖ = S_c gain_k, so its ratio r = (K/aₖ)ˢ of saturationCurvature.ts and the
 * derivative terms factor as
 *
 *   r = S_c^{−s} · (K/gain_k)ˢ,   h′ gain_k = s q / S_c,   h″ gain_k² = s q (s(1 − 2h) − 1) / S_c²,
 *
 * (K/gain_k)ˢ laid out once per horizon model (gainPower) and S_c^{−s} one exp per draw and channel:
 * those weeks cost no log, exp or division by aₖ. This reorders the floating-point work of
 * e^{−s(ln aₖ − ln K)}: results agree with the week-by-week formulas to ~1e-14 relative, not bit for
 * bit (evaluateAllocation.reference.test.ts).
 */
import type { HorizonModel } from './horizonModel';
import { hillCurvature, saturationCurvature, saturationValue } from './saturationCurvature';

export interface AllocationWorkspace {
  /** Per [d·C + c]. */
  readonly incremental: Float64Array;
  readonly slope: Float64Array;
  readonly curvature: Float64Array;
  readonly carryOut: Float64Array;
  /** Scratch for one point's h, h′, h″. */
  readonly point: Float64Array;
  /** Scratch: ln S_c per channel. */
  readonly logSpend: Float64Array;
}

export function createAllocationWorkspace(model: HorizonModel): AllocationWorkspace {
  const size = model.draws * model.channels;
  return {
    incremental: new Float64Array(size),
    slope: new Float64Array(size),
    curvature: new Float64Array(size),
    carryOut: new Float64Array(size),
    point: new Float64Array(3),
    logSpend: new Float64Array(model.channels),
  };
}

/**
 * Fills the workspace for `spend` (C horizon totals, currency). `carryOut: false` skips the weeks
 * past the horizon (the optimiser does not need them) and leaves `carryOut` as it was.
 */
export function evaluateAllocation(
  model: HorizonModel,
  spend: ArrayLike<number>,
  work: AllocationWorkspace,
  options: {
    readonly carryOut: boolean;
    /** Evaluate only the first n draws (the rest of the workspace is left as it was). */
    readonly draws?: number;
  },
): void {
  const { draws: D, channels: C, horizonWeeks: H, spanWeeks: W, saturationCode: code } = model;
  const { history, gain, gainPower, factor, saturationFirst, saturationSecond } = model;
  const { incremental, slope, curvature, carryOut, point, logSpend } = work;
  const hill = code === 0;
  const weeks = options.carryOut ? W : H;
  const count = Math.min(D, options.draws ?? D);
  for (let c = 0; c < C; c++) logSpend[c] = Math.log(spend[c]);
  for (let d = 0; d < count; d++) {
    for (let c = 0; c < C; c++) {
      const row = d * C + c;
      const total = spend[c];
      const first = saturationFirst[row];
      const second = saturationSecond[row];
      const base = row * W;
      // S_c^{−s}; not finite and positive (no spend, or not Hill) sends every week the general way.
      const spendPower = hill ? Math.exp(-second * logSpend[c]) : Number.NaN;
      const factored = spendPower > 0 && spendPower < Infinity;
      let value = 0;
      let derivative = 0;
      let secondDerivative = 0;
      let after = 0;
      // Σ q and Σ q (s(1 − 2h) − 1) over the factored weeks.
      let factoredSlope = 0;
      let factoredBend = 0;
      for (let k = 0; k < H; k++) {
        const power = factored ? gainPower[base + k] : Number.NaN;
        if (power > 0 && power < Infinity) {
          const h = 1 / (1 + spendPower * power);
          const q = h * (1 - h);
          value += h;
          factoredSlope += q;
          factoredBend += q * (second * (1 - 2 * h) - 1);
          continue;
        }
        const g = gain[base + k];
        const x = history[base + k] + total * g;
        if (hill) hillCurvature(first, second, x, point);
        else saturationCurvature(code, first, second, x, point);
        value += point[0];
        derivative += point[1] * g;
        secondDerivative += point[2] * g * g;
      }
      if (factored) {
        derivative += (second * factoredSlope) / total;
        secondDerivative += (second * factoredBend) / (total * total);
      }
      for (let k = H; k < weeks; k++) {
        const power = factored ? gainPower[base + k] : Number.NaN;
        after +=
          power > 0 && power < Infinity
            ? 1 / (1 + spendPower * power)
            : saturationValue(code, first, second, history[base + k] + total * gain[base + k]);
      }
      const f = factor[row];
      incremental[row] = f * value - model.carryIn[row];
      slope[row] = f * derivative;
      curvature[row] = f * secondDerivative;
      if (options.carryOut) carryOut[row] = f * after - model.historyTail[row];
    }
  }
}
