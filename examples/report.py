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
satisfaction, its mean, its distribution as a bar chart, the NPS of each
flight class; the NPS and CSAT of each segment (flight purpose, flight
class) against the rest of the sample, with Holm-adjusted p-values; and the
gap between satisfaction and expectation for the 23 attributes (paired t
tests, Holm-adjusted). When matplotlib is installed the gaps are also saved
as a chart (--png-gaps, default report-gaps.png in the current folder);
without it the chart is skipped with a note. libcsat raises ValueError (bad
data or options) or MemoryError; the report prints the message and exits
with status 1.
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
    df = pd.read_csv(path)  # NA and empty fields become NaN
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
        data[c] = df[c].fillna("(missing)").astype(str).tolist()
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
                groups[c].append(g if g not in ("", "NA") else "(missing)")
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


def report_nps_by_group(nps, groups, column):
    rows = {}
    for i, g in enumerate(groups):
        rows.setdefault(g, []).append(i)
    print(f"NPS by {column} (Wald 95% CI)")
    print()
    print(f"  {column:<12} {'n':>6} {'NPS':>7}   95% CI")
    for g in sorted(rows):
        # NumPy arrays (from pandas) are indexed without a Python loop.
        x = nps.take(rows[g]) if hasattr(nps, "take") else [nps[i] for i in rows[g]]
        if all(math.isnan(v) for v in x):
            print(f"  {g:<12} {len(x):6d} {'-':>7}   (no valid answer)")
            continue
        r = csat.nps(x, scale=(0, 10), level=LEVEL)
        print(f"  {g:<12} {r.n:6d} {r.score:+7.1f}   {ci(r.ci, '+6.1f')}")
    print()


def report_segments(nps, sat, data):
    """Each segment's NPS and CSAT against the rest of the sample."""
    nps, sat = np.asarray(nps, dtype=float), np.asarray(sat, dtype=float)
    rows = []  # (label, NPS of the segment, of the rest, comparison, CSAT ..., ...)
    for column in SEGMENTS:
        groups = np.array(data[column], dtype=object)
        names = sorted(set(data[column]))
        # With two segments, one against the rest is the other's mirror
        # image: compare only the first with the second.
        for g in names[:1] if len(names) == 2 else names if len(names) > 2 else []:
            inside = groups == g
            label = f"{column} {g}"
            a, b = csat.nps(nps[inside], level=LEVEL), csat.nps(nps[~inside], level=LEVEL)
            c = csat.csat(sat[inside], scale=(1, 7), satisfied_min=5, level=LEVEL)
            d = csat.csat(sat[~inside], scale=(1, 7), satisfied_min=5, level=LEVEL)
            rows.append((label, a, b, csat.compare(a, b, level=LEVEL),
                         c, d, csat.compare(c, d, level=LEVEL)))
    if not rows:
        return
    # One family: the NPS comparisons, then the CSAT comparisons.
    holm = csat.adjust([r[3].p for r in rows] + [r[6].p for r in rows], "holm")
    k = len(rows)
    print("Segments against the rest of the sample")
    print("  each segment against all other respondents (of a variable with two")
    print("  segments only the first, against the second); 95% CI; p-values")
    print(f"  Holm-adjusted over all {2 * k} comparisons of this section")
    print()
    print("  NPS: difference in points, z test, Wald CI")
    print(f"  {'segment':<23} {'n':>5} {'NPS':>6} {'rest':>6} {'diff':>6}  {'95% CI':<16} "
          f"{'p':>6}  {'Holm p':>6}")
    for i, (label, a, b, d, *_) in enumerate(rows):
        print(f"  {label:<23} {a.n:5d} {a.score:+6.1f} {b.score:+6.1f} {d.diff:+6.1f}  "
              f"{ci(d.ci, '+6.1f')} {pval(d.p)}  {pval(holm[i])}")
    print()
    print("  CSAT (5-7 of 1-7): difference in percentage points, pooled z test,")
    print("  Newcombe hybrid score CI")
    print(f"  {'segment':<23} {'n':>5} {'CSAT':>6} {'rest':>6} {'diff':>6}  {'95% CI':<16} "
          f"{'p':>6}  {'Holm p':>6}")
    for i, (label, *_, a, b, d) in enumerate(rows):
        # The difference of two shares is a proportion: 100 × it is in points.
        print(f"  {label:<23} {a.n:5d} {a.score:6.1f} {b.score:6.1f} {100 * d.diff:+6.1f}  "
              f"{ci(d.ci, '+6.1f', 100)} {pval(d.p)}  {pval(holm[k + i])}")
    print()
    print("  Each segment is compared with the rest: two independent samples. Against")
    print("  the whole sample, which contains the segment, these tests would not hold.")
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
