#!/usr/bin/env python3
"""Independent reference for models/causal: PLR (DML2) with scikit-learn OLS nuisances.

Re-states DoubleML's formulas in numpy (doubleml/plm/plr.py, doubleml/utils/_estimation.py,
doubleml/double_ml_framework.py) on fixed folds read from the fixture, so the TypeScript
implementation can be compared to ~1e-8.

  /usr/bin/python3 bench/python/plr_reference.py --make-fixture   # (re)writes the CSV fixture
  /usr/bin/python3 bench/python/plr_reference.py                  # writes plr_golden.json
"""
import json
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import minimize_scalar
from scipy.stats import norm
from sklearn.linear_model import LinearRegression

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent.parent / "models" / "causal" / "fixtures"
CSV = FIXTURES / "plr_fixture.csv"
GOLDEN = FIXTURES / "plr_golden.json"
FOLDS = 5
HAC_LAG = 3


def make_fixture():
    rng = np.random.default_rng(20261129)
    n = 200
    x = rng.normal(size=(n, 5))
    def ar1(rho):
        e = np.zeros(n)
        shocks = rng.normal(size=n)
        for t in range(n):
            e[t] = (rho * e[t - 1] if t > 0 else 0.0) + shocks[t]
        return e
    d1 = 1.0 + x[:, 0] + 0.5 * x[:, 1] + ar1(0.6)
    d2 = 0.5 * d1 + x[:, 2] - 0.3 * x[:, 0] + ar1(0.6)
    y = 0.7 * d1 - 0.4 * d2 + x[:, 0] + 0.5 * x[:, 3] + 0.2 * x[:, 4] + ar1(0.6)
    fold_a = np.empty(n, dtype=int)
    fold_b = np.empty(n, dtype=int)
    sizes = [n // FOLDS + (1 if k < n % FOLDS else 0) for k in range(FOLDS)]
    for fold in (fold_a, fold_b):
        order = rng.permutation(n)
        start = 0
        for k, size in enumerate(sizes):
            fold[order[start:start + size]] = k
            start += size
    header = "y,d1,d2,x1,x2,x3,x4,x5,fold_a,fold_b"
    rows = [",".join([repr(float(v)) for v in (y[i], d1[i], d2[i], *x[i])] + [str(fold_a[i]), str(fold_b[i])]) for i in range(n)]
    CSV.write_text(header + "\n" + "\n".join(rows) + "\n")


def cross_fit(features, target, folds):
    predictions = np.full(target.shape[0], np.nan)
    for k in range(FOLDS):
        test = folds == k
        model = LinearRegression().fit(features[~test], target[~test])
        predictions[test] = model.predict(features[test])
    return predictions


def newey_west(psi, lag):
    n = psi.shape[0]
    omega = psi @ psi / n
    for l in range(1, min(lag, n - 1) + 1):
        omega += 2 * (1 - l / (lag + 1)) * (psi[l:] @ psi[:-l]) / n
    return omega


def lag_rules(psi):
    n = psi.shape[0]
    start = min(int(np.floor(4 * (n / 100) ** (2 / 9))), n - 1)
    gam = [psi[j:] @ psi[:n - j] / n for j in range(start + 1)]
    s0 = gam[0] + 2 * sum(gam[1:])
    s1 = 2 * sum(j * gam[j] for j in range(1, start + 1))
    gamma = 1.1447 * ((s1 / s0) ** 2) ** (1 / 3)
    return {"simple": start, "nw1994": min(int(np.floor(gamma * n ** (1 / 3))), n - 1)}


def plr(y, d, x, folds, score):
    l_hat = cross_fit(x, y, folds)
    m_hat = cross_fit(x, d, folds)
    v = d - m_hat
    g_hat = None
    if score == "iv-type":
        theta0 = -np.mean(v * (y - l_hat)) / np.mean(-v * v)
        g_hat = cross_fit(x, y - theta0 * d, folds)
        psi_a, psi_b = -v * d, v * (y - g_hat)
    else:
        psi_a, psi_b = -v * v, v * (y - l_hat)
    j = np.mean(psi_a)
    theta = -np.mean(psi_b) / j
    psi = psi_a * theta + psi_b
    n = y.shape[0]
    se = np.sqrt(np.mean(psi ** 2) / j ** 2 / n)
    se_hac = np.sqrt(newey_west(psi, HAC_LAG) / j ** 2 / n)
    # sensitivity elements (DoubleMLPLR._sensitivity_element_est)
    resid = y - l_hat - theta * v if score == "partialling-out" else y - g_hat - theta * d
    sigma2 = np.mean(resid ** 2)
    nu2 = 1.0 / np.mean(v ** 2)
    elements = {"sigma2": sigma2, "nu2": nu2, "psi_sigma2": resid ** 2 - sigma2, "psi_nu2": nu2 - v ** 2 * nu2 ** 2,
                "scaled_psi": psi / j, "theta": theta}
    return {"theta": theta, "se": se, "seHac": se_hac, "lags": lag_rules(psi)}, elements


def aggregate(thetas, ses):
    thetas, ses = np.asarray(thetas), np.asarray(ses)
    coef = np.median(thetas)
    return coef, (np.median(thetas + 1.96 * ses) - coef) / 1.96


def sensitivity(splits, cf_y, cf_d, rho, level):
    strength = abs(rho) * np.sqrt(cf_y * cf_d / (1 - cf_d))
    lower_t, upper_t, lower_s, upper_s = [], [], [], []
    for e in splits:
        scaling = np.sqrt(e["sigma2"] * e["nu2"])
        n = e["scaled_psi"].shape[0]
        bias = strength / (2 * scaling) * (e["sigma2"] * e["psi_nu2"] + e["nu2"] * e["psi_sigma2"])
        lower_t.append(e["theta"] - scaling * strength)
        upper_t.append(e["theta"] + scaling * strength)
        lower_s.append(np.sqrt(np.mean((e["scaled_psi"] - bias) ** 2) / n))
        upper_s.append(np.sqrt(np.mean((e["scaled_psi"] + bias) ** 2) / n))
    q = norm.ppf(level)
    tl, _ = aggregate(lower_t, lower_s)
    tu, _ = aggregate(upper_t, upper_s)
    return {"thetaLower": tl, "thetaUpper": tu,
            "ciLower": float(np.median(np.array(lower_t) - q * np.array(lower_s))),
            "ciUpper": float(np.median(np.array(upper_t) + q * np.array(upper_s)))}


def robustness(splits, theta, rho, level, null):
    side = "Upper" if null > theta else "Lower"
    def fn(c, which):
        return (sensitivity(splits, c, c, rho, level)[which + side] - null) ** 2
    opts = {"xatol": 1e-12}
    rv = minimize_scalar(fn, bounds=(0, 0.9999), method="bounded", args=("theta",), options=opts).x
    rva = minimize_scalar(fn, bounds=(0, 0.9999), method="bounded", args=("ci",), options=opts).x
    return float(rv), float(rva)


def main():
    if "--make-fixture" in sys.argv:
        make_fixture()
    data = np.genfromtxt(CSV, delimiter=",", names=True)
    y = data["y"]
    controls = np.column_stack([data[f"x{i}"] for i in range(1, 6)])
    treatments = {"d1": data["d1"], "d2": data["d2"]}
    fold_sets = {"fold_a": data["fold_a"].astype(int), "fold_b": data["fold_b"].astype(int)}
    golden = {"hacLag": HAC_LAG, "folds": FOLDS, "single": {}, "aggregated": {}, "joint": {}, "sensitivity": {}, "normal": {}}
    params = {"cfY": 0.03, "cfD": 0.03, "rho": 1.0, "level": 0.95, "nullHypothesis": 0.0}
    golden["sensitivityParameters"] = params
    for score in ("partialling-out", "iv-type"):
        golden["single"][score] = {}
        golden["aggregated"][score] = {}
        golden["sensitivity"][score] = {}
        for name, d in treatments.items():
            other = [v for k, v in treatments.items() if k != name]
            x = np.column_stack(other + [controls])
            per_rep, splits = {}, []
            for fold_name, folds in fold_sets.items():
                result, elements = plr(y, d, x, folds, score)
                per_rep[fold_name] = result
                splits.append(elements)
            golden["single"][score][name] = per_rep
            thetas = [per_rep[f]["theta"] for f in fold_sets]
            coef, se = aggregate(thetas, [per_rep[f]["se"] for f in fold_sets])
            _, se_hac = aggregate(thetas, [per_rep[f]["seHac"] for f in fold_sets])
            z = norm.ppf(0.975)
            golden["aggregated"][score][name] = {
                "theta": coef, "se": se, "seHac": se_hac,
                "pValueIid": 2 * norm.sf(abs(coef / se)), "pValueHac": 2 * norm.sf(abs(coef / se_hac)),
                "loIid": float(np.median([per_rep[f]["theta"] - z * per_rep[f]["se"] for f in fold_sets])),
                "hiIid": float(np.median([per_rep[f]["theta"] + z * per_rep[f]["se"] for f in fold_sets])),
            }
            sens = sensitivity(splits, params["cfY"], params["cfD"], params["rho"], params["level"])
            sens["robustnessValue"], sens["robustnessValueAdjusted"] = robustness(splits, coef, params["rho"], params["level"], params["nullHypothesis"])
            golden["sensitivity"][score][name] = sens
    # joint partialling-out on the controls only, folds fold_a
    folds = fold_sets["fold_a"]
    u = y - cross_fit(controls, y, folds)
    v = np.column_stack([d - cross_fit(controls, d, folds) for d in treatments.values()])
    n = y.shape[0]
    gram = v.T @ v / n
    theta = np.linalg.solve(gram, v.T @ u / n)
    psi = v * (u - v @ theta)[:, None]
    inv = np.linalg.inv(gram)
    omega = psi.T @ psi / n
    omega_hac = omega.copy()
    for l in range(1, HAC_LAG + 1):
        gamma_l = psi[l:].T @ psi[:-l] / n
        omega_hac += (1 - l / (HAC_LAG + 1)) * (gamma_l + gamma_l.T)
    cov = inv @ omega @ inv / n
    cov_hac = inv @ omega_hac @ inv / n
    golden["joint"] = {"theta": theta.tolist(), "se": np.sqrt(np.diag(cov)).tolist(), "seHac": np.sqrt(np.diag(cov_hac)).tolist()}
    for x in (-3.5, -1.0, 0.0, 0.5, 1.959963984540054, 4.0, 8.0):
        golden["normal"][repr(x)] = {"cdf": norm.cdf(x), "sf": norm.sf(x)}
    golden["quantiles"] = {repr(p): norm.ppf(p) for p in (1e-10, 0.001, 0.02, 0.3, 0.5, 0.95, 0.975, 0.999999)}

    def clean(value):
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [clean(v) for v in value]
        if isinstance(value, (np.floating, np.integer)):
            return value.item()
        return value
    GOLDEN.write_text(json.dumps(clean(golden), indent=1) + "\n")
    print(f"wrote {GOLDEN}")


if __name__ == "__main__":
    main()
