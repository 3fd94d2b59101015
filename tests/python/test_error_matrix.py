"""The bad-input matrix of doc/errors.md, from Python.

One row per (function, cell): the call, the exception it must raise and,
for errors from the C library, the status code on the exception and words
of its message. The C suite tests/test_errors.c covers every cell; this
table covers the main cells of every family as Python users meet them:
None, empty, all NaN, ±inf, out of scale, bad weights, zero spread,
collinear, too few, size overflow and bad options.

Mapping of the C status to the exception (doc/errors.md): CSAT_ERR_NOMEM
is MemoryError, CSAT_ERR_SINGULAR csat.SingularError (an ArithmeticError),
CSAT_ERR_OVERFLOW OverflowError, every other status ValueError; each carries
`code`, `index` and `column`. Input of the wrong type (None for data, a
string for a number) is a TypeError raised before the library is called.
"""

import dataclasses
import math

import numpy as np
import pytest

import csat

NULL, EMPTY, RANGE, WEIGHT, ARGUMENT, NOMEM, SINGULAR, TOO_FEW, FORMAT, OVERFLOW = range(1, 11)
NAN, INF = math.nan, math.inf

# Fixtures ---------------------------------------------------------------------

NPS = [10, 9, 8, 7, 3, 10, 0, 6, 9, 5]
SAT = [1, 4, 2, 5, 3, 1, 4, 2, 5, 3]
CES = [1, 4, 7, 3, 6, 2, 5, 1, 4, 7]
W = [0.83, 1.27, 0.61, 1.95, 1.02, 0.74, 1.33, 0.58, 1.41, 0.96]
KD_X = np.array([[3, 2], [5, 4], [4, 6], [6, 3], [2, 5], [7, 4],
                 [5, 7], [4, 2], [6, 5], [3, 6], [5, 3], [7, 4]], dtype=float)
KD_Y = np.array([3.1, 5.2, 5.9, 5.1, 3.6, 6.4, 6.8, 3.2, 6.0, 4.9, 4.3, 6.1])
KD_W = np.array(W + [1.18, 0.87])


def with_value(values, i, v):
    a = np.array(values, dtype=float)
    a[i] = v
    return a


def column(x, j, v):
    a = np.array(x, dtype=float, copy=True)
    a[:, j] = v(a) if callable(v) else v
    return a


def patch_u64(blob, offset, value):
    b = bytearray(blob)
    b[offset:offset + 8] = int(value).to_bytes(8, "little")
    return bytes(b)


def patch_f64(blob, offset, value):
    b = bytearray(blob)
    b[offset:offset + 8] = np.float64(value).tobytes()
    return bytes(b)


def model(p=2, intercept=True):
    return csat.key_drivers(KD_X[:, :p], KD_Y, KD_W, intercept=intercept)


def wide_model():
    """25 drivers: one more than dominance analysis keeps 2^p subsets for."""
    rng = np.random.default_rng(7)
    x = rng.integers(1, 8, size=(60, 25)).astype(float)
    y = x @ (np.arange(25) % 3 + 1) / 10 + rng.random(60)
    return csat.key_drivers(x, y)


def tally_past_two_to_the_64():
    """A tally whose point 1 holds 2^64 - 1 answers, built by merges."""
    t = csat.Tally((1, 5)).add([1])
    p = t.copy()
    for _ in range(63):
        p.merge(p)
        t.merge(p)
    return t


def xprod_past_two_to_the_64():
    a = csat.XProd(2).add(KD_X[:1], KD_Y[:1])
    p = a.copy()
    for _ in range(63):
        p.merge(p)
        a.merge(p)
    return a


NPS_R = csat.nps(NPS, W)
NPS_R2 = csat.nps(SAT * 2 + [10])
SHARE_R = csat.csat(SAT, W)
MEAN_R = csat.mean_score(KD_Y)
MEAN_R2 = csat.mean_score(KD_Y + 0.5)


def nps_with(**fields):
    return dataclasses.replace(NPS_R, **fields)


def mean_with(**fields):
    return dataclasses.replace(MEAN_R, **fields)


def share_with(**fields):
    return dataclasses.replace(SHARE_R, **fields)


# The table --------------------------------------------------------------------

CASES = []


def case(function, cell, call, exc, code=None, match=None, index=None, column=None):
    """`index`/`column`: expected on the exception (None: not checked)."""
    CASES.append(pytest.param(call, exc, code, match, index, column,
                              id=f"{function}-{cell}"))


# Scores: arrays of answers on a scale, optional weights.
for name, f, data, lo, hi in [
        ("nps", csat.nps, NPS, 0, 10),
        ("csat", csat.csat, SAT, 1, 5),
        ("top_box", lambda x, w=None, **o: csat.top_box(x, 2, w, **o), SAT, 1, 5),
        ("bottom_box", lambda x, w=None, **o: csat.bottom_box(x, 2, w, **o), SAT, 1, 5),
        ("box_share", lambda x, w=None, **o: csat.box_share(x, 4, 5, w, **o), SAT, 1, 5),
        ("ces", csat.ces, CES, 1, 7),
        ("distribution", csat.distribution, SAT, 1, 5)]:
    case(name, "None", lambda f=f: f(None), TypeError, match="not None")
    case(name, "empty", lambda f=f: f([]), ValueError, EMPTY, "no valid")
    case(name, "all-NaN", lambda f=f: f([NAN] * 4), ValueError, EMPTY, "no valid")
    case(name, "inf", lambda f=f, d=data: f(with_value(d, 2, INF)), ValueError, RANGE,
         "inf at index 2 is outside the scale", 2)
    case(name, "-inf", lambda f=f, d=data: f(with_value(d, 2, -INF)), ValueError, RANGE,
         "outside the scale", 2)
    case(name, "out-of-scale", lambda f=f, d=data, hi=hi: f(with_value(d, 3, hi + 1)),
         ValueError, RANGE, f"outside the scale {lo}..{hi}", 3)
    case(name, "non-integer", lambda f=f, d=data, lo=lo: f(with_value(d, 4, lo + 0.5)),
         ValueError, RANGE, "not an integer", 4)
    case(name, "negative-weight", lambda f=f, d=data: f(d, with_value(W, 1, -1)),
         ValueError, WEIGHT, "weight -1 at index 1", 1)
    case(name, "NaN-weight", lambda f=f, d=data: f(d, with_value(W, 5, NAN)),
         ValueError, WEIGHT, "weight nan at index 5", 5)
    case(name, "zero-weights", lambda f=f, d=data: f(d, [0.0] * len(d)), ValueError, EMPTY,
         "sum to 0")
    case(name, "huge-weights", lambda f=f, d=data: f(d, np.array(W) * 1e300), ValueError,
         WEIGHT, r"outside \[1e-50, 1e50\]", 0)
    case(name, "tiny-weights", lambda f=f, d=data: f(d, np.array(W) * 1e-300), ValueError,
         WEIGHT, r"outside \[1e-50, 1e50\]", 0)
    case(name, "weights-length", lambda f=f, d=data: f(d, W[:3]), ValueError, ARGUMENT,
         "length of weights")
    case(name, "scale-overflow", lambda f=f, d=data: f(d, scale=(-2**31, 2**31 - 1)),
         ValueError, ARGUMENT, "invalid scale")
    if name != "distribution":
        case(name, "level", lambda f=f, d=data: f(d, level=1.5), ValueError, ARGUMENT,
             "level 1.5")
        case(name, "level-string", lambda f=f, d=data: f(d, level="0.9"), TypeError,
             match="level must be a number")

case("nps", "thresholds", lambda: csat.nps(NPS, promoter_min=6, detractor_max=6),
     ValueError, ARGUMENT, "detractor_max < promoter_min")
case("top_box", "k", lambda: csat.top_box(SAT, 0), ValueError, ARGUMENT, "k = 0")
case("csat", "satisfied_min", lambda: csat.csat(SAT, satisfied_min=6), ValueError, ARGUMENT,
     "not a range within the scale")

case("mean_score", "None", lambda: csat.mean_score(None), TypeError, match="not None")
case("mean_score", "empty", lambda: csat.mean_score([]), ValueError, EMPTY, "no valid")
case("mean_score", "all-NaN", lambda: csat.mean_score([NAN, NAN]), ValueError, EMPTY,
     "no valid")
case("mean_score", "inf", lambda: csat.mean_score([1.0, INF]), ValueError, RANGE,
     "inf at index 1 is infinite", 1)
case("mean_score", "out-of-range", lambda: csat.mean_score([1e308, -1e308]), ValueError,
     RANGE, r"beyond \+-1e50", 0)
case("mean_score", "negative-weight", lambda: csat.mean_score(KD_Y, with_value(KD_W, 3, -1)),
     ValueError, WEIGHT, "weight -1 at index 3", 3)
case("mean_score", "weights-1e308", lambda: csat.mean_score([1.0, 2.0], [1e308, 1e308]),
     ValueError, WEIGHT, "outside", 0)
case("mean_score", "level", lambda: csat.mean_score(KD_Y, level=0), ValueError, ARGUMENT,
     "level 0")

INDEX = [[1, 0], [2, 3], [3, 5], [4, 7], [5, 10], [3, 2]]
SCALES = [(1, 5), (0, 10)]
case("index", "None", lambda: csat.index(None, scales=SCALES), TypeError)
case("index", "empty", lambda: csat.index(np.empty((0, 2)), scales=SCALES), ValueError, EMPTY,
     "no valid")
case("index", "all-NaN", lambda: csat.index(np.full((3, 2), NAN), scales=SCALES), ValueError,
     EMPTY, "no valid")
case("index", "inf", lambda: csat.index(column(INDEX, 1, lambda a: np.where(a[:, 1] == 5, INF,
                                                                            a[:, 1])),
                                        scales=SCALES),
     ValueError, RANGE, "row 2, item 1", 2, 1)
case("index", "out-of-scale", lambda: csat.index([[1, 0], [6, 3]], scales=SCALES), ValueError,
     RANGE, "outside the item's scale 1..5", 1, 0)
case("index", "negative-weight", lambda: csat.index(INDEX, [1, -1, 1, 1, 1, 1], scales=SCALES),
     ValueError, WEIGHT, "weight -1 at index 1", 1)
case("index", "item-weights-overflow",
     lambda: csat.index(INDEX, scales=SCALES, item_weights=[1e308, 1e308]),
     ValueError, ARGUMENT, "item weights")
case("index", "bad-scale", lambda: csat.index(INDEX, scales=[(1, 5), (10, 0)]), ValueError,
     ARGUMENT, "item 1 has an invalid scale", None, 1)

# Accumulators.
case("Tally", "bad-scale", lambda: csat.Tally((5, 1)), ValueError, ARGUMENT, "invalid scale")
case("Tally", "scale-overflow", lambda: csat.Tally((-2**31, 2**31 - 1)), ValueError, ARGUMENT,
     "at most 1048576 points")
case("Tally.add", "None", lambda: csat.Tally((1, 5)).add(None), TypeError, match="not None")
case("Tally.add", "inf", lambda: csat.Tally((1, 5)).add([1, INF]), ValueError, RANGE,
     "outside the scale 1..5", 1)
case("Tally.add", "out-of-scale", lambda: csat.Tally((1, 5)).add([1, 6]), ValueError, RANGE,
     "value 6 at index 1", 1)
case("Tally.add", "non-integer", lambda: csat.Tally((1, 5)).add([1, 2.5]), ValueError, RANGE,
     "not an integer", 1)
case("Tally.add", "negative-weight", lambda: csat.Tally((1, 5)).add([1, 2], [1, -1]),
     ValueError, WEIGHT, "weight -1", 1)
case("Tally.add", "huge-weights", lambda: csat.Tally((1, 5)).add([1, 2], [1e300, 1e300]),
     ValueError, WEIGHT, "outside", 0)
case("Tally.add", "count-overflow", lambda: tally_past_two_to_the_64().add([1]), OverflowError,
     OVERFLOW, "would overflow")
case("Tally.merge", "other-scale", lambda: csat.Tally((1, 5)).merge(csat.Tally((0, 10))),
     ValueError, ARGUMENT, "cannot merge")
case("Tally.merge", "wrong-type", lambda: csat.Tally((1, 5)).merge(csat.Moments()), TypeError)
case("Tally.merge", "count-overflow",
     lambda: tally_past_two_to_the_64().merge(csat.Tally((1, 5)).add([1])), OverflowError,
     OVERFLOW, "would overflow")
case("Tally.deserialize", "None", lambda: csat.Tally.deserialize(None), TypeError)
case("Tally.deserialize", "empty", lambda: csat.Tally.deserialize(b""), ValueError, FORMAT,
     "not a serialized tally")
case("Tally.deserialize", "garbage", lambda: csat.Tally.deserialize(b"not a tally"), ValueError,
     FORMAT)
TALLY_BLOB = csat.Tally((1, 5)).add([1, 2, 2, 5]).add([3, 4], [2, 0.5]).serialize()
case("Tally.deserialize", "sum-w2-zero",
     lambda: csat.Tally.deserialize(patch_f64(TALLY_BLOB, 24 + 32 * 2 + 24, 0.0)),
     ValueError, FORMAT, "inconsistent")
case("Tally.deserialize", "counts-wrap",
     lambda: csat.Tally.deserialize(patch_u64(patch_u64(TALLY_BLOB, 24, 2**63), 56, 2**63)),
     ValueError, FORMAT, "inconsistent")
for est in ("nps", "csat", "mean", "ces"):
    scale = {"nps": (0, 10), "ces": (1, 7)}.get(est, (1, 5))
    case(f"Tally.{est}", "empty", lambda est=est, s=scale: getattr(csat.Tally(s), est)(),
         ValueError, EMPTY, "no valid")
    case(f"Tally.{est}", "all-NaN",
         lambda est=est, s=scale: getattr(csat.Tally(s).add([NAN, NAN]), est)(),
         ValueError, EMPTY, "no valid")
case("Tally.nps", "scale", lambda: csat.Tally((1, 5)).add(SAT).nps(), ValueError, ARGUMENT)

case("Moments.add", "None", lambda: csat.Moments().add(None), TypeError)
case("Moments.add", "inf", lambda: csat.Moments().add([1, INF]), ValueError, RANGE,
     "infinite", 1)
case("Moments.add", "out-of-range", lambda: csat.Moments().add([1, 1e60]), ValueError, RANGE,
     r"beyond \+-1e50", 1)
case("Moments.add", "NaN-weight", lambda: csat.Moments().add([1, 2], [1, NAN]), ValueError,
     WEIGHT, "weight nan", 1)
case("Moments.add", "tiny-weights", lambda: csat.Moments().add([1, 2], [1e-300, 1e-300]),
     ValueError, WEIGHT, "outside", 0)
case("Moments.mean", "empty", lambda: csat.Moments().mean(), ValueError, EMPTY, "no valid")
case("Moments.mean", "all-NaN", lambda: csat.Moments().add([NAN]).mean(), ValueError, EMPTY)
case("Moments.mean", "zero-weights", lambda: csat.Moments().add([1, 2], [0, 0]).mean(),
     ValueError, EMPTY, "sum to 0")
MOMENTS_BLOB = csat.Moments().add([1, 2, 4], [1, 2, 1]).serialize()
case("Moments.merge", "count-overflow",
     lambda: csat.Moments().add([1, 2, 3]).merge(
         csat.Moments.deserialize(patch_u64(MOMENTS_BLOB, 8, 2**64 - 2))),
     OverflowError, OVERFLOW, "do not fit")
case("Moments.deserialize", "empty", lambda: csat.Moments.deserialize(b""), ValueError, FORMAT)
case("Moments.deserialize", "zeros", lambda: csat.Moments.deserialize(b"\0" * 96), ValueError,
     FORMAT)
case("Moments.deserialize", "min-above-max",
     lambda: csat.Moments.deserialize(patch_f64(patch_f64(MOMENTS_BLOB, 72, 4.0), 80, 1.0)),
     ValueError, FORMAT, "inconsistent")
case("Moments.deserialize", "n0-with-weight",
     lambda: csat.Moments.deserialize(patch_u64(MOMENTS_BLOB, 8, 0)), ValueError, FORMAT,
     "inconsistent")

case("XProd", "p=0", lambda: csat.XProd(0), ValueError, ARGUMENT, "p = 0")
case("XProd", "p-overflow", lambda: csat.XProd(2**64 - 1), ValueError, ARGUMENT)
case("XProd.add", "inf", lambda: csat.XProd(2).add(column(KD_X, 1, INF), KD_Y), ValueError,
     RANGE, "infinite", 0, 1)
case("XProd.add", "negative-weight", lambda: csat.XProd(2).add(KD_X, KD_Y, with_value(KD_W, 3, -1)),
     ValueError, WEIGHT, "weight -1 at index 3", 3)
case("XProd.add", "huge-weights", lambda: csat.XProd(2).add(KD_X, KD_Y, KD_W * 1e300),
     ValueError, WEIGHT, "outside", 0)
case("XProd.merge", "other-p", lambda: csat.XProd(2).merge(csat.XProd(3)), ValueError,
     ARGUMENT, "cannot merge")
case("XProd.merge", "count-overflow",
     lambda: xprod_past_two_to_the_64().merge(csat.XProd(2).add(KD_X, KD_Y)), OverflowError,
     OVERFLOW, "do not fit")
XPROD_BLOB = csat.XProd(2).add(KD_X, KD_Y, KD_W).serialize()
case("XProd.deserialize", "empty", lambda: csat.XProd.deserialize(b""), ValueError, FORMAT)
case("XProd.deserialize", "n0-npos",
     lambda: csat.XProd.deserialize(patch_u64(patch_u64(XPROD_BLOB, 16, 0), 32, 10**6)),
     ValueError, FORMAT, "inconsistent")

# Key drivers.
case("key_drivers", "None", lambda: csat.key_drivers(None, KD_Y), TypeError, match="not None")
case("key_drivers", "empty", lambda: csat.key_drivers(np.empty((0, 2)), np.empty(0)),
     ValueError, TOO_FEW, "0 complete rows")
case("key_drivers", "all-NaN", lambda: csat.key_drivers(KD_X, np.full(12, NAN)), ValueError,
     TOO_FEW, "0 complete rows")
case("key_drivers", "inf", lambda: csat.key_drivers(column(KD_X, 1, INF), KD_Y), ValueError,
     RANGE, "row 0, driver 1", 0, 1)
case("key_drivers", "out-of-range", lambda: csat.key_drivers(KD_X, with_value(KD_Y, 4, 1e60)),
     ValueError, RANGE, r"beyond \+-1e50", 4, 2)
case("key_drivers", "negative-weight",
     lambda: csat.key_drivers(KD_X, KD_Y, with_value(KD_W, 3, -1)), ValueError, WEIGHT,
     "weight -1", 3)
case("key_drivers", "zero-weights", lambda: csat.key_drivers(KD_X, KD_Y, np.zeros(12)),
     ValueError, TOO_FEW, "0 complete rows with positive weight")
case("key_drivers", "huge-weights", lambda: csat.key_drivers(KD_X, KD_Y, KD_W * 1e300),
     ValueError, WEIGHT, "outside", 0)
case("key_drivers", "constant-outcome", lambda: csat.key_drivers(KD_X, np.full(12, 0.7)),
     csat.SingularError, SINGULAR, "outcome .* constant", None, 2)
case("key_drivers", "constant-outcome-weighted",
     lambda: csat.key_drivers(KD_X, np.full(12, 7.0), KD_W), csat.SingularError, SINGULAR,
     "constant", None, 2)
case("key_drivers", "constant-driver", lambda: csat.key_drivers(column(KD_X, 1, 0.7), KD_Y, KD_W),
     csat.SingularError, SINGULAR, "driver 1", None, 1)
case("key_drivers", "collinear",
     lambda: csat.key_drivers(column(KD_X, 1, lambda a: 2 * a[:, 0] + 1), KD_Y),
     csat.SingularError, SINGULAR, "linear combination", None, 1)
case("key_drivers", "n<=p", lambda: csat.key_drivers(KD_X[:3], KD_Y[:3]), ValueError, TOO_FEW,
     "need more rows than coefficients")
case("key_drivers", "level", lambda: csat.key_drivers(KD_X, KD_Y, level=1.5), ValueError,
     ARGUMENT, "level")
case("key_drivers", "intercept-type", lambda: csat.key_drivers(KD_X, KD_Y, intercept="yes"),
     TypeError)
case("key_drivers_from", "constant-driver",
     lambda: csat.key_drivers_from(csat.XProd(2).add(column(KD_X, 1, 0.7), KD_Y, KD_W)),
     csat.SingularError, SINGULAR, "driver 1", None, 1)
case("key_drivers_from", "empty", lambda: csat.key_drivers_from(csat.XProd(2)), ValueError,
     TOO_FEW)
case("importance", "method", lambda: model().importance("gini"), ValueError, None,
     "method must be one of")
case("importance", "exact_max", lambda: model().importance("lmg", exact_max=31), ValueError,
     ARGUMENT, "exact_max = 31")
case("importance", "permutations",
     lambda: model().importance("lmg", exact_max=1, permutations=1), ValueError, ARGUMENT,
     "permutations")
case("importance", "no-intercept", lambda: model(intercept=False).importance("lmg"), ValueError,
     ARGUMENT, "intercept")
case("dominance", "p>24", lambda: wide_model().dominance(), ValueError, ARGUMENT, "p = 25")
case("bootstrap", "reps-overflow", lambda: model(p=1).bootstrap(reps=2**61 + 1), OverflowError,
     OVERFLOW, "do not fit")
case("bootstrap", "reps-no-memory", lambda: model(p=1).bootstrap(reps=2**58), ValueError,
     ARGUMENT, "at most 10000000 replicates")
case("bootstrap", "reps<2", lambda: model().bootstrap(reps=1), ValueError, ARGUMENT,
     "at least 2")
case("bootstrap", "from-xprod",
     lambda: csat.key_drivers_from(csat.XProd(2).add(KD_X, KD_Y)).bootstrap(), ValueError,
     ARGUMENT)
case("ipa", "inf-performance",
     lambda: model().ipa("lmg", performance=[4.0, INF]), ValueError, ARGUMENT, "non-finite")

# Comparisons.
case("compare", "None", lambda: csat.compare(None, NPS_R2), TypeError)
case("compare", "kinds", lambda: csat.compare(NPS_R, SHARE_R), TypeError, match="cannot compare")
case("compare", "NaN-score", lambda: csat.compare(nps_with(score=NAN), NPS_R2), ValueError,
     ARGUMENT, "NPS of nan")
case("compare", "inf-score", lambda: csat.compare(nps_with(score=INF), NPS_R2), ValueError,
     ARGUMENT)
case("compare", "out-of-scale-nps", lambda: csat.compare(nps_with(score=150.0), NPS_R2),
     ValueError, ARGUMENT, "not between -100 and 100")
case("compare", "NaN-se", lambda: csat.compare(nps_with(se=NAN), NPS_R2), ValueError, ARGUMENT,
     "standard error")
case("compare", "NaN-mean", lambda: csat.compare(mean_with(score=NAN), MEAN_R2), ValueError,
     ARGUMENT, "score of nan")
case("compare", "inf-mean", lambda: csat.compare(MEAN_R, mean_with(score=-INF)), ValueError,
     ARGUMENT)
case("compare", "one-observation", lambda: csat.compare(mean_with(df=0.0), MEAN_R2), ValueError,
     ARGUMENT, "degrees of freedom")
case("compare", "NaN-share", lambda: csat.compare(share_with(share=NAN), SHARE_R), ValueError,
     ARGUMENT)
case("compare", "share-out-of-scale", lambda: csat.compare(share_with(share=1.5), SHARE_R),
     ValueError, ARGUMENT)
case("compare", "benchmark-out-of-scale", lambda: csat.compare(NPS_R, benchmark=101),
     ValueError, ARGUMENT, "benchmark 101")
case("compare", "level", lambda: csat.compare(NPS_R, NPS_R2, level=1.5), ValueError, ARGUMENT)
case("adjust", "None", lambda: csat.adjust(None), TypeError)
case("adjust", "NaN", lambda: csat.adjust([0.1, NAN]), ValueError, RANGE, "p-value nan", 1)
case("adjust", "inf", lambda: csat.adjust([0.1, INF]), ValueError, RANGE, "not in", 1)
case("adjust", "out-of-scale", lambda: csat.adjust([0.1, 0.2, 1.5]), ValueError, RANGE,
     "1.5 at index 2", 2)
case("adjust", "method", lambda: csat.adjust([0.1], "fisher"), ValueError)
case("trend", "empty", lambda: csat.trend([]), ValueError, TOO_FEW)
case("trend", "n<=p", lambda: csat.trend([(30, 2)]), ValueError, TOO_FEW, "at least 2 waves")
case("trend", "NaN-score", lambda: csat.trend([(30, 2), (NAN, 2)]), ValueError, ARGUMENT,
     "wave 1", 1)
case("trend", "inf-score", lambda: csat.trend([(30, 2), (INF, 2)]), ValueError, ARGUMENT,
     "wave 1", 1)
case("trend", "zero-se", lambda: csat.trend([(30, 2), (31, 0)]), ValueError, ARGUMENT,
     "wave 1", 1)
case("trend", "times", lambda: csat.trend([(30, 2), (31, 2)], times=[1, 1]), ValueError,
     ARGUMENT, "increase strictly", 1)
case("percentile_rank", "empty", lambda: csat.percentile_rank(30, []), ValueError, EMPTY,
     "no peer")
case("percentile_rank", "NaN-peer", lambda: csat.percentile_rank(30, [20, NAN]), ValueError,
     RANGE, "index 1", 1)
case("percentile_rank", "inf-peer", lambda: csat.percentile_rank(30, [INF, 20]), ValueError,
     RANGE, "index 0", 0)
case("percentile_rank", "NaN-score", lambda: csat.percentile_rank(NAN, [20, 30]), ValueError,
     RANGE, "score nan")
GAP_E = np.array([[i % 5 + 1, i % 7 + 1] for i in range(300)], dtype=float)
GAP_P = np.array([[(3 * i) % 5 + 1, (2 * i) % 7 + 1] for i in range(300)], dtype=float)


def gap_with(which, row, col, value):
    e, p = GAP_E.copy(), GAP_P.copy()
    (e if which == "e" else p)[row, col] = value
    return csat.gap(e, p)


case("gap", "empty", lambda: csat.gap(np.empty((0, 2)), np.empty((0, 2))), ValueError, TOO_FEW,
     "attribute 0", None, 0)
case("gap", "all-NaN", lambda: csat.gap(np.full((5, 2), NAN), GAP_P[:5]), ValueError, TOO_FEW,
     "attribute 0", None, 0)
case("gap", "inf", lambda: gap_with("p", 280, 1, INF), ValueError, RANGE, "row 280", 280, 1)
case("gap", "difference-overflow",
     lambda: csat.gap(np.where(np.arange(600).reshape(300, 2) == 561, -1e308, GAP_E),
                      np.where(np.arange(600).reshape(300, 2) == 561, 1e308, GAP_P)),
     ValueError, RANGE, "row 280", 280, 1)
case("gap", "n<=p", lambda: csat.gap(GAP_E[:1], GAP_P[:1]), ValueError, TOO_FEW,
     "at least 2", None, 0)

# Business measures.
case("retention", "zero-start", lambda: csat.retention(0, 10, 0), ValueError, ARGUMENT,
     "no customers at the start")
case("retention", "NaN", lambda: csat.retention(NAN, 10, 0), ValueError, ARGUMENT)
case("retention", "inf", lambda: csat.retention(100, INF, 0), ValueError, ARGUMENT)
case("retention", "negative", lambda: csat.retention(100, 90, -1), ValueError, ARGUMENT)
case("retention", "inconsistent", lambda: csat.retention(100, 95, 96), ValueError, ARGUMENT,
     "inconsistent")
case("churn", "empty", lambda: csat.churn([], [], 0, 1), ValueError, EMPTY)
case("churn", "inf-start", lambda: csat.churn([0, INF], [NAN, NAN], 0, 1), ValueError, RANGE,
     "customer 1", 1)
case("churn", "end-before-start", lambda: csat.churn([0, 2], [NAN, 1], 0, 3), ValueError,
     RANGE, "before its start", 1)
case("churn", "period", lambda: csat.churn([0, 1], [2, NAN], 3, 3), ValueError, ARGUMENT,
     "t0 < t1")
case("churn_convert", "NaN", lambda: csat.churn_convert(NAN, 12), ValueError, ARGUMENT)
case("churn_convert", "out-of-scale", lambda: csat.churn_convert(1.5, 12), ValueError,
     ARGUMENT, "0 <= churn <= 1")
case("churn_convert", "inf-k", lambda: csat.churn_convert(0.1, INF), ValueError, ARGUMENT)
DUR = [3, 5, 5, 8, 10, 12, 15, 20]
case("survival", "None", lambda: csat.survival(None), TypeError)
case("survival", "empty", lambda: csat.survival([]), ValueError, EMPTY, "no valid")
case("survival", "all-NaN", lambda: csat.survival([NAN, NAN]), ValueError, EMPTY)
case("survival", "inf", lambda: csat.survival(with_value(DUR, 2, INF)), ValueError, RANGE,
     "index 2", 2)
case("survival", "negative", lambda: csat.survival(with_value(DUR, 3, -1)), ValueError, RANGE,
     "time -1 at index 3", 3)
case("survival", "flag", lambda: csat.survival(DUR, with_value([1] * 8, 4, 0.5)), ValueError,
     RANGE, "flag 0.5", 4)
case("survival", "level", lambda: csat.survival(DUR, level=1.5), ValueError, ARGUMENT)
case("survival.at", "NaN", lambda: csat.survival(DUR).at(NAN), ValueError, ARGUMENT,
     "not finite")
case("clv", "NaN-margin", lambda: csat.clv(NAN, 0.8, 0.1), ValueError, ARGUMENT)
case("clv", "inf-margin", lambda: csat.clv(INF, 0.8, 0.1), ValueError, ARGUMENT)
case("clv", "retention-out-of-scale", lambda: csat.clv(100, 1.5, 0.1), ValueError, ARGUMENT)
case("clv", "horizon-non-integer", lambda: csat.clv(100, 0.8, 0.1, horizon=2.5), ValueError,
     ARGUMENT, "whole number")
case("clv", "diverges", lambda: csat.clv(100, 1.0, 0.0), ValueError, ARGUMENT, "converge")
case("clv", "timing", lambda: csat.clv(100, 0.8, 0.1, timing="middle"), ValueError)
case("rate", "NaN", lambda: csat.rate(NAN, 100), ValueError, ARGUMENT)
case("rate", "negative", lambda: csat.rate(-1, 100), ValueError, ARGUMENT, "whole number")
case("rate", "non-integer", lambda: csat.rate(2.5, 100), ValueError, ARGUMENT, "whole number")
case("rate", "zero-exposure", lambda: csat.rate(3, 0), ValueError, ARGUMENT, "exposure")
case("rate", "inf-exposure", lambda: csat.rate(3, INF), ValueError, ARGUMENT, "exposure")
case("complaints", "empty", lambda: csat.complaints([]), ValueError, EMPTY, "no valid")
case("complaints", "all-NaN", lambda: csat.complaints([NAN, NAN]), ValueError, EMPTY)
case("complaints", "code-beyond-2^53", lambda: csat.complaints([1, 2**60]), ValueError, RANGE,
     r"2\^53", 1)
RT = [3, 5, 5, 8, 10, 12, 15, 20]
RF = [1, 1, 0, 1, 0, 1, 1, 0]
case("resolution_times", "empty", lambda: csat.resolution_times([], sla=1), ValueError, EMPTY)
case("resolution_times", "all-NaN", lambda: csat.resolution_times([NAN], sla=1), ValueError,
     EMPTY)
case("resolution_times", "inf", lambda: csat.resolution_times(with_value(RT, 2, INF), RF, sla=10),
     ValueError, RANGE, "index 2", 2)
case("resolution_times", "negative",
     lambda: csat.resolution_times(with_value(RT, 3, -1), RF, sla=10), ValueError, RANGE,
     "time -1", 3)
case("resolution_times", "flag", lambda: csat.resolution_times(RT, with_value(RF, 4, 2), sla=10),
     ValueError, RANGE, "flag 2", 4)
case("resolution_times", "none-resolved", lambda: csat.resolution_times(RT, [0] * 8, sla=10),
     ValueError, EMPTY, "no resolved complaint")
case("resolution_times", "sla", lambda: csat.resolution_times(RT, RF, sla=-1), ValueError,
     ARGUMENT, "SLA")
case("resolution_times", "quantile",
     lambda: csat.resolution_times(RT, RF, sla=10, quantiles=[0.5, 1.5]), ValueError, ARGUMENT,
     "probability 1.5", 1)
case("reviews", "None", lambda: csat.reviews(None), TypeError)
case("reviews", "empty", lambda: csat.reviews([]), ValueError, EMPTY)
case("reviews", "all-NaN", lambda: csat.reviews([NAN]), ValueError, EMPTY)
case("reviews", "inf", lambda: csat.reviews([1, INF]), ValueError, RANGE, "index 1", 1)
case("reviews", "out-of-scale", lambda: csat.reviews([1, 6]), ValueError, RANGE, "value 6", 1)
case("reviews", "non-integer", lambda: csat.reviews([1, 4.5]), ValueError, RANGE,
     "not an integer", 1)
case("reviews", "prior", lambda: csat.reviews(SAT, prior=(3, -1)), ValueError, ARGUMENT,
     "prior")
case("reviews", "level", lambda: csat.reviews(SAT, level=1.5), ValueError, ARGUMENT)


@pytest.mark.parametrize("call, exc, code, match, index, column", CASES)
def test_bad_input(call, exc, code, match, index, column):
    with pytest.raises(Exception) as e:
        call()
    err = e.value
    assert type(err) is exc, f"raised {type(err).__name__}: {err}"
    if match is not None:
        assert e.match(match)
    if code is not None:
        assert err.code == code, f"code {err.code}: {err}"
        assert str(err), "a library error has the library's message"
    if index is not None:
        assert err.index == index
    if column is not None:
        assert err.column == column


# Cells that succeed ------------------------------------------------------------

@pytest.mark.parametrize("scale", [1e45, 1e-45])
@pytest.mark.parametrize("f, data", [(csat.nps, NPS), (csat.csat, SAT), (csat.ces, CES),
                                     (csat.mean_score, KD_Y[:10])],
                         ids=["nps", "csat", "ces", "mean_score"])
def test_weights_within_the_accepted_range_do_not_change_results(f, data, scale):
    ref = f(data, W)
    r = f(data, np.array(W) * scale)
    for field in ("score", "se"):
        a, b = getattr(r, field, None), getattr(ref, field, None)
        if a is None:  # CES: compare its parts
            a, b = r.effort.se, ref.effort.se
        assert a == pytest.approx(b, rel=1e-12)


@pytest.mark.parametrize("scale", [1e45, 1e-45])
def test_key_driver_weights_within_the_accepted_range_do_not_change_the_fit(scale):
    ref = csat.key_drivers(KD_X, KD_Y, KD_W)
    m = csat.key_drivers(KD_X, KD_Y, KD_W * scale)
    assert m.coef == pytest.approx(ref.coef, rel=1e-9)
    assert m.se == pytest.approx(ref.se, rel=1e-9)
    assert m.r2 == pytest.approx(ref.r2, rel=1e-12)


def test_zero_spread_is_a_result_not_an_error():
    assert csat.nps([10, 10, 10]).se == 0
    assert csat.csat([5, 5, 5]).se == 0
    r = csat.mean_score([0.7] * 5, W[:5])
    assert r.sd == 0 and r.se == 0
    c = csat.compare(nps_with(se=0.0), dataclasses.replace(NPS_R2, se=0.0))
    assert c.p in (0.0, 1.0)


def test_one_observation_is_a_result_with_nan_spread():
    r = csat.mean_score([4.0])
    assert r.score == 4 and math.isnan(r.sd) and math.isnan(r.se)


def test_nan_is_missing_and_counted():
    r = csat.nps([10, NAN, 9])
    assert r.n == 2 and r.n_missing == 1
    t = csat.Tally((1, 5)).add([NAN, NAN])
    assert t.sample.n == 0 and t.sample.n_missing == 2


@pytest.mark.parametrize("se", [1e-160, 1e160])
def test_extreme_standard_errors_keep_welch_df(se):
    a, b = mean_with(se=se, df=99.0), dataclasses.replace(MEAN_R2, se=se, df=99.0)
    c = csat.compare(a, b)
    assert c.df == pytest.approx(198, rel=1e-9)
    assert 0 <= c.p <= 1


# Accumulators are unchanged by a call that fails ---------------------------------

@pytest.mark.parametrize("make, bad", [
    (lambda: csat.Tally((1, 5)).add(SAT), lambda t: t.add([1, 6])),
    (lambda: csat.Tally((1, 5)).add(SAT), lambda t: t.add([1, 2], [1, -1])),
    (lambda: csat.Tally((1, 5)).add(SAT), lambda t: t.merge(csat.Tally((0, 10)))),
    (lambda: csat.Moments().add(KD_Y), lambda m: m.add([1, INF])),
    (lambda: csat.Moments().add(KD_Y), lambda m: m.add([1, 2], [1, 1e300])),
    (lambda: csat.XProd(2).add(KD_X, KD_Y), lambda a: a.add(column(KD_X, 0, INF), KD_Y)),
    (lambda: csat.XProd(2).add(KD_X, KD_Y), lambda a: a.merge(csat.XProd(3))),
], ids=["tally-range", "tally-weight", "tally-merge", "moments-inf", "moments-weight",
        "xprod-inf", "xprod-merge"])
def test_failed_call_leaves_the_accumulator_unchanged(make, bad):
    acc = make()
    before = acc.serialize()
    with pytest.raises((ValueError, TypeError, ArithmeticError)):
        bad(acc)
    assert acc.serialize() == before


# The mapping of statuses to exceptions -------------------------------------------

def test_status_exception_mapping():
    assert issubclass(csat.SingularError, ArithmeticError)
    assert not issubclass(csat.SingularError, ValueError)
    with pytest.raises(OverflowError) as e:
        model(p=1).bootstrap(reps=2**61 + 1)
    assert (e.value.code, e.value.index, e.value.column) == (OVERFLOW, None, None)
    with pytest.raises(csat.SingularError) as e:
        csat.key_drivers(KD_X, np.full(12, 0.7))
    assert e.value.code == SINGULAR
    with pytest.raises(ValueError) as e:
        csat.nps([1, 11])
    assert (e.value.code, e.value.index, e.value.column) == (RANGE, 1, None)
