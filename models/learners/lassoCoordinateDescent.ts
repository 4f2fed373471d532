/**
 * Lasso by cyclic coordinate descent with covariance ("Gram") updates, as glmnet's
 * type.gaussian = "covariance" (Friedman, Hastie & Tibshirani 2010, §2.2).
 *
 *   minimise  (1/(2n)) ‖y − Z v‖² + α ‖v‖₁          (scikit-learn's Lasso objective)
 *   update    v_j ← S(c_j/n − Σ_{k≠j} G_jk v_k / n, α) / (G_jj / n),   S(z, α) = sign(z)·max(|z| − α, 0),
 *
 * with G = ZᵀZ and c = Zᵀy for centred data, so a sweep costs O(p²) whatever n is.
 * Convergence: the duality gap of scikit-learn's `enet_coordinate_descent` (on the scale
 * ½‖r‖² + nα‖v‖₁) below `tolerance`·‖y‖², with r = y − Zv computed from G, c and ‖y‖²:
 *   ‖r‖² = ‖y‖² − 2vᵀc + vᵀGv,  Zᵀr = c − Gv,  rᵀy = ‖y‖² − vᵀc.
 * `coefficients` is the warm start and is updated in place.
 *
 * Example: one standardised feature with Zᵀy/n = 0.8 and α = 0.3 gives v = 0.5.
 */
export function lassoCoordinateDescent(problem: {
  count: number;
  gram: Float64Array;
  cross: Float64Array;
  sumSquaresY: number;
  alpha: number;
  coefficients: Float64Array;
  tolerance: number;
  maxSweeps: number;
}): { sweeps: number; dualityGap: number } {
  const {
    count: n,
    gram,
    cross,
    sumSquaresY,
    alpha,
    coefficients: v,
    tolerance,
    maxSweeps,
  } = problem;
  const p = v.length;
  const fitted = new Float64Array(p); // q = G v
  for (let j = 0; j < p; j++) {
    if (v[j] === 0) continue;
    for (let k = 0; k < p; k++) fitted[k] += gram[k * p + j] * v[j];
  }
  const penalty = alpha * n;
  const threshold = tolerance * sumSquaresY;
  let gap = Infinity;
  let sweep = 0;
  while (sweep < maxSweeps) {
    sweep += 1;
    for (let j = 0; j < p; j++) {
      const diagonal = gram[j * p + j];
      if (!(diagonal > 0)) continue;
      const old = v[j];
      const partial = cross[j] - fitted[j] + diagonal * old;
      const updated =
        partial > penalty
          ? (partial - penalty) / diagonal
          : partial < -penalty
            ? (partial + penalty) / diagonal
            : 0;
      if (updated !== old) {
        const delta = updated - old;
        v[j] = updated;
        for (let k = 0; k < p; k++) fitted[k] += gram[k * p + j] * delta;
      }
    }
    gap = dualityGap(v, fitted, cross, sumSquaresY, penalty);
    if (gap <= threshold) break;
  }
  return { sweeps: sweep, dualityGap: gap };
}

function dualityGap(
  v: Float64Array,
  fitted: Float64Array,
  cross: Float64Array,
  sumSquaresY: number,
  penalty: number,
): number {
  let vc = 0;
  let vq = 0;
  let l1 = 0;
  let dualNorm = 0;
  for (let j = 0; j < v.length; j++) {
    vc += v[j] * cross[j];
    vq += v[j] * fitted[j];
    l1 += Math.abs(v[j]);
    dualNorm = Math.max(dualNorm, Math.abs(cross[j] - fitted[j]));
  }
  const residualNorm2 = Math.max(sumSquaresY - 2 * vc + vq, 0);
  const residualDotY = sumSquaresY - vc;
  let gap: number;
  let scaling = 1;
  if (dualNorm > penalty) {
    scaling = penalty / dualNorm;
    gap = 0.5 * residualNorm2 * (1 + scaling * scaling);
  } else {
    gap = residualNorm2;
  }
  return gap + penalty * l1 - scaling * residualDotY;
}
