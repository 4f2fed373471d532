#!/usr/bin/env python3
"""Reference fits from scikit-learn for models/learners.

Two modes:

  learners_reference.py fixtures
      Writes models/learners/fixtures/: a seeded linear-regression CSV with golden
      LinearRegression / Ridge / Lasso coefficients and predictions (linear_golden.json), and a
      Friedman #1 train/test split with scikit-learn's held-out R² for RandomForestRegressor and
      HistGradientBoostingRegressor over several seeds (nonlinear_reference.json).

  learners_reference.py bench LEARNER DATA.bin ROWS COLS
      Reads row-major float64 X then y from DATA.bin, fits the scikit-learn counterpart of LEARNER
      once and prints {"seconds": …, "cpuSeconds": …} (fit only, wall and process CPU time,
      measured inside this process).

Run with Debian's python3 (apt-get install python3-sklearn): /usr/bin/python3.
"""
import json
import os
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, '..', '..', 'models', 'learners', 'fixtures')


def linear_fixture():
    from sklearn.linear_model import Lasso, LinearRegression, Ridge
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    rng = np.random.default_rng(20261129)
    n, p = 200, 5
    # Correlated columns on different scales and offsets, so standardisation matters.
    latent = rng.normal(size=(n, p))
    mixing = np.array([[1.0, 0.5, 0.0, 0.0, 0.2],
                       [0.0, 1.0, 0.4, 0.0, 0.0],
                       [0.0, 0.0, 1.0, 0.3, 0.0],
                       [0.0, 0.0, 0.0, 1.0, 0.6],
                       [0.0, 0.0, 0.0, 0.0, 1.0]])
    X = latent @ mixing * np.array([1.0, 10.0, 0.1, 3.0, 50.0]) + np.array([5.0, -20.0, 0.0, 100.0, 7.0])
    beta = np.array([1.5, -0.2, 8.0, 0.0, 0.01])
    y = 3.0 + X @ beta + rng.normal(scale=1.0, size=n)
    data = np.column_stack([X, y])
    header = ','.join([f'x{j}' for j in range(p)] + ['y'])
    np.savetxt(os.path.join(FIXTURES, 'linear.csv'), data, delimiter=',', header=header, comments='', fmt='%.17g')
    # Re-read so the goldens are computed from exactly the numbers the tests will parse.
    data = np.loadtxt(os.path.join(FIXTURES, 'linear.csv'), delimiter=',', skiprows=1)
    X, y = data[:, :p], data[:, p]

    def linear(model):
        return {'intercept': float(model.intercept_), 'coefficients': model.coef_.tolist()}

    def pipeline(alpha, estimator):
        fitted = make_pipeline(StandardScaler(), estimator).fit(X, y)
        scaler, inner = fitted[0], fitted[1]
        coefficients = inner.coef_ / scaler.scale_
        intercept = inner.intercept_ - float(np.dot(coefficients, scaler.mean_))
        return {'alpha': alpha, 'intercept': float(intercept), 'coefficients': coefficients.tolist(),
                'predictions': fitted.predict(X).tolist()}

    lasso_settings = dict(tol=1e-14, max_iter=1_000_000)
    golden = {
        'source': f'scikit-learn {__import__("sklearn").__version__}, bench/python/learners_reference.py',
        'ols': {**linear(LinearRegression().fit(X, y)), 'predictions': LinearRegression().fit(X, y).predict(X).tolist()},
        'ridge': [{'alpha': a, **linear(Ridge(alpha=a).fit(X, y)), 'predictions': Ridge(alpha=a).fit(X, y).predict(X).tolist()}
                  for a in (0.5, 30.0)],
        'ridgeStandardized': [pipeline(a, Ridge(alpha=a)) for a in (2.0, 40.0)],
        'lasso': [{'alpha': a, **linear(Lasso(alpha=a, **lasso_settings).fit(X, y))} for a in (0.05, 0.5, 3.0)],
        'lassoStandardized': [pipeline(a, Lasso(alpha=a, **lasso_settings)) for a in (0.02, 0.3)],
    }
    with open(os.path.join(FIXTURES, 'linear_golden.json'), 'w') as handle:
        json.dump(golden, handle, indent=1)


def nonlinear_fixture():
    from sklearn.datasets import make_friedman1
    from sklearn.ensemble import HistGradientBoostingRegressor, RandomForestRegressor
    from sklearn.metrics import r2_score

    n_train, n_test = 800, 800
    X, y = make_friedman1(n_samples=n_train + n_test, n_features=10, noise=1.0, random_state=7)
    data = np.round(np.column_stack([X, y]), 6)
    header = ','.join([f'x{j}' for j in range(10)] + ['y'])
    np.savetxt(os.path.join(FIXTURES, 'friedman1.csv'), data, delimiter=',', header=header, comments='', fmt='%.6f')
    X, y = data[:, :10], data[:, 10]
    X_train, y_train, X_test, y_test = X[:n_train], y[:n_train], X[n_train:], y[n_train:]
    seeds = range(5)
    forest = {}
    for max_features in (1.0 / 3.0, 1.0):
        scores = [r2_score(y_test, RandomForestRegressor(n_estimators=100, max_features=max_features, random_state=s)
                           .fit(X_train, y_train).predict(X_test)) for s in seeds]
        forest['third' if max_features < 1 else 'all'] = scores
    gbm = [r2_score(y_test, HistGradientBoostingRegressor(early_stopping=False, random_state=s)
                    .fit(X_train, y_train).predict(X_test)) for s in seeds]
    reference = {
        'source': f'scikit-learn {__import__("sklearn").__version__}, bench/python/learners_reference.py',
        'trainRows': n_train,
        'testRows': n_test,
        'forestTestR2': forest,
        'gbmTestR2': gbm,
    }
    with open(os.path.join(FIXTURES, 'nonlinear_reference.json'), 'w') as handle:
        json.dump(reference, handle, indent=1)


def bench(learner, path, rows, cols):
    os.environ.setdefault('OMP_NUM_THREADS', '1')
    from sklearn.ensemble import HistGradientBoostingRegressor, RandomForestRegressor
    from sklearn.linear_model import LassoCV, LinearRegression, RidgeCV
    from sklearn.model_selection import KFold
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    raw = np.fromfile(path, dtype=np.float64)
    X = raw[: rows * cols].reshape(rows, cols)
    y = raw[rows * cols: rows * cols + rows]
    folds = KFold(5, shuffle=True, random_state=0)
    models = {
        'ols': lambda: LinearRegression(),
        # Same grid size as ours: 37 α values, 5-fold CV on standardised features.
        'ridge': lambda: make_pipeline(StandardScaler(), RidgeCV(alphas=np.logspace(-6, 3, 37) * rows, cv=folds)),
        'lasso': lambda: make_pipeline(StandardScaler(), LassoCV(n_alphas=100, eps=1e-3, cv=folds)),
        'forest': lambda: RandomForestRegressor(n_estimators=100, max_features=1.0 / 3.0, n_jobs=1, random_state=0),
        'gbm': lambda: HistGradientBoostingRegressor(early_stopping=False, random_state=0),
    }
    model = models[learner]()
    start, start_cpu = time.perf_counter(), time.process_time()
    model.fit(X, y)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - start_cpu
    print(json.dumps({'learner': learner, 'seconds': seconds, 'cpuSeconds': cpu_seconds,
                      'threads': os.environ.get('OMP_NUM_THREADS')}))


if __name__ == '__main__':
    if len(sys.argv) >= 2 and sys.argv[1] == 'fixtures':
        os.makedirs(FIXTURES, exist_ok=True)
        linear_fixture()
        nonlinear_fixture()
    elif len(sys.argv) == 6 and sys.argv[1] == 'bench':
        bench(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        sys.exit(__doc__)
