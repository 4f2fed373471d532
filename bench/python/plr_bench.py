#!/usr/bin/env python3
"""scikit-learn side of bench/dml.ts: PLR (partialling-out, DML2) on given folds, timed inside.

  /usr/bin/python3 bench/python/plr_bench.py <data.csv> <learner JSON>

The CSV holds y, d, x1…xp and fold (test-fold label). Prints one JSON object
{theta, se, seconds}; seconds cover cross-fitting and the score only (not start-up or loading).
"""
import json
import sys
import time

import numpy as np
from sklearn.ensemble import RandomForestRegressor
from sklearn.linear_model import Lasso, LinearRegression


def make(spec):
    if spec["name"] == "ols":
        return LinearRegression()
    if spec["name"] == "lasso":
        return Lasso(alpha=spec["alpha"], tol=spec.get("tol", 1e-7), max_iter=100000)
    if spec["name"] == "forest":
        return RandomForestRegressor(n_estimators=spec["trees"], max_features=spec["maxFeatures"], max_depth=spec["maxDepth"],
                                     min_samples_leaf=spec["minSamplesLeaf"], bootstrap=True, n_jobs=1, random_state=0)
    raise ValueError(spec["name"])


def main():
    path, spec = sys.argv[1], json.loads(sys.argv[2])
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    y, d, x, folds = data[:, 0], data[:, 1], data[:, 2:-1], data[:, -1].astype(int)
    start = time.perf_counter()
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
    se = np.sqrt(np.mean(psi ** 2) / np.mean(psi_a) ** 2 / y.shape[0])
    seconds = time.perf_counter() - start
    print(json.dumps({"theta": theta, "se": se, "seconds": seconds}))


if __name__ == "__main__":
    main()
