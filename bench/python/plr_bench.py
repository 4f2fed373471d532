#!/usr/bin/env python3
"""scikit-learn side of bench/dml.ts: PLR (partialling-out, DML2) on given folds, timed inside.

  /usr/bin/python3 bench/python/plr_bench.py <data.csv> <learner JSON>

The CSV holds y, d, x1…xp and fold (test-fold label). Prints one JSON object
{theta, se, seHac, outcomeRmse, treatmentRmse, seconds, cpuSeconds}: wall and process CPU time of
cross-fitting, the score, the i.i.d. and HAC SEs and the per-fold nuisance RMSE (the work
estimateDml always does; not start-up or loading), the median over `repeat` runs (spec field,
default 1). BLAS/OpenMP are pinned to one thread (as our side), set before numpy loads.
"""
import json
import os
import sys
import time

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import numpy as np  # noqa: E402
from sklearn.ensemble import RandomForestRegressor  # noqa: E402
from sklearn.linear_model import Lasso, LinearRegression  # noqa: E402


def make(spec):
    if spec["name"] == "ols":
        return LinearRegression()
    if spec["name"] == "lasso":
        return Lasso(alpha=spec["alpha"], tol=spec.get("tol", 1e-7), max_iter=100000)
    if spec["name"] == "forest":
        return RandomForestRegressor(n_estimators=spec["trees"], max_features=spec["maxFeatures"], max_depth=spec["maxDepth"],
                                     min_samples_leaf=spec["minSamplesLeaf"], bootstrap=True, n_jobs=1,
                                     random_state=spec.get("seed", 0))
    raise ValueError(spec["name"])


def main():
    path, spec = sys.argv[1], json.loads(sys.argv[2])
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    y, d, x, folds = data[:, 0], data[:, 1], data[:, 2:-1], data[:, -1].astype(int)
    repeats = int(spec.get("repeat", 1))
    walls, cpus = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = plr(spec, y, d, x, folds)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - start_cpu)
    print(json.dumps({"theta": float(result["theta"]), "se": float(result["se"]), "seHac": float(result["seHac"]),
                      "outcomeRmse": result["rmse"][0], "treatmentRmse": result["rmse"][1],
                      "seconds": float(np.median(walls)), "cpuSeconds": float(np.median(cpus)), "repeats": repeats}))


def plr(spec, y, d, x, folds):
    """Cross-fitted nuisances, partialling-out score, θ, i.i.d. and HAC SEs, fold RMSE (the timed work)."""
    l_hat = np.empty_like(y)
    m_hat = np.empty_like(d)
    for k in np.unique(folds):
        test = folds == k
        l_hat[test] = make(spec).fit(x[~test], y[~test]).predict(x[test])
        m_hat[test] = make(spec).fit(x[~test], d[~test]).predict(x[test])
    v = d - m_hat
    psi_a, psi_b = -v * v, v * (y - l_hat)
    theta = -np.mean(psi_b) / np.mean(psi_a)
    psi = psi_a * theta + psi_b
    n = y.shape[0]
    se = np.sqrt(np.mean(psi ** 2) / np.mean(psi_a) ** 2 / n)
    # What our side always computes too (estimateDml): per-fold nuisance RMSE and the Newey–West
    # HAC SE, Bartlett kernel, lag ⌊4(n/100)^{2/9}⌋ — so both sides time the same work.
    rmse = [[float(np.sqrt(np.mean((target[folds == k] - fitted[folds == k]) ** 2))) for k in np.unique(folds)]
            for target, fitted in ((y, l_hat), (d, m_hat))]
    lag = min(int(np.floor(4 * (n / 100) ** (2 / 9))), n - 1)
    omega = psi @ psi / n
    for lag_l in range(1, lag + 1):
        omega += 2 * (1 - lag_l / (lag + 1)) * (psi[lag_l:] @ psi[:-lag_l]) / n
    se_hac = np.sqrt(max(omega, 0) / np.mean(psi_a) ** 2 / n)
    return {"theta": theta, "se": se, "seHac": se_hac, "rmse": rmse}


if __name__ == "__main__":
    main()
