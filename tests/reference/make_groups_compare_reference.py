#!/usr/bin/python3
"""Make tests/reference/groups_compare_reference.h, the expected values of
the comparisons of groups in tests/test_groups_compare.c.

Run from anywhere (needs python3-numpy, python3-scipy and
python3-statsmodels, all from Debian):

    /usr/bin/python3 tests/reference/make_groups_compare_reference.py

The values come from implementations independent of libcsat:

- NPS comparisons (two independent samples and against a benchmark):
  statsmodels DescrStatsW / CompareMeans on the answers coded +1/0/-1
  times 100 (ztest_ind and zconfint_diff with usevar="unequal", ztest_mean,
  zconfint_mean);
- shares: statsmodels proportions_ztest (pooled), confint_proportions_2indep
  (method="newcomb");
- means: scipy ttest_ind(equal_var=False), statsmodels
  CompareMeans.ttest_ind(usevar="unequal") for Welch's degrees of freedom;
- adjusted p-values across the comparisons made (flagged groups left out):
  statsmodels multipletests ("holm", "fdr_bh");
- two-sided p-values: scipy norm.sf and t.sf (boost's incomplete beta);
  the Student t quantile of the Welch interval: scipy t.ppf refined by
  Newton steps on t.sf (t.ppf alone is only about 1e-11 accurate).

The survey is made here with a fixed seed and written into the header
(GC_X, GC_G), so that the C test scores exactly the answers the tools saw:
seven groups, of which group 3 has 20 answers (flagged small at min_n 30)
and group 4 none (flagged empty). The C test scores each group, and the
rest of each group, with the ungrouped csat_score_* functions on the
filtered rows, as the tools do here.
"""

import math
import os
import sys
import warnings

import numpy as np
from scipy import special, stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

INF = float("inf")
LEVEL = 0.95

SIZES = [60, 45, 80, 20, 0, 55, 38]
# Probabilities of the answers 0..10 by group: detractor-heavy, neutral,
# promoter-heavy groups, so that some differences are clear and some not.
SHAPES = [
    [1, 1, 1, 2, 2, 3, 4, 6, 8, 6, 4],
    [2, 2, 2, 3, 3, 4, 5, 6, 6, 4, 3],
    [1, 1, 1, 1, 1, 2, 3, 5, 8, 9, 9],
    [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3],
    [1] * 11,
    [1, 1, 1, 2, 2, 3, 4, 6, 8, 6, 4],
    [4, 4, 3, 3, 3, 3, 3, 3, 3, 2, 2],
]
FLAGS = [0, 0, 0, 1, 2, 0, 0]
REFERENCE = 1
NPS_BENCHMARK = 10.0
SHARE_BOX = (9, 10)


def close(a, b, rel=1e-12, what=""):
    if a == b:
        return
    if not abs(a - b) <= rel * max(abs(a), abs(b), 1e-300):
        sys.exit("cross-check failed for %s: %.17g vs %.17g" % (what, a, b))


def p_z(z):
    """Two-sided normal p-value, 2 P(Z > |z|), checked against erfc."""
    p = float(2 * stats.norm.sf(abs(z)))
    close(p, math.erfc(abs(z) / math.sqrt(2)), 1e-13, "z p-value vs erfc")
    return p


def p_t(t, df):
    """Two-sided Student t p-value, checked against the incomplete beta."""
    p = float(2 * stats.t.sf(abs(t), df))
    close(p, float(special.betainc(df / 2, 0.5, df / (df + t * t))), 1e-12, "t p-value")
    return p


def make_survey():
    rng = np.random.default_rng(20240611)
    x, g = [], []
    for d, (n, shape) in enumerate(zip(SIZES, SHAPES)):
        prob = np.array(shape, dtype=float) / sum(shape)
        x += [float(v) for v in rng.choice(11, size=n, p=prob)]
        g += [d] * n
    # Shuffle so that the groups interleave as in a real file.
    order = rng.permutation(len(x))
    return [x[i] for i in order], [g[i] for i in order]


X, G = make_survey()
XA, GA = np.array(X), np.array(G)


def rows(d):
    return XA[GA == d]


def rest_rows(d):
    return XA[GA != d]


def nps_code(x):
    return np.where(x >= 9, 1.0, np.where(x <= 6, -1.0, 0.0))


def nps_two(xa, xb):
    ya, yb = 100.0 * nps_code(xa), 100.0 * nps_code(xb)
    cm = CompareMeans(DescrStatsW(ya), DescrStatsW(yb))
    z, _ = cm.ztest_ind(usevar="unequal")
    lo, hi = cm.zconfint_diff(alpha=1.0 - LEVEL, usevar="unequal")
    diff = float(ya.mean() - yb.mean())
    return dict(diff=diff, se=float(cm.std_meandiff_separatevar), lo=float(lo), hi=float(hi),
                stat=float(z), df=INF, p=p_z(float(z)))


def nps_bench(xa, bench):
    y = 100.0 * nps_code(xa)
    ds = DescrStatsW(y)
    z, _ = ds.ztest_mean(value=bench)
    lo, hi = ds.zconfint_mean(alpha=1.0 - LEVEL)
    return dict(diff=float(y.mean() - bench), se=float(ds.std_mean), lo=float(lo - bench),
                hi=float(hi - bench), stat=float(z), df=INF, p=p_z(float(z)))


def share_two(xa, xb):
    lo_box, hi_box = SHARE_BOX
    c1 = int(((xa >= lo_box) & (xa <= hi_box)).sum())
    c2 = int(((xb >= lo_box) & (xb <= hi_box)).sum())
    n1, n2 = len(xa), len(xb)
    z, _ = proportions_ztest([c1, c2], [n1, n2])
    lo, hi = confint_proportions_2indep(c1, n1, c2, n2, method="newcomb",
                                        alpha=1.0 - LEVEL)
    p1, p2 = c1 / n1, c2 / n2
    se = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    return dict(diff=p1 - p2, se=se, lo=float(lo), hi=float(hi), stat=float(z), df=INF,
                p=p_z(float(z)))


def t_quantile(df):
    """Upper (1 + level)/2 quantile of Student t: scipy's t.ppf (about 1e-11
    accurate) refined by Newton steps on the upper tail t.sf, which boost's
    incomplete beta gives to about 1e-15."""
    tail = (1 - LEVEL) / 2
    q = float(stats.t.ppf(1 - tail, df))
    for _ in range(3):
        q += (float(stats.t.sf(q, df)) - tail) / float(stats.t.pdf(q, df))
    close(q, float(stats.t.ppf(1 - tail, df)), 1e-9, "t quantile vs scipy")
    return q


def mean_two(xa, xb):
    res = stats.ttest_ind(xa, xb, equal_var=False)
    t2, _, df = CompareMeans(DescrStatsW(xa), DescrStatsW(xb)).ttest_ind(usevar="unequal")
    close(float(t2), float(res.statistic), 1e-12, "welch t")
    se = math.sqrt(float(np.var(xa, ddof=1)) / len(xa) + float(np.var(xb, ddof=1)) / len(xb))
    diff = math.fsum(xa) / len(xa) - math.fsum(xb) / len(xb)
    q = t_quantile(float(df))
    return dict(diff=diff, se=se, lo=diff - q * se, hi=diff + q * se,
                stat=float(res.statistic), df=float(df), p=p_t(float(res.statistic), float(df)))


def family(pairs, compare):
    """The comparisons made (both sides unflagged), with Holm and BH adjusted
    p-values across them."""
    made = []
    for a, b in pairs:
        if FLAGS[a] != 0 or (b is not None and FLAGS[b] != 0):
            continue
        if b is None:
            r = compare(a)
        else:
            r = compare(a, b)
        r["group"], r["other"] = a, b
        made.append(r)
    p = np.array([r["p"] for r in made])
    holm = multipletests(p, method="holm")[1]
    bh = multipletests(p, method="fdr_bh")[1]
    for r, h, b in zip(made, holm, bh):
        r["holm"], r["bh"] = float(h), float(b)
    return made


NG = len(SIZES)
ALL = [(d, None) for d in range(NG)]
REF = [(d, REFERENCE) for d in range(NG) if d != REFERENCE]
PAIRS = [(a, b) for a in range(NG) for b in range(a + 1, NG)]

FAMILIES = [
    ("NPS_REST", family(ALL, lambda a: nps_two(rows(a), rest_rows(a)))),
    ("NPS_REFERENCE", family(REF, lambda a, b: nps_two(rows(a), rows(b)))),
    ("NPS_BENCHMARK", family(ALL, lambda a: nps_bench(rows(a), NPS_BENCHMARK))),
    ("NPS_PAIRS", family(PAIRS, lambda a, b: nps_two(rows(a), rows(b)))),
    ("SHARE_REST", family(ALL, lambda a: share_two(rows(a), rest_rows(a)))),
    ("MEAN_PAIRS", family(PAIRS, lambda a, b: mean_two(rows(a), rows(b)))),
]


def fmt(v):
    if v == INF:
        return "INFINITY"
    return "%.17g" % v


def main():
    out = []
    w = out.append
    w("/*")
    w(" * Expected values for tests/test_groups_compare.c.")
    w(" * GENERATED FILE, do not edit. Made by tests/reference/make_groups_compare_reference.py;")
    w(" * to remake it, from the source root:")
    w(" *")
    w(" *     /usr/bin/python3 tests/reference/make_groups_compare_reference.py")
    w(" *")
    w(" * Sources of the numbers, all independent of libcsat:")
    w(" *   NPS                statsmodels DescrStatsW / CompareMeans on the +1/0/-1 code x 100")
    w(" *                      (ztest_ind, zconfint_diff usevar=\"unequal\"; ztest_mean)")
    w(" *   shares             statsmodels proportions_ztest (pooled),")
    w(" *                      confint_proportions_2indep(method=\"newcomb\")")
    w(" *   means              scipy ttest_ind(equal_var=False), statsmodels Welch df")
    w(" *   adjusted p-values  statsmodels multipletests (holm, fdr_bh) over the comparisons")
    w(" *                      made: flagged groups (3 small, 4 empty) are left out")
    w(" *   p-values           scipy norm.sf, t.sf (checked against erfc, betainc)")
    w(" *   t quantiles        scipy t.ppf refined by Newton steps on t.sf")
    w(" * Values are printed with %.17g.")
    w(" */")
    w("#ifndef CSAT_GROUPS_COMPARE_REFERENCE_H")
    w("#define CSAT_GROUPS_COMPARE_REFERENCE_H")
    w("")
    w("#include <math.h>")
    w("#include <stddef.h>")
    w("#include <stdint.h>")
    w("")
    w("/* The survey: %d answers on 0..10 in %d groups (sizes %s). */"
      % (len(X), NG, ", ".join(str(s) for s in SIZES)))
    w("#define GC_N %d" % len(X))
    w("#define GC_GROUPS %d" % NG)
    w("#define GC_REFERENCE %d" % REFERENCE)
    w("#define GC_NPS_BENCHMARK_VALUE %s" % fmt(NPS_BENCHMARK))
    w("#define GC_SHARE_BOX_LO %d" % SHARE_BOX[0])
    w("#define GC_SHARE_BOX_HI %d" % SHARE_BOX[1])
    w("static const int GC_FLAGS[GC_GROUPS] = { %s };" % ", ".join(str(f) for f in FLAGS))
    w("static const size_t GC_SIZES[GC_GROUPS] = { %s };" % ", ".join(str(s) for s in SIZES))
    w("static const double GC_X[GC_N] = {")
    for i in range(0, len(X), 20):
        w("    " + ", ".join("%d" % v for v in X[i:i + 20]) + ",")
    w("};")
    w("static const int32_t GC_G[GC_N] = {")
    for i in range(0, len(G), 20):
        w("    " + ", ".join("%d" % v for v in G[i:i + 20]) + ",")
    w("};")
    w("")
    w("/* One comparison made: group, other (CSAT_NO_INDEX for the rest and the")
    w(" * benchmark), diff, se, interval, statistic, df, p, Holm and BH adjusted p. */")
    w("typedef struct gc_ref {")
    w("    size_t group, other;")
    w("    double diff, se, ci_lower, ci_upper, statistic, df, p, holm, bh;")
    w("} gc_ref;")
    for name, made in FAMILIES:
        w("")
        w("#define GC_%s_COUNT %d" % (name, len(made)))
        w("static const gc_ref GC_%s[GC_%s_COUNT] = {" % (name, name))
        for r in made:
            other = "(size_t)-1" if r["other"] is None else str(r["other"])
            w("    { %d, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s }," % (
                r["group"], other, fmt(r["diff"]), fmt(r["se"]), fmt(r["lo"]), fmt(r["hi"]),
                fmt(r["stat"]), fmt(r["df"]), fmt(r["p"]), fmt(r["holm"]), fmt(r["bh"])))
        w("};")
    w("")
    w("#endif")
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "groups_compare_reference.h")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        main()
