"""Fixed survey data and independent reference formulas (numpy, scipy,
statsmodels) for the binding tests.

The same data sets are written out in tests/lua/test_csat.lua; the
expected numbers there were printed by `python3 reference.py` (this file)
and are checked here against the formulas as well.
"""

import math

import numpy as np
from scipy import special, stats

NAN = float("nan")

# Likelihood to recommend, 0..10 (two missing), with survey weights (one 0).
NPS = [10, 9, 9, 8, 7, 10, 6, 5, 9, 10, 3, 8, 9, NAN, 10, 7, 0, 9, 10, 6,
       8, 9, 10, 4, 9, 7, 10, 9, 2, 10, NAN, 8, 9, 10, 7, 6, 9, 10, 1, 8]
NPS_W = [1.25, 0.8, 1.1, 0.95, 1.4, 0.6, 1.05, 2.1, 0.75, 1.0,
         1.3, 0.9, 1.15, 1.0, 0.85, 1.6, 0.7, 1.2, 0.0, 1.35,
         0.65, 1.45, 0.9, 1.05, 1.1, 0.55, 1.25, 0.95, 1.8, 1.0,
         0.5, 1.2, 0.85, 1.3, 1.0, 0.75, 1.15, 0.9, 1.5, 1.05]

# Satisfaction, 1..5 (one missing), with weights.
SAT = [5, 4, 4, 3, 5, 2, 4, 5, 1, 4, 5, 3, NAN, 4, 5, 5, 2, 4, 3, 5,
       4, 4, 5, 3, 2, 5, 4, 1, 4, 5]
SAT_W = [1.1, 0.9, 1.3, 0.7, 1.0, 1.6, 0.8, 1.2, 2.0, 0.95,
         1.05, 1.4, 1.0, 0.85, 0.6, 1.25, 1.5, 0.75, 1.1, 0.9,
         1.0, 1.2, 0.7, 1.3, 1.45, 0.8, 1.0, 1.7, 0.9, 1.15]

# Customer effort, 1..7.
EFFORT = [6, 7, 5, 4, 6, 2, 7, 5, 3, 6, 7, 1, 5, 6, 4, 7, 6, 5, 2, 6]

# Resolution times in hours (one missing).
HOURS = [2.5, 3.75, 1.2, 8.0, 4.4, NAN, 6.1, 2.2, 3.3, 5.9, 12.25, 0.8, 4.05, 7.5]
HOURS_W = [1.0, 0.5, 2.0, 1.5, 1.0, 1.0, 0.75, 1.25, 1.0, 2.5, 0.4, 1.1, 0.9, 1.3]

# Composite index: 3 items on 1..5, 1..7, 0..10; one row with a missing item.
ITEMS = [[4, 6, 8], [5, 7, 9], [3, 4, 6], [2, 3, 5], [4, 5, NAN], [5, 6, 10],
         [1, 2, 3], [4, 7, 7], [3, 5, 6], [5, 5, 8]]
ITEM_SCALES = [(1, 5), (1, 7), (0, 10)]
ITEM_WEIGHTS = [2.0, 1.0, 1.0]
ITEMS_W = [1.2, 0.8, 1.0, 1.5, 1.0, 0.9, 1.1, 1.3, 0.7, 1.0]


def _valid(x, w):
    x = np.asarray(x, dtype=float)
    w = np.ones_like(x) if w is None else np.asarray(w, dtype=float)
    keep = ~np.isnan(x)
    return x[keep], w[keep], int((~keep).sum())


def _sample(x, w, missing):
    W = w.sum()
    return {"n": len(x), "n_missing": missing, "n_weighted": W,
            "n_effective": W * W / (w * w).sum()}


def _linearised_var(y, w):
    """Variance of the weighted mean, one-stage design with replacement."""
    n, W = len(y), w.sum()
    ybar = (w * y).sum() / W
    return n / (n - 1) * (w * w * (y - ybar) ** 2).sum() / W ** 2


def _z(level):
    return stats.norm.ppf((1 + level) / 2)


def _t(level, df):
    """Two-sided t quantile through the inverse incomplete beta function,
    P(|T| > t) = I_{df/(df+t²)}(df/2, 1/2). (scipy.stats.t.ppf is only good
    to about 1e-10 for small df in scipy 1.10.)"""
    x = special.betaincinv(df / 2, 0.5, 1 - level)
    return math.sqrt(df * (1 - x) / x)


def nps(x, w=None, level=0.95, method="wald", promoter_min=9, detractor_max=6):
    x, w, missing = _valid(x, w)
    s = _sample(x, w, missing)
    W = w.sum()
    y = np.where(x >= promoter_min, 1.0, np.where(x <= detractor_max, -1.0, 0.0))
    p, d = w[y > 0].sum() / W, w[y < 0].sum() / W
    score = 100 * (p - d)
    if method == "wald":
        se = 100 * math.sqrt(_linearised_var(y, w))
        centre = score
    else:
        m = s["n_effective"]
        n2 = m + 3
        p2, d2 = (p * m + 0.75) / n2, (d * m + 0.75) / n2
        se = 100 * math.sqrt((p2 + d2 - (p2 - d2) ** 2) / n2)
        centre = 100 * (p2 - d2)
    z = _z(level)
    return {**s, "score": score, "promoters": p, "detractors": d, "passives": 1 - p - d,
            "se": se, "ci_lower": max(-100.0, centre - z * se),
            "ci_upper": min(100.0, centre + z * se)}


def share(x, lo, hi, w=None, level=0.95):
    """Box share with the Wilson interval on the Kish effective n: share,
    SE and interval are proportions (0..1), score is 100 x share."""
    x, w, missing = _valid(x, w)
    s = _sample(x, w, missing)
    p = w[(x >= lo) & (x <= hi)].sum() / w.sum()
    m, z = s["n_effective"], _z(level)
    c = (p + z * z / (2 * m)) / (1 + z * z / m)
    h = z / (1 + z * z / m) * math.sqrt(p * (1 - p) / m + z * z / (4 * m * m))
    return {**s, "share": p, "score": 100 * p, "se": math.sqrt(p * (1 - p) / m),
            "ci_lower": c - h, "ci_upper": c + h}


def mean(x, w=None, level=0.95):
    x, w, missing = _valid(x, w)
    s = _sample(x, w, missing)
    n, W = len(x), w.sum()
    m = (w * x).sum() / W
    sd = math.sqrt(n / (n - 1) * (w * (x - m) ** 2).sum() / W)
    se = math.sqrt(_linearised_var(x, w))
    t = _t(level, n - 1)
    return {**s, "score": m, "sd": sd, "se": se, "df": n - 1.0, "min": x.min(),
            "max": x.max(), "ci_lower": m - t * se, "ci_upper": m + t * se}


def index(rows, scales, item_weights=None, w=None, level=0.95):
    x = np.asarray(rows, dtype=float)
    lo = np.array([s[0] for s in scales], dtype=float)
    hi = np.array([s[1] for s in scales], dtype=float)
    v = np.ones(x.shape[1]) if item_weights is None else np.asarray(item_weights, float)
    r = 100 * (x - lo) / (hi - lo)
    ind = (r * v).sum(axis=1) / v.sum()  # NaN for a row with a missing item
    return mean(ind, w, level)


def cases():
    """The reference cases shared with the Lua tests: name -> result dict."""
    return {
        "nps_wald": nps(NPS),
        "nps_wald_w": nps(NPS, NPS_W),
        "nps_adj": nps(NPS, method="adjusted-wald"),
        "nps_adj_w90": nps(NPS, NPS_W, level=0.90, method="adjusted-wald"),
        "csat": share(SAT, 4, 5),
        "csat_w": share(SAT, 4, 5, SAT_W),
        "top1": share(SAT, 5, 5),
        "bottom2_w": share(SAT, 1, 2, SAT_W),
        "box_2_4_99": share(SAT, 2, 4, level=0.99),
        "mean": mean(HOURS),
        "mean_w": mean(HOURS, HOURS_W),
        "ces_effort": mean(EFFORT),
        "ces_low": share(EFFORT, 5, 7),
        "index": index(ITEMS, ITEM_SCALES),
        "index_w": index(ITEMS, ITEM_SCALES, ITEM_WEIGHTS, ITEMS_W),
    }


def _lua():
    """The cases as a Lua table constructor (17 significant digits)."""
    out = ["local expected = {"]
    for name, d in cases().items():
        fields = ", ".join(f"{k} = {float(v):.17g}" for k, v in sorted(d.items()))
        out.append(f"  {name} = {{ {fields} }},")
    out.append("}")
    return "\n".join(out)


if __name__ == "__main__":
    print(_lua())
