/**
 * The two shapes every transform has, so the model can loop over channels without knowing which
 * adstock or saturation a spec chose. Values and derivatives are written into caller-supplied
 * Float64Arrays (no allocation in the log-density loop).
 */

/** Lag weights w₀ … w_{L−1} (normalised to sum 1) and their derivatives with respect to the parameters. */
export interface AdstockKernel {
  readonly kind: string;
  /** Names of the parameters, in the order `parameters` holds them. */
  readonly parameterNames: readonly string[];
  /** Writes wₗ into weights[l] and ∂wₗ/∂pⱼ into derivatives[j·maxLag + l]. */
  weights(
    parameters: ArrayLike<number>,
    maxLag: number,
    weights: Float64Array,
    derivatives: Float64Array,
  ): void;
  /**
   * Optional fast path for the whole series: out[t] = Σₗ wₗ x[t−l] (weeks before 0 count as zero)
   * and outDerivatives[j·length + t] = Σₗ ∂wₗ/∂pⱼ x[t−l]; the same numbers as `weights` followed
   * by `convolveLags`, in O(T) instead of O(T·L) where the kernel allows a recursion.
   */
  convolve?(
    parameters: ArrayLike<number>,
    maxLag: number,
    input: Float64Array,
    length: number,
    out: Float64Array,
    outDerivatives: Float64Array,
  ): void;
}

/** A saturation curve h(x; p) applied element-wise with its derivatives in x and in p. */
export interface SaturationKernel {
  readonly kind: string;
  readonly parameterNames: readonly string[];
  /**
   * For i < length: value[i] = h(input[i]), derivativeInput[i] = ∂h/∂x,
   * derivativeParameters[j·stride + i] = ∂h/∂pⱼ.
   */
  apply(
    input: Float64Array,
    length: number,
    parameters: ArrayLike<number>,
    value: Float64Array,
    derivativeInput: Float64Array,
    derivativeParameters: Float64Array,
    stride: number,
  ): void;
  /**
   * Optional fast path of a response curve: out[k] = Σ_{i<length} h(mₖ · input[i]) for each
   * multiplier, the same sums as `apply` on the scaled series (up to rounding), without the
   * derivatives and with the per-element transcendental work done once for all multipliers.
   */
  scaledSums?(
    input: Float64Array,
    length: number,
    parameters: ArrayLike<number>,
    multipliers: Float64Array,
    out: Float64Array,
  ): void;
}
