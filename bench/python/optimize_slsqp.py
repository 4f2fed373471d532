"""SciPy SLSQP on the planner's posterior-mean response (bench/optimize.ts writes the arrays).

The same function as models/planning (evaluateAllocation.ts, Hill saturation):
    a[d,c,k] = history[d,c,k] + S_c gain[d,c,k]              (k < H)
    F(S) = (1/D) sum_d sum_c factor[d,c] sum_k h(a[d,c,k]) - carryIn[d,c]
    h(x) = 1 / (1 + exp(-shape (ln x - ln K))),  h'(x) = shape h (1 - h) / x
maximised over l <= S <= u, sum S = B (and group shares), as PyMC-Marketing's BudgetOptimizer does
with scipy.optimize.minimize(method="SLSQP"), given the analytic gradient.
Usage: python3 optimize_slsqp.py <dir>  (reads meta.json and *.f64, writes slsqp.json)
"""
import json
import sys
import time

import numpy as np
from scipy.optimize import minimize


def main(directory):
    with open(f"{directory}/meta.json") as f:
        meta = json.load(f)
    D, C, W, H = meta["draws"], meta["channels"], meta["span"], meta["horizon"]

    def load(name, shape):
        return np.fromfile(f"{directory}/{name}.f64", dtype="<f8").reshape(shape)

    history = load("history", (D, C, W))[:, :, :H].copy()
    gain = load("gain", (D, C, W))[:, :, :H].copy()
    factor = load("factor", (D, C))
    log_k = load("logK", (D, C))[:, :, None]
    shape = load("shape", (D, C))[:, :, None]
    carry_in = load("carryIn", (D, C))
    results = []
    for case in meta["cases"]:
        lower = np.array(case["lower"])
        upper = np.array(case["upper"])
        budget = case["budget"]

        def negative(spend):
            x = history + spend[None, :, None] * gain
            safe = np.where(x > 0, x, 1.0)
            h = np.where(x > 0, 1.0 / (1.0 + np.exp(-shape * (np.log(safe) - log_k))), 0.0)
            slope = np.where(x > 0, shape * h * (1.0 - h) / safe, 0.0)
            value = (factor * h.sum(axis=2) - carry_in).sum() / D
            gradient = (factor * (slope * gain).sum(axis=2)).sum(axis=0) / D
            return -value, -gradient

        constraints = [
            {"type": "eq", "fun": lambda s: s.sum() - budget, "jac": lambda s: np.ones_like(s)}
        ]
        for group in case["groups"]:
            members = np.zeros(C)
            members[group["members"]] = 1.0
            constraints.append(
                {
                    "type": "ineq",
                    "fun": lambda s, m=members, cap=group["maxShare"] * budget: cap - m @ s,
                    "jac": lambda s, m=members: -m,
                }
            )
        start = np.clip(np.array(case["start"]), lower, upper)
        started = time.perf_counter()
        result = minimize(
            negative,
            start,
            jac=True,
            method="SLSQP",
            bounds=list(zip(lower, upper)),
            constraints=constraints,
            options={"ftol": 1e-12, "maxiter": 1000},
        )
        seconds = time.perf_counter() - started
        results.append(
            {
                "spend": result.x.tolist(),
                "value": -float(result.fun),
                "seconds": seconds,
                "success": bool(result.success),
                "iterations": int(result.nit),
                "evaluations": int(result.nfev),
                "message": str(result.message),
            }
        )
    with open(f"{directory}/slsqp.json", "w") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main(sys.argv[1])
