#!/usr/bin/python3
"""Make tests/reference/drivers_reference.h, the expected values of tests/test_drivers.c.

Run from anywhere (needs python3-numpy, python3-scipy, python3-statsmodels,
python3-pandas, python3-mpmath and Rscript, all from Debian):

    /usr/bin/python3 tests/reference/make_drivers_reference.py

The values come from implementations independent of libcsat:

- statsmodels WLS / OLS: coefficients, SE, t, p, confidence intervals, R²,
  adjusted R², F and its p-value, sigma = sqrt(scale), residual df.
  Rows with weight 0 are passed to statsmodels dropped: they do not change
  any estimate, but statsmodels would count them in nobs and df_resid, while
  the library (like R's lm) counts only rows with a positive weight.
- R's lm (run below on the same data) cross-checks coefficients, SE, sigma,
  R², adjusted R² and F; the script stops if they differ by more than 1e-10.
- p-values and t quantiles are recomputed with mpmath at 40 digits from the
  statsmodels t and F statistics, after checking that scipy (behind
  statsmodels) agrees: its p-values to 1e-8, its t quantiles only to ~4e-9
  (scipy 1.10's t.ppf(0.95, 31)), so the stored intervals use mpmath's.
- VIF: diagonal of the inverse weighted correlation matrix of the drivers,
  checked against 1/(1 - R²_j) of weighted regressions of each driver on the
  others (numpy lstsq) and, unweighted, against statsmodels
  variance_inflation_factor on the design with a constant.
- Correlations: numpy evaluation of the weighted correlation, checked against
  statsmodels DescrStatsW.corrcoef. Standardised betas b_j sd_j / sd_y,
  checked against a WLS fit on weighted z-scores.
- Relative importance (first, last, beta², Pratt, LMG, dominance general,
  conditional and complete) from this script's own all-subsets computation:
  np.linalg.lstsq of sqrt(w) y on sqrt(w) [1, X_S] for every subset S, then
  the published definitions (Lindeman, Merenda & Gold 1980; Budescu 1993;
  Azen & Budescu 2003). Johnson's (2000) relative weights with
  numpy.linalg.eigh of the drivers' weighted correlation matrix.
- NIST StRD linear sets: tests/reference/nist_lm_lre.R measures the digits
  R's lm reaches (the bar for the library); mpmath solves the same least
  squares exactly on the data as doubles hold them, which shows how many
  digits the rounded data allow at all (R's lm beats that bound by luck on
  Wampler2: 13.55 against 13.20).

Data sets:
  SMALL   n = 40, p = 4, literal below; weights with zeros and non-integers,
          one row with a NaN driver. Also fitted without intercept, and at a
          90 % level.
  CORR    n = 500, p = 6, correlated drivers from the integer formula in
          corr_data() (the C test rebuilds it); weighted (with zero weights)
          and unweighted; 7 rows with a NaN.
  AIR23   examples/data/airlinesat.csv: overall_sat (1-7) on s1..s23 (1-100),
          unweighted, listwise deletion of rows with an NA among those 24
          columns. 2^23 subsets are too many to refit here, so LMG and
          dominance are computed for
  AIR10   the separate model of overall_sat on s1..s10 only (listwise deletion
          over those 11 columns, hence more rows than AIR23).
"""

import itertools
import math
import os
import re
import subprocess
import sys
import tempfile

import mpmath
import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats
from statsmodels.stats.outliers_influence import variance_inflation_factor
from statsmodels.stats.weightstats import DescrStatsW

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
AIRLINE_CSV = os.path.join(ROOT, "examples", "data", "airlinesat.csv")
NIST_DIR = os.path.join(HERE, "nist", "linear")
OUTPUT = os.path.join(HERE, "drivers_reference.h")
NAN = float("nan")
mpmath.mp.dps = 40

# --------------------------------------------------------------------------
# Data set SMALL: 40 respondents, 4 attribute ratings (1-10, half points) and
# an overall rating; row 22 misses driver 2; rows 4, 17 and 31 weigh 0.

SMALL_X = [
    [5.5, 6, 6, 5.5], [5.5, 5, 5.5, 6.5], [4.5, 7, 4, 7], [3, 4, 3.5, 6],
    [6.5, 5.5, 8.5, 7], [6, 7, 6, 4.5], [4.5, 9, 5.5, 5.5], [6.5, 5, 8, 6.5],
    [3.5, 6.5, 4, 5], [8, 8, 9.5, 6], [4.5, 4, 5.5, 4.5], [7, 7, 5.5, 8.5],
    [6.5, 7.5, 6, 7.5], [6.5, 4, 6, 4], [4, 7.5, 7.5, 4.5], [5.5, 6.5, 4.5, 6],
    [4, 8.5, 4.5, 4], [5, 7.5, 6.5, 8], [7, 9, 7.5, 7.5], [7, 9.5, 8.5, 6.5],
    [4.5, 7, 5.5, 7.5], [4.5, 5, 8, 5], [6.5, 4.5, NAN, 7], [5.5, 6, 9, 7.5],
    [8, 5, 4.5, 6], [7, 8, 6, 8.5], [8, 7.5, 7.5, 5.5], [8, 8, 8.5, 5.5],
    [9.5, 8, 10, 9], [4.5, 8, 6.5, 5.5], [10, 6.5, 10, 7], [6.5, 7, 5, 7.5],
    [8, 10, 8, 9.5], [5, 2.5, 5, 5], [7, 7.5, 8, 7], [6, 7, 4, 6],
    [4, 4, 4, 5.5], [7.5, 5.5, 9, 8], [3, 3, 8, 5.5], [5.5, 7, 7, 4],
]
SMALL_Y = [6.5, 5.0, 7.0, 5.5, 7.0, 5.5, 6.5, 7.5, 5.5, 8.0,
           6.0, 8.5, 6.5, 6.0, 5.0, 4.5, 7.0, 6.0, 8.0, 9.5,
           7.5, 5.5, 6.0, 7.5, 7.0, 9.0, 8.0, 8.5, 8.0, 6.0,
           9.0, 8.0, 9.0, 4.5, 8.0, 7.0, 7.0, 7.5, 5.5, 4.5]
SMALL_W = [0.2, 1.95, 1.55, 0.45, 0.0, 2.45, 0.45, 0.6, 1.7, 0.85,
           0.4, 0.25, 0.8, 1.95, 0.2, 2.4, 0.85, 0.0, 2.35, 1.65,
           0.3, 0.25, 0.8, 1.7, 0.9, 0.55, 0.8, 1.9, 1.0, 2.05,
           0.6, 0.0, 1.75, 0.75, 0.65, 1.4, 2.2, 1.55, 2.4, 2.35]

# --------------------------------------------------------------------------
# Data set CORR: n = 500, p = 6, rebuilt by the C test from this formula.
# Every value is an integer divided by 8 (drivers), 64 (outcome) or 4
# (weights), so it is exact in binary and identical in C and Python.
#
#   f_i   = (37 i + 11) mod 101 - 50              common factor
#   g_i   = (53 i² + 7 i) mod 89 - 44             second factor
#   e_ij  = (A_j i + B_j i² + C_j) mod M_j - (M_j - 1)/2
#   X_ij  = K1_j f_i + K2_j g_i + 4 e_ij          (integer)
#   x_ij  = X_ij / 8, or NaN when j == 2 and i mod 83 == 17
#   h_i   = (71 i² + 13 i + 5) mod 97 - 48
#   y_i   = (Σ_j CY_j X_ij + 40 h_i) / 64
#   w_i   = ((31 i) mod 13) / 4                   (0 when i mod 13 == 0)

CORR_N = 500
CORR_P = 6
CORR_K1 = [3, 4, 2, 3, 1, 2]
CORR_K2 = [1, 0, 2, -1, 3, 2]
CORR_A = [17, 29, 41, 13, 23, 31]
CORR_B = [5, 11, 3, 7, 19, 2]
CORR_C = [1, 4, 9, 6, 2, 8]
CORR_M = [61, 67, 71, 59, 73, 53]
CORR_CY = [5, 3, 4, 2, 1, 3]


def corr_data():
    x = np.empty((CORR_N, CORR_P))
    y = np.empty(CORR_N)
    w = np.empty(CORR_N)
    for i in range(CORR_N):
        f = (37 * i + 11) % 101 - 50
        g = (53 * i * i + 7 * i) % 89 - 44
        big = []
        for j in range(CORR_P):
            e = (CORR_A[j] * i + CORR_B[j] * i * i + CORR_C[j]) % CORR_M[j] - (CORR_M[j] - 1) // 2
            big.append(CORR_K1[j] * f + CORR_K2[j] * g + 4 * e)
        h = (71 * i * i + 13 * i + 5) % 97 - 48
        x[i] = [v / 8.0 for v in big]
        if i % 83 == 17:
            x[i, 2] = NAN
        y[i] = (sum(c * v for c, v in zip(CORR_CY, big)) + 40 * h) / 64.0
        w[i] = ((31 * i) % 13) / 4.0
    return x, y, w


def airline_data(columns):
    """overall_sat on the given columns; rows with an NA among them dropped.
    Returns the complete rows and the number of rows dropped."""
    d = pd.read_csv(AIRLINE_CSV)
    sub = d[columns + ["overall_sat"]]
    keep = sub.notna().all(axis=1).to_numpy()
    x = sub[columns].to_numpy(dtype=float)
    y = sub["overall_sat"].to_numpy(dtype=float)
    return x, y, int((~keep).sum())


# --------------------------------------------------------------------------
# Helpers.

def stop(msg):
    sys.exit("make_drivers_reference.py: " + msg)


def close(a, b, rel, what, floor=1e-300):
    a = np.atleast_1d(np.asarray(a, dtype=float))
    b = np.atleast_1d(np.asarray(b, dtype=float))
    if a.shape != b.shape:
        stop("shape mismatch for %s" % what)
    bad = np.abs(a - b) > rel * np.maximum(np.maximum(np.abs(a), np.abs(b)), floor)
    if bad.any():
        i = int(np.argmax(bad))
        stop("cross-check failed for %s[%d]: %.17g vs %.17g" % (what, i, a.flat[i], b.flat[i]))


def t_sf2(t, df):
    """Two-sided p-value 2 P(T_df > |t|) with mpmath."""
    nu = mpmath.mpf(df)
    t = mpmath.mpf(t)
    return float(mpmath.betainc(nu / 2, mpmath.mpf(1) / 2, 0, nu / (nu + t * t), regularized=True))


def f_sf(f, d1, d2):
    """P(F_{d1,d2} > f) with mpmath."""
    d1, d2, f = mpmath.mpf(d1), mpmath.mpf(d2), mpmath.mpf(f)
    return float(mpmath.betainc(d2 / 2, d1 / 2, 0, d2 / (d2 + d1 * f), regularized=True))


def t_quantile(p, df):
    """Student t quantile with mpmath (root of the CDF), to ~1e-17."""
    nu = mpmath.mpf(df)

    def cdf(t):
        return 1 - mpmath.betainc(nu / 2, mpmath.mpf(1) / 2, 0, nu / (nu + t * t),
                                  regularized=True) / 2

    start = float(stats.t.ppf(p, df))
    return float(mpmath.findroot(lambda t: cdf(t) - mpmath.mpf(p), start))


class Data:
    """Complete rows of one data set (listwise deletion done), with weights
    (ones when unweighted) and the counts the library reports."""

    def __init__(self, x, y, w, weighted):
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        w = np.ones(len(y)) if w is None else np.asarray(w, dtype=float)
        keep = ~(np.isnan(x).any(axis=1) | np.isnan(y))
        self.x, self.y, self.w = x[keep], y[keep], w[keep]
        self.weighted = weighted
        self.n = int(keep.sum())
        self.n_missing = int((~keep).sum())
        self.n_pos = int((self.w > 0).sum())
        self.p = x.shape[1]
        self.n_weighted = math.fsum(self.w)
        self.n_effective = self.n_weighted ** 2 / math.fsum(self.w * self.w)

    def positive(self):
        k = self.w > 0
        return self.x[k], self.y[k], self.w[k]


# --------------------------------------------------------------------------
# Descriptive statistics of the drivers (spec: weighted, sd with n_pos/(n_pos-1)).

def wmean(v, w):
    return math.fsum(w * v) / math.fsum(w)


def wsd(v, w, n_pos):
    m = wmean(v, w)
    return math.sqrt(math.fsum(w * (v - m) ** 2) / math.fsum(w) * n_pos / (n_pos - 1))


def wcorr_matrix(d):
    """Weighted correlation matrix of [x_1..x_p, y]."""
    z = np.column_stack([d.x, d.y])
    m = (d.w @ z) / d.w.sum()
    c = z - m
    cov = (c * d.w[:, None]).T @ c
    s = np.sqrt(np.diag(cov))
    return cov / np.outer(s, s)


# --------------------------------------------------------------------------
# R² of every subset, by weighted least squares with an intercept.

def r2_subset(d, cols):
    sw = np.sqrt(d.w)
    ybar = wmean(d.y, d.w)
    tss = math.fsum(d.w * (d.y - ybar) ** 2)
    a = np.column_stack([np.ones(d.n)] + [d.x[:, j] for j in cols]) * sw[:, None]
    b, *_ = np.linalg.lstsq(a, d.y * sw, rcond=None)
    r = d.y * sw - a @ b
    return 1.0 - math.fsum(r * r) / tss


def all_subsets_r2(d):
    """R² of every subset of the drivers, indexed by bit mask (bit j = driver j)."""
    p = d.p
    r2 = np.zeros(1 << p)
    for mask in range(1, 1 << p):
        r2[mask] = r2_subset(d, [j for j in range(p) if mask >> j & 1])
    return r2


def lmg_and_dominance(d, r2):
    """LMG (Shapley value of R²), conditional and complete dominance."""
    p = d.p
    lmg = np.zeros(p)
    cond = np.zeros((p, p))
    for j in range(p):
        others = [k for k in range(p) if k != j]
        for size in range(p):
            gains = []
            for s in itertools.combinations(others, size):
                mask = sum(1 << k for k in s)
                gains.append(r2[mask | 1 << j] - r2[mask])
            cond[j, size] = math.fsum(gains) / len(gains)
            # Shapley weight |S|!(p-|S|-1)!/p! times C(p-1, |S|) subsets = 1/p.
            lmg[j] += math.fsum(gains) * math.factorial(size) * \
                math.factorial(p - size - 1) / math.factorial(p)
    complete = np.full((p, p), 0.5)
    min_gap = math.inf
    for i in range(p):
        for j in range(p):
            if i == j:
                continue
            rest = [k for k in range(p) if k not in (i, j)]
            gaps = []
            for size in range(len(rest) + 1):
                for s in itertools.combinations(rest, size):
                    mask = sum(1 << k for k in s)
                    gaps.append(r2[mask | 1 << i] - r2[mask | 1 << j])
            gaps = np.array(gaps)
            min_gap = min(min_gap, float(np.abs(gaps).min()))
            complete[i, j] = 1.0 if (gaps > 0).all() else 0.0 if (gaps < 0).all() else 0.5
    # Rounding of order 1e-15 must not be able to flip a comparison.
    if min_gap < 1e-9:
        stop("complete dominance is decided by an R² difference of %.3g" % min_gap)
    return lmg, cond, complete, min_gap


def relative_weights(rxx, rxy):
    """Johnson (2000): eps_j = Σ_k Λ[j,k]² β*_k², Λ = Rxx^{1/2}, β* = Λ^{-1} r_xy."""
    lam, v = np.linalg.eigh(rxx)
    half = v @ np.diag(np.sqrt(lam)) @ v.T
    bstar = np.linalg.solve(half, rxy)
    return (half ** 2) @ (bstar ** 2)


# --------------------------------------------------------------------------
# One model: statsmodels fit, driver statistics and importance.

def fit_model(name, d, intercept=True, level=0.95, importance=True, subsets=True):
    xp, yp, wp = d.positive()
    design = sm.add_constant(xp, has_constant="add") if intercept else xp
    res = (sm.WLS(yp, design, weights=wp) if d.weighted else sm.OLS(yp, design)).fit()
    k = d.p + int(intercept)
    if int(res.nobs) != d.n_pos or res.df_resid != d.n_pos - k:
        stop("%s: unexpected nobs/df_resid" % name)
    if d.weighted and d.n_pos < d.n:
        # Zero-weight rows change no estimate (statsmodels with them included).
        xa = sm.add_constant(d.x, has_constant="add") if intercept else d.x
        close(sm.WLS(d.y, xa, weights=d.w).fit().params, res.params, 1e-10, name + " zero w")

    df = res.df_resid
    tq = t_quantile((1 + level) / 2, df)
    # scipy 1.10's t.ppf is off by up to ~4e-9 relative (t.ppf(0.95, 31)),
    # hence the loose checks of the quantile and of statsmodels' conf_int.
    close(tq, stats.t.ppf((1 + level) / 2, df), 1e-7, name + " t quantile")
    pvals = np.array([t_sf2(t, df) for t in res.tvalues])
    close(pvals, res.pvalues, 1e-8, name + " p-values (scipy vs mpmath)", floor=1e-290)
    ci = res.conf_int(alpha=1 - level)
    lower = res.params - tq * res.bse
    upper = res.params + tq * res.bse
    scale = np.abs(res.params) + tq * res.bse
    close(lower, ci[:, 0], 1e-7, name + " ci lower (statsmodels)", floor=scale)
    close(upper, ci[:, 1], 1e-7, name + " ci upper (statsmodels)", floor=scale)
    f_p = f_sf(res.fvalue, res.df_model, df)
    close(f_p, res.f_pvalue, 1e-8, name + " F p-value (scipy vs mpmath)", floor=1e-290)
    if res.df_model != d.p:
        stop("%s: df_model %g" % (name, res.df_model))

    m = dict(name=name, p=d.p, intercept=int(intercept), level=level,
             n=d.n, n_missing=d.n_missing, n_pos=d.n_pos,
             n_weighted=d.n_weighted, n_effective=d.n_effective,
             r2=res.rsquared, adj_r2=res.rsquared_adj, sigma=math.sqrt(res.scale),
             f=res.fvalue, f_p=f_p, df_model=res.df_model, df_resid=df,
             coef=list(zip(res.params, res.bse, res.tvalues, pvals, lower, upper)))

    # Drivers: weighted means, SDs, correlations, betas, VIF, condition number.
    corr = wcorr_matrix(d)
    rxx, rxy = corr[:d.p, :d.p], corr[:d.p, d.p]
    close(DescrStatsW(np.column_stack([d.x, d.y]), weights=d.w).corrcoef, corr, 1e-12,
          name + " correlations (DescrStatsW)")
    means = np.array([wmean(d.x[:, j], d.w) for j in range(d.p)])
    sds = np.array([wsd(d.x[:, j], d.w, d.n_pos) for j in range(d.p)])
    sd_y = wsd(d.y, d.w, d.n_pos)
    b = np.asarray(res.params)[int(intercept):]
    beta = b * sds / sd_y
    vif = np.diag(np.linalg.inv(rxx))
    vif_fit = []
    for j in range(d.p):
        others = [k for k in range(d.p) if k != j]
        dj = Data(d.x[:, others] if others else np.zeros((d.n, 0)), d.x[:, j], d.w, d.weighted)
        vif_fit.append(1.0 / (1.0 - r2_subset(dj, list(range(len(others))))))
    close(vif, vif_fit, 1e-10, name + " VIF (inverse correlation vs regressions)")
    if not d.weighted:
        design_c = sm.add_constant(d.x, has_constant="add")
        vif_sm = [variance_inflation_factor(design_c, j + 1) for j in range(d.p)]
        close(vif, vif_sm, 1e-10, name + " VIF (statsmodels)")
    lam = np.linalg.eigvalsh(rxx)
    m["drivers"] = list(zip(beta, vif, rxy, means, sds))
    m["condition"] = math.sqrt(lam[-1] / lam[0])
    if intercept:
        # Betas are the coefficients of the fit on weighted z-scores.
        zx = (d.x - means) / sds
        zy = (d.y - wmean(d.y, d.w)) / sd_y
        bz = sm.WLS(zy, sm.add_constant(zx), weights=d.w).fit().params[1:]
        close(beta, bz, 1e-10, name + " beta (z-score fit)")
    if not importance:
        return m

    # Relative importance.
    r2_all = r2_subset(d, list(range(d.p)))
    close(r2_all, res.rsquared, 1e-12, name + " R² (lstsq vs statsmodels)")
    first = np.array([r2_subset(d, [j]) for j in range(d.p)])
    close(first, rxy ** 2, 1e-12, name + " first = r²")
    last = np.array([r2_all - r2_subset(d, [k for k in range(d.p) if k != j])
                     for j in range(d.p)])
    pratt = beta * rxy
    rw = relative_weights(rxx, rxy)
    close(math.fsum(pratt), res.rsquared, 1e-12, name + " sum of Pratt")
    close(math.fsum(rw), res.rsquared, 1e-12, name + " sum of relative weights")
    m["importance"] = dict(first=first, last=last, beta2=beta ** 2, pratt=pratt, rw=rw)
    if subsets:
        r2 = all_subsets_r2(d)
        close(r2[-1], res.rsquared, 1e-12, name + " R² of the full subset")
        lmg, cond, complete, gap = lmg_and_dominance(d, r2)
        close(math.fsum(lmg), res.rsquared, 1e-12, name + " sum of LMG")
        close(cond[:, 0], first, 1e-12, name + " conditional[.,0] = first")
        close(cond[:, -1], last, 1e-9, name + " conditional[.,p-1] = last")
        close(cond.mean(axis=1), lmg, 1e-12, name + " general = mean of conditional")
        m["importance"].update(lmg=lmg, conditional=cond, complete=complete, min_gap=gap)
    return m


# --------------------------------------------------------------------------
# R's lm on the same data, as a cross-check of statsmodels.

R_LM = r"""
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
p <- ncol(d) - 2
xs <- paste0("x", seq_len(p))
f <- as.formula(paste(if (args[2] == "1") "y ~" else "y ~ 0 +", paste(xs, collapse = " + ")))
fit <- lm(f, data = d, weights = w)
s <- summary(fit)
out <- c(coef(s)[, 1], coef(s)[, 2], s$sigma, s$r.squared, s$adj.r.squared, s$fstatistic[1],
         fit$df.residual)
cat(sprintf("%.17g", out), sep = "\n")
"""


def r_lm_check(m, d):
    with tempfile.TemporaryDirectory() as tmp:
        csv = os.path.join(tmp, "d.csv")
        cols = ["x%d" % (j + 1) for j in range(d.p)]
        frame = pd.DataFrame(d.x, columns=cols)
        frame["y"] = d.y
        frame["w"] = d.w
        frame.to_csv(csv, index=False, float_format="%.17g")
        script = os.path.join(tmp, "lm.R")
        with open(script, "w") as f:
            f.write(R_LM)
        out = subprocess.run(["Rscript", script, csv, str(m["intercept"])], check=True,
                             capture_output=True, text=True).stdout.split()
    v = np.array([float(s) for s in out])
    k = len(m["coef"])
    c = np.array(m["coef"])
    close(v[:k], c[:, 0], 1e-10, m["name"] + " coefficients (R lm)")
    close(v[k:2 * k], c[:, 1], 1e-10, m["name"] + " SE (R lm)")
    close(v[2 * k:], [m["sigma"], m["r2"], m["adj_r2"], m["f"], m["df_resid"]], 1e-10,
          m["name"] + " sigma, R², adj R², F, df (R lm)")


# --------------------------------------------------------------------------
# NIST: what R's lm reaches.

# Figures quoted in the issue (R's lm, significant digits of the coefficients).
NIST_ISSUE = {"Longley": 13.0, "Norris": 12.5, "Pontius": 12.7, "Wampler1": 9.8,
              "Wampler2": 13.6, "Wampler3": 9.3, "Wampler4": 7.5, "Wampler5": 5.5,
              "Filip": 7.2}


# Model of each set: polynomial degree in x (0: the columns as given) and intercept.
NIST_MODELS = {"Norris": (1, 1), "Pontius": (2, 1), "NoInt1": (1, 0), "NoInt2": (1, 0),
               "Filip": (10, 1), "Longley": (0, 1), "Wampler1": (5, 1), "Wampler2": (5, 1),
               "Wampler3": (5, 1), "Wampler4": (5, 1), "Wampler5": (5, 1)}


def nist_r_lre():
    out = subprocess.run(["Rscript", os.path.join(HERE, "nist_lm_lre.R"), NIST_DIR],
                         check=True, capture_output=True, text=True).stdout
    rows = {}
    for line in out.splitlines():
        name, coef, se, sigma, r2 = line.split()
        rows[name] = (float(coef), float(se), float(sigma), float(r2))
        if name in NIST_ISSUE and abs(round(float(coef), 1) - NIST_ISSUE[name]) > 0.051:
            stop("R's LRE for %s is %s, the issue states %.1f" % (name, coef, NIST_ISSUE[name]))
    return rows


def nist_read(name):
    """Certified values and data of one NIST file (as the C test reads it)."""
    lines = open(os.path.join(NIST_DIR, name + ".dat")).read().split("\n")
    head = "\n".join(lines[:10])
    c1, c2 = map(int, re.search(r"Certified Values\s+\(lines (\d+) to (\d+)\)", head).groups())
    d1, d2 = map(int, re.search(r"Data\s+\(lines (\d+) to (\d+)\)", head).groups())
    b, sd, sigma, r2 = [], [], None, None
    for line in lines[c1 - 1:c2]:
        m = re.match(r"\s*B\d+\s+(\S+)\s+(\S+)", line)
        if m:
            b.append(float(m.group(1)))
            sd.append(float(m.group(2)))
        m = re.search(r"Standard Deviation\s+(\S+)", line)
        if m:
            sigma = float(m.group(1))
        m = re.search(r"R-Squared\s+(\S+)", line)
        if m:
            r2 = float(m.group(1))
    rows = [[float(v) for v in line.split()] for line in lines[d1 - 1:d2]]
    return b, sd, sigma, r2, rows


def mp_lre(est, cert):
    """LRE as nist_lm_lre.R and the C test compute it (capped at 15)."""
    if est == cert:
        return 15.0
    v = -mpmath.log10(abs(est)) if cert == 0 else -mpmath.log10(abs(est - cert) / abs(cert))
    return min(15.0, float(v))


def nist_exact_fit(name):
    """Exact least squares (mpmath, 80 digits, normal equations) of the data as
    doubles hold them, with the design the C test builds (x, x*x, pow(x, k)).
    Its digits against the certified values are the most any double-precision
    computation can be expected to reach: the decimal data are already rounded."""
    degree, intercept = NIST_MODELS[name]
    b, sd, sigma_c, r2_c, rows = nist_read(name)
    y = [r[0] for r in rows]
    if degree:
        design = [[r[1] if k == 1 else r[1] * r[1] if k == 2 else math.pow(r[1], k)
                   for k in range(1, degree + 1)] for r in rows]
    else:
        design = [r[1:] for r in rows]
    if intercept:
        design = [[1.0] + r for r in design]
    with mpmath.workdps(80):
        a = mpmath.matrix([[mpmath.mpf(v) for v in r] for r in design])
        yv = mpmath.matrix([mpmath.mpf(v) for v in y])
        inv = (a.T * a) ** -1
        beta = inv * (a.T * yv)
        res = yv - a * beta
        n, k = len(y), len(b)
        s2 = sum(v * v for v in res) / (n - k)
        se = [mpmath.sqrt(s2 * inv[j, j]) for j in range(k)]
        ybar = sum(yv) / n
        tss = sum((v - ybar) ** 2 for v in yv) if intercept else sum(v * v for v in yv)
        r2 = 1 - sum(v * v for v in res) / tss
        lre = (min(mp_lre(beta[j], mpmath.mpf(b[j])) for j in range(k)),
               min(mp_lre(se[j], mpmath.mpf(sd[j])) for j in range(k)),
               mp_lre(mpmath.sqrt(s2), mpmath.mpf(sigma_c)), mp_lre(r2, mpmath.mpf(r2_c)))
        return lre, [float(v) for v in beta]


# --------------------------------------------------------------------------
# Header output.

def g17(v):
    if isinstance(v, (int, np.integer)):
        return "%d" % v
    v = float(v)
    if math.isnan(v):
        return "NAN"
    return "%.17g" % v


def array(name, values, ctype="double", comment=None):
    items = [g17(float(v)) for v in values]
    lines, line = [], "   "
    for item in items:
        if len(line) + len(item) + 2 > 96:
            lines.append(line)
            line = "   "
        line += " " + item + ","
    lines.append(line)
    head = "/* %s */\n" % comment if comment else ""
    return "%sstatic const %s %s[%d] = {\n%s\n};\n" % (head, ctype, name, len(values),
                                                      "\n".join(lines))


def model_block(cname, m):
    out = []
    coefs = ",\n".join("    {%s,\n     %s}" % (", ".join(g17(v) for v in c[:3]),
                                                ", ".join(g17(v) for v in c[3:]))
                       for c in m["coef"])
    out.append("static const ref_coef %s_COEF[%d] = {\n%s,\n};\n" % (cname, len(m["coef"]), coefs))
    drv = ",\n".join("    {%s,\n     %s}" % (", ".join(g17(v) for v in r[:3]),
                                              ", ".join(g17(v) for v in r[3:]))
                     for r in m["drivers"])
    out.append("static const ref_driver %s_DRIVER[%d] = {\n%s,\n};\n"
               % (cname, len(m["drivers"]), drv))
    fields = ["p", "intercept", "level", "n", "n_missing", "n_pos", "n_weighted", "n_effective",
              "r2", "adj_r2", "sigma", "f", "f_p", "df_model", "df_resid", "condition"]
    body = "\n".join("    .%s = %s," % (f, g17(m[f])) for f in fields)
    body += "\n    .coef = %s_COEF,\n    .driver = %s_DRIVER," % (cname, cname)
    out.append("static const ref_model %s = {\n%s\n};\n" % (cname, body))
    imp = m.get("importance")
    if imp:
        for key, cn in [("first", "FIRST"), ("last", "LAST"), ("beta2", "BETA2"),
                        ("pratt", "PRATT"), ("rw", "RW"), ("lmg", "LMG")]:
            if key in imp:
                out.append(array("%s_%s" % (cname, cn), imp[key]))
        if "conditional" in imp:
            out.append(array("%s_CONDITIONAL" % cname, imp["conditional"].ravel(),
                             comment="[j*p + k]: mean R² gain of driver j over subsets of size k"))
            out.append(array("%s_COMPLETE" % cname, imp["complete"].ravel(),
                             comment="[i*p + j]: 1 i dominates j, 0 j dominates i, 0.5 neither\n"
                             " * (smallest R² difference compared: %.3g)" % imp["min_gap"]))
    return "".join(out)


HEADER = """/*
 * Expected values for tests/test_drivers.c. GENERATED FILE, do not edit.
 *
 * Made by tests/reference/make_drivers_reference.py (which also runs
 * tests/reference/nist_lm_lre.R). To remake it, from the source root:
 *
 *     /usr/bin/python3 tests/reference/make_drivers_reference.py
 *
 * Sources of the numbers, all independent of libcsat:
 *   coefficients, SE, t, CI, R², adj R², F,   statsmodels WLS / OLS (rows of weight 0
 *   sigma, df                                 left out: they change no estimate and, as
 *                                             in R's lm, count for no degree of freedom),
 *                                             cross-checked with R's lm to 1e-10
 *   p-values, F p-value, t quantiles          mpmath (40 digits) from the statsmodels
 *                                             statistics, checked against scipy
 *   VIF                                       inverse weighted correlation matrix, checked
 *                                             against weighted regressions of each driver
 *                                             on the others and statsmodels
 *                                             variance_inflation_factor (unweighted)
 *   r, mean, sd, beta                         numpy weighted formulas; r checked against
 *                                             statsmodels DescrStatsW, beta against a fit
 *                                             on weighted z-scores
 *   first, last, beta², Pratt, LMG,           the script's own all-subsets least squares
 *   dominance (general, conditional,          (numpy lstsq of every subset, with intercept,
 *   complete)                                 weighted through sqrt(w))
 *   relative weights                          Johnson (2000) with numpy.linalg.eigh
 *   NIST LRE bar                              R's lm on the NIST StRD files; exact least
 *                                             squares of the same data with mpmath
 * Values are printed with %.17g.
 *
 * Data sets:
 *   SMALL    DATA_SMALL_* below (n = 40, p = 4, one row with a NaN, weights
 *            with zeros); REF_SMALL (weighted), REF_SMALL_NOINT (weighted, no
 *            intercept), REF_SMALL_90 (weighted, 90 % intervals), REF_SMALL_UNW.
 *   CORR     n = 500, p = 6, not stored here; the test rebuilds it (all values
 *            exact in binary):
 *              f_i  = (37 i + 11) mod 101 - 50
 *              g_i  = (53 i^2 + 7 i) mod 89 - 44
 *              e_ij = (A_j i + B_j i^2 + C_j) mod M_j - (M_j - 1)/2
 *              X_ij = K1_j f_i + K2_j g_i + 4 e_ij
 *              x_ij = X_ij / 8, NaN when j == 2 and i mod 83 == 17
 *              h_i  = (71 i^2 + 13 i + 5) mod 97 - 48
 *              y_i  = (sum_j CY_j X_ij + 40 h_i) / 64
 *              w_i  = ((31 i) mod 13) / 4
 *            REF_CORR_W (weighted), REF_CORR (unweighted).
 *   AIR23    examples/data/airlinesat.csv, overall_sat on s1..s23, unweighted,
 *            rows with an NA among those 24 columns dropped. LMG and dominance
 *            would need 2^23 refits here, so they are given for
 *   AIR10    the separate model of overall_sat on s1..s10 (NA rows dropped
 *            over those 11 columns only).
 */
#ifndef CSAT_DRIVERS_REFERENCE_H
#define CSAT_DRIVERS_REFERENCE_H

#include <math.h>
#include <stddef.h>

/* One coefficient: estimate, SE, t, two-sided p, CI limits. */
typedef struct ref_coef {
    double estimate, se, t, p, ci_lower, ci_upper;
} ref_coef;

/* One driver: standardised coefficient, VIF, correlation with y, mean, SD. */
typedef struct ref_driver {
    double beta, vif, r, mean, sd;
} ref_driver;

/* A fitted model. coef has p + intercept entries (intercept first). n counts
 * the complete rows (weight 0 included), n_pos those with a positive weight. */
typedef struct ref_model {
    size_t p;
    int intercept;
    double level;
    size_t n, n_missing, n_pos;
    double n_weighted, n_effective;
    double r2, adj_r2, sigma, f, f_p, df_model, df_resid, condition;
    const ref_coef *coef;
    const ref_driver *driver;
} ref_model;

/* Digits (LRE, capped at 15) on a NIST StRD linear set: minimum over the
 * coefficients, over their SDs, residual SD and R².
 *   coef..r2        reached by R's lm (tests/reference/nist_lm_lre.R)
 *   issue           the figure quoted for R's coefficients (0: none quoted)
 *   exact_coef..    reached by the exact least-squares solution (mpmath,
 *                   80 digits) of the data as doubles hold them, with the
 *                   design x, x*x, pow(x, k): the decimal data are rounded
 *                   before any computation starts, which bounds what a
 *                   double-precision solver can be expected to reach.
 *   exact_b         that exact solution rounded to double (k values). */
typedef struct ref_nist_lre {
    const char *name;
    double coef, se, sigma, r2, issue;
    double exact_coef, exact_se, exact_sigma, exact_r2;
    size_t k;
    const double *exact_b;
} ref_nist_lre;
"""


def main():
    small = Data(SMALL_X, SMALL_Y, SMALL_W, True)
    small_unw = Data(SMALL_X, SMALL_Y, None, False)
    cx, cy, cw = corr_data()
    corr_w = Data(cx, cy, cw, True)
    corr = Data(cx, cy, None, False)
    s_cols = ["s%d" % j for j in range(1, 24)]
    ax, ay, _ = airline_data(s_cols)
    air23 = Data(ax, ay, None, False)
    ax10, ay10, _ = airline_data(s_cols[:10])
    air10 = Data(ax10, ay10, None, False)

    models = [
        ("REF_SMALL", fit_model("small", small), small),
        ("REF_SMALL_NOINT", fit_model("small no intercept", small, intercept=False,
                                      importance=False), small),
        ("REF_SMALL_90", fit_model("small 90%", small, level=0.90, importance=False), small),
        ("REF_SMALL_UNW", fit_model("small unweighted", small_unw), small_unw),
        ("REF_CORR_W", fit_model("corr weighted", corr_w), corr_w),
        ("REF_CORR", fit_model("corr", corr), corr),
        ("REF_AIR23", fit_model("airline s1..s23", air23, subsets=False), air23),
        ("REF_AIR10", fit_model("airline s1..s10", air10), air10),
    ]
    for _, m, d in models:
        r_lm_check(m, d)
    nist = nist_r_lre()
    nist_exact = {name: nist_exact_fit(name) for name in NIST_MODELS}

    out = [HEADER]
    out.append("/* ---- data set SMALL (row-major 40 x 4) ---- */\n")
    out.append("#define DATA_SMALL_N %d\n#define DATA_SMALL_P %d\n" % (len(SMALL_Y), 4))
    out.append(array("DATA_SMALL_X", [v for row in SMALL_X for v in row]))
    out.append(array("DATA_SMALL_Y", SMALL_Y))
    out.append(array("DATA_SMALL_W", SMALL_W))
    out.append("\n/* ---- data set CORR: constants of the formula above ---- */\n")
    out.append("#define DATA_CORR_N %d\n#define DATA_CORR_P %d\n" % (CORR_N, CORR_P))
    for nm, v in [("K1", CORR_K1), ("K2", CORR_K2), ("A", CORR_A), ("B", CORR_B),
                  ("C", CORR_C), ("M", CORR_M), ("CY", CORR_CY)]:
        out.append("static const long DATA_CORR_%s[%d] = {%s};\n"
                   % (nm, len(v), ", ".join(str(i) for i in v)))
    for cname, m, _ in models:
        out.append("\n/* ---- %s: %s ---- */\n" % (cname, m["name"]))
        out.append(model_block(cname, m))
    out.append("\n/* ---- NIST StRD linear sets: digits reached by R's lm and by the exact\n"
               " *      least-squares solution of the data as doubles ---- */\n")
    rows = []
    for name in NIST_MODELS:
        lre, beta = nist_exact[name]
        out.append(array("REF_NIST_%s_EXACT" % name.upper(), beta,
                         comment="%s: exact solution, rounded to double" % name))
        rows.append('    {"%s", %.2f, %.2f, %.2f, %.2f, %.1f,\n     %.2f, %.2f, %.2f, %.2f, %d, '
                    'REF_NIST_%s_EXACT}'
                    % ((name,) + nist[name] + (NIST_ISSUE.get(name, 0.0),) + lre
                       + (len(beta), name.upper())))
    out.append("#define REF_NIST_LRE_COUNT %d\n" % len(rows))
    out.append("static const ref_nist_lre REF_NIST_LRE[%d] = {\n%s,\n};\n"
               % (len(rows), ",\n".join(rows)))
    out.append("\n#endif /* CSAT_DRIVERS_REFERENCE_H */\n")
    with open(OUTPUT, "w") as f:
        f.write("".join(out))
    print("wrote", OUTPUT)
    for cname, m, _ in models:
        print("%-16s n=%4d n_pos=%4d R2=%.6f cond=%.3f" % (cname, m["n"], m["n_pos"], m["r2"],
                                                           m["condition"]))
    for name in NIST_MODELS:
        print("NIST %-9s R lm LRE coef %.2f se %.2f sigma %.2f r2 %.2f" % ((name,) + nist[name]),
              " exact: %.2f %.2f %.2f %.2f" % nist_exact[name][0])


if __name__ == "__main__":
    main()
