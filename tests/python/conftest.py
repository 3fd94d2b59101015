"""Shared helpers of the binding tests (the data live in reference.py)."""

import math


def close15(actual, expected):
    """Equal to 15 significant digits (or both NaN)."""
    actual, expected = float(actual), float(expected)
    if math.isnan(expected):
        return math.isnan(actual)
    return actual == expected or abs(actual - expected) <= 5e-15 * max(abs(actual), abs(expected))


def same(a, b):
    """Bit-for-bit equality of two floats (NaN equals NaN)."""
    a, b = float(a), float(b)
    return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))


def flat(result):
    """A result's dict with the interval split into ci_lower / ci_upper."""
    d = result.to_dict()
    d["ci_lower"], d["ci_upper"] = d.pop("ci")
    return d


def assert_results_equal(a, b):
    """Two results with bit-for-bit equal numbers."""
    da, db = a.to_dict(), b.to_dict()
    assert _same_tree(da, db), f"{a!r} != {b!r}"


def _same_tree(a, b):
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same_tree(a[k], b[k]) for k in a)
    if isinstance(a, tuple):
        return len(a) == len(b) and all(_same_tree(x, y) for x, y in zip(a, b))
    if isinstance(a, float):
        return same(a, b)
    return a == b


def t_quantile(p, df):
    """The t quantile to full precision: scipy 1.10's t.ppf (cephes stdtrit)
    is off by up to ~5e-9 relative (R's qt(0.95, 36) is 1.6882977141168156,
    scipy gives 1.6882977108...), so refine it with Newton steps on the
    accurate upper tail t.sf."""
    from scipy import stats
    q = stats.t.ppf(p, df)
    for _ in range(2):
        q += (stats.t.sf(q, df) - (1 - p)) / stats.t.pdf(q, df)
    return q
