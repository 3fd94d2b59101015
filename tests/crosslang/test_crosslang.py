"""C, Python and Lua give bit-identical numbers on the same data.

Runs the C program and the Lua script (paths as arguments), computes the
same scores through the Python package and compares every value exactly:
the scores, comparisons (benchmarks, two surveys, adjusted p-values, trend,
percentile rank, gap) and business measures (Kaplan–Meier, rate, Pareto,
resolution times, reviews, CLV, churn), then scores by group: NPS
(unweighted and weighted), CSAT and mean of five groups (a group of one, an
empty group, rows without a group) and of the rest of each group, each
group compared with the rest (p and Holm-adjusted p, flagged groups
skipped), and tracking tables of eight periods (NPS, top-2-box, mean:
changes, centre, control limits, signals, trend); then a survey design
(weights, strata labelled s0..s2, clusters nested in strata): its NPS,
CSAT and mean, the groups as its domains and each against the rest, and
raking of the weights to two margins.
An optional last argument, a key-driver data file (drivers.txt), adds a
key-driver model: coefficients, statistics, importance, dominance,
bootstrap, IPA, the fit from a merged accumulator and the fit of a
design of the rows.
"""
import math
import pathlib
import subprocess
import sys

import numpy as np

import csat


def parse(text):
    out = {}
    for line in text.splitlines():
        name, value = line.split()
        out[name] = float.fromhex(value)
    return out


def python_scores(x, w):
    out = {}
    r = csat.nps(x)
    out.update({"nps.score": r.score, "nps.se": r.se, "nps.lo": r.ci[0], "nps.hi": r.ci[1]})
    r = csat.nps(x, w)
    out.update({"npsw.score": r.score, "npsw.se": r.se, "npsw.lo": r.ci[0], "npsw.hi": r.ci[1]})
    r = csat.nps(x, w, method="adjusted-wald")
    out.update({"npsa.se": r.se, "npsa.lo": r.ci[0], "npsa.hi": r.ci[1]})
    r = csat.csat(x, w, scale=(0, 10), satisfied_min=9, level=0.9)
    out.update({"csat.score": r.score, "csat.se": r.se, "csat.lo": r.ci[0], "csat.hi": r.ci[1]})
    r = csat.top_box(x, 2, scale=(0, 10))
    out.update({"top2.score": r.score, "top2.lo": r.ci[0], "top2.hi": r.ci[1]})
    r = csat.mean_score(x, w)
    out.update({"mean.score": r.score, "mean.sd": r.sd, "mean.se": r.se,
                "mean.lo": r.ci[0], "mean.hi": r.ci[1]})
    r = csat.ces(x, scale=(0, 10), low_effort_min=7)
    out.update({"ces.mean": r.effort.score, "ces.se": r.effort.se,
                "ces.low": r.low_effort.score})
    return out


def python_business(x, w):
    """The comparisons and business measures of scores.c's compare_business."""
    out = {}
    n = len(x)

    def outc(name, c):
        out.update({f"{name}.diff": c.diff, f"{name}.se": c.se, f"{name}.lo": c.ci[0],
                    f"{name}.hi": c.ci[1], f"{name}.stat": c.statistic, f"{name}.df": c.df,
                    f"{name}.p": c.p})
        return c.p

    def outs(name, values):
        out.update({f"{name}{j}": float(v) for j, v in enumerate(values)})

    a, b = csat.nps(x), csat.nps(x, w)
    d = csat.nps(x[:n // 2])
    s1 = csat.csat(x, w, scale=(0, 10), satisfied_min=9, level=0.9)
    s2 = csat.top_box(x, 2, scale=(0, 10))
    m1, m2 = csat.mean_score(x, w), csat.mean_score(x[:n // 2])
    p = [outc("cmp.nps", csat.compare(a, b)),
         outc("cmp.npsb", csat.compare(a, benchmark=20, level=0.9)),
         outc("cmp.share", csat.compare(s1, s2)),
         outc("cmp.shareb", csat.compare(s2, benchmark=0.3)),
         outc("cmp.mean", csat.compare(m1, m2)),
         outc("cmp.meanb", csat.compare(m1, benchmark=6.5, level=0.99))]
    for method in ("holm", "bh", "bonferroni"):
        outs(f"adj.{method}", csat.adjust(p, method))
    t = csat.trend([a, b, d], [1, 2.5, 4], level=0.9)
    out.update({"trend.slope": t.slope, "trend.se": t.se, "trend.lo": t.ci[0],
                "trend.hi": t.ci[1], "trend.z": t.z, "trend.p": t.p,
                "trend.intercept": t.intercept})
    outc("trend.ch0", t.changes[0]), outc("trend.ch1", t.changes[1])
    ts = csat.trend([s1, s2])
    out.update({"trend_share.slope": ts.slope, "trend_share.se": ts.se})
    outc("trend_share.ch0", ts.changes[0])
    rk = csat.percentile_rank(m1.score / 4, w)
    out.update({"rank.percentile": rk.percentile, "rank.rank": rk.rank,
                "rank.below": rk.below, "rank.equal": rk.equal})
    i = np.arange(n)
    expected = np.column_stack([x, x[(i + 7) % n]])
    perceived = np.column_stack([x[(i + 3) % n], 3 * w])
    g = csat.gap(expected, perceived)
    for j in range(2):
        out.update({f"gap{j}.diff": g["gap"].iloc[j], f"gap{j}.se": g["se"].iloc[j],
                    f"gap{j}.lo": g["ci_lower"].iloc[j], f"gap{j}.hi": g["ci_upper"].iloc[j],
                    f"gap{j}.stat": g["t"].iloc[j], f"gap{j}.df": g["df"].iloc[j],
                    f"gap{j}.p": g["p"].iloc[j], f"gap.pairs{j}": g["pairs"].iloc[j]})
    obs = np.where(np.isnan(x), np.nan, (x >= 7).astype(float))
    sv = csat.survival(w, obs)
    out.update({"km.median": sv.median, "km.median_lo": sv.median_ci[0],
                "km.median_hi": sv.median_ci[1], "km.steps": sv.steps})
    for k, step in enumerate((0, sv.steps // 2, sv.steps - 1)):
        out.update({f"km.s{k}": sv.survival[step], f"km.se{k}": sv.se[step],
                    f"km.lo{k}": sv.ci[0][step], f"km.hi{k}": sv.ci[1][step]})
    pt = sv.at(2.0)
    out.update({"km.at2": pt.survival, "km.at2_se": pt.se})
    r = csat.rate(rk.below, n, per=1000, level=0.9)
    out.update({"rate.rate": r.rate, "rate.lo": r.ci[0], "rate.hi": r.ci[1]})
    c = csat.complaints(x)
    out.update({"pareto.categories": len(c), "pareto.n": c.n})
    for k in range(3):
        out.update({f"pareto.code{k}": c.codes[k], f"pareto.count{k}": c.counts[k],
                    f"pareto.share{k}": c.shares[k], f"pareto.cum{k}": c.cum_shares[k]})
    rs = csat.resolution_times(w, obs, sla=2.0, quantiles=[0.5, 0.9])
    out.update({"res.mean": rs.mean, "res.sd": rs.sd, "res.median": rs.median,
                "res.q0": rs.quantiles[0.5], "res.q1": rs.quantiles[0.9],
                "res.within_sla": rs.within_sla, "res.km_median": rs.km_median,
                "res.km_within_sla": rs.km_within_sla})
    rv = csat.reviews(x, scale=(0, 10), positive_min=9, prior=(5, 10))
    out.update({"reviews.bayes": rv.bayesian_average, "reviews.wilson": rv.wilson_lower,
                "reviews.mean": rv.rating.score, "reviews.se": rv.rating.se,
                "reviews.pos_lo": rv.positive.ci[0]})
    out["clv.end"] = csat.clv(40, 0.8, 0.1)
    out["clv.start10"] = csat.clv(40, 0.8, 0.1, timing="start", horizon=10)
    out["churn.annual"] = csat.churn_convert(0.02, 12)
    out["retention.rate"] = csat.retention(1200, 1260, 150).retention
    start = 10 * w
    end = np.where(np.isnan(x) | (x >= 7), np.nan, start + x + 1)
    ch = csat.churn(start, end, 5, 15)
    out.update({"churn.retention": ch.retention, "churn.lost": ch.lost,
                "churn.acquired": ch.acquired})
    return {k: float(v) for k, v in out.items()}


# Scores by group: the groups and periods of scores.c (group_of, period_of),
# as labels; None is a row without a group.
FLAG_CODES = {"ok": 0, "small": 1, "empty": 2}
SKIPPED_CODES = {None: 0, "small": 1, "empty": 2}
PERIODS = 8


def group_labels(x):
    labels = np.empty(len(x), dtype=object)
    for i, v in enumerate(x):
        if math.isnan(v) and i % 2 == 0:
            labels[i] = "e"                     # only missing answers: empty
        elif i == 3:
            labels[i] = "d"                     # a group of one
        elif i % 11 == 10:
            labels[i] = None
        elif v >= 9 and i % 4 == 0:
            labels[i] = "c"
        else:
            labels[i] = "aaaabbc"[i % 7]
    return labels


def period_labels(x):
    n = len(x)
    labels = np.empty(n, dtype=object)
    for i, v in enumerate(x):
        p = i * PERIODS // n
        start = (p * n + PERIODS - 1) // PERIODS
        if (p == 2 and i >= start + 10) or (p == 5 and not math.isnan(v) and v < 7):
            labels[i] = None
        else:
            labels[i] = f"p{p + 1}"
    return labels


def records(table):
    """The rows of a DataFrame (or of the list of dicts without pandas)."""
    return table.to_dict("records") if hasattr(table, "to_dict") else list(table)


def python_groups(x, w):
    """The scores by group, comparisons and tracking of scores.c's grouped."""
    out = {}
    by, periods = group_labels(x), period_labels(x)

    def outg(what, label, **values):
        out.update({f"{what}.{label}.{k}": v for k, v in values.items()})

    def outg_nps(what, g):
        for label, r in g.items():
            outg(what, label, score=r.score, se=r.se, lo=r.ci[0], hi=r.ci[1],
                 promoters=r.promoters, n=r.n, n_missing=r.n_missing, n_eff=r.n_effective,
                 flag=FLAG_CODES[g.flags[label]])

    def outg_share(what, g):
        for label, r in g.items():
            outg(what, label, share=r.share, se=r.se, lo=r.ci[0], hi=r.ci[1], n=r.n,
                 n_weighted=r.n_weighted, flag=FLAG_CODES[g.flags[label]])

    def outg_mean(what, g):
        for label, r in g.items():
            outg(what, label, score=r.score, sd=r.sd, se=r.se, lo=r.ci[0], hi=r.ci[1],
                 df=r.df, n=r.n, flag=FLAG_CODES[g.flags[label]])

    # The rest of each group: the columns compare("rest") uses (no public
    # accessor; GroupedResult computes them once, lazily).
    def outg_rest(what, g, fields):
        cols = g._rest_columns()
        for j, label in enumerate(g.labels):
            for key, name in fields:
                out[f"{what}.{label}.{key}"] = cols[name][j]

    def outg_cmp(what, table):
        for c in records(table):
            outg(what, c["group"], diff=c["diff"], se=c["se"], lo=c["ci_lower"],
                 hi=c["ci_upper"], stat=c["statistic"], df=c["df"], p=c["p"],
                 p_adjusted=c["p_adjusted"], skipped=SKIPPED_CODES[c["skipped"]])

    def outg_track(what, table):
        for r in records(table):
            outg(what, r["period"], score=r["score"], lo=r["ci_lower"], hi=r["ci_upper"],
                 change=r["change"], change_se=r["change_se"], change_p=r["change_p"],
                 center=r["center"], lcl=r["lcl"], ucl=r["ucl"], signal=int(r["signal"]),
                 flag=FLAG_CODES[r["flag"]])
        t = table.attrs["trend"]
        out.update({f"{what}.trend.slope": t.slope, f"{what}.trend.se": t.se,
                    f"{what}.trend.p": t.p, f"{what}.trend.intercept": t.intercept})

    outg_nps("gnps", csat.nps(x, by=by))
    nps = csat.nps(x, w, by=by)
    outg_nps("gnpsw", nps)
    rest_nps = [("score", "score"), ("se", "se"), ("lo", "ci_lower"), ("hi", "ci_upper"),
                ("promoters", "promoters"), ("n", "n"), ("n_missing", "n_missing"),
                ("n_eff", "n_effective")]
    outg_rest("gnpsw_rest", nps, rest_nps)
    share = csat.csat(x, w, scale=(0, 10), satisfied_min=9, level=0.9, by=by)
    outg_share("gcsat", share)
    outg_rest("gcsat_rest", share, [("share", "share"), ("se", "se"), ("lo", "ci_lower"),
                                    ("hi", "ci_upper"), ("n", "n"), ("n_weighted", "n_weighted")])
    mean = csat.mean_score(x, w, level=0.9, by=by)
    outg_mean("gmean", mean)
    outg_rest("gmean_rest", mean, [("score", "score"), ("sd", "sd"), ("se", "se"),
                                   ("lo", "ci_lower"), ("hi", "ci_upper"), ("df", "df"),
                                   ("n", "n")])
    outg_cmp("gcmp_nps", nps.compare("rest"))
    outg_cmp("gcmp_csat", share.compare("rest"))
    outg_cmp("gcmp_mean", mean.compare("rest"))

    pn = csat.nps(x, by=periods)
    outg_nps("pnps", pn)
    outg_track("track_nps", pn.track())
    outg_track("track_top2", csat.top_box(x, 2, scale=(0, 10), by=periods).track(level=0.9))
    outg_track("track_mean", csat.mean_score(x, w, by=periods).track())
    return {k: float(v) for k, v in out.items()}


def python_designed(x, w):
    """The survey design of scores.c's designed()."""
    out = {}
    n = len(x)
    i = np.arange(n)
    d = csat.Design(w, [f"s{k}" for k in i % 3], i // 25, nest=True)
    out.update({"design.psus": d.psus, "design.df": d.df})
    r = csat.nps(x, design=d)
    out.update({"dnps.score": r.score, "dnps.se": r.se, "dnps.lo": r.ci[0], "dnps.hi": r.ci[1],
                "dnps.n_eff": r.n_effective})
    s = csat.csat(x, scale=(0, 10), satisfied_min=9, level=0.9, design=d)
    out.update({"dcsat.share": s.share, "dcsat.se": s.se, "dcsat.lo": s.ci[0],
                "dcsat.hi": s.ci[1], "dcsat.n_eff": s.n_effective})
    m = csat.mean_score(x, design=d)
    out.update({"dmean.score": m.score, "dmean.se": m.se, "dmean.lo": m.ci[0],
                "dmean.hi": m.ci[1], "dmean.df": m.df})
    by = group_labels(x)
    groups = {"dgnps": csat.nps(x, by=by, design=d),
              "dgcsat": csat.csat(x, scale=(0, 10), satisfied_min=9, level=0.9, by=by,
                                  design=d),
              "dgmean": csat.mean_score(x, by=by, design=d)}
    for what, g in groups.items():
        for label, r in g.items():
            v = {"se": r.se, "lo": r.ci[0], "hi": r.ci[1], "n": r.n,
                 "flag": FLAG_CODES[g.flags[label]]}
            if what == "dgnps":
                v.update(score=r.score, promoters=r.promoters, n_missing=r.n_missing,
                         n_eff=r.n_effective)
            elif what == "dgcsat":
                v.update(share=r.share, n_weighted=r.n_weighted)
            else:
                v.update(score=r.score, sd=r.sd, df=r.df)
            out.update({f"{what}.{label}.{k}": x_ for k, x_ in v.items()})
        for c in records(g.compare()):
            cmp = {"diff": c["diff"], "se": c["se"], "lo": c["ci_lower"], "hi": c["ci_upper"],
                   "stat": c["statistic"], "df": c["df"], "p": c["p"],
                   "p_adjusted": c["p_adjusted"], "skipped": SKIPPED_CODES[c["skipped"]]}
            out.update({f"dgcmp_{what[2:]}.{c['group']}.{k}": v for k, v in cmp.items()})
    raked, info = csat.rake(w, {"parity": (i % 2, {0: 600, 1: 400}),
                                "third": (i % 3, {0: 300, 1: 300, 2: 400})}, info=True)
    out.update({f"rake.w{j}": raked[j] for j in range(5)})
    out.update({"rake.iterations": info.iterations, "rake.max_change": info.max_change,
                "rake.max_miss": info.max_miss})
    return {k: float(v) for k, v in out.items()}


QUADRANT_CODES = {"concentrate here": 0, "keep up the good work": 1, "low priority": 2,
                  "possible overkill": 3}


def python_drivers(path):
    data = np.loadtxt(path, comments="#")
    x, y, w = np.ascontiguousarray(data[:, :4]), data[:, 4], data[:, 5]
    out = {}

    def outs(name, values):
        out.update({f"{name}{j}": float(v) for j, v in enumerate(values)})

    m = csat.key_drivers(x, y, w)
    for name in ("r2", "adj_r2", "sigma", "f", "f_p", "condition", "n_effective"):
        out[f"kd.{name}"] = getattr(m, name)
    outs("kd.coef", m.coef), outs("kd.se", m.se), outs("kd.t", m.t), outs("kd.p", m.p)
    outs("kd.lo", m.ci[:, 0]), outs("kd.hi", m.ci[:, 1])
    outs("kd.beta", m.beta), outs("kd.vif", m.vif), outs("kd.r", m.r)
    outs("kd.mean", m.means), outs("kd.sd", m.sds)
    for method, name in (("first", "first"), ("last", "last"), ("beta2", "beta2"),
                         ("pratt", "pratt"), ("lmg", "lmg"), ("relative_weights", "rw")):
        outs(f"kd.{name}", m.importance(method))
    outs("kd.mc", m.importance("lmg", exact_max=2, permutations=2000, seed=9))
    outs("kd.mc_se", m.importance_se("lmg", exact_max=2, permutations=2000, seed=9))
    d = m.dominance()
    outs("kd.cond", d.conditional.ravel()), outs("kd.comp", d.complete.ravel())
    lo, hi = m.bootstrap("lmg", reps=200, level=0.9, seed=3)
    outs("kd.boot_lo", lo), outs("kd.boot_hi", hi)
    ipa = m.ipa("lmg")
    quadrants = ipa["quadrant"] if isinstance(ipa, dict) else list(ipa["quadrant"])
    outs("kd.ipa", [QUADRANT_CODES[q] for q in quadrants])
    half = len(y) // 2
    acc = csat.XProd(4).add(x[:half], y[:half], w[:half])
    acc.merge(csat.XProd(4).add(x[half:], y[half:], w[half:]))
    mx = csat.key_drivers_from(acc)
    outs("kd.xprod_coef", mx.coef), outs("kd.xprod_lmg", mx.importance("lmg"))
    i = np.arange(len(y))
    design = csat.Design(w, i % 4, i // 10, nest=True)
    md = csat.key_drivers(x, y, design=design)
    out["kd.design_df"] = md.df_resid
    outs("kd.design_coef", md.coef), outs("kd.design_se", md.se)
    return out


def main(c_program, lua, lua_script, data, drivers=None):
    rows = [line.split() for line in pathlib.Path(data).read_text().splitlines()
            if line and not line.startswith("#")]
    x = np.array([float(a) for a, _ in rows])
    w = np.array([float(b) for _, b in rows])
    py = python_scores(x, w)
    py.update(python_business(x, w))
    py.update(python_groups(x, w))
    py.update(python_designed(x, w))
    extra = [drivers] if drivers else []
    if drivers:
        py.update(python_drivers(drivers))
    c = parse(subprocess.run([c_program, data] + extra, check=True, capture_output=True,
                             text=True).stdout)
    lu = parse(subprocess.run([lua, lua_script, data] + extra, check=True,
                              capture_output=True, text=True).stdout)
    failed = 0
    for name, value in py.items():
        for lang, other in (("C", c), ("Lua", lu)):
            if name not in other or not (other[name] == value or
                                         (math.isnan(value) and math.isnan(other[name]))):
                print(f"{name}: Python {value!r} != {lang} {other.get(name)!r}")
                failed += 1
    assert set(c) == set(py) == set(lu), "the three programs report different values"
    if not failed:
        print(f"{len(py)} values identical in C, Python and Lua")
    print(f"{0 if failed else 1} passed, {1 if failed else 0} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
