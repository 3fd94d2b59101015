#!/usr/bin/python3
"""Key drivers of overall satisfaction in a survey stored as CSV, with libcsat.

    drivers.py [survey.csv] [--png drivers-ipa.png]

The file needs the columns ``overall_sat`` (1..7) and ``s1`` .. ``s23``
(satisfaction with 23 service attributes, 1..100), as
examples/data/airlinesat.csv has; missing values are written NA. pandas is
used to read the file when it is installed, the csv module otherwise.

The report: the least-squares model of overall satisfaction on the 23
attributes (respondents with a missing rating left out), its coefficients
with standardised betas and VIFs, the relative importance of every
attribute as LMG (the Shapley decomposition of R², exact over all 2^23
subsets) and as Johnson's relative weights with bootstrap intervals, shown
as a bar chart of shares of R², and the importance-performance quadrants.
When matplotlib is installed the importance-performance chart is saved as a
PNG (--png, default drivers-ipa.png in the current folder); without it the
chart is skipped with a note. libcsat raises ValueError (bad data or
options), csat.SingularError (collinear drivers) or MemoryError; the report
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
DRIVERS = [f"s{j}" for j in range(1, 24)]
OUTCOME = "overall_sat"
LEVEL = 0.95
BAR_WIDTH = 30
BOOT_REPS = 1000
BOOT_SEED = 1
QUADRANTS = [
    ("concentrate here", "important, performing below the mean"),
    ("keep up the good work", "important, performing well"),
    ("low priority", "less important, performing below the mean"),
    ("possible overkill", "less important, performing well"),
]


def read_with_pandas(path):
    df = pd.read_csv(path)  # NA and empty fields become NaN
    missing = [c for c in DRIVERS + [OUTCOME] if c not in df.columns]
    if missing:
        raise KeyError(f"{path} has no column {missing[0]!r}")
    return df[DRIVERS + [OUTCOME]].astype(float), len(df)


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
        for c in DRIVERS + [OUTCOME]:
            if c not in (reader.fieldnames or ()):
                raise KeyError(f"{path} has no column {c!r}")
        rows = [[number(row[c], reader.line_num, c) for c in DRIVERS + [OUTCOME]]
                for row in reader]
    return np.array(rows, dtype=float).reshape(-1, len(DRIVERS) + 1), len(rows)


def fit(data):
    """The model, from a DataFrame (y a column name) or from a plain array."""
    if pd is not None:
        return csat.key_drivers(data, OUTCOME, level=LEVEL)
    return csat.key_drivers(data[:, :-1], data[:, -1], names=DRIVERS, level=LEVEL)


def pval(p):
    return f"{'<.0001':>7}" if p < 0.0001 else f"{p:7.4f}"


def report_model(m):
    print("Model")
    print(f"  {OUTCOME} (1-7) regressed on s1..s23, the satisfaction with {len(m.names)}")
    print("  service attributes (1-100): least squares with an intercept;")
    print("  respondents with any rating missing are left out (listwise)")
    print()
    print(f"  n = {m.n}, missing {m.n_missing}")
    print(f"  R-squared {m.r2:.3f}, adjusted {m.adj_r2:.3f}")
    print(f"  F({m.df_model:.0f}, {m.df_resid:.0f}) = {m.f:.2f}, p "
          f"{'< 0.0001' if m.f_p < 0.0001 else pval(m.f_p)}")
    print(f"  residual SD {m.sigma:.3f}")
    print(f"  condition number {m.condition:.1f} (of the drivers' correlation matrix)")
    print()


def report_coefficients(m):
    coef, se, t, p = (np.asarray(v) for v in (m.coef, m.se, m.t, m.p))
    ci = np.asarray(m.ci)
    beta, vif = np.asarray(m.beta), np.asarray(m.vif)
    print(f"Coefficients ({100 * LEVEL:.0f}% CI; beta = standardised coefficient)")
    print()
    print(f"  {'term':<10} {'estimate':>9} {'SE':>8} {'t':>7} {'p':>7}   {'95% CI':<20} "
          f"{'beta':>6} {'VIF':>6}")
    for i, term in enumerate(["intercept"] + list(m.names)):
        interval = f"[{ci[i, 0]:7.4f}, {ci[i, 1]:7.4f}]"
        line = (f"  {term:<10} {coef[i]:9.4f} {se[i]:8.4f} {t[i]:7.2f} {pval(p[i])}   "
                f"{interval:<20}")
        if i > 0:
            line += f" {beta[i - 1]:6.3f} {vif[i - 1]:6.2f}"
        print(line)
    print()


def report_importance(m, lmg):
    weights = np.asarray(m.importance("relative_weights"))
    b = m.bootstrap("relative_weights", reps=BOOT_REPS, level=LEVEL, seed=BOOT_SEED)
    if hasattr(b, "columns"):  # a DataFrame (pandas installed)
        lower, upper = b["lower"].to_numpy(), b["upper"].to_numpy()
        failed = b.attrs.get("failed", 0)
    else:
        lower, upper, failed = np.asarray(b.lower), np.asarray(b.upper), b.failed
    top = lmg.max()
    print(f"Relative importance: shares of R-squared = {m.r2:.3f}")
    print(f"  LMG (Shapley value of R-squared), exact over all {2 ** len(m.names)} subsets of the")
    print(f"  drivers; Johnson's relative weights with {100 * LEVEL:.0f}% bootstrap intervals")
    print(f"  ({BOOT_REPS} replicates, seed {BOOT_SEED}"
          f"{', some redrawn as singular' if failed else ''})")
    print()
    print(f"  {'driver':<6} {'LMG':>7} {'share':>6}  {'weight':>7} {'share':>6}  "
          f"{'95% CI (weight)':<18}  LMG share")
    for j in sorted(range(len(lmg)), key=lambda j: (-lmg[j], j)):
        bar = "#" * (round(BAR_WIDTH * lmg[j] / top) if top > 0 else 0)
        print(f"  {m.names[j]:<6} {lmg[j]:7.4f} {100 * lmg[j] / m.r2:5.1f}%  "
              f"{weights[j]:7.4f} {100 * weights[j] / m.r2:5.1f}%  "
              f"[{lower[j]:6.4f}, {upper[j]:6.4f}]  {bar}")
    print()


def report_ipa(m, lmg):
    q = m.ipa("lmg")  # performance: the drivers' means; crosshairs: the means
    importance = np.asarray(q["importance"], dtype=float)
    performance = np.asarray(q["performance"], dtype=float)
    quadrant = list(q["quadrant"])
    print("Importance-performance analysis")
    print(f"  importance = LMG, performance = mean rating (1-100) of the {m.n} respondents")
    print(f"  in the model; crosshairs at the means: importance {importance.mean():.4f}, "
          f"performance {performance.mean():.1f}")
    print()
    for name, meaning in QUADRANTS:
        print(f"  {name} ({meaning})")
        members = [j for j in sorted(range(len(lmg)), key=lambda j: (-lmg[j], j))
                   if quadrant[j] == name]
        for j in members:
            print(f"    {m.names[j]:<6} LMG {importance[j]:6.4f}   mean {performance[j]:5.1f}")
        if not members:
            print("    (none)")
    print()
    return importance, performance, quadrant


def save_chart(path, names, share, performance, quadrant):
    """The importance-performance chart as a PNG, if matplotlib is installed;
    `share` is the importance as a percentage of R-squared."""
    try:
        import matplotlib
        matplotlib.use("Agg")  # no display needed
        import matplotlib.pyplot as plt
    except ImportError:
        print("Chart skipped: matplotlib is not installed (the report above is complete).")
        return
    colours = {"concentrate here": "tab:red", "keep up the good work": "tab:green",
               "low priority": "tab:gray", "possible overkill": "tab:blue"}
    fig, ax = plt.subplots(figsize=(8, 6), dpi=100)
    for name, colour in colours.items():
        idx = [j for j, q in enumerate(quadrant) if q == name]
        ax.scatter(performance[idx], share[idx], color=colour, label=name, zorder=3)
    for j, label in enumerate(names):
        ax.annotate(label, (performance[j], share[j]), textcoords="offset points",
                    xytext=(4, 3), fontsize=8)
    # The crosshairs at the means, as csat's ipa() placed them.
    ax.axvline(performance.mean(), color="black", linewidth=0.8, linestyle="--")
    ax.axhline(share.mean(), color="black", linewidth=0.8, linestyle="--")
    ax.set_xlabel("performance: mean satisfaction with the attribute (1-100)")
    ax.set_ylabel("importance: LMG share of R-squared (%)")
    ax.set_title("Importance-performance analysis of overall satisfaction")
    ax.legend(loc="upper right", fontsize=8, title="quadrant", title_fontsize=8)
    ax.grid(True, linewidth=0.3)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    print(f"Importance-performance chart saved to {path}")


def main(argv):
    parser = argparse.ArgumentParser(
        prog=os.path.basename(argv[0]),
        description="Key drivers of overall satisfaction (columns overall_sat and s1..s23).")
    parser.add_argument("survey", nargs="?", default=DEFAULT_DATA,
                        help=f"the survey as CSV (default: {DEFAULT_DATA})")
    parser.add_argument("--png", default="drivers-ipa.png",
                        help="where to save the importance-performance chart when matplotlib "
                             "is installed (default: drivers-ipa.png)")
    args = parser.parse_args(argv[1:])
    try:
        data, rows = read_with_pandas(args.survey) if pd is not None else read_with_csv(args.survey)
    except (OSError, KeyError, ValueError) as e:
        msg = e.args[0] if isinstance(e, KeyError) else e
        print(f"drivers.py: cannot read the survey: {msg}", file=sys.stderr)
        return 1

    print("Key drivers of overall satisfaction")
    print(f"  survey:  {args.survey}")
    print(f"  answers: {rows} respondents")
    print(f"  libcsat {csat.version()}, read with {'pandas' if pd is not None else 'the csv module'}")
    print()
    try:
        m = fit(data)
        report_model(m)
        report_coefficients(m)
        lmg = np.asarray(m.importance("lmg"))  # exact: 2^23 subsets, a second or two
        report_importance(m, lmg)
        importance, performance, quadrant = report_ipa(m, lmg)
    except (ValueError, ArithmeticError, MemoryError) as e:
        sys.stdout.flush()
        print(f"drivers.py: libcsat: {e}", file=sys.stderr)
        return 1
    try:
        save_chart(args.png, list(m.names), 100 * importance / m.r2, performance, quadrant)
    except OSError as e:
        print(f"drivers.py: cannot save the chart: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
