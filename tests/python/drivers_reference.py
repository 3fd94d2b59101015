"""Key-driver data sets and independent reference computations for the
binding tests (statsmodels WLS, numpy all-subsets regressions).

The small data set KD is written out in tests/lua/test_drivers.lua as
well; the expected numbers there were printed by
`/usr/bin/python3 drivers_reference.py` (this file).

Rows with weight 0 are dropped before statsmodels sees them: they change
no estimate, but statsmodels would count them in nobs and df_resid while
the library (like R's lm) does not.
"""

import itertools
import math

import numpy as np
import statsmodels.api as sm

from reference import _t

NAN = float("nan")

# KD: 24 respondents, three attribute ratings (1..10) and the overall
# rating; row 12 misses its second rating, row 8 weighs 0.
KD_NAMES = ["speed", "price", "staff"]
KD_X = [[6, 5, 7], [5, 7, 5], [7, 7, 9], [1, 4, 2], [5, 6, 4], [4, 5, 5], [2, 4, 5],
        [6, 5, 6], [2, 5, 2], [6, 5, 7], [3, 6, 3], [5, NAN, 7], [5, 6, 7], [4, 6, 6],
        [5, 6, 6], [2, 7, 4], [4, 6, 4], [7, 5, 8], [6, 8, 7], [6, 7, 6], [5, 7, 9],
        [3, 6, 6], [5, 7, 7], [3, 6, 6]]
KD_Y = [6.5, 5.0, 7.0, 3.5, 4.5, 3.5, 1.5, 5.0, 1.5, 6.0, 3.5, 5.5, 5.0, 5.5, 4.0, 3.5,
        5.5, 4.5, 6.0, 6.5, 4.5, 3.0, 4.0, 5.0]
KD_W = [0.87, 1.39, 1.28, 1.64, 1.63, 1.55, 0.9, 0.0, 1.64, 1.02, 1.43, 0.92, 1.17, 1.31,
        0.75, 0.93, 0.52, 1.33, 0.89, 1.86, 1.49, 1.93, 2.15, 1.45]


def survey(n=300, p=4, seed=11, missing=5, zero_weights=3):
    """A larger synthetic survey: p correlated ratings 1..10 (one latent
    factor), an overall rating, positive weights with a few zeros and a few
    rows with a NaN (in a driver or the outcome)."""
    rng = np.random.default_rng(seed)
    latent = rng.normal(size=n)
    x = np.clip(np.round(6 + 1.5 * latent[:, None] + rng.normal(scale=1.3, size=(n, p))), 1, 10)
    b = np.linspace(0.5, 0.05, p)
    y = np.clip(np.round(1 + x @ b + rng.normal(scale=1.0, size=n)), 0, 10)
    w = rng.uniform(0.3, 2.5, n)
    w[rng.choice(n, zero_weights, replace=False)] = 0.0
    for i in rng.choice(n, missing, replace=False):
        j = rng.integers(0, p + 1)
        if j == p:
            y[i] = NAN
        else:
            x[i, j] = NAN
    return x, y, w


def complete(x, y, w=None):
    """The complete rows (no NaN), and their weights (ones if None)."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    w = np.ones(len(y)) if w is None else np.asarray(w, dtype=float)
    keep = ~(np.isnan(x).any(axis=1) | np.isnan(y))
    return x[keep], y[keep], w[keep], int((~keep).sum())


def wls(x, y, w=None, intercept=True, level=0.95):
    """statsmodels WLS on the complete rows with positive weight: a dict
    named like KeyDriverModel's attributes."""
    x, y, w, missing = complete(x, y, w)
    n = len(y)
    pos = w > 0
    exog = sm.add_constant(x[pos], has_constant="add") if intercept else x[pos]
    fit = sm.WLS(y[pos], exog, weights=w[pos]).fit()
    t = _t(level, fit.df_resid)
    return {
        "coef": fit.params, "se": fit.bse, "t": fit.tvalues, "p": fit.pvalues,
        "ci": np.column_stack([fit.params - t * fit.bse, fit.params + t * fit.bse]),
        "r2": fit.rsquared, "adj_r2": fit.rsquared_adj, "f": fit.fvalue, "f_p": fit.f_pvalue,
        "df_model": fit.df_model, "df_resid": fit.df_resid, "sigma": math.sqrt(fit.scale),
        "n": n, "n_missing": missing, "n_weighted": w.sum(),
        "n_effective": w.sum() ** 2 / (w * w).sum(),
    }


def moments(x, y, w=None):
    """Weighted means, SDs (Σw(x−m)²/Σw · n+/(n+−1), n+ = rows with w > 0),
    correlations with y, the drivers' correlation matrix, betas, VIFs and
    the condition number."""
    x, y, w, _ = complete(x, y, w)
    npos = int((w > 0).sum())
    W = w.sum()
    z = np.column_stack([x, y])
    m = (w[:, None] * z).sum(axis=0) / W
    d = z - m
    cov = (w[:, None] * d).T @ d / W * npos / (npos - 1)
    sd = np.sqrt(np.diag(cov))
    corr = cov / np.outer(sd, sd)
    p = x.shape[1]
    rxx = corr[:p, :p]
    b = wls(x, y, w)["coef"][1:]
    ev = np.linalg.eigvalsh(rxx)
    return {"means": m[:p], "sds": sd[:p], "r": corr[:p, p], "beta": b * sd[:p] / sd[p],
            "vif": np.diag(np.linalg.inv(rxx)), "condition": math.sqrt(ev[-1] / ev[0]),
            "corr": corr}


def subset_r2(x, y, w=None):
    """R² of the weighted regression (with intercept) of y on every subset
    of the drivers, by np.linalg.lstsq: {frozenset of indices: R²}."""
    x, y, w, _ = complete(x, y, w)
    sw = np.sqrt(w)
    ybar = (w * y).sum() / w.sum()
    tss = (w * (y - ybar) ** 2).sum()
    p = x.shape[1]
    out = {}
    for k in range(p + 1):
        for s in itertools.combinations(range(p), k):
            a = np.column_stack([np.ones(len(y))] + [x[:, j] for j in s])
            coef, *_ = np.linalg.lstsq(a * sw[:, None], y * sw, rcond=None)
            r = y - a @ coef
            out[frozenset(s)] = 1 - (w * r * r).sum() / tss
    return out


def lmg(r2, p):
    """Shapley value of R² over the subsets (Lindeman, Merenda & Gold)."""
    out = np.zeros(p)
    for j in range(p):
        others = [k for k in range(p) if k != j]
        for k in range(p):
            for s in itertools.combinations(others, k):
                s = frozenset(s)
                weight = math.factorial(k) * math.factorial(p - k - 1) / math.factorial(p)
                out[j] += weight * (r2[s | {j}] - r2[s])
    return out


def dominance(r2, p):
    """Conditional dominance (p × p, column k = subset size) and complete
    dominance (1 / 0.5 / 0) from the subset R²."""
    cond = np.zeros((p, p))
    for j in range(p):
        others = [k for k in range(p) if k != j]
        for k in range(p):
            gains = [r2[frozenset(s) | {j}] - r2[frozenset(s)]
                     for s in itertools.combinations(others, k)]
            cond[j, k] = np.mean(gains)
    comp = np.full((p, p), 0.5)
    for i in range(p):
        for j in range(p):
            if i == j:
                continue
            rest = [k for k in range(p) if k not in (i, j)]
            diffs = [r2[frozenset(s) | {i}] - r2[frozenset(s) | {j}]
                     for k in range(len(rest) + 1) for s in itertools.combinations(rest, k)]
            if all(d > 0 for d in diffs):
                comp[i, j] = 1.0
            elif all(d < 0 for d in diffs):
                comp[i, j] = 0.0
    return cond, comp


def relative_weights(corr):
    """Johnson's (2000) relative weights from the correlation matrix of
    [drivers, y]."""
    p = corr.shape[0] - 1
    rxx, rxy = corr[:p, :p], corr[:p, p]
    ev, vec = np.linalg.eigh(rxx)
    half = vec @ np.diag(np.sqrt(ev)) @ vec.T
    beta = np.linalg.solve(half, rxy)
    return (half ** 2) @ (beta ** 2)


def importance(x, y, w=None):
    """All six measures: {method: array}."""
    p = np.asarray(x).shape[1]
    r2 = subset_r2(x, y, w)
    mo = moments(x, y, w)
    full = r2[frozenset(range(p))]
    return {
        "first": mo["r"] ** 2,
        "last": np.array([full - r2[frozenset(range(p)) - {j}] for j in range(p)]),
        "beta2": mo["beta"] ** 2,
        "pratt": mo["beta"] * mo["r"],
        "lmg": lmg(r2, p),
        "relative_weights": relative_weights(mo["corr"]),
    }


def _lua():
    """The KD reference values as a Lua table constructor (17 digits)."""
    ref = wls(KD_X, KD_Y, KD_W)
    mo = moments(KD_X, KD_Y, KD_W)
    imp = importance(KD_X, KD_Y, KD_W)
    cond, comp = dominance(subset_r2(KD_X, KD_Y, KD_W), 3)
    noint = wls(KD_X, KD_Y, KD_W, intercept=False)

    def arr(a):
        return "{ " + ", ".join(f"{float(v):.17g}" for v in np.ravel(a)) + " }"

    out = ["local KD_REF = {"]
    for k in ("r2", "adj_r2", "f", "f_p", "df_model", "df_resid", "sigma", "n", "n_missing",
              "n_weighted", "n_effective"):
        out.append(f"  {k} = {float(ref[k]):.17g},")
    for k in ("coef", "se", "t", "p"):
        out.append(f"  {k} = {arr(ref[k])},")
    out.append(f"  ci_lower = {arr(ref['ci'][:, 0])},")
    out.append(f"  ci_upper = {arr(ref['ci'][:, 1])},")
    for k in ("beta", "vif", "r", "means", "sds"):
        out.append(f"  {k} = {arr(mo[k])},")
    out.append(f"  condition = {mo['condition']:.17g},")
    for k, v in imp.items():
        out.append(f"  {k} = {arr(v)},")
    out.append(f"  conditional = {arr(cond)},")
    out.append(f"  complete = {arr(comp)},")
    out.append(f"  noint_coef = {arr(noint['coef'])},")
    out.append(f"  noint_r2 = {noint['r2']:.17g},")
    out.append("}")
    return "\n".join(out)


if __name__ == "__main__":
    print(_lua())
