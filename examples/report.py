#!/usr/bin/python3
"""Customer-satisfaction report of a survey stored as CSV, computed with libcsat.

    report.py [survey.csv]

The file needs the columns ``nps`` (likelihood to recommend, stored 1..11 =
0..10 shifted by +1), ``overall_sat`` (1..7) and ``flight_class``, as
examples/data/airlinesat.csv has; missing values are written NA. pandas is
used to read the file when it is installed, the csv module otherwise.

The report: NPS with its 95 % interval, CSAT and top-2-box of overall
satisfaction, its mean, its distribution as a bar chart, and the NPS of each
flight class. libcsat raises ValueError (bad data or options) or
MemoryError; the report prints the message and exits with status 1.
"""

import csv
import math
import os
import sys

import csat

try:
    import pandas as pd
except ImportError:  # the csv module will do
    pd = None

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.join(HERE, "data", "airlinesat.csv")
LEVEL = 0.95
BAR_WIDTH = 40
COLUMNS = ("nps", "overall_sat", "flight_class")


def read_with_pandas(path):
    df = pd.read_csv(path)  # NA and empty fields become NaN
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        raise KeyError(f"{path} has no column {missing[0]!r}")
    groups = df["flight_class"].fillna("(missing)").astype(str)
    return {
        "n": len(df),
        # Stored 1..11: shift back to the 0..10 scale (NaN stays NaN).
        "nps": df["nps"].to_numpy(dtype=float) - 1.0,
        "overall_sat": df["overall_sat"].to_numpy(dtype=float),
        "flight_class": groups.tolist(),
    }


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
        nps, sat, groups = [], [], []
        for row in reader:
            line = reader.line_num
            nps.append(number(row["nps"], line, "nps") - 1.0)
            sat.append(number(row["overall_sat"], line, "overall_sat"))
            g = row["flight_class"]
            groups.append(g if g not in ("", "NA") else "(missing)")
    return {"n": len(nps), "nps": nps, "overall_sat": sat, "flight_class": groups}


def num(v, fmt):
    """One number, or n/a when it is NaN (a single answer has no spread)."""
    text = format(v, fmt)
    return text if not math.isnan(v) else format("n/a", f">{len(text)}")


def ci(interval, fmt):
    return "[" + ", ".join(num(v, fmt) for v in interval) + "]"


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
    print(f"  CSAT (5-7 of 1-7)       {cs.score:5.1f} %   95% CI {ci(cs.ci, '5.1f')} %  Wilson")
    print(f"  top-2-box (6-7 of 1-7)  {top2.score:5.1f} %   95% CI {ci(top2.ci, '5.1f')} %  Wilson")
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


def main(argv):
    if len(argv) > 2 or (len(argv) == 2 and argv[1] in ("-h", "--help")):
        print(f"usage: {os.path.basename(argv[0])} [survey.csv]   (default: {DEFAULT_DATA})")
        return 0 if len(argv) == 2 else 2
    path = argv[1] if len(argv) == 2 else DEFAULT_DATA
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
    except (ValueError, ArithmeticError, MemoryError) as e:
        sys.stdout.flush()
        print(f"report.py: libcsat: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
