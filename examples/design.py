#!/usr/bin/python3
"""Scores of a survey with its design, and raked weights, with libcsat.

    design.py [survey.csv]

Reads the columns ``nps`` (stored 1..11 = 0..10 shifted by +1),
``overall_sat`` (1..7), ``country``, ``gender`` and ``flight_class`` of a
survey stored as CSV, as examples/data/airlinesat.csv has. pandas reads the
file when it is installed, the csv module otherwise.

1. Raking: the sample's flight classes and genders do not match the
   customer base's, so the respondents' weights are raked to the base's
   margins (illustrative totals for 100,000 customers: Economy 70,000,
   Business 25,000, First 5,000; female 45,000, male 55,000): csat.rake.
2. The design: the airline surveyed customers country by country (strata)
   and, within a country, at the gate of a flight (clusters). The file
   records the country but not the flight, so this example takes each run
   of 25 consecutive respondents of a country as one flight: an assumption
   for the demonstration, which a real survey's flight number would
   replace. The one respondent from France forms a stratum of a single
   flight, which the "adjust" rule handles: csat.Design.
3. NPS and CSAT (6-7 of 1-7) with the raked weights: as if the answers were
   independent (weights=), then with the design (design=). The design
   effect (the variance ratio) says what the design costs or gains:
   clusters whose customers answer alike cost precision, strata that differ
   from one another gain it. Here the flights are runs of consecutive
   respondents, who answer no more alike than any others, while the
   countries differ, so the design gains: its effect is below 1.
4. The NPS of each flight class, with design standard errors (by= with
   design=), and each class against the rest of the sample (their
   covariance within the design included; Holm-adjusted p-values).

The program prints what examples/design.c and examples/design.lua print.
libcsat raises ValueError (bad data or options), csat.ConvergenceError
(raking that does not converge) or MemoryError; the program prints the
message and exits with status 1.
"""

import argparse
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
COLUMNS = ("nps", "overall_sat", "country", "gender", "flight_class")
FLIGHT_SIZE = 25
CLASSES = ("Economy", "Business", "First")
CLASS_TOTALS = {"Economy": 70000, "Business": 25000, "First": 5000}
GENDER_TOTALS = {"female": 45000, "male": 55000}
CSAT_7 = {"scale": (1, 7), "satisfied_min": 6}   # CSAT: 6-7 of 1-7


def read_survey(path):
    """{column: values}: nps (0..10) and overall_sat as numbers (NaN for
    missing), country, gender and flight_class as labels (NaN or None for
    missing): pandas Series, or lists without pandas."""
    if pd is not None:
        df = pd.read_csv(path)  # NA and empty fields become NaN
        for c in COLUMNS:
            if c not in df.columns:
                raise KeyError(f"{path} has no column {c!r}")
        data = {c: df[c] for c in COLUMNS}
        data["nps"] = df["nps"] - 1.0  # stored 1..11
        data["overall_sat"] = df["overall_sat"].astype(float)
        return data

    def number(text, line, column):
        if text in ("", "NA"):
            return math.nan
        try:
            return float(text)
        except ValueError:
            raise ValueError(f"{path}:{line}: column {column}: {text!r} is not a number") from None

    data = {c: [] for c in COLUMNS}
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        for c in COLUMNS:
            if c not in (reader.fieldnames or ()):
                raise KeyError(f"{path} has no column {c!r}")
        for row in reader:
            data["nps"].append(number(row["nps"], reader.line_num, "nps") - 1.0)
            data["overall_sat"].append(number(row["overall_sat"], reader.line_num, "overall_sat"))
            for c in ("country", "gender", "flight_class"):
                data[c].append(None if row[c] in ("", "NA") else row[c])
    return data


def rows(table):
    """The rows of a DataFrame (or of the list of dicts without pandas) as dicts."""
    if pd is not None and isinstance(table, pd.DataFrame):
        return table.to_dict("records")
    return list(table)


def rake(data):
    """Unit weights raked to the customer base's margins (flight class, then gender)."""
    w, info = csat.rake(None, {"flight_class": (data["flight_class"], CLASS_TOTALS),
                               "gender": (data["gender"], GENDER_TOTALS)}, info=True)
    print("Raking to the customer base (flight class and gender margins)")
    print()
    print(f"  converged after {info.iterations} sweeps, largest margin miss "
          f"{info.max_miss:.2g} customers")
    print(f"  weights from {min(w):.1f} to {max(w):.1f} customers per respondent")
    print()
    return w


def flights(countries):
    """Each respondent's flight: the k-th respondent of a country (from 0) is
    on flight k // FLIGHT_SIZE of that country."""
    seen = {}
    out = []
    for c in countries:
        k = seen.get(c, 0)
        seen[c] = k + 1
        out.append(k // FLIGHT_SIZE)
    return out


def make_design(data, w):
    """Strata: countries. Clusters: flights, numbered within each country."""
    countries = data["country"]
    clusters = flights(countries)
    if pd is not None:
        clusters = pd.Series(clusters, index=countries.index)
    d = csat.Design(weights=w, strata=countries, clusters=clusters,
                    nest=True,             # flight k of each country
                    lonely_psu="adjust")   # France: one respondent
    print(f"Design: {d.n} respondents on {d.psus} flights in {d.strata} countries "
          f"({d.lonely} country with one flight; {d.df:.0f} degrees of freedom)")
    print()
    return d


def row(what, est, se, lo, hi, unit):
    print(f"  {what:<28} {est:6.1f}{unit}  SE {se:5.2f}  95% CI [{lo:6.1f}, {hi:6.1f}]")


def scores(data, d, w):
    nps, sat = data["nps"], data["overall_sat"]
    a = csat.nps(nps, w)
    b = csat.nps(nps, design=d)
    c = csat.csat(sat, w, **CSAT_7)
    e = csat.csat(sat, design=d, **CSAT_7)
    print("Scores with the raked weights")
    print()
    row("NPS, answers independent", a.score, a.se, a.ci[0], a.ci[1], " ")
    row("NPS, the design", b.score, b.se, b.ci[0], b.ci[1], " ")
    row("CSAT, answers independent", 100 * c.share, 100 * c.se, 100 * c.ci[0], 100 * c.ci[1],
        "%")
    row("CSAT, the design", 100 * e.share, 100 * e.se, 100 * e.ci[0], 100 * e.ci[1], "%")
    print()
    print(f"  design effect: NPS {(b.se * b.se) / (a.se * a.se):.2f}, "
          f"CSAT {(e.se * e.se) / (c.se * c.se):.2f} "
          "(design variance / independent variance)")
    print()


def by_class(data, d):
    g = csat.nps(data["nps"], by=data["flight_class"], design=d)
    versus = {c["group"]: c for c in rows(g.compare("rest", adjust="holm"))}
    print("NPS by flight class, the design (each class against the rest, Holm)")
    print()
    print(f"  {'class':<10} {'NPS':>6}  {'SE':>5}  {'95% CI':>16}   {'n':>6}  {'vs rest':>7}  "
          f"{'p adj':>6}")
    for label in CLASSES:
        r, c = g[label], versus[label]
        line = (f"  {label:<10} {r.score:6.1f}  {r.se:5.2f}  [{r.ci[0]:6.1f}, {r.ci[1]:6.1f}]   "
                f"{r.n:6d}")
        if c["skipped"] is not None:
            note = f"  (fewer than {g.min_n} answers)" if c["skipped"] == "small" else ""
            print(f"{line}  {'-':>7}  {'-':>6}{note}")
        else:
            print(f"{line}  {c['diff']:+7.1f}  {c['p_adjusted']:6.4f}")


def main(argv):
    parser = argparse.ArgumentParser(
        prog=os.path.basename(argv[0]),
        description="Raked weights and scores with a survey design (columns nps, overall_sat, "
                    "country, gender, flight_class).")
    parser.add_argument("survey", nargs="?", default=DEFAULT_DATA,
                        help=f"the survey as CSV (default: {DEFAULT_DATA})")
    args = parser.parse_args(argv[1:])
    try:
        data = read_survey(args.survey)
    except (OSError, KeyError, ValueError) as e:
        msg = e.args[0] if isinstance(e, KeyError) else e
        print(f"design.py: cannot read the survey: {msg}", file=sys.stderr)
        return 1
    try:
        w = rake(data)
        d = make_design(data, w)
        scores(data, d, w)
        by_class(data, d)
    except (ValueError, ArithmeticError, MemoryError) as e:
        sys.stdout.flush()
        print(f"design.py: libcsat: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
