"""Exact standard deviation of the NIST StRD univariate data *as doubles*.

NumAcc3 and NumAcc4 hold values like 1000000.2 that no double represents
exactly; the SD of the rounded inputs differs from the certified 0.1 in the
10th and 9th digit. This script computes that SD in exact rational
arithmetic (fractions), the best any double-precision method can reach.
tests/test_nist.c uses the printed values. Run: python3 nist_exact_sd.py
"""
from fractions import Fraction
import math
import pathlib

here = pathlib.Path(__file__).parent / "nist" / "univariate"
for name in ["NumAcc3", "NumAcc4"]:
    text = (here / f"{name}.dat").read_text().splitlines()
    y = [Fraction(float(v)) for v in text[60:] if v.strip()]
    n = len(y)
    mean = sum(y) / n
    var = sum((v - mean) ** 2 for v in y) / (n - 1)
    sd = math.sqrt(float(var))
    print(f"{name}: n={n} exact SD of the double inputs = {sd:.17g}, "
          f"LRE vs certified 0.1 = {-math.log10(abs(sd - 0.1) / 0.1):.3f}")
