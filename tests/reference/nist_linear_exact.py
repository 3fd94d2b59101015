"""Exact least-squares solutions of the NIST StRD linear sets *as doubles*.

The certified values are for the decimal data; a program receives the data
rounded to doubles (and polynomial terms x^k rounded by pow()). This script
solves the normal equations of those doubles in exact rational arithmetic
and prints, per set, the LRE of that exact solution against the certified
values: the most any double-precision method can reach. Where it is below
R's figure (Wampler2: 13.20 against R's 13.6), R's extra digits are rounding
errors that happen to cancel the input's. Run: python3 nist_linear_exact.py
"""
from fractions import Fraction
import math
import pathlib

HERE = pathlib.Path(__file__).parent / "nist" / "linear"
# name: (polynomial degree or 0, number of x columns, intercept)
SETS = {"Norris": (0, 1, True), "Pontius": (2, 1, True), "NoInt1": (0, 1, False),
        "NoInt2": (0, 1, False), "Filip": (10, 1, True), "Longley": (0, 6, True),
        "Wampler1": (5, 1, True), "Wampler2": (5, 1, True), "Wampler3": (5, 1, True),
        "Wampler4": (5, 1, True), "Wampler5": (5, 1, True)}


def load(name):
    lines = (HERE / f"{name}.dat").read_text().splitlines()
    cert, first = [], None
    for i, line in enumerate(lines):
        words = line.split()
        if len(words) >= 3 and words[0].startswith("B") and words[0][1:].isdigit() and i < 60:
            cert.append(float(words[1]))
        if "Data" in line and "(lines" in line:
            first = int(line.split("(lines")[1].split()[0])
    rows = [[float(v) for v in line.split()] for line in lines[first - 1:] if line.strip()]
    return cert, rows


def solve(name):
    degree, ncols, intercept = SETS[name]
    cert, rows = load(name)
    y = [Fraction(r[0]) for r in rows]
    if degree:
        xs = [[Fraction(math.pow(r[1], k)) for k in range(1, degree + 1)] for r in rows]
    else:
        xs = [[Fraction(v) for v in r[1:1 + ncols]] for r in rows]
    design = [([Fraction(1)] if intercept else []) + x for x in xs]
    k = len(design[0])
    a = [[sum(d[i] * d[j] for d in design) for j in range(k)] for i in range(k)]
    b = [sum(d[i] * yi for d, yi in zip(design, y)) for i in range(k)]
    for c in range(k):
        for r in range(c + 1, k):
            f = a[r][c] / a[c][c]
            for cc in range(c, k):
                a[r][cc] -= f * a[c][cc]
            b[r] -= f * b[c]
    sol = [Fraction(0)] * k
    for r in range(k - 1, -1, -1):
        sol[r] = (b[r] - sum(a[r][cc] * sol[cc] for cc in range(r + 1, k))) / a[r][r]
    lre = min(16.0 if float(s) == c else -math.log10(abs(float(s) - c) / abs(c))
              for s, c in zip(sol, cert))
    return lre


if __name__ == "__main__":
    for name in SETS:
        print(f"{name:9s} LRE of the exact solution of the double data: {solve(name):.2f}")
