// The textbook MMM of models/mmm/README.md ("parametrisation: 'textbook'"), written as the README's
// Stan program: geometric adstock (normalised, L lags), Hill saturation, Fourier seasonality, trend,
// standardised controls, Normal likelihood on KPI / mean KPI. Generated quantities add each channel's
// ROI = Σ contribution / Σ spend in KPI units (contribution = kpi_scale · β · h(a)), so the benchmark
// compares ROI draws computed the same way as models/posterior/roi.ts.
data {
  int<lower=1> T; int<lower=1> C; int<lower=0> J; int<lower=0> F; int<lower=1> L;
  vector[T] y;        // KPI / mean KPI (training weeks)
  matrix[T, C] x;     // spend / max weekly spend
  matrix[T, J] z;     // standardised controls
  matrix[T, F] s;     // Fourier features [sin1, cos1, sin2, cos2]
  vector[T] tau;      // t / (T - 1)
  real<lower=0> kpi_scale;        // mean KPI (training weeks)
  vector<lower=0>[C] spend_total; // raw Σ spend per channel (training weeks)
}
parameters {
  real intercept; real trend; vector[F] gamma; vector[J] zeta;
  vector<lower=0>[C] beta; vector<lower=0, upper=1>[C] alpha;
  vector<lower=0, upper=1>[C] K; vector<lower=0>[C] S; real<lower=0> sigma;
}
model {
  vector[T] mu = intercept + trend * tau + s * gamma + z * zeta;
  for (c in 1:C) {
    vector[L] w;
    for (l in 1:L) w[l] = pow(alpha[c], l - 1);
    w /= sum(w);
    for (t in 1:T) {
      real a = 0;
      for (l in 1:min(L, t)) a += w[l] * x[t - l + 1, c];
      if (a > 0) mu[t] += beta[c] * pow(a, S[c]) / (pow(a, S[c]) + pow(K[c], S[c]));
    }
  }
  intercept ~ normal(0.5, 1);  trend ~ normal(0, 0.5);  gamma ~ normal(0, 0.25);  zeta ~ normal(0, 0.5);
  beta ~ normal(0, 1);  alpha ~ beta(2, 2);  K ~ beta(2, 2);  S ~ gamma(3, 1);  sigma ~ normal(0, 0.25);
  y ~ normal(mu, sigma);
}
generated quantities {
  vector[C] roi;
  for (c in 1:C) {
    vector[L] w;
    real total = 0;
    for (l in 1:L) w[l] = pow(alpha[c], l - 1);
    w /= sum(w);
    for (t in 1:T) {
      real a = 0;
      for (l in 1:min(L, t)) a += w[l] * x[t - l + 1, c];
      if (a > 0) total += pow(a, S[c]) / (pow(a, S[c]) + pow(K[c], S[c]));
    }
    roi[c] = kpi_scale * beta[c] * total / spend_total[c];
  }
}
