#!/usr/bin/python3
"""Make tests/reference/business_reference.h, the expected values of
tests/test_compare.c and tests/test_business.c.

Run from anywhere (needs Rscript with the survival package, python3-numpy,
python3-pandas, python3-scipy, python3-statsmodels and python3-mpmath, all
from Debian):

    /usr/bin/python3 tests/reference/make_business_reference.py

The values come from implementations independent of libcsat:

- comparisons of two results and against a benchmark: statsmodels
  (DescrStatsW / CompareMeans z tests and intervals for the NPS coded
  +1/0/-1, proportions_ztest, proportion_confint(method="wilson"),
  confint_proportions_2indep(method="newcomb"), CompareMeans.ttest_ind for
  Welch's degrees of freedom) and scipy (ttest_1samp, ttest_ind with
  equal_var=False, ttest_rel, percentileofscore(kind="mean"));
- adjusted p-values: statsmodels multipletests ("holm", "fdr_bh",
  "bonferroni");
- the trend across waves: statsmodels WLS(...).fit(cov_type="fixed scale");
- Kaplan-Meier curves, their medians and the Kaplan-Meier side of the
  resolution times: R survival::survfit(Surv(time, status) ~ 1,
  conf.type = "log-log"), summary() and quantile();
- exact Poisson intervals: R poisson.test, checked with scipy chi2.ppf and an
  mpmath root of the regularised incomplete gamma function;
- resolution-time quantiles: numpy.quantile (R type 7);
- Student t quantiles (wherever one enters an expected value) and the
  two-sided p-values of t and z statistics: mpmath at 40 digits, checked
  against scipy (scipy's t.ppf is only ~1e-11 accurate, too coarse for 1e-12
  tests);
- retention, churn conversion, customer lifetime value, the churn of a
  period and the Pareto table: derived by hand in the comments below and
  evaluated with exact rational arithmetic (fractions) or plain counting.

The data sets are defined below and written into the header (DATA_*), so the
C tests feed the library exactly the numbers the tools saw. The real survey
examples/data/airlinesat.csv is read here and by the C tests. Share results
(IN_*_CSAT, IN_WSHARE_*, REF_REVIEWS*_POSITIVE) carry their SE and
interval in percent, and share comparisons (REF_SHARE*) their difference,
SE and interval in percentage points, with benchmarks given in percent; the
library works in proportions, and tests/test_compare.c and
tests/test_business.c compare it with these values / 100.
"""

import math
import os
import subprocess
import sys
import tempfile
import warnings
from collections import Counter
from fractions import Fraction

import mpmath
import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.regression.linear_model import WLS
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import (confint_proportions_2indep, proportion_confint,
                                          proportions_ztest)
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW
from statsmodels.tools import add_constant

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
AIRLINE_CSV = os.path.join(ROOT, "examples", "data", "airlinesat.csv")
OUTPUT = os.path.join(HERE, "business_reference.h")
NAN = float("nan")
INF = float("inf")

mpmath.mp.dps = 40

# --------------------------------------------------------------------------
# Helpers: quantiles, p-values, cross-checks.


def close(a, b, rel=1e-12, what="", floor=1e-300):
    """Stop unless a and b agree to `rel` (relative, absolute below `floor`)."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return
    if a == b:
        return
    if not abs(a - b) <= rel * max(abs(a), abs(b), floor):
        sys.exit("cross-check failed for %s: %.17g vs %.17g" % (what, a, b))


def z_quantile(level):
    """Phi^-1((1 + level)/2) by scipy, checked with mpmath's erfinv."""
    z = float(stats.norm.ppf((1.0 + level) / 2.0))
    zm = float(mpmath.sqrt(2) * mpmath.erfinv(mpmath.mpf(level)))
    close(z, zm, 1e-15, "normal quantile")
    return zm


def t_quantile(level, df):
    """Upper (1 + level)/2 quantile of Student t with df (possibly fractional)
    degrees of freedom: mpmath root of the regularised incomplete beta at 40
    digits, started from scipy's t.ppf (which it corrects by ~1e-11)."""
    p = mpmath.mpf(1 + mpmath.mpf(level)) / 2
    nu = mpmath.mpf(df)

    def cdf(t):
        return 1 - mpmath.betainc(nu / 2, mpmath.mpf(1) / 2, 0, nu / (nu + t * t),
                                  regularized=True) / 2

    start = float(stats.t.ppf(float(p), df))
    q = float(mpmath.findroot(lambda t: cdf(t) - p, start))
    close(q, start, 1e-9, "t quantile vs scipy")
    return q


def p_z(z):
    """Two-sided normal p-value 2 P(Z > |z|) = erfc(|z|/sqrt 2) (mpmath)."""
    if math.isinf(z):
        return 0.0
    p = float(mpmath.erfc(abs(mpmath.mpf(z)) / mpmath.sqrt(2)))
    close(p, float(2 * stats.norm.sf(abs(z))), 1e-12, "z p-value vs scipy", floor=1e-300)
    return p


def p_t(t, df):
    """Two-sided Student t p-value I_{df/(df+t^2)}(df/2, 1/2) (mpmath)."""
    nu = mpmath.mpf(df)
    tt = mpmath.mpf(t)
    p = float(mpmath.betainc(nu / 2, mpmath.mpf(1) / 2, 0, nu / (nu + tt * tt),
                             regularized=True))
    sp = float(2 * stats.t.sf(abs(t), df))
    if p > 1e-290:
        close(p, sp, 1e-9, "t p-value vs scipy")
    return p


def wilson(p, m, level):
    """Wilson interval (proportions, not percent) of p on m trials, by
    statsmodels' proportion_confint on the count p*m."""
    a, b = proportion_confint(p * m, m, alpha=1.0 - level, method="wilson")
    return float(a), float(b)


# --------------------------------------------------------------------------
# The airline survey (Oddjob Airways): NPS (nps - 1 on 0..10), CSAT (overall
# satisfaction 6-7 of 1..7) and mean overall satisfaction, for the whole
# sample and by flight_purpose; expectations e1..e23 and perceptions s1..s23.

AIR = pd.read_csv(AIRLINE_CSV)
AIR_E = AIR[["e%d" % j for j in range(1, 24)]].to_numpy(dtype=float)
AIR_S = AIR[["s%d" % j for j in range(1, 24)]].to_numpy(dtype=float)
GROUPS = [("ALL", np.ones(len(AIR), dtype=bool)),
          ("BUSINESS", (AIR["flight_purpose"] == "Business").to_numpy()),
          ("LEISURE", (AIR["flight_purpose"] == "Leisure").to_numpy())]
assert len(AIR) == 1065


def nps_code(x):
    return np.where(x >= 9, 1.0, np.where(x <= 6, -1.0, 0.0))


def nps_result(x, level=0.95):
    """csat_nps_result of unweighted answers x on 0..10 (Wald): p, d,
    score = 100 (p - d), se = 100 s(y)/sqrt(n) of the +1/0/-1 code, checked
    against statsmodels' DescrStatsW.std_mean."""
    x = x[~np.isnan(x)]
    n = len(x)
    y = nps_code(x)
    p = float(np.sum(x >= 9)) / n
    d = float(np.sum(x <= 6)) / n
    se = 100.0 * float(np.std(y, ddof=1)) / math.sqrt(n)
    close(se, 100.0 * float(DescrStatsW(y).std_mean), 1e-13, "nps se")
    z = z_quantile(level)
    score = 100.0 * (p - d)
    return dict(score=score, promoters=p, passives=1.0 - p - d, detractors=d, se=se,
                ci_lower=max(-100.0, score - z * se), ci_upper=min(100.0, score + z * se),
                level=level, method="CSAT_NPS_WALD", n=n, n_missing=0, n_weighted=float(n),
                n_effective=float(n))


def share_result(count, n, level=0.95, box=(6, 7), n_missing=0, n_weighted=None):
    """csat_share_result of `count` of n (n may be a Kish effective size)."""
    p = count / n
    a, b = wilson(p, n, level)
    return dict(share=p, score=100.0 * p, se=100.0 * math.sqrt(p * (1.0 - p) / n),
                ci_lower=100.0 * a, ci_upper=100.0 * b, level=level, box_min=box[0],
                box_max=box[1], n=int(round(n)) if n_weighted is None else n_weighted[0],
                n_missing=n_missing, n_weighted=float(n) if n_weighted is None else n_weighted[1],
                n_effective=float(n))


def mean_result(x, level=0.95):
    """csat_mean_result of unweighted values: mean, sd, se = sd/sqrt(n), t
    interval with the mpmath quantile; checked against scipy's sem."""
    x = x[~np.isnan(x)]
    n = len(x)
    mean = math.fsum(x) / n
    sd = float(np.std(x, ddof=1))
    se = sd / math.sqrt(n)
    close(se, float(stats.sem(x)), 1e-13, "sem")
    q = t_quantile(level, n - 1)
    return dict(score=mean, sd=sd, se=se, ci_lower=mean - q * se, ci_upper=mean + q * se,
                level=level, df=float(n - 1), min=float(x.min()), max=float(x.max()), n=n,
                n_missing=0, n_weighted=float(n), n_effective=float(n))


AIR_NPS = {}
AIR_CSAT = {}
AIR_MEAN = {}
AIR_RAW = {}
for g, mask in GROUPS:
    nps = AIR["nps"].to_numpy(dtype=float)[mask] - 1.0
    sat = AIR["overall_sat"].to_numpy(dtype=float)[mask]
    AIR_RAW[g] = (nps, sat)
    AIR_NPS[g] = nps_result(nps)
    AIR_CSAT[g] = share_result(float(np.sum(sat >= 6)), len(sat))
    AIR_MEAN[g] = mean_result(sat)


# --------------------------------------------------------------------------
# Comparisons against a benchmark.

def comparison(diff, se, lo, hi, stat, df, p, level):
    return dict(diff=diff, se=se, ci_lower=lo, ci_upper=hi, statistic=stat, df=df, p=p,
                level=level)


def nps_benchmark(g, bench, level):
    """z test of the NPS against a benchmark: statsmodels DescrStatsW on the
    code scaled by 100 (ztest_mean, zconfint_mean)."""
    nps, _ = AIR_RAW[g]
    d = DescrStatsW(100.0 * nps_code(nps))
    z, p = d.ztest_mean(value=bench)
    lo, hi = d.zconfint_mean(alpha=1.0 - level)
    r = AIR_NPS[g]
    diff = r["score"] - bench
    close(float(z), diff / r["se"], 1e-12, "nps benchmark z")
    close(float(p), p_z(float(z)), 1e-12, "nps benchmark p", floor=1e-300)
    return comparison(diff, r["se"], float(lo) - bench, float(hi) - bench, float(z), INF,
                      p_z(float(z)), level)


def share_benchmark(r, bench, level):
    """Score test of a share against bench percent: statsmodels
    proportions_ztest(count, nobs, value=p0, prop_var=p0); the interval is
    the Wilson interval of the share minus p0."""
    m = r["n_effective"]
    p0 = bench / 100.0
    z, p = proportions_ztest(r["share"] * m, m, value=p0, prop_var=p0)
    a, b = wilson(r["share"], m, level)
    close(float(z), (r["share"] - p0) / math.sqrt(p0 * (1 - p0) / m), 1e-12, "share z")
    close(float(p), p_z(float(z)), 1e-12, "share p")
    return comparison(100.0 * (r["share"] - p0), r["se"], 100.0 * (a - p0), 100.0 * (b - p0),
                      float(z), INF, p_z(float(z)), level)


def mean_benchmark(g, bench, level):
    """One-sample t test: scipy ttest_1samp; interval with the mpmath t
    quantile."""
    _, sat = AIR_RAW[g]
    res = stats.ttest_1samp(sat, bench)
    r = AIR_MEAN[g]
    diff = r["score"] - bench
    q = t_quantile(level, r["df"])
    close(float(res.statistic), diff / r["se"], 1e-12, "mean benchmark t")
    return comparison(diff, r["se"], diff - q * r["se"], diff + q * r["se"],
                      float(res.statistic), r["df"], p_t(float(res.statistic), r["df"]), level)


# --------------------------------------------------------------------------
# Comparisons of two independent results.

def compare_nps(ga, gb, level):
    """Difference of two NPS: statsmodels CompareMeans of the codes x 100,
    ztest_ind and zconfint_diff with usevar="unequal" (se^2 = se_a^2 + se_b^2)."""
    ya = 100.0 * nps_code(AIR_RAW[ga][0])
    yb = 100.0 * nps_code(AIR_RAW[gb][0])
    cm = CompareMeans(DescrStatsW(ya), DescrStatsW(yb))
    z, p = cm.ztest_ind(usevar="unequal")
    lo, hi = cm.zconfint_diff(alpha=1.0 - level, usevar="unequal")
    a, b = AIR_NPS[ga], AIR_NPS[gb]
    se = math.sqrt(a["se"] ** 2 + b["se"] ** 2)
    close(float(cm.std_meandiff_separatevar), se, 1e-13, "nps diff se")
    return comparison(a["score"] - b["score"], se, float(lo), float(hi), float(z), INF,
                      p_z(float(z)), level)


def compare_shares(a, b, level):
    """Difference of two shares: statsmodels confint_proportions_2indep
    (method="newcomb", Newcombe's hybrid score interval) and the pooled
    proportions_ztest; the reported SE is the unpooled one."""
    m1, m2 = a["n_effective"], b["n_effective"]
    c1, c2 = a["share"] * m1, b["share"] * m2
    lo, hi = confint_proportions_2indep(c1, m1, c2, m2, method="newcomb", compare="diff",
                                        alpha=1.0 - level)
    z, p = proportions_ztest(np.array([c1, c2]), np.array([m1, m2]))
    p1, p2 = a["share"], b["share"]
    pbar = (p1 * m1 + p2 * m2) / (m1 + m2)
    close(float(z), (p1 - p2) / math.sqrt(pbar * (1 - pbar) * (1 / m1 + 1 / m2)), 1e-12,
          "pooled z")
    se = 100.0 * math.sqrt(p1 * (1 - p1) / m1 + p2 * (1 - p2) / m2)
    return comparison(100.0 * (p1 - p2), se, 100.0 * float(lo), 100.0 * float(hi), float(z),
                      INF, p_z(float(z)), level)


def compare_shares_all_in_box(m1, m2, level):
    """Both shares 1 (every answer in the box): the pooled share is 1 too, so
    the pooled z is 0/0; by the rule for a zero SE (a zero difference) z = 0
    and p = 1. The Newcombe interval is still defined (statsmodels)."""
    lo, hi = confint_proportions_2indep(m1, m1, m2, m2, method="newcomb", compare="diff",
                                        alpha=1.0 - level)
    return comparison(0.0, 0.0, 100.0 * float(lo), 100.0 * float(hi), 0.0, INF, 1.0, level)


# A side without spread: every answer a promoter (Wald SE 0), or one value
# repeated (SD 0), compared with a side that has spread. The SE of the
# difference is that of the other side: an ordinary z or Welch t test
# (statsmodels CompareMeans / scipy ttest_ind handle it as any other data).
NPS_PROM6 = [9, 10, 10, 9, 10, 9]
NPS_MIX8 = [0, 5, 7, 9, 10, 10, 3, 8]
MEAN_CONST4 = [4, 4, 4, 4]
MEAN_MIX5 = [1, 2, 3, 4, 5]


def compare_nps_data(xa, xb, level):
    ya = 100.0 * nps_code(np.array(xa, dtype=float))
    yb = 100.0 * nps_code(np.array(xb, dtype=float))
    cm = CompareMeans(DescrStatsW(ya), DescrStatsW(yb))
    z, p = cm.ztest_ind(usevar="unequal")
    lo, hi = cm.zconfint_diff(alpha=1.0 - level, usevar="unequal")
    return comparison(float(ya.mean() - yb.mean()), float(cm.std_meandiff_separatevar),
                      float(lo), float(hi), float(z), INF, p_z(float(z)), level)


def compare_means_data(xa, xb, level):
    xa = np.array(xa, dtype=float)
    xb = np.array(xb, dtype=float)
    with warnings.catch_warnings():
        # scipy warns that a constant sample has no spread: that is the point.
        warnings.simplefilter("ignore", RuntimeWarning)
        res = stats.ttest_ind(xa, xb, equal_var=False)
    t2, p2, df = CompareMeans(DescrStatsW(xa), DescrStatsW(xb)).ttest_ind(usevar="unequal")
    close(float(t2), float(res.statistic), 1e-12, "welch t")
    se = math.sqrt(float(np.var(xa, ddof=1)) / len(xa) + float(np.var(xb, ddof=1)) / len(xb))
    diff = math.fsum(xa) / len(xa) - math.fsum(xb) / len(xb)
    q = t_quantile(level, float(df))
    return comparison(diff, se, diff - q * se, diff + q * se, float(res.statistic), float(df),
                      p_t(float(res.statistic), float(df)), level)


def compare_means(ga, gb, level):
    """Welch's t test: scipy ttest_ind(equal_var=False) for t, statsmodels
    CompareMeans.ttest_ind(usevar="unequal") for the Welch-Satterthwaite df;
    interval with the mpmath quantile at that (fractional) df."""
    xa, xb = AIR_RAW[ga][1], AIR_RAW[gb][1]
    res = stats.ttest_ind(xa, xb, equal_var=False)
    t2, p2, df = CompareMeans(DescrStatsW(xa), DescrStatsW(xb)).ttest_ind(usevar="unequal")
    a, b = AIR_MEAN[ga], AIR_MEAN[gb]
    va, vb = a["se"] ** 2, b["se"] ** 2
    se = math.sqrt(va + vb)
    df_formula = (va + vb) ** 2 / (va * va / a["df"] + vb * vb / b["df"])
    close(float(df), df_formula, 1e-12, "welch df")
    close(float(t2), float(res.statistic), 1e-12, "welch t")
    diff = a["score"] - b["score"]
    q = t_quantile(level, float(df))
    return comparison(diff, se, diff - q * se, diff + q * se, float(res.statistic), float(df),
                      p_t(float(res.statistic), float(df)), level)


# A weighted pair of shares: inputs as csat_score_box_share would give them for
# weighted answers (shares of the weights, Kish effective sizes that are not
# whole numbers). Only the struct enters the comparison.
WSHARE_A = share_result(0.6437 * 23.71, 23.71, level=0.90, box=(4, 5), n_missing=3,
                        n_weighted=(27, 26.85))
WSHARE_B = share_result(0.4512 * 31.47, 31.47, level=0.90, box=(4, 5), n_missing=1,
                        n_weighted=(36, 33.2))


# --------------------------------------------------------------------------
# Adjusted p-values.

# Ten p-values with ties (0.04 twice), an exact 0 and an exact 1.
PVALS10 = [0.01, 0.04, 0.03, 0.005, 0.20, 0.04, 0.5, 0.0, 1.0, 0.012]
# Bonferroni and Holm reach the cap of 1 here.
PVALS4 = [0.3, 0.45, 0.26, 0.9]


def adjusted(p, method):
    rej, padj, _, _ = multipletests(np.array(p, dtype=float), method=method)
    return [float(v) for v in padj]


# --------------------------------------------------------------------------
# Trend across waves: six quarterly NPS with their standard errors.

TREND_SCORE = [31.2, 33.5, 30.8, 36.1, 38.4, 37.9]
TREND_SE = [2.1, 2.3, 1.9, 2.2, 2.0, 2.4]
TREND_TIME = [0.0, 1.0, 2.0, 4.0, 5.0, 8.0]  # irregular spacing


def trend(score, se, time, level):
    """statsmodels WLS(y, add_constant(t), weights = 1/se^2) with
    cov_type="fixed scale" (known variances): slope, its SE, z, p, normal
    interval and intercept."""
    t = np.arange(len(score), dtype=float) if time is None else np.array(time, dtype=float)
    w = 1.0 / np.array(se, dtype=float) ** 2
    fit = WLS(np.array(score, dtype=float), add_constant(t), weights=w).fit(
        cov_type="fixed scale")
    ci = fit.conf_int(alpha=1.0 - level)
    slope, se_b = float(fit.params[1]), float(fit.bse[1])
    # Hand formula of the spec as a check: se = 1/sqrt(sum v (t - tbar)^2).
    tbar = float(np.sum(w * t) / np.sum(w))
    close(se_b, 1.0 / math.sqrt(float(np.sum(w * (t - tbar) ** 2))), 1e-12, "trend se")
    z = float(fit.tvalues[1])
    close(float(fit.pvalues[1]), p_z(z), 1e-12, "trend p")
    return dict(slope=slope, se=se_b, ci_lower=float(ci[1, 0]), ci_upper=float(ci[1, 1]), z=z,
                p=p_z(z), intercept=float(fit.params[0]), level=level, waves=len(score))


def changes(score, se, level):
    """Wave-over-wave z tests: diff = s[i+1] - s[i], se = sqrt(se_i^2 + se_{i+1}^2)."""
    zq = z_quantile(level)
    out = []
    for i in range(len(score) - 1):
        d = score[i + 1] - score[i]
        s = math.sqrt(se[i] ** 2 + se[i + 1] ** 2)
        out.append(comparison(d, s, d - zq * s, d + zq * s, d / s, INF, p_z(d / s), level))
    return out


# --------------------------------------------------------------------------
# Percentile rank among peers (ties at 40 and 25).

PEERS = [52.0, 25.0, 40.0, 12.0, 75.0, 40.0, 31.0, 60.0, 25.0, 40.0]
RANK_SCORES = [40.0, 41.0, 12.0, 5.0, 80.0, 75.0]


def rank(score, peers):
    """scipy percentileofscore(kind="mean"); below / equal / rank by counting."""
    a = np.array(peers)
    below = int(np.sum(a < score))
    equal = int(np.sum(a == score))
    above = int(np.sum(a > score))
    pct = float(stats.percentileofscore(a, score, kind="mean"))
    close(pct, 100.0 * (below + equal / 2.0) / len(a), 1e-13, "percentile")
    return dict(percentile=pct, rank=1 + above, of=len(a) + 1, below=below, equal=equal)


# --------------------------------------------------------------------------
# Expectation-perception gap. A small 10 x 3 set with NaN in either matrix
# (pairwise complete per attribute), and the airline e1..e23 / s1..s23.

NAN_ = NAN
GAP_E = [[6, 5, 7],
         [7, NAN_, 6],
         [5, 4, 6],
         [6, 6, NAN_],
         [7, 5, 7],
         [NAN_, 3, 5],
         [6, 4, 6],
         [5, 5, 7],
         [7, 6, 6],
         [6, 4, 5]]
GAP_P = [[5, 5, 6],
         [6, 4, 6],
         [NAN_, 4, 4],
         [4, 5, 5],
         [6, 6, NAN_],
         [5, 2, 5],
         [6, 5, 4],
         [4, 5, 6],
         [6, 4, NAN_],
         [5, 4, 5.5]]


def gap(E, P, level):
    """Per column: scipy ttest_rel(perceived, expected) on the complete
    pairs; mean, SE and the t interval with the mpmath quantile."""
    E = np.array(E, dtype=float)
    P = np.array(P, dtype=float)
    out, pairs = [], []
    for j in range(E.shape[1]):
        keep = ~np.isnan(E[:, j]) & ~np.isnan(P[:, j])
        e, p = E[keep, j], P[keep, j]
        m = int(keep.sum())
        d = p - e
        res = stats.ttest_rel(p, e)
        mean = math.fsum(d) / m
        se = float(np.std(d, ddof=1)) / math.sqrt(m)
        close(float(res.statistic), mean / se, 1e-12, "paired t")
        q = t_quantile(level, m - 1)
        out.append(comparison(mean, se, mean - q * se, mean + q * se, float(res.statistic),
                              float(m - 1), p_t(float(res.statistic), m - 1), level))
        pairs.append(m)
    return out, pairs


# --------------------------------------------------------------------------
# Business: retention and churn from counts (by hand).
#
#   S = 1000, E = 1050, N = 150: E - N = 900 stayed; retention 900/1000 = 0.9,
#                                churn 0.1, lost = S + N - E = 100.
#   S = 250,  E = 230,  N = 0:   retention 230/250 = 0.92, churn 0.08, lost 20.
#   S = 80,   E = 80,   N = 80:  nobody stayed: retention 0, churn 1, lost 80.
#   S = 100,  E = 130,  N = 30:  everybody stayed: retention 1, churn 0, lost 0.
#   S = 7,    E = 5.5,  N = 0.5: (fractional, e.g. thousands) 5/7, lost 2.
RETENTION_CASES = [(1000.0, 1050.0, 150.0), (250.0, 230.0, 0.0), (80.0, 80.0, 80.0),
                   (100.0, 130.0, 30.0), (7.0, 5.5, 0.5)]


def retention(S, E, N):
    r = (Fraction(E) - Fraction(N)) / Fraction(S)
    return dict(retention=float(r), churn=float(1 - r), at_start=S, at_end=E, acquired=N,
                lost=float(Fraction(S) + Fraction(N) - Fraction(E)))


# Churn over the period [t0, t1] = [10, 20] from start and end times (NaN: still
# a customer). By the definitions of the header:
#   at the start (started <= 10, not ended by 10): customers 0, 2, 3, 4, 11 -> 5
#     (1 ended at 9; 5 started and ended at 10; 6..10 started later)
#   lost (of those, ended in (10, 20]): 2 (14), 3 (20), 11 (10.5)          -> 3
#   acquired (started in (10, 20]): 6 (12), 7 (15), 8 (18), 9 (20)          -> 4
#   at the end (started <= 20, not ended by 20): 0, 4, 6, 8, 9              -> 5
#     (7 was acquired and lost inside the period; 10 starts at 21)
#   retention = (5 - 3)/5 = 0.4, churn 0.6.
# Customer 7 makes S + N - E = 4 differ from the 3 customers of the start who
# were lost; csat_business_churn reports lost = 3 (customers present at t0).
CHURN_START = [0, 2, 5, 8, 10, 10, 12, 15, 18, 20, 21, 3]
CHURN_END = [NAN, 9, 14, 20, NAN, 10, NAN, 19, NAN, 25, NAN, 10.5]
CHURN_T0, CHURN_T1 = 10.0, 20.0


def churn_period(start, end, t0, t1):
    s = np.array(start, dtype=float)
    e = np.array(end, dtype=float)
    active_t0 = (s <= t0) & (np.isnan(e) | (e > t0))
    lost = active_t0 & ~np.isnan(e) & (e <= t1)
    acquired = (s > t0) & (s <= t1)
    active_t1 = (s <= t1) & (np.isnan(e) | (e > t1))
    S, L, N, E = (float(v.sum()) for v in (active_t0, lost, acquired, active_t1))
    assert (S, L, N, E) == (5.0, 3.0, 4.0, 5.0)
    return dict(retention=(S - L) / S, churn=L / S, at_start=S, at_end=E, acquired=N, lost=L)


# Churn conversion 1 - (1 - c)^k (mpmath at 40 digits):
#   monthly 2 % to annual: 1 - 0.98^12 = 0.21528...
#   annual 20 % to monthly: 1 - 0.8^(1/12) = 0.01842...
#   quarterly 5 % to a half-year (k = 2): 1 - 0.95^2 = 0.0975 exactly
#   c = 0 stays 0, c = 1 stays 1.
CHURN_CONVERT = [(0.02, 12.0), (0.2, 1.0 / 12.0), (0.05, 2.0), (0.0, 12.0), (1.0, 0.25),
                 (0.3, 1.0)]


def churn_convert(c, k):
    return float(1 - (1 - mpmath.mpf(c)) ** mpmath.mpf(k))


# Customer lifetime value, q = r/(1 + d), evaluated exactly with fractions of
# the doubles the C test passes.
#   m = 100, r = 0.8, d = 0.1, T = 3 (the hand example):
#     q = 0.8/1.1 = 8/11
#     start of period: 100 (1 + 8/11 + 64/121) = 100 (121 + 88 + 64)/121
#                      = 27300/121 = 225.6198...
#     end of period:   100 (8/11 + 64/121 + 512/1331) = 100 (968 + 704 + 512)/1331
#                      = 218400/1331 = 164.0872...
#     T = infinity:    start 100 * 1.1/0.3 = 366.67, end 100 * 0.8/0.3 = 266.67
#   m = 50, r = 1, d = 0 (q = 1), T = 4: 50 * 4 = 200 either way.
#   T = 0: nothing earned, 0.
#   m = 250, r = 0.9, d = 0.01, T = 12 and infinity (monthly margin, 1 % a month).
CLV_CASES = [(100.0, 0.8, 0.1, 0, 3.0), (100.0, 0.8, 0.1, 1, 3.0),
             (100.0, 0.8, 0.1, 0, INF), (100.0, 0.8, 0.1, 1, INF),
             (50.0, 1.0, 0.0, 0, 4.0), (50.0, 1.0, 0.0, 1, 4.0),
             (100.0, 0.8, 0.1, 0, 0.0), (100.0, 0.8, 0.1, 1, 0.0),
             (250.0, 0.9, 0.01, 0, 12.0), (250.0, 0.9, 0.01, 1, 12.0),
             (250.0, 0.9, 0.01, 0, INF), (250.0, 0.9, 0.01, 1, INF),
             (-40.0, 0.5, 0.2, 1, 5.0)]


def clv(m, r, d, timing, T):
    m, r, d = Fraction(m), Fraction(r), Fraction(d)
    q = r / (1 + d)
    if math.isinf(T):
        v = m * (1 + d) / (1 + d - r) if timing == 0 else m * r / (1 + d - r)
    else:
        ts = range(0, int(T)) if timing == 0 else range(1, int(T) + 1)
        v = sum((m * q ** t for t in ts), Fraction(0))
    return float(v)


# Hand checks of the example above.
assert abs(clv(100.0, 0.8, 0.1, 0, 3.0) - 27300 / 121) < 1e-12
assert abs(clv(100.0, 0.8, 0.1, 1, 3.0) - 218400 / 1331) < 1e-12


# --------------------------------------------------------------------------
# Kaplan-Meier data sets (R survival::survfit).

# Customer lifetimes in months, 1 = churned then, 0 = still a customer (time
# so far). Ties among events (8, 12), censoring at event times (5, 8, 12, 24),
# times with censoring only (10, 15, 20, 27, 33, 36), a missing time and a
# missing flag; S falls below 1/2 at an ordinary step.
KM_A_TIME = [3, 5, 5, 7, 8, 8, 8, 10, 12, 12, 12, 14, 15, 17, 18, 20, 22, 24, 24, 27, 30, 33,
             36, NAN, 9]
KM_A_OBS = [1, 1, 0, 1, 1, 1, 0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0, 1, 0, 0, 1, NAN]
KM_A_AT = [0.0, 2.9, 3.0, 4.0, 8.0, 11.5, 24.0, 30.0, 36.0, 100.0]
# S = 1/2 exactly (4 events among 8 at risk at t = 2), a censoring at 3, the
# next event at 4: the median is (2 + 4)/2 = 3 (R's convention).
KM_HALF_TIME = [1, 1, 2, 2, 2, 2, 3, 4, 6, 6]
KM_HALF_OBS = [0, 0, 1, 1, 1, 1, 0, 1, 1, 0]
# S = 1/2 exactly at t = 1 and flat to the end of follow-up (5): R takes the
# midpoint of the flat stretch, (1 + 5)/2 = 3.
KM_FLAT_TIME = [1, 1, 1, 1, 3, 3, 3, 5]
KM_FLAT_OBS = [1, 1, 1, 1, 0, 0, 0, 0]
# S never reaches 1/2 (0.9, 0.8, 0.64): no median.
KM_NEVER_TIME = [2, 4, 4, 6, 7, 9, 11, 12, 15, 15]
KM_NEVER_OBS = [1, 0, 1, 0, 0, 1, 0, 0, 0, 0]
# No censoring (flags NULL in the C test), with ties: S = 1 - ECDF, ends at 0.
KM_FULL_TIME = [1.5, 2, 2, 3.25, 4, 4, 4, 6, 7.5, 9, 9, 12]
KM_SETS = [("KM_A", KM_A_TIME, KM_A_OBS, 0.95, KM_A_AT),
           ("KM_HALF", KM_HALF_TIME, KM_HALF_OBS, 0.95, [2.0, 3.0]),
           ("KM_FLAT", KM_FLAT_TIME, KM_FLAT_OBS, 0.90, [1.0]),
           ("KM_NEVER", KM_NEVER_TIME, KM_NEVER_OBS, 0.95, [9.0]),
           ("KM_FULL", KM_FULL_TIME, [1.0] * len(KM_FULL_TIME), 0.95, [3.0, 12.0])]

# Resolution times (hours) of 25 complaints; 0 = still open (time so far).
# One time equals the SLA of 24 h; an open complaint also sits at 24.
# The Kaplan-Meier curve of these data is exactly 1/2 at 15.5 h (the product
# 23/24 * 11/12 * ... * 12/13 is 1/2 as a fraction), which the product in
# doubles misses by one ulp (0.5000000000000001). R's survfit compares with a
# tolerance of sqrt(machine epsilon) and gives the median of the exact curve,
# the midpoint (15.5 + 18)/2 = 16.75; a rule "S == 1/2 exactly" applied to the
# rounded product would give 18.
RES_TIME = [2.5, 4, 30, 8.75, 12, 24, 1.25, 50, 6, 18, 72, 3, 26.5, 10, 24, 15.5, 40, 5, 96,
            20, NAN, 7.25, 36, 11, 60]
RES_OBS = [1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 0]
RES_SLA = 24.0
RES_PROBS = [0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 1.0]
# All resolved (flags NULL), SLA 10 h.
RES2_TIME = [3.5, 12, 7, 7, 1.5, 30, 9, 10, 4.25, 16]
RES2_SLA = 10.0
RES2_PROBS = [0.5, 0.8]

# Rates with Garwood's exact interval: (count, exposure, per, level).
RATE_CASES = [(12.0, 3500.0, 1000.0, 0.95), (0.0, 250.0, 1.0, 0.95), (7.0, 1.0, 1.0, 0.90),
              (143.0, 20000.5, 1000.0, 0.99), (1.0, 40.0, 100.0, 0.95)]

# Complaint category codes (NaN: not coded). By hand: 24 coded complaints;
# codes 1 and 3 seven times each (1 first, the smaller code), 2 and 5 four
# times, 0 and 12 once:
#   code  count  share   cum_share
#     1     7    7/24     7/24
#     3     7    7/24    14/24
#     2     4    4/24    18/24
#     5     4    4/24    22/24
#     0     1    1/24    23/24
#    12     1    1/24    24/24 = 1
PARETO_CODES = [3, 1, 3, 5, 2, 1, 3, NAN, 1, 5, 3, 2, 12, 1, 3, 5, 1, 3, 2, NAN, 1, 0, 5, 2, 3,
                1]

# Review ratings on 1..5 (NaN: no rating), default options; and ratings on
# 1..10 with positive 8..10, prior mean 7 of weight 5, 90 %.
REVIEWS_X = [5, 4, 5, 3, NAN, 5, 4, 2, 5, 5, 1, 4, 5, NAN, 3, 4, 5, 5, 4, 2]
REVIEWS10_X = [9, 7, 10, 8, 6, NAN, 10, 9, 3, 8, 7]
REVIEWS10_OPT = dict(scale_min=1, scale_max=10, positive_min=8, prior_mean=7.0,
                     prior_weight=5.0, level=0.90)


# --------------------------------------------------------------------------
# R: survfit, quantile, summary and poisson.test.

R_CODE = r"""
suppressPackageStartupMessages(library(survival))
args <- commandArgs(TRUE)
dir <- args[1]
out <- function(key, v) cat(key, sprintf("%.17g", v), "\n", sep = " ")
km <- function(name, level, at) {
  d <- read.csv(file.path(dir, paste0(name, ".csv")))
  fit <- survfit(Surv(time, status) ~ 1, data = d, conf.type = "log-log",
                 conf.int = level)
  for (i in seq_along(fit$time)) {
    k <- paste0(name, ".", i)
    out(paste0(k, ".time"), fit$time[i]); out(paste0(k, ".n.risk"), fit$n.risk[i])
    out(paste0(k, ".n.event"), fit$n.event[i]); out(paste0(k, ".n.censor"), fit$n.censor[i])
    out(paste0(k, ".surv"), fit$surv[i]); out(paste0(k, ".std.err"), fit$std.err[i])
    out(paste0(k, ".lower"), fit$lower[i]); out(paste0(k, ".upper"), fit$upper[i])
  }
  out(paste0(name, ".rows"), length(fit$time))
  tab <- summary(fit)$table
  out(paste0(name, ".n"), tab[["n.start"]]); out(paste0(name, ".events"), tab[["events"]])
  out(paste0(name, ".median"), tab[["median"]])
  out(paste0(name, ".median_lower"), tab[[paste0(level, "LCL")]])
  out(paste0(name, ".median_upper"), tab[[paste0(level, "UCL")]])
  q <- quantile(fit, 0.5)
  out(paste0(name, ".q.median"), q$quantile); out(paste0(name, ".q.lower"), q$lower)
  out(paste0(name, ".q.upper"), q$upper)
  s <- summary(fit, times = at, extend = TRUE)
  for (i in seq_along(at)) {
    k <- paste0(name, ".at.", i)
    out(paste0(k, ".surv"), s$surv[i]); out(paste0(k, ".std.err"), s$std.err[i])
  }
}
tasks <- readLines(file.path(dir, "tasks.txt"))
for (line in tasks) {
  f <- strsplit(line, " ")[[1]]
  if (f[1] == "km") {
    km(f[2], as.numeric(f[3]), as.numeric(f[-(1:3)]))
  } else if (f[1] == "rate") {
    x <- as.numeric(f[3]); e <- as.numeric(f[4]); lvl <- as.numeric(f[5])
    ci <- poisson.test(x, e, conf.level = lvl)$conf.int
    out(paste0(f[2], ".lower"), ci[1]); out(paste0(f[2], ".upper"), ci[2])
  }
}
"""


def run_r(km_sets, rate_cases):
    tasks = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, time, obs, level, at in km_sets:
            with open(os.path.join(tmp, name + ".csv"), "w") as f:
                f.write("time,status\n")
                for t, o in zip(time, obs):
                    f.write("%s,%s\n" % ("NA" if math.isnan(t) else "%.17g" % t,
                                         "NA" if math.isnan(o) else "%d" % o))
            tasks.append("km %s %s %s" % (name, level, " ".join("%.17g" % a for a in at)))
        for i, (x, e, per, level) in enumerate(rate_cases):
            tasks.append("rate rate%d %.17g %.17g %s" % (i, x, e, level))
        with open(os.path.join(tmp, "tasks.txt"), "w") as f:
            f.write("\n".join(tasks) + "\n")
        script = os.path.join(tmp, "ref.R")
        with open(script, "w") as f:
            f.write(R_CODE)
        res = subprocess.run(["Rscript", script, tmp], check=True, capture_output=True,
                             text=True)
    r = {}
    for line in res.stdout.splitlines():
        key, value = line.split()
        r[key] = NAN if value == "NA" else float(value)
    return r


# --------------------------------------------------------------------------
# Kaplan-Meier values from R, reduced to the steps (times with >= 1 event).

def km_values(R, name, time, obs, level, at):
    rows = int(R[name + ".rows"])
    steps = []
    for i in range(1, rows + 1):
        k = "%s.%d." % (name, i)
        if R[k + "n.event"] == 0:
            continue
        S = R[k + "surv"]
        se_r = R[k + "std.err"]  # of log S (cumulative hazard)
        lo, hi = R[k + "lower"], R[k + "upper"]
        if S == 0.0 or S == 1.0:
            # R leaves the log-log limits NA where S is 0 or 1; the header
            # documents S itself there.
            assert math.isnan(lo) and math.isnan(hi)
            lo = hi = S
        steps.append(dict(time=R[k + "time"], n_risk=R[k + "n.risk"], n_event=R[k + "n.event"],
                          n_censor=R[k + "n.censor"], survival=S,
                          # R: std.err Inf where S = 0; the SE of S is left
                          # unchecked there (the header does not fix 0 * Inf).
                          se=S * se_r if S > 0 else NAN, ci_lower=lo, ci_upper=hi,
                          se_r=se_r))
    # Cross-check R's curve with the product-limit and Greenwood formulas and
    # the log-log limits evaluated here.
    t = np.array(time, dtype=float)
    o = np.array(obs, dtype=float)
    keep = ~np.isnan(t) & ~np.isnan(o)
    t, o = t[keep], o[keep]
    z = z_quantile(level)
    S, G = 1.0, 0.0
    for st in steps:
        n = float(np.sum(t >= st["time"]))
        d = float(np.sum((t == st["time"]) & (o == 1)))
        c = float(np.sum((t == st["time"]) & (o == 0)))
        assert (n, d, c) == (st["n_risk"], st["n_event"], st["n_censor"]), name
        S *= 1.0 - d / n
        close(S, st["survival"], 1e-14, name + " S")
        if n > d:
            G += d / (n * (n - d))
            close(math.sqrt(G), st["se_r"], 1e-13, name + " Greenwood")
            if 0 < S < 1:
                w = z * math.sqrt(G) / math.log(S)
                close(math.exp(-math.exp(math.log(-math.log(S)) - w)), st["ci_lower"], 1e-13,
                      name + " lower")
                close(math.exp(-math.exp(math.log(-math.log(S)) + w)), st["ci_upper"], 1e-13,
                      name + " upper")
    n_used = int(keep.sum())
    assert n_used == int(R[name + ".n"])
    summary = dict(n=n_used, n_missing=len(time) - n_used, events=int(R[name + ".events"]),
                   steps=len(steps), median=R[name + ".median"],
                   median_lower=R[name + ".median_lower"],
                   median_upper=R[name + ".median_upper"], level=level)
    # The median is that of print(fit) / summary(fit)$table: the first time
    # with S < 1/2, or, where S is exactly 1/2, the midpoint between that time
    # and the next event time (the time itself if no event follows). R's
    # quantile(fit, 0.5) agrees except on a flat stretch at 1/2 that lasts to
    # the end of follow-up, where it takes the midpoint with the last
    # (censored) time instead; the notes record where the two differ.
    note = []
    qm = R[name + ".q.median"]
    if qm != summary["median"] and not (math.isnan(qm) and math.isnan(summary["median"])):
        note.append("median: summary(fit)$table gives %g, quantile(fit, 0.5) gives %g; the "
                    "reference is the former" % (summary["median"], R[name + ".q.median"]))
    # The median limits as R's quantile.survfit finds them: the lower limit
    # is the first step whose lower survival limit is <= 1/2 (the lower curve
    # crosses first), the upper limit the first whose upper limit is <= 1/2.
    # (The header's wording of median_lower / median_upper names the two
    # curves the other way round; that would put the lower limit above the
    # median.) The limits are S itself where S is 0 or 1; R drops those NA
    # limits, so where the curve ends at 0 this rule can find a limit R does
    # not: we keep the documented limits = S there, and say so.
    def first(key):
        for st in steps:
            if st[key] <= 0.5:
                return st["time"]
        return NAN
    ml, mu = first("ci_lower"), first("ci_upper")
    for what, mine in (("median_lower", ml), ("median_upper", mu)):
        rv = summary[what]
        if not (rv == mine or (math.isnan(rv) and math.isnan(mine))):
            assert math.isnan(rv) and steps[-1]["survival"] == 0.0, (name, what, rv, mine)
            note.append("%s: R gives NA (its limits at S = 0 are NA); the header's rule, "
                        "limits = S = 0 there, gives %g" % (what, mine))
            summary[what] = mine
    # S(t) at the asked times: the last step at or before t.
    points = []
    for i, a in enumerate(at):
        prev = [st for st in steps if st["time"] <= a]
        if prev:
            st = dict(prev[-1])
        else:
            st = dict(time=a, n_risk=0.0, n_event=0.0, n_censor=0.0, survival=1.0, se=0.0,
                      ci_lower=1.0, ci_upper=1.0)
        st["time"] = a
        k = "%s.at.%d." % (name, i + 1)
        close(st["survival"], R[k + "surv"], 1e-14, name + " summary(times) surv")
        if st["survival"] > 0:  # R: 0 * Inf = NaN where S = 0
            close(st["se"], R[k + "std.err"], 1e-13, name + " summary(times) se",
                  floor=1e-300)
        points.append(st)
    return steps, summary, points, note


# --------------------------------------------------------------------------
# Rates, Pareto, resolution times, reviews.

def rate(R, i, x, e, per, level):
    lo_r, hi_r = R["rate%d.lower" % i], R["rate%d.upper" % i]
    # mpmath: Garwood limits are gamma quantiles, chi2_{2x}(a)/2 = Gamma(x) quantile.
    a = mpmath.mpf(1 - mpmath.mpf(level)) / 2

    def gamma_q(shape, prob):
        f = lambda y: mpmath.gammainc(shape, 0, y, regularized=True) - prob
        return mpmath.findroot(f, float(stats.gamma.ppf(float(prob), float(shape))))

    lo = 0.0 if x == 0 else float(gamma_q(mpmath.mpf(x), a))
    hi = float(gamma_q(mpmath.mpf(x) + 1, 1 - a))
    close(lo, lo_r * e, 1e-13, "poisson.test lower", floor=1e-300)
    close(hi, hi_r * e, 1e-13, "poisson.test upper")
    if x > 0:
        close(lo, float(stats.chi2.ppf(float(a), 2 * x)) / 2, 1e-12, "chi2 lower")
    close(hi, float(stats.chi2.ppf(float(1 - a), 2 * x + 2)) / 2, 1e-12, "chi2 upper")
    return dict(rate=x / e * per, ci_lower=lo / e * per, ci_upper=hi / e * per, count=x,
                exposure=e, per=per, level=level)


def pareto(codes):
    valid = [int(c) for c in codes if not math.isnan(c)]
    total = len(valid)
    cnt = Counter(valid)
    order = sorted(cnt.items(), key=lambda kv: (-kv[1], kv[0]))
    assert [(k, v) for k, v in order] == [(1, 7), (3, 7), (2, 4), (5, 4), (0, 1), (12, 1)]
    rows, cum = [], 0.0
    for code, c in order:
        share = c / total
        cum += share
        rows.append(dict(code=code, count=c, share=share, cum_share=cum))
    close(cum, 1.0, 1e-15, "pareto total")
    return rows, dict(n=total, n_missing=len(codes) - total, n_weighted=float(total),
                      n_effective=float(total))


def resolution(R, name, time, obs, sla, probs):
    t = np.array(time, dtype=float)
    o = np.array(obs, dtype=float)
    keep = ~np.isnan(t) & ~np.isnan(o)
    done = t[keep & (o == 1)]
    m = len(done)
    q = [float(v) for v in np.quantile(done, probs)]  # type 7 (numpy's default)
    # Kaplan-Meier side from R: median and 1 - S(sla).
    km_median = R[name + ".median"]
    s_sla = R[name + ".at.1.surv"]
    return dict(n=int(keep.sum()), n_open=int(np.sum(keep & (o == 0))),
                n_missing=len(time) - int(keep.sum()), mean=math.fsum(done) / m,
                sd=float(np.std(done, ddof=1)), median=float(np.median(done)),
                within_sla=float(np.sum(done <= sla)) / m, km_median=km_median,
                km_within_sla=1.0 - s_sla, sla=sla), q


def reviews(x, opt):
    xs = np.array(x, dtype=float)
    v = xs[~np.isnan(xs)]
    n = len(v)
    mean = mean_result(v, opt["level"])
    mean["n_missing"] = len(x) - n
    bayes = (opt["prior_weight"] * opt["prior_mean"] + math.fsum(v)) / (opt["prior_weight"] + n)
    count = float(np.sum(v >= opt["positive_min"]))
    share = share_result(count, n, level=opt["level"],
                         box=(opt["positive_min"], opt["scale_max"]), n_missing=len(x) - n)
    return dict(rating=mean, bayesian_average=bayes, positive=share,
                wilson_lower=share["ci_lower"] / 100.0, prior_mean=opt["prior_mean"],
                prior_weight=opt["prior_weight"])


# --------------------------------------------------------------------------
# Header output.

def g17(v):
    if isinstance(v, str):
        return v
    if isinstance(v, (int, np.integer)) and not isinstance(v, bool):
        return "%d" % v
    v = float(v)
    if math.isnan(v):
        return "NAN"
    if math.isinf(v):
        return "INFINITY" if v > 0 else "-INFINITY"
    return "%.17g" % v


def array(name, values, ctype="double"):
    items = [g17(float(v)) if ctype == "double" else g17(v) for v in values]
    lines, line = [], "   "
    for item in items:
        if len(line) + len(item) + 2 > 96:
            lines.append(line)
            line = "   "
        line += " " + item + ","
    lines.append(line)
    return "static const %s %s[%d] = {\n%s\n};\n" % (ctype, name, len(values), "\n".join(lines))


def init(ctype, values, fields, indent="    "):
    """Designated initialisers of one 1.0 struct: its size first (as
    CSAT_RESULT_INIT and the options initialisers set it), then the fields."""
    lines = ["%s.size = sizeof(%s)," % (indent, ctype)]
    lines += ["%s.%s = %s," % (indent, f, g17(values[f])) for f in fields]
    return "\n".join(lines)


def struct(ctype, name, fields, values):
    return "static const %s %s = {\n%s\n};\n" % (ctype, name, init(ctype, values, fields))


def struct_array(ctype, name, fields, rows):
    body = "\n".join("    {\n%s\n    }," % init(ctype, r, fields, "        ") for r in rows)
    return "static const %s %s[%d] = {\n%s\n};\n" % (ctype, name, len(rows), body)


NPS_FIELDS = ["score", "promoters", "passives", "detractors", "se", "ci_lower", "ci_upper",
              "level", "method", "n", "n_missing", "n_weighted", "n_effective"]
SHARE_FIELDS = ["share", "score", "se", "ci_lower", "ci_upper", "level", "box_min", "box_max",
                "n", "n_missing", "n_weighted", "n_effective"]
MEAN_FIELDS = ["score", "sd", "se", "ci_lower", "ci_upper", "level", "df", "min", "max", "n",
               "n_missing", "n_weighted", "n_effective"]
CMP_FIELDS = ["diff", "se", "ci_lower", "ci_upper", "statistic", "df", "p", "level"]
TREND_FIELDS = ["slope", "se", "ci_lower", "ci_upper", "z", "p", "intercept", "level", "waves"]
RANK_FIELDS = ["percentile", "rank", "of", "below", "equal"]
RET_FIELDS = ["retention", "churn", "at_start", "at_end", "acquired", "lost"]
POINT_FIELDS = ["time", "n_risk", "n_event", "n_censor", "survival", "se", "ci_lower",
                "ci_upper"]
SUMMARY_FIELDS = ["n", "n_missing", "events", "steps", "median", "median_lower", "median_upper",
                  "level"]
RATE_FIELDS = ["rate", "ci_lower", "ci_upper", "count", "exposure", "per", "level"]
CAT_FIELDS = ["code", "count", "share", "cum_share"]
RES_FIELDS = ["n", "n_open", "n_missing", "mean", "sd", "median", "within_sla", "km_median",
              "km_within_sla", "sla"]
SAMPLE_FIELDS = ["n", "n_missing", "n_weighted", "n_effective"]
REVIEWS_FIELDS = ["bayesian_average", "wilson_lower", "prior_mean", "prior_weight"]
REVIEWS_OPT_FIELDS = ["scale_min", "scale_max", "positive_min", "prior_mean", "prior_weight",
                      "level"]


def reviews_structs(name, rv):
    """The three results of csat_score_reviews: NAME (csat_reviews_result, with
    the prior the reference used), NAME_RATING (csat_mean_result) and
    NAME_POSITIVE (csat_share_result)."""
    return [struct("csat_reviews_result", name, REVIEWS_FIELDS, rv),
            struct("csat_mean_result", name + "_RATING", MEAN_FIELDS, rv["rating"]),
            struct("csat_share_result", name + "_POSITIVE", SHARE_FIELDS, rv["positive"])]


def main():
    R = run_r([(n, t, o, lvl, at) for n, t, o, lvl, at in KM_SETS]
              + [("RES", RES_TIME, RES_OBS, 0.95, [RES_SLA]),
                 ("RES2", RES2_TIME, [1.0] * len(RES2_TIME), 0.95, [RES2_SLA])],
              RATE_CASES)
    out = []
    out.append("""/*
 * Expected values for tests/test_compare.c and tests/test_business.c.
 * GENERATED FILE, do not edit. Made by tests/reference/make_business_reference.py;
 * to remake it, from the source root:
 *
 *     /usr/bin/python3 tests/reference/make_business_reference.py
 *
 * Sources of the numbers, all independent of libcsat:
 *   NPS vs benchmark, NPS vs NPS      statsmodels DescrStatsW / CompareMeans on the
 *                                     +1/0/-1 code x 100 (ztest_mean, zconfint_mean,
 *                                     ztest_ind, zconfint_diff with usevar="unequal")
 *   share vs benchmark                statsmodels proportions_ztest(prop_var = p0),
 *                                     proportion_confint(method="wilson")
 *   share vs share                    statsmodels confint_proportions_2indep(method=
 *                                     "newcomb"), proportions_ztest (pooled)
 *   mean vs benchmark, mean vs mean   scipy ttest_1samp, ttest_ind(equal_var=False);
 *                                     statsmodels CompareMeans.ttest_ind for Welch's df
 *   adjusted p-values                 statsmodels multipletests (holm, fdr_bh, bonferroni)
 *   trend                             statsmodels WLS(weights = 1/se^2), cov_type="fixed scale"
 *   percentile rank                   scipy percentileofscore(kind="mean")
 *   gap                               scipy ttest_rel on the complete pairs per attribute
 *   Kaplan-Meier, KM medians          R survival::survfit(conf.type = "log-log"),
 *                                     summary()$table, quantile(), summary(times = )
 *   exact Poisson intervals           R poisson.test, checked with scipy chi2.ppf and mpmath
 *   resolution-time quantiles         numpy.quantile (type 7)
 *   retention, churn, CLV, Pareto     hand derivations (see the script), exact fractions
 *   t quantiles, t and z p-values     mpmath at 40 digits, checked against R / scipy
 * Values are printed with %.17g.
 */
#ifndef CSAT_BUSINESS_REFERENCE_H
#define CSAT_BUSINESS_REFERENCE_H

#include <math.h>
#include <stddef.h>

#include "csat.h"
""")
    # ---- airline inputs ----
    out.append("/* ==== Airline survey (%s), unweighted ==== */\n"
               "/* Inputs: NPS (nps - 1 on 0..10, Wald, 95 %%), CSAT (overall_sat 6-7 of 1..7),\n"
               " * mean overall_sat, for the whole sample and by flight_purpose. */\n"
               % os.path.relpath(AIRLINE_CSV, ROOT))
    for g, _ in GROUPS:
        out.append(struct("csat_nps_result", "IN_AIR_%s_NPS" % g, NPS_FIELDS, AIR_NPS[g]))
        out.append(struct("csat_share_result", "IN_AIR_%s_CSAT" % g, SHARE_FIELDS, AIR_CSAT[g]))
        out.append(struct("csat_mean_result", "IN_AIR_%s_MEAN" % g, MEAN_FIELDS, AIR_MEAN[g]))
    out.append("/* Weighted shares (fractional effective sizes), 90 %. */\n")
    out.append(struct("csat_share_result", "IN_WSHARE_A", SHARE_FIELDS, WSHARE_A))
    out.append(struct("csat_share_result", "IN_WSHARE_B", SHARE_FIELDS, WSHARE_B))

    out.append("\n/* ==== Benchmarks ==== */\n")
    bench = [
        ("REF_NPSB_BUSINESS_30", nps_benchmark("BUSINESS", 30.0, 0.95)),
        ("REF_NPSB_LEISURE_M10_90", nps_benchmark("LEISURE", -10.0, 0.90)),
        ("REF_NPSB_ALL_0_99", nps_benchmark("ALL", 0.0, 0.99)),
        ("REF_SHAREB_BUSINESS_15", share_benchmark(AIR_CSAT["BUSINESS"], 15.0, 0.95)),
        ("REF_SHAREB_LEISURE_20_90", share_benchmark(AIR_CSAT["LEISURE"], 20.0, 0.90)),
        ("REF_SHAREB_WSHARE_A_50", share_benchmark(WSHARE_A, 50.0, 0.95)),
        ("REF_MEANB_BUSINESS_4", mean_benchmark("BUSINESS", 4.0, 0.95)),
        ("REF_MEANB_LEISURE_3_5_99", mean_benchmark("LEISURE", 3.5, 0.99)),
    ]
    for name, v in bench:
        out.append(struct("csat_comparison", name, CMP_FIELDS, v))

    out.append("\n/* ==== Two independent results ==== */\n")
    out.append("/* One side without spread (SE 0) against one with spread. */\n")
    out.append(array("DATA_NPS_PROM6", NPS_PROM6))
    out.append(array("DATA_NPS_MIX8", NPS_MIX8))
    out.append(array("DATA_MEAN_CONST4", MEAN_CONST4))
    out.append(array("DATA_MEAN_MIX5", MEAN_MIX5))
    two = [
        ("REF_NPS_BUSINESS_LEISURE", compare_nps("BUSINESS", "LEISURE", 0.95)),
        ("REF_NPS_BUSINESS_ALL", compare_nps("BUSINESS", "ALL", 0.95)),
        ("REF_NPS_LEISURE_ALL_90", compare_nps("LEISURE", "ALL", 0.90)),
        ("REF_SHARES_BUSINESS_LEISURE", compare_shares(AIR_CSAT["BUSINESS"], AIR_CSAT["LEISURE"],
                                                       0.95)),
        ("REF_SHARES_LEISURE_ALL_99", compare_shares(AIR_CSAT["LEISURE"], AIR_CSAT["ALL"], 0.99)),
        ("REF_SHARES_WA_WB_90", compare_shares(WSHARE_A, WSHARE_B, 0.90)),
        ("REF_SHARES_ALL20_ALL30", compare_shares_all_in_box(20.0, 30.0, 0.95)),
        ("REF_NPS_PROM6_MIX8", compare_nps_data(NPS_PROM6, NPS_MIX8, 0.95)),
        ("REF_MEANS_CONST4_MIX5", compare_means_data(MEAN_CONST4, MEAN_MIX5, 0.95)),
        ("REF_MEANS_BUSINESS_LEISURE", compare_means("BUSINESS", "LEISURE", 0.95)),
        ("REF_MEANS_LEISURE_ALL_90", compare_means("LEISURE", "ALL", 0.90)),
    ]
    for name, v in two:
        out.append(struct("csat_comparison", name, CMP_FIELDS, v))

    out.append("\n/* ==== Adjusted p-values (input order) ==== */\n")
    out.append(array("DATA_PVALS10", PVALS10))
    out.append(array("DATA_PVALS4", PVALS4))
    for lst, name in ((PVALS10, "PVALS10"), (PVALS4, "PVALS4")):
        for method, mname in (("holm", "HOLM"), ("fdr_bh", "BH"), ("bonferroni", "BONFERRONI")):
            out.append(array("REF_%s_%s" % (name, mname), adjusted(lst, method)))

    out.append("\n/* ==== Trend across waves ==== */\n")
    out.append(array("DATA_TREND_SCORE", TREND_SCORE))
    out.append(array("DATA_TREND_SE", TREND_SE))
    out.append(array("DATA_TREND_TIME", TREND_TIME))
    out.append("/* times 0..5 (NULL), 95 % */\n")
    out.append(struct("csat_trend_result", "REF_TREND", TREND_FIELDS,
                      trend(TREND_SCORE, TREND_SE, None, 0.95)))
    out.append("/* irregular times, 90 % */\n")
    out.append(struct("csat_trend_result", "REF_TREND_TIME_90", TREND_FIELDS,
                      trend(TREND_SCORE, TREND_SE, TREND_TIME, 0.90)))
    out.append(struct_array("csat_comparison", "REF_TREND_CHANGES", CMP_FIELDS,
                            changes(TREND_SCORE, TREND_SE, 0.95)))
    out.append(struct_array("csat_comparison", "REF_TREND_CHANGES_90", CMP_FIELDS,
                            changes(TREND_SCORE, TREND_SE, 0.90)))

    out.append("\n/* ==== Percentile rank ==== */\n")
    out.append(array("DATA_PEERS", PEERS))
    out.append(array("DATA_RANK_SCORES", RANK_SCORES))
    out.append(struct_array("csat_rank_result", "REF_RANKS", RANK_FIELDS,
                            [rank(s, PEERS) for s in RANK_SCORES]))

    out.append("\n/* ==== Expectation-perception gap ==== */\n")
    out.append("#define DATA_GAP_N %d\n#define DATA_GAP_K %d\n" % (len(GAP_E), len(GAP_E[0])))
    out.append(array("DATA_GAP_E", [v for r in GAP_E for v in r]))
    out.append(array("DATA_GAP_P", [v for r in GAP_P for v in r]))
    g, pairs = gap(GAP_E, GAP_P, 0.95)
    out.append(struct_array("csat_comparison", "REF_GAP", CMP_FIELDS, g))
    out.append(array("REF_GAP_PAIRS", pairs, "size_t"))
    g, pairs = gap(GAP_E, GAP_P, 0.80)
    out.append(struct_array("csat_comparison", "REF_GAP_80", CMP_FIELDS, g))
    out.append("/* Airline: perceived s1..s23 minus expected e1..e23, 95 %. */\n")
    g, pairs = gap(AIR_E, AIR_S, 0.95)
    out.append(struct_array("csat_comparison", "REF_AIR_GAP", CMP_FIELDS, g))
    out.append(array("REF_AIR_GAP_PAIRS", pairs, "size_t"))
    out.append("/* The 23 airline gap p-values adjusted (statsmodels multipletests). */\n")
    air_p = [c["p"] for c in g]
    for method, mname in (("holm", "HOLM"), ("fdr_bh", "BH"), ("bonferroni", "BONFERRONI")):
        out.append(array("REF_AIR_GAP_P_%s" % mname, adjusted(air_p, method)))

    # ---- business ----
    out.append("\n/* ==== Retention and churn ==== */\n")
    out.append(struct_array("csat_retention_result", "REF_RETENTION", RET_FIELDS,
                            [retention(*c) for c in RETENTION_CASES]))
    out.append("#define DATA_CHURN_N %d\n#define DATA_CHURN_T0 %s\n#define DATA_CHURN_T1 %s\n"
               % (len(CHURN_START), g17(CHURN_T0), g17(CHURN_T1)))
    out.append(array("DATA_CHURN_START", CHURN_START))
    out.append(array("DATA_CHURN_END", CHURN_END))
    out.append(struct("csat_retention_result", "REF_CHURN_PERIOD", RET_FIELDS,
                      churn_period(CHURN_START, CHURN_END, CHURN_T0, CHURN_T1)))
    out.append("/* churn_convert: {churn, k, expected} */\n")
    out.append("static const double REF_CHURN_CONVERT[%d][3] = {\n%s\n};\n" % (
        len(CHURN_CONVERT), "\n".join("    {%s, %s, %s}," % (g17(c), g17(k), g17(churn_convert(c, k)))
                                      for c, k in CHURN_CONVERT)))
    out.append("/* clv: {margin, retention, discount, timing, horizon, expected} */\n")
    out.append("static const double REF_CLV[%d][6] = {\n%s\n};\n" % (
        len(CLV_CASES), "\n".join("    {%s, %s, %s, %d, %s, %s}," % (
            g17(m), g17(r), g17(d), t, g17(T), g17(clv(m, r, d, t, T)))
            for m, r, d, t, T in CLV_CASES)))

    out.append("\n/* ==== Kaplan-Meier (steps: times with at least one event) ==== */\n")
    notes = []
    for name, time, obs, level, at in KM_SETS:
        steps, summary, points, note = km_values(R, name, time, obs, level, at)
        out.append("#define DATA_%s_N %d\n#define DATA_%s_LEVEL %s\n"
                   % (name, len(time), name, g17(level)))
        out.append(array("DATA_%s_TIME" % name, time))
        if name != "KM_FULL":
            out.append(array("DATA_%s_OBS" % name, obs))
        out.append(array("DATA_%s_AT" % name, at))
        out.append(struct_array("csat_survival_point", "REF_%s_STEPS" % name, POINT_FIELDS,
                                steps))
        out.append(struct("csat_curve_summary", "REF_%s_SUMMARY" % name, SUMMARY_FIELDS,
                          summary))
        out.append(struct_array("csat_survival_point", "REF_%s_AT" % name, POINT_FIELDS, points))
        for n in note:
            out.append("/* %s %s */\n" % (name, n))
            notes.append(name + " " + n)

    out.append("\n/* ==== Rates (Garwood exact Poisson interval) ==== */\n")
    out.append(struct_array("csat_rate_result", "REF_RATES", RATE_FIELDS,
                            [rate(R, i, *c) for i, c in enumerate(RATE_CASES)]))

    out.append("\n/* ==== Complaints in Pareto order ==== */\n")
    out.append("#define DATA_PARETO_N %d\n" % len(PARETO_CODES))
    out.append(array("DATA_PARETO_CODES", PARETO_CODES))
    rows, sample = pareto(PARETO_CODES)
    out.append(struct_array("csat_category_count", "REF_PARETO", CAT_FIELDS, rows))
    out.append(struct("csat_sample", "REF_PARETO_SAMPLE", SAMPLE_FIELDS, sample))

    out.append("\n/* ==== Resolution times ==== */\n")
    out.append("#define DATA_RES_N %d\n#define DATA_RES_SLA %s\n" % (len(RES_TIME), g17(RES_SLA)))
    out.append(array("DATA_RES_TIME", RES_TIME))
    out.append(array("DATA_RES_OBS", RES_OBS))
    out.append(array("DATA_RES_PROBS", RES_PROBS))
    res, q = resolution(R, "RES", RES_TIME, RES_OBS, RES_SLA, RES_PROBS)
    out.append(struct("csat_resolution_result", "REF_RES", RES_FIELDS, res))
    out.append(array("REF_RES_QUANTILES", q))
    out.append("/* All resolved (flags NULL). */\n")
    out.append("#define DATA_RES2_N %d\n#define DATA_RES2_SLA %s\n"
               % (len(RES2_TIME), g17(RES2_SLA)))
    out.append(array("DATA_RES2_TIME", RES2_TIME))
    out.append(array("DATA_RES2_PROBS", RES2_PROBS))
    res, q = resolution(R, "RES2", RES2_TIME, [1.0] * len(RES2_TIME), RES2_SLA, RES2_PROBS)
    out.append(struct("csat_resolution_result", "REF_RES2", RES_FIELDS, res))
    out.append(array("REF_RES2_QUANTILES", q))

    out.append("\n/* ==== Reviews ==== */\n")
    out.append("#define DATA_REVIEWS_N %d\n" % len(REVIEWS_X))
    out.append(array("DATA_REVIEWS_X", REVIEWS_X))
    rv = reviews(REVIEWS_X, dict(scale_min=1, scale_max=5, positive_min=4, prior_mean=3.0,
                                 prior_weight=10.0, level=0.95))
    out.extend(reviews_structs("REF_REVIEWS", rv))
    out.append("#define DATA_REVIEWS10_N %d\n" % len(REVIEWS10_X))
    out.append(array("DATA_REVIEWS10_X", REVIEWS10_X))
    out.append(struct("csat_reviews_options", "DATA_REVIEWS10_OPT", REVIEWS_OPT_FIELDS,
                      REVIEWS10_OPT))
    rv = reviews(REVIEWS10_X, REVIEWS10_OPT)
    out.extend(reviews_structs("REF_REVIEWS10", rv))

    out.append("\n#endif /* CSAT_BUSINESS_REFERENCE_H */\n")
    with open(OUTPUT, "w") as f:
        f.write("\n".join(out))
    print("wrote", OUTPUT)
    for n in notes:
        print("note:", n)


if __name__ == "__main__":
    main()
