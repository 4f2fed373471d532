/**
 * One adstocked and saturated spend series with its derivatives (a channel nationally, or a
 * channel in one geo): what the log density fills and the lift-test likelihood reads. Layouts:
 * ∂w/∂θⱼ at [j·L + l], ∂aₜ/∂θⱼ at [j·T + t], ∂h/∂φ_q at [q·T + t] (T = the series' length).
 */
export interface ChannelWorkspace {
  readonly weights: Float64Array;
  /** ∂w/∂θⱼ at [j·L + l]. */
  readonly weightDerivatives: Float64Array;
  readonly adstocked: Float64Array;
  /** ∂aₜ/∂θⱼ at [j·T + t]. */
  readonly adstockDerivatives: Float64Array;
  readonly saturated: Float64Array;
  /** h′(aₜ). */
  readonly slope: Float64Array;
  /** ∂h/∂φ_q at [q·T + t]. */
  readonly saturationDerivatives: Float64Array;
}
