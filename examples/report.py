#!/usr/bin/python3
"""Customer-satisfaction report of a survey stored as CSV, computed with libcsat.

    report.py [survey.csv] [--png-gaps report-gaps.png]

The file needs the columns ``nps`` (likelihood to recommend, stored 1..11 =
0..10 shifted by +1), ``overall_sat`` (1..7), ``flight_purpose``,
``flight_class``, ``e1`` .. ``e23`` (expectations of 23 service attributes,
1..100) and ``s1`` .. ``s23`` (satisfaction with the same attributes,
1..100), as examples/data/airlinesat.csv has; missing values are written
NA. pandas is used to read the file when it is installed, the csv module
otherwise.

The report: NPS with its 95 % interval, CSAT and top-2-box of overall
satisfaction, its mean, its distribution as a bar chart; the NPS of each
flight class, and each class against the rest of the sample as the library
compares a family of groups (classes with fewer than 30 answers flagged
small and not compared, Holm-adjusted p-values); the NPS and CSAT of each
segment (flight purpose, flight class) against the rest of the sample, with
Holm-adjusted p-values; and the gap between satisfaction and expectation
for the 23 attributes (paired t tests, Holm-adjusted). When matplotlib is
installed the gaps are also saved as a chart (--png-gaps, default
report-gaps.png in the current folder); without it the chart is skipped
with a note. libcsat raises ValueError (bad data or options) or
MemoryError; the report prints the message and exits with status 1.

Scores by segment come from the grouped calls (`by=`): one call over the
whole column scores every segment (NA or an empty label is in no segment).
Scores are those of the segment's rows; NPS standard errors are domain
standard errors (the whole sample's N, as R survey's svyby), a little
smaller than those of the segment's rows scored alone. The report prints
what examples/report.c and examples/report.lua print (but for the line that
names the CSV reader and the chart's).
"""

import argparse
import csv
import math
import os
import sys

import numpy as np

import csat

try:
    import pandas as pd
except ImportError:  # the csv module will do
    pd = None

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.join(HERE, "data", "airlinesat.csv")
LEVEL = 0.95
BAR_WIDTH = 40
SEGMENTS = ("flight_purpose", "flight_class")
ATTRIBUTES = 23
EXPECTED = [f"e{j}" for j in range(1, ATTRIBUTES + 1)]
PERCEIVED = [f"s{j}" for j in range(1, ATTRIBUTES + 1)]
COLUMNS = ("nps", "overall_sat") + SEGMENTS + tuple(EXPECTED) + tuple(PERCEIVED)


def read_with_pandas(path):
    # NA and empty fields become NaN, and only those (as examples/csv.c
    # reads); segment labels stay the file's text.
    df = pd.read_csv(path, keep_default_na=False, na_values=["", "NA"],
                     dtype={c: str for c in SEGMENTS})
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise KeyError(f"{path} has no column {missing[0]!r}")
    data = {
        "n": len(df),
        # Stored 1..11: shift back to the 0..10 scale (NaN stays NaN).
        "nps": df["nps"].to_numpy(dtype=float) - 1.0,
        "overall_sat": df["overall_sat"].to_numpy(dtype=float),
        "expected": df[EXPECTED].to_numpy(dtype=float),
        "perceived": df[PERCEIVED].to_numpy(dtype=float),
    }
    for c in SEGMENTS:
        # A missing label (NA, empty) is None: its answer is in no segment.
        data[c] = [v if isinstance(v, str) else None for v in df[c]]
    return data


def read_with_csv(path):
    def number(text, line, column):
        if text in ("", "NA"):
            return math.nan
        try:
            return float(text)
        except ValueError:
            raise ValueError(f"{path}:{line}: column {column}: {text!r} is not a number") from None

    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        for c in COLUMNS:
            if c not in (reader.fieldnames or ()):
                raise KeyError(f"{path} has no column {c!r}")
        nps, sat, expected, perceived = [], [], [], []
        groups = {c: [] for c in SEGMENTS}
        for row in reader:
            line = reader.line_num
            nps.append(number(row["nps"], line, "nps") - 1.0)
            sat.append(number(row["overall_sat"], line, "overall_sat"))
            expected.append([number(row[c], line, c) for c in EXPECTED])
            perceived.append([number(row[c], line, c) for c in PERCEIVED])
            for c in SEGMENTS:
                g = row[c]
                groups[c].append(g if g not in ("", "NA") else None)
    shape = (len(nps), ATTRIBUTES)
    return {"n": len(nps), "nps": nps, "overall_sat": sat,
            "expected": np.array(expected, dtype=float).reshape(shape),
            "perceived": np.array(perceived, dtype=float).reshape(shape), **groups}


def num(v, fmt):
    """One number, or n/a when it is NaN (a single answer has no spread)."""
    text = format(v, fmt)
    return text if not math.isnan(v) else format("n/a", f">{len(text)}")


def ci(interval, fmt, scale=1):
    """An interval as text; scale=100 shows a proportion in percent."""
    return "[" + ", ".join(num(scale * v, fmt) for v in interval) + "]"


def pval(p):
    """A p-value in six characters: four decimals, or <.0001."""
    return f"{'<.0001':>6}" if p < 0.0001 else f"{p:6.4f}"


def report_nps(nps):
    r = csat.nps(nps, scale=(0, 10), promoter_min=9, detractor_max=6, level=LEVEL)
    adj = csat.nps(nps, scale=(0, 10), level=LEVEL, method="adjusted-wald")
    print("Net Promoter Score")
    print("  likelihood to recommend, 0-10 (column nps minus 1);")
    print("  promoters 9-10, passives 7-8, detractors 0-6")
    print()
    print(f"  NPS {r.score:+6.1f}   95% CI {ci(r.ci, '+6.1f')}  Wald           SE {num(r.se, '5.2f')}")
    print(f"               95% CI {ci(adj.ci, '+6.1f')}  adjusted Wald  SE {num(adj.se, '5.2f')}")
    print(f"  promoters {100 * r.promoters:.1f} %, passives {100 * r.passives:.1f} %, "
          f"detractors {100 * r.detractors:.1f} %")
    print(f"  n = {r.n}, missing {r.n_missing}")
    print()


def report_satisfaction(sat):
    cs = csat.csat(sat, scale=(1, 7), satisfied_min=5, level=LEVEL)
    top2 = csat.top_box(sat, 2, scale=(1, 7))
    mean = csat.mean_score(sat, level=LEVEL)
    print("Overall satisfaction")
    print("  column overall_sat, 1-7 (7 = very satisfied)")
    print()
    # Shares and their intervals are proportions; the report shows percent.
    print(f"  CSAT (5-7 of 1-7)       {cs.score:5.1f} %   95% CI {ci(cs.ci, '5.1f', 100)} %  Wilson")
    print(f"  top-2-box (6-7 of 1-7)  {top2.score:5.1f} %   95% CI {ci(top2.ci, '5.1f', 100)} %  "
          "Wilson")
    print(f"  mean                    {mean.score:5.2f}     95% CI {ci(mean.ci, '5.2f')}    "
          f"t, df {mean.df:.0f}")
    print(f"  standard deviation      {num(mean.sd, '5.2f')}")
    print("  CSAT counts the three highest boxes, top-2-box the two highest.")
    print(f"  n = {mean.n}, missing {mean.n_missing}")
    print()


def report_distribution(sat):
    d = csat.distribution(sat, scale=(1, 7))
    shares = list(d.shares)
    top = max(shares)
    print(f"Distribution of overall satisfaction (n = {int(sum(d.counts))})")
    print()
    for value, count, share in zip(d.values, d.counts, shares):
        bar = "#" * (round(BAR_WIDTH * share / top) if top > 0 else 0)
        print(f"  {int(value)} | {bar:<{BAR_WIDTH}} {count:5.0f}  {100 * share:5.1f} %")
    print()


def rest_of(score, x, labels, names, **options):
    """The result of the rest of the sample for each segment in `names`:
    every answer with another label (answers without a label are in no
    rest), as the group 0 of the labelling 1 = the segment, 0 = the others;
    None when no other answer has a label. That labelling has the same valid
    answers with a label, so the same N: the result is the library's
    complement of the segment (what GroupedResult.compare("rest") compares
    with, which it does not show)."""
    rest = {}
    for name in names:
        by = np.array([math.nan if v is None else float(v == name) for v in labels])
        g = score(x, by=by, **options)
        rest[name] = g[0.0] if 0.0 in g else None
    return rest


def score_of(r):
    """The score of a result, NaN for no result (a rest without answers)."""
    return math.nan if r is None else r.score


def answered(r):
    """Whether a result has valid answers (a rest may have none, or be None)."""
    return r is not None and r.n > 0


def report_nps_by_group(nps, groups, column):
    """The NPS of each group of a column (one grouped call, domain
    intervals), then each group against the rest of the sample as the
    library compares a family of groups: groups flagged small (fewer than
    min_n answers) or empty are shown and not compared, the others
    Holm-adjusted together."""
    g = csat.nps(nps, by=groups, level=LEVEL)
    print(f"NPS by {column} (Wald 95% CI)")
    print(f"  intervals by {column}: domain estimation, as R survey's svyby")
    print()
    print(f"  {column:<12} {'n':>6} {'NPS':>7}   95% CI")
    if len(g) == 0:
        print(f"  (no answer has a {column})")
        print()
        return
    for label, r in g.items():
        # A group whose answers are all missing is a fact worth showing (the
        # library flags it), not a failure.
        if g.flags[label] == "empty":
            print(f"  {label:<12} {r.n_missing:6d} {'-':>7}   (no valid answer)")
        else:
            print(f"  {label:<12} {r.n:6d} {r.score:+7.1f}   {ci(r.ci, '+6.1f')}")
    if g.n_unlabelled:
        print(f"  {g.n_unlabelled} answers without a {column} are in no group")
    print()

    table = g.compare("rest", adjust="holm", level=LEVEL)
    comparisons = table.to_dict("records") if hasattr(table, "to_dict") else list(table)
    rest = rest_of(csat.nps, nps, groups, list(g), level=LEVEL)
    made = sum(c["skipped"] is None for c in comparisons)
    print(f"NPS of each {column} against the rest of the sample")
    print(f"  z test, Wald 95% CI; p-values Holm-adjusted over the {made} comparisons")
    print(f"  made; a {column} with fewer than {g.min_n} valid answers is flagged small")
    print("  and not compared (its interval is not reliable)")
    print()
    print(f"  {column:<12} {'n':>6} {'NPS':>7} {'rest':>7} {'diff':>7}  {'95% CI':<16} "
          f"{'p':>6}  {'Holm p':>6}")
    for c in comparisons:
        label = c["group"]
        r, b = g[label], rest[label]
        if c["skipped"] is not None:
            why = "small" if c["skipped"] == "small" else "no valid answer"
            print(f"  {label:<12} {r.n:6d} {num(r.score, '+7.1f')} "
                  f"{num(score_of(b), '+7.1f')}  not compared: {why}")
            continue
        print(f"  {label:<12} {r.n:6d} {r.score:+7.1f} {b.score:+7.1f} {c['diff']:+7.1f}  "
              f"{ci((c['ci_lower'], c['ci_upper']), '+6.1f')} {pval(c['p'])}  "
              f"{pval(c['p_adjusted'])}")
    print()


def report_segments(nps, sat, data):
    """Each segment's NPS and CSAT against the rest of the sample."""
    nps, sat = np.asarray(nps, dtype=float), np.asarray(sat, dtype=float)
    csat_options = dict(scale=(1, 7), satisfied_min=5, level=LEVEL)
    rows = []  # (label, NPS of the segment, of the rest, comparison, CSAT ..., ..., small)
    min_n = None
    for column in SEGMENTS:
        labels = data[column]
        # Every segment of the column in one grouped call per score.
        g_nps = csat.nps(nps, by=labels, level=LEVEL)
        g_csat = csat.csat(sat, by=labels, **csat_options)
        names, min_n = list(g_nps), g_nps.min_n
        # With two segments, one against the rest is the other's mirror
        # image: compare only the first with the second.
        compared = names[:1] if len(names) == 2 else names if len(names) > 2 else []
        if not compared:
            continue
        nps_rest = rest_of(csat.nps, nps, labels, compared, level=LEVEL)
        csat_rest = rest_of(csat.csat, sat, labels, compared, **csat_options)
        for g in compared:
            a, b, c, d = g_nps[g], nps_rest[g], g_csat[g], csat_rest[g]
            # A segment (or a rest) without a valid answer is shown, not compared.
            d_nps = csat.compare(a, b, level=LEVEL) if answered(a) and answered(b) else None
            d_csat = csat.compare(c, d, level=LEVEL) if answered(c) and answered(d) else None
            small = g in g_nps.small or g in g_csat.small
            rows.append((f"{column[:16]} {g[:24]}", a, b, d_nps, c, d, d_csat, small))
    if not rows:
        return
    # One family: the NPS comparisons made, then the CSAT comparisons made.
    made = [(0, i, r[3].p) for i, r in enumerate(rows) if r[3] is not None]
    made += [(1, i, r[6].p) for i, r in enumerate(rows) if r[6] is not None]
    holm = {}
    if made:
        adjusted = csat.adjust([p for *_, p in made], "holm")
        holm = {(kind, i): float(q) for (kind, i, _), q in zip(made, adjusted)}
    print("Segments against the rest of the sample")
    print("  each segment against all other respondents (of a variable with two")
    print("  segments only the first, against the second); 95% CI; p-values")
    print(f"  Holm-adjusted over all {len(made)} comparisons of this section")
    print()
    print("  NPS: difference in points, z test, Wald CI")
    print("  (domain standard errors of segment and rest, as R survey's svyby)")
    print(f"  {'segment':<23} {'n':>5} {'NPS':>6} {'rest':>6} {'diff':>6}  {'95% CI':<16} "
          f"{'p':>6}  {'Holm p':>6}")
    for i, (label, a, b, d, *_) in enumerate(rows):
        if d is None:
            print(f"  {label:<23} {a.n:5d} {num(a.score, '+6.1f')} {num(score_of(b), '+6.1f')}  "
                  "not compared: no valid answer")
            continue
        print(f"  {label:<23} {a.n:5d} {a.score:+6.1f} {b.score:+6.1f} {d.diff:+6.1f}  "
              f"{ci(d.ci, '+6.1f')} {pval(d.p)}  {pval(holm[0, i])}")
    print()
    print("  CSAT (5-7 of 1-7): difference in percentage points, pooled z test,")
    print("  Newcombe hybrid score CI")
    print(f"  {'segment':<23} {'n':>5} {'CSAT':>6} {'rest':>6} {'diff':>6}  {'95% CI':<16} "
          f"{'p':>6}  {'Holm p':>6}")
    for i, (label, *_, a, b, d, _small) in enumerate(rows):
        if d is None:
            print(f"  {label:<23} {a.n:5d} {num(a.score, '6.1f')} {num(score_of(b), '6.1f')}  "
                  "not compared: no valid answer")
            continue
        # The difference of two shares is a proportion: 100 × it is in points.
        print(f"  {label:<23} {a.n:5d} {a.score:6.1f} {b.score:6.1f} {100 * d.diff:+6.1f}  "
              f"{ci(d.ci, '+6.1f', 100)} {pval(d.p)}  {pval(holm[1, i])}")
    print()
    print("  Each segment is compared with the rest: two independent samples. Against")
    print("  the whole sample, which contains the segment, these tests would not hold.")
    small = [r[0] for r in rows if r[7]]
    if small:
        print(f"  Fewer than {min_n} valid answers (flagged small; intervals not reliable):")
        for label in small:
            print(f"    {label}")
    print()


def report_gaps(expected, perceived):
    """The gap satisfaction − expectation per attribute, largest shortfall
    first; returns (names, gaps, lower, upper) in that order, for the chart."""
    names = [f"s{j}" for j in range(1, ATTRIBUTES + 1)]
    g = csat.gap(expected, perceived, names=names, level=LEVEL)  # DataFrame or dict
    gap, lower, upper = (np.asarray(g[c], dtype=float) for c in ("gap", "ci_lower", "ci_upper"))
    t, p, pairs = np.asarray(g["t"]), np.asarray(g["p"]), np.asarray(g["pairs"])
    holm = csat.adjust(p, "holm")
    # The mean expectation and satisfaction of the pairs each gap used.
    both = ~np.isnan(expected) & ~np.isnan(perceived)
    mean_e = [csat.mean_score(expected[both[:, j], j]).score for j in range(ATTRIBUTES)]
    mean_s = [csat.mean_score(perceived[both[:, j], j]).score for j in range(ATTRIBUTES)]
    order = sorted(range(ATTRIBUTES), key=lambda j: (gap[j], j))
    print("Expectations vs satisfaction")
    print("  gap = satisfaction s_j minus expectation e_j of the same attribute")
    print("  (both 1-100), mean over the respondents who rated both; paired t test,")
    print(f"  95% CI; p-values Holm-adjusted over the {ATTRIBUTES} attributes; largest")
    print("  shortfall first")
    print()
    print(f"  {'attribute':<9} {'pairs':>5} {'expected':>8} {'perceived':>9} {'gap':>6}  "
          f"{'95% CI':<16} {'t':>7} {'p':>6}  {'Holm p':>6}")
    for j in order:
        print(f"  {names[j]:<9} {pairs[j]:5d} {mean_e[j]:8.1f} {mean_s[j]:9.1f} {gap[j]:+6.1f}  "
              f"{ci((lower[j], upper[j]), '+6.1f')} {t[j]:7.2f} {pval(p[j])}  {pval(holm[j])}")
    print()
    return [names[j] for j in order], gap[order], lower[order], upper[order]


def save_gap_chart(path, names, gap, lower, upper):
    """The gaps as horizontal bars with their intervals, if matplotlib is
    installed."""
    try:
        import matplotlib
        matplotlib.use("Agg")  # no display needed
        import matplotlib.pyplot as plt
    except ImportError:
        print("Gap chart skipped: matplotlib is not installed (the report above is complete).")
        return
    y = np.arange(len(names))
    fig, ax = plt.subplots(figsize=(7, 8), dpi=100)
    colours = ["tab:red" if v < 0 else "tab:green" for v in gap]  # shortfall or surplus
    ax.barh(y, gap, color=colours, alpha=0.7, zorder=2)
    ax.errorbar(gap, y, xerr=[gap - lower, upper - gap], fmt="none", ecolor="black",
                elinewidth=1, capsize=3, zorder=3)
    ax.set_yticks(y, names)
    ax.invert_yaxis()  # the largest shortfall on top
    ax.axvline(0, color="black", linewidth=0.8)
    ax.margins(x=0.05)
    ax.set_xlabel("gap: mean satisfaction minus mean expectation (1-100 scale), 95% CI")
    ax.set_ylabel("attribute")
    ax.set_title("Expectations vs satisfaction (paired differences)")
    ax.grid(True, axis="x", linewidth=0.3)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    print(f"Gap chart saved to {path}")


def main(argv):
    parser = argparse.ArgumentParser(
        prog=os.path.basename(argv[0]),
        description="Customer-satisfaction report (columns nps, overall_sat, flight_purpose, "
                    "flight_class, e1..e23, s1..s23).")
    parser.add_argument("survey", nargs="?", default=DEFAULT_DATA,
                        help=f"the survey as CSV (default: {DEFAULT_DATA})")
    parser.add_argument("--png-gaps", default="report-gaps.png", metavar="PATH",
                        help="where to save the chart of the expectation-satisfaction gaps "
                             "when matplotlib is installed (default: report-gaps.png)")
    args = parser.parse_args(argv[1:])
    path = args.survey
    try:
        data = read_with_pandas(path) if pd is not None else read_with_csv(path)
    except (OSError, KeyError, ValueError) as e:
        msg = e.args[0] if isinstance(e, KeyError) else e
        print(f"report.py: cannot read the survey: {msg}", file=sys.stderr)
        return 1

    print("Customer satisfaction report")
    print(f"  survey:  {path}")
    print(f"  answers: {data['n']} respondents")
    print(f"  libcsat {csat.version()}, read with {'pandas' if pd is not None else 'the csv module'}")
    print()
    try:
        report_nps(data["nps"])
        report_satisfaction(data["overall_sat"])
        report_distribution(data["overall_sat"])
        report_nps_by_group(data["nps"], data["flight_class"], "flight_class")
        report_segments(data["nps"], data["overall_sat"], data)
        chart = report_gaps(data["expected"], data["perceived"])
    except (ValueError, ArithmeticError, MemoryError) as e:
        sys.stdout.flush()
        print(f"report.py: libcsat: {e}", file=sys.stderr)
        return 1
    try:
        save_gap_chart(args.png_gaps, *chart)
    except OSError as e:
        print(f"report.py: cannot save the chart: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
