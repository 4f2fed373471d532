/**
 * The ground truth of a generated data set: every parameter of the weekly national model and what
 * it implies, in KPI units (revenue currency) and raw spend currency.
 *
 *   yₜ = intercept + trend·t/T + Σₖ₌₁² (γₖ sin(2πkt/P) + δₖ cos(2πkt/P)) + Σⱼ θⱼ zⱼₜ
 *        + Σ_c β_c · h_c(a_c,ₜ) + εₜ,   εₜ ~ Normal(0, σ),
 *
 * t = 0 … T−1 (week index), P = 365.25/7 weeks, zⱼ the weekly controls in raw units, a_c the
 * normalised geometric adstock (L = 8) of x̃ = x / max(x), h_c the Hill curve aˢ/(aˢ+Kˢ).
 */
export interface ChannelTruth {
  readonly name: string;
  /** α: weekly adstock decay. */
  readonly adstockDecay: number;
  /** K: Hill half-saturation, in scaled units (fraction of the largest weekly spend). */
  readonly halfSaturation: number;
  /** S: Hill shape. */
  readonly shape: number;
  /** β: contribution at full saturation, KPI units per week. */
  readonly beta: number;
  /** sc = maxₜ xₜ: the largest raw weekly spend, the scale of x̃. */
  readonly scale: number;
  readonly totalSpend: number;
  /** Σₜ β·h(aₜ) over the data's weeks. */
  readonly totalContribution: number;
  /** totalContribution / totalSpend (KPI units per unit of spend). */
  readonly roi: number;
}

export interface ControlTruth {
  readonly name: string;
  /** θ: KPI units per unit of the weekly control (for 0/1 controls: per fully covered week). */
  readonly coefficient: number;
}

export interface Truth {
  readonly seed: number;
  readonly weeks: number;
  /** L, the adstock lags. */
  readonly maxLag: number;
  /** P, the seasonal period in weeks. */
  readonly seasonalPeriodWeeks: number;
  readonly intercept: number;
  /** Trend over the whole period: the trend term is trend·t/T. */
  readonly trend: number;
  /** γₖ (sin) and δₖ (cos) for k = 1, 2. */
  readonly seasonality: { readonly sin: readonly number[]; readonly cos: readonly number[] };
  readonly controls: readonly ControlTruth[];
  /** σ, the weekly noise standard deviation, and σ / mean KPI as asked. */
  readonly sigma: number;
  readonly noiseFraction: number;
  readonly meanKpi: number;
  /** Σ media contribution / Σ expected KPI (without noise). */
  readonly mediaShare: number;
  readonly channels: readonly ChannelTruth[];
  readonly weekly: WeeklyTruth;
}

/** Per-week series, national; contributions and spend keyed by channel name. */
export interface WeeklyTruth {
  readonly dates: readonly string[];
  /** yₜ exactly (the files carry it rounded to cents). */
  readonly kpi: readonly number[];
  /** Everything but media: intercept + trend + seasonality + controls + noise. */
  readonly baseline: readonly number[];
  readonly noise: readonly number[];
  readonly spend: Readonly<Record<string, readonly number[]>>;
  readonly contributions: Readonly<Record<string, readonly number[]>>;
}

/** The scaling and model conventions written into truth.json beside the numbers. */
export const truthConventions = {
  model:
    'y_t = intercept + trend*t/T + sum_k (gamma_k sin(2 pi k t/P) + delta_k cos(2 pi k t/P)) + sum_j theta_j z_j,t + sum_c beta_c h_c(a_c,t) + eps_t, eps_t ~ Normal(0, sigma)',
  weekIndex: 't = 0 for the first week, T = number of weeks',
  seasonalPeriod: 'P = 365.25 / 7 weeks, Fourier order 2',
  spendScaling:
    'x~_c,t = x_c,t / scale_c, scale_c = max_t x_c,t (raw national weekly spend, Monday-start weeks)',
  adstock:
    'normalised geometric: a_t = sum_{l=0}^{L-1} alpha^l x~_{t-l} / sum_{l=0}^{L-1} alpha^l, x~ = 0 before the first week, L = 8',
  saturation: 'Hill: h(a) = a^S / (a^S + K^S), K in scaled units',
  contribution: 'c_c,t = beta_c h_c(a_c,t) in KPI units (revenue currency)',
  roi: 'roi_c = sum_t c_c,t / sum_t x_c,t over the data weeks',
  controls:
    'raw weekly values: price_index weekly mean; promo and holiday fraction of days in the week',
} as const;
