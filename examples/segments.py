#!/usr/bin/python3
"""Scores by segment and by period with libcsat: one pass, compared, tracked.

    segments.py [survey.csv] [--png segments.png]

1. The NPS of each flight class of a survey stored as CSV (the columns
   ``nps``, likelihood to recommend stored 1..11 = 0..10 shifted by +1, and
   ``flight_class``, as examples/data/airlinesat.csv has; NA is missing),
   each class compared with the rest of the sample (Holm-adjusted p-values).
2. A tracking table of twelve generated monthly waves (a fixed seed, a dip
   in September): each month's NPS and interval, the change from the month
   before with its test, 3-sigma control limits from the earlier months and
   the months that fall outside them, and the trend.

pandas reads the file when it is installed, the csv module otherwise (the
tables are then lists of rows). When matplotlib is installed the tracking
chart is saved (--png, default segments.png); without it the chart is
skipped with a note. libcsat raises ValueError on bad data; the example
prints the message and exits with status 1.
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


def read_survey(path):
    """(answers 0..10 with NaN for missing, flight classes with None for
    missing)."""
    if pd is not None:
        df = pd.read_csv(path)
        for c in ("nps", "flight_class"):
            if c not in df.columns:
                raise KeyError(f"{path} has no column {c!r}")
        # Stored 1..11: shift back to 0..10. The class stays a Series, so
        # that an error names its row's index label.
        return df["nps"] - 1.0, df["flight_class"]
    answers, classes = [], []
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        for c in ("nps", "flight_class"):
            if c not in (reader.fieldnames or ()):
                raise KeyError(f"{path} has no column {c!r}")
        for row in reader:
            v = row["nps"]
            answers.append(math.nan if v in ("", "NA") else float(v) - 1.0)
            classes.append(None if row["flight_class"] in ("", "NA") else row["flight_class"])
    return np.array(answers), classes


def rows(table):
    """The rows of a DataFrame (or of the list of dicts without pandas) as dicts."""
    if pd is not None and isinstance(table, pd.DataFrame):
        return table.to_dict("records")
    return list(table)


def pval(p):
    return "     -" if math.isnan(p) else (f"{'<.0001':>6}" if p < 0.0001 else f"{p:6.4f}")


def by_class(answers, classes):
    g = csat.nps(answers, by=classes)
    print("NPS by flight class (0-10 scale: promoters 9-10, detractors 0-6)")
    print()
    print(f"  {'class':<10} {'NPS':>7}  {'95% CI':>17}  {'n':>5}")
    for label, r in g.items():
        flag = "  (small)" if label in g.small else ""
        print(f"  {label:<10} {r.score:+7.1f}  [{r.ci[0]:+6.1f}, {r.ci[1]:+6.1f}]  {r.n:>5}{flag}")
    print(f"  answers without a class: {g.n_unlabelled}")
    print()
    print("Each class against the rest of the sample (z tests, Holm-adjusted)")
    print()
    print(f"  {'class':<10} {'difference':>10}  {'95% CI':>17}  {'p':>6}  {'p (Holm)':>8}")
    for c in rows(g.compare("rest", adjust="holm")):
        if c["skipped"] is not None:
            print(f"  {c['group']:<10} not compared: {c['skipped']} group")
            continue
        print(f"  {c['group']:<10} {c['diff']:+10.1f}  [{c['ci_lower']:+6.1f}, "
              f"{c['ci_upper']:+6.1f}]  {pval(c['p'])}  {pval(c['p_adjusted']):>8}")
    print()
    return g


def monthly_waves(seed=2024):
    """Twelve generated waves of 250 to 400 answers: NPS about 35, with a dip
    in September (more detractors)."""
    rng = np.random.default_rng(seed)
    answers, months = [], []
    for m in range(1, 13):
        n = int(rng.integers(250, 401))
        p_detractor = 0.40 if m == 9 else 0.15
        kind = rng.choice(3, size=n, p=[p_detractor, 0.35 - (p_detractor - 0.15), 0.50])
        values = np.where(kind == 0, rng.integers(0, 7, n),
                          np.where(kind == 1, rng.integers(7, 9, n), rng.integers(9, 11, n)))
        answers.append(values.astype(float))
        months += [f"2024-{m:02d}"] * n
    return np.concatenate(answers), months


def tracking(answers, months):
    g = csat.nps(answers, by=months)
    t = g.track()
    print("Monthly tracking (generated waves; change: z test against the month before;")
    print("limits: 3-sigma control limits from the earlier months)")
    print()
    print(f"  {'month':<8} {'NPS':>6}  {'95% CI':>15}  {'change':>7}  {'p':>6}  "
          f"{'limits':>15}  signal")
    for r in rows(t):
        change = "       " if math.isnan(r["change"]) else f"{r['change']:+7.1f}"
        limits = ("" if math.isnan(r["lcl"]) else f"[{r['lcl']:+5.1f}, {r['ucl']:+5.1f}]")
        signal = "<-- outside" if r["signal"] else ""
        print(f"  {r['period']:<8} {r['score']:+6.1f}  [{r['ci_lower']:+5.1f}, "
              f"{r['ci_upper']:+5.1f}]  {change}  {pval(r['change_p'])}  {limits:>15}  {signal}")
    trend = t.attrs["trend"]
    if trend is not None:
        print()
        print(f"  trend {trend.slope:+.2f} NPS points a month, 95% CI [{trend.ci[0]:+.2f}, "
              f"{trend.ci[1]:+.2f}], p {pval(trend.p).strip()}")
    print()
    return g


def save_chart(g, path):
    try:
        import matplotlib
        matplotlib.use("Agg")  # no display needed
        import matplotlib.pyplot as plt
    except ImportError:
        print("Chart skipped: matplotlib is not installed (the tables above are complete).")
        return
    ax = g.plot(track=True)
    ax.set_title("Monthly NPS (generated waves) with 3-sigma control limits")
    ax.figure.tight_layout()
    ax.figure.savefig(path)
    plt.close(ax.figure)
    print(f"Tracking chart saved to {path}")


def main(argv):
    parser = argparse.ArgumentParser(prog=os.path.basename(argv[0]),
                                     description="NPS by flight class and monthly tracking.")
    parser.add_argument("survey", nargs="?", default=DEFAULT_DATA,
                        help=f"the survey as CSV (default: {DEFAULT_DATA})")
    parser.add_argument("--png", default="segments.png", metavar="PATH",
                        help="where to save the tracking chart when matplotlib is installed")
    args = parser.parse_args(argv[1:])
    try:
        answers, classes = read_survey(args.survey)
    except (OSError, KeyError, ValueError) as e:
        print(f"segments.py: cannot read the survey: {e.args[0] if e.args else e}", file=sys.stderr)
        return 1
    print(f"Survey {args.survey}: {len(answers)} respondents; libcsat {csat.version()}")
    print()
    try:
        by_class(answers, classes)
        monthly = tracking(*monthly_waves())
    except (ValueError, ArithmeticError, MemoryError) as e:
        sys.stdout.flush()
        print(f"segments.py: libcsat: {e}", file=sys.stderr)
        return 1
    try:
        save_chart(monthly, args.png)
    except OSError as e:
        print(f"segments.py: cannot save the chart: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
