"""Regression tests of the hardening issue, as far as Python reaches them.

Finding 9: input that numpy would read wrongly without a word (masked
arrays, complex numbers, strings, dates and durations, pandas objects
matched by position) is read correctly or refused. Findings 1, 2 and 5,
fixed in the C library, are checked here through the bindings.
"""

import dataclasses
import datetime
import math
import warnings

import numpy as np
import pytest

import csat
from csat import _convert

CODE_RANGE, CODE_WEIGHT = 3, 4

NPS = [10, 9, 0, 5, 7, 10, 3, 8, 9, 6]
NPS_W = [1.0, 2.0, 1.0, 3.0, 1.0, 1.0, 2.0, 0.5, 1.5, 1.0]

# Key-driver data: two drivers, an outcome, weights (no constant column).
KD_X = np.array([[6, 5], [5, 7], [7, 7], [1, 4], [5, 6], [4, 5], [2, 4], [6, 5], [2, 5],
                 [6, 5], [3, 6], [5, 6]], dtype=float)
KD_Y = np.array([6.5, 5.0, 7.0, 3.5, 4.5, 3.5, 1.5, 5.0, 1.5, 6.0, 3.5, 5.5])
KD_W = np.array([0.87, 1.39, 1.28, 1.64, 1.63, 1.55, 0.9, 1.2, 1.64, 1.02, 1.43, 0.92])


@pytest.fixture
def pd():
    return pytest.importorskip("pandas")


def same(a, b):
    """Two results' dicts equal, NaN equal to NaN."""
    def norm(v):
        if isinstance(v, dict):
            return {k: norm(x) for k, x in v.items()}
        if isinstance(v, (tuple, list)):
            return tuple(norm(x) for x in v)
        return "nan" if isinstance(v, float) and v != v else v
    return norm(a.to_dict()) == norm(b.to_dict())


# Finding 9: numpy masked arrays -------------------------------------------------

def test_masked_scores_are_missing():
    x = np.ma.masked_array([10.0, 0.0, 0.0, 9.0], mask=[False, True, True, False])
    r = csat.nps(x)
    assert (r.score, r.n, r.n_missing) == (100.0, 2, 2)
    assert same(r, csat.nps([10.0, np.nan, np.nan, 9.0]))
    assert x.data.tolist() == [10.0, 0.0, 0.0, 9.0]     # the caller's data untouched


def test_masked_integer_scores_and_weights_alongside():
    x = np.ma.masked_array(np.array(NPS), mask=[i % 3 == 0 for i in range(len(NPS))])
    expected = [np.nan if m else v for v, m in zip(NPS, x.mask)]
    assert csat.nps(x, NPS_W).to_dict() == csat.nps(expected, NPS_W).to_dict()
    assert csat.csat(x, scale=(0, 10), satisfied_min=7).to_dict() == \
        csat.csat(expected, scale=(0, 10), satisfied_min=7).to_dict()
    assert csat.mean_score(x).to_dict() == csat.mean_score(expected).to_dict()


def test_masked_array_without_masked_values_is_plain():
    x = np.ma.masked_array(np.array(NPS, dtype=float))
    assert csat.nps(x).to_dict() == csat.nps(NPS).to_dict()


def test_masked_values_in_accumulators():
    x = np.ma.masked_array([5.0, 1.0, 4.0], mask=[False, True, False])
    t = csat.Tally((1, 5)).add(x)
    assert (t.sample.n, t.sample.n_missing) == (2, 1)
    m = csat.Moments().add(x)
    assert same(m.mean(), csat.mean_score([5.0, np.nan, 4.0]))


def test_masked_matrix_rows_are_missing():
    xm = np.ma.masked_array(KD_X.copy(), mask=np.zeros(KD_X.shape, dtype=bool))
    xm[3, 1] = np.ma.masked
    xn = KD_X.copy()
    xn[3, 1] = np.nan
    a = csat.key_drivers(xm, KD_Y, KD_W)
    b = csat.key_drivers(xn, KD_Y, KD_W)
    assert a.n_missing == 1
    assert a.summary() == b.summary()
    y = np.ma.masked_array(KD_Y, mask=[i == 5 for i in range(len(KD_Y))])
    yn = KD_Y.copy()
    yn[5] = np.nan
    assert csat.key_drivers(KD_X, y).summary() == csat.key_drivers(KD_X, yn).summary()
    items = np.ma.masked_array([[5, 4], [3, 2], [1, 1]], mask=[[0, 0], [0, 1], [0, 0]])
    r = csat.index(items, scales=(1, 5))
    assert (r.n, r.n_missing) == (2, 1)


def test_masked_weight_is_refused():
    w = np.ma.masked_array([1.0, 2.0, 1.0], mask=[False, True, False])
    with pytest.raises(ValueError, match=r"weights must not have masked values .*position 1"):
        csat.nps([10, 9, 8], w)
    with pytest.raises(ValueError, match="masked"):
        csat.Tally((0, 10)).add([10, 9, 8], w)
    with pytest.raises(ValueError, match="masked"):
        csat.key_drivers(KD_X[:3], KD_Y[:3], w)
    with pytest.raises(ValueError, match="item_weights must not have masked values"):
        csat.index([[5, 4], [3, 2]], scales=(1, 5),
                   item_weights=np.ma.masked_array([1.0, 2.0], mask=[False, True]))
    # An unmasked masked array of weights is plain weights.
    assert csat.nps([10, 9, 8], np.ma.masked_array([1.0, 2.0, 1.0])).to_dict() == \
        csat.nps([10, 9, 8], [1.0, 2.0, 1.0]).to_dict()


def test_masked_durations_are_missing():
    d = np.ma.masked_array(np.array([3, 5, 7], dtype="m8[D]"), mask=[False, True, False])
    s = csat.survival(d)
    assert (s.n, s.n_missing) == (2, 1)


# Finding 9: complex numbers -------------------------------------------------------

@pytest.mark.parametrize("values", [
    np.array([10, 9, 0], dtype=complex),               # imaginary parts all zero
    np.array([10 + 1j, 9, 0]),
    [10, 9, 0 + 0j],
    np.array([10, 9, 0j], dtype=object),
], ids=["complex-zero-imag", "complex", "list", "object"])
def test_complex_is_refused(values):
    with warnings.catch_warnings():
        warnings.simplefilter("error")                 # no ComplexWarning either
        with pytest.raises(TypeError, match="complex"):
            csat.nps(values)


def test_complex_weights_and_matrices_are_refused(pd):
    with pytest.raises(TypeError, match="weights must hold numbers, not complex"):
        csat.nps([10, 9, 0], np.ones(3, dtype=complex))
    with pytest.raises(TypeError, match="X must hold numbers, not complex"):
        csat.key_drivers(KD_X.astype(complex), KD_Y)
    with pytest.raises(TypeError, match="complex"):
        csat.nps(pd.Series([10, 9, 0], dtype=complex))


# Finding 9: strings, bytes, dates, durations --------------------------------------

@pytest.mark.parametrize("values, match", [
    (["9", "10"], r"scores must hold numbers, not strings \(numpy dtype <U2\)"),
    (np.array(["9", "10"]), "not strings"),
    (np.array([b"9", b"10"]), "not bytes"),
    ([10, None, "9"], r"not a string: '9' at position 2"),
    (np.array([10, b"9"], dtype=object), r"not bytes: b'9' at position 1"),
    (np.array([1, 2], dtype="m8[D]"), r"not durations \(numpy dtype timedelta64\[D\]\)"),
    (np.array(["2024-01-01"], dtype="M8[D]"), r"not dates \(numpy dtype datetime64\[D\]\)"),
    ([datetime.timedelta(days=1), 2], "not a duration"),
    ([datetime.date(2024, 1, 1), 2], "not a date"),
    ([np.timedelta64(1, "D"), None], r"not a duration \(timedelta64\)"),
], ids=["str-list", "str-array", "bytes-array", "str-object", "bytes-object", "timedelta64",
        "datetime64", "timedelta-object", "date-object", "timedelta64-object"])
def test_non_numbers_are_refused(values, match):
    with pytest.raises(TypeError, match=match):
        csat.nps(values)


def test_strings_in_pandas_name_the_label(pd):
    with pytest.raises(TypeError, match=r"not a string: '10' at position 1 \(index label 'b'\)"):
        csat.nps(pd.Series([9, "10", 8], index=["a", "b", "c"]))
    with pytest.raises(TypeError, match="not a string: '9'"):
        csat.nps(pd.Series(["9", "10"], dtype="string"))
    with pytest.raises(TypeError, match=r"not durations"):
        csat.mean_score(pd.to_timedelta(pd.Series([1, 2]), unit="D"))
    with pytest.raises(TypeError, match=r"weights must hold numbers, not a string: '2'"):
        csat.nps([10, 9], pd.Series([1, "2"]))
    frame = pd.DataFrame({"speed": KD_X[:, 0], "price": KD_X[:, 1].astype(str), "y": KD_Y})
    with pytest.raises(TypeError, match=r"X must hold numbers, not a string: '5.0' at row 0 "
                                        r"\(index label 0\), column 1 \('price'\)"):
        csat.key_drivers(frame, "y")


def test_strings_in_other_inputs_are_refused():
    with pytest.raises(TypeError, match="items must hold numbers"):
        csat.index([["5", "4"], ["3", "2"]], scales=(1, 5))
    with pytest.raises(TypeError, match="scales must hold numbers"):
        csat.index([[5, 4], [3, 2]], scales=("1", "5"))
    with pytest.raises(TypeError, match="item_weights must hold numbers"):
        csat.index([[5, 4], [3, 2]], scales=(1, 5), item_weights=["1", "2"])
    with pytest.raises(TypeError, match="y must hold numbers"):
        csat.key_drivers(KD_X, KD_Y.astype(str))
    with pytest.raises(TypeError, match="quantiles must hold numbers"):
        csat.resolution_times([1.0, 2.0], sla=2.0, quantiles=["0.5"])
    with pytest.raises(TypeError, match="perceived must hold numbers"):
        csat.gap([1.0, 2.0, 3.0], ["1", "2", "3"])
    with pytest.raises(TypeError, match="scores must hold numbers"):
        csat.Tally((0, 10)).add(["9"])


def test_dates_and_durations_still_convert_where_they_are_meant():
    # Arguments documented to take dates or durations keep converting them.
    s = csat.survival(np.array([3, 5, 7], dtype="m8[D]"))
    assert s.n == 3
    r = csat.churn(np.array(["2024-01-01", "2024-02-01"], dtype="M8[D]"),
                   np.array(["NaT", "2024-03-01"], dtype="M8[D]"), "2024-01-15", "2024-03-15")
    assert (r.at_start, r.acquired, r.lost) == (1, 1, 0)


def test_booleans_count_as_zero_and_one():
    assert csat.mean_score(np.array([True, False, True, True])).score == 0.75
    assert csat.mean_score([True, False]).score == 0.5
    s = csat.survival([2.0, 3.0, 4.0], [True, False, True])
    assert s.events == 2


def test_float64_fast_path_is_kept():
    x = np.array(NPS, dtype=float)
    assert _convert.as_vector(x) is x
    assert np.shares_memory(_convert.as_vector(x[2:8]), x)


# Finding 9: pandas objects matched by index label ---------------------------------

def test_pandas_weights_are_aligned_on_the_index(pd):
    s = pd.Series(NPS, index=range(100, 100 + len(NPS)))
    w = pd.Series(NPS_W, index=s.index)
    ref = csat.nps(NPS, NPS_W).to_dict()
    assert csat.nps(s, w).to_dict() == ref
    shuffled = w.iloc[::-1]                              # same labels, other order
    assert csat.nps(s, shuffled).to_dict() == ref
    assert csat.csat(s, shuffled, scale=(0, 10), satisfied_min=7).to_dict() == \
        csat.csat(NPS, NPS_W, scale=(0, 10), satisfied_min=7).to_dict()
    assert csat.mean_score(s, shuffled).to_dict() == csat.mean_score(NPS, NPS_W).to_dict()
    t = csat.Tally((0, 10)).add(s, shuffled)
    assert t.nps().to_dict() == ref


def test_pandas_weights_with_other_labels_are_refused(pd):
    s = pd.Series(NPS)
    w = pd.Series(NPS_W, index=range(1, len(NPS) + 1))
    with pytest.raises(ValueError, match=r"index of weights does not match the index of scores "
                                         r"\(labels of scores not in weights: \[0\]\)"):
        csat.nps(s, w)
    with pytest.raises(ValueError, match="index of weights"):
        csat.nps(s, pd.Series(NPS_W[:-1]))
    with pytest.raises(ValueError, match="index of weights"):
        csat.Moments().add(s, w)
    # numpy weights are matched by position, as documented.
    assert csat.nps(s, np.array(NPS_W)).to_dict() == csat.nps(NPS, NPS_W).to_dict()


def test_key_drivers_align_y_and_weights_on_the_frame(pd):
    frame = pd.DataFrame(KD_X, columns=["speed", "price"], index=[f"r{i}" for i in range(12)])
    y = pd.Series(KD_Y, index=frame.index)
    w = pd.Series(KD_W, index=frame.index)
    ref = csat.key_drivers(frame, y, w)
    assert csat.key_drivers(frame, y.iloc[::-1], w.sample(frac=1, random_state=3)).summary() \
        == ref.summary()
    acc = csat.XProd(2).add(frame, y.iloc[::-1], w.iloc[::-1])
    assert csat.key_drivers_from(acc).r2 == pytest.approx(ref.r2, rel=1e-12)
    with pytest.raises(ValueError, match="index of y does not match the index of X"):
        csat.key_drivers(frame, pd.Series(KD_Y))
    with pytest.raises(ValueError, match="index of weights does not match the index of X"):
        csat.key_drivers(frame, y, pd.Series(KD_W))


def test_index_and_gap_align_rows(pd):
    items = pd.DataFrame({"a": [5, 4, 3, 2], "b": [4, 4, 2, 1]}, index=list("wxyz"))
    w = pd.Series([1.0, 2.0, 3.0, 4.0], index=items.index)
    ref = csat.index(items, w, scales=(1, 5)).to_dict()
    assert csat.index(items, w.iloc[::-1], scales=(1, 5)).to_dict() == ref
    with pytest.raises(ValueError, match="index of weights does not match the index of items"):
        csat.index(items, pd.Series([1.0, 2.0, 3.0, 4.0]), scales=(1, 5))
    expected = pd.DataFrame({"a": [3.0, 4.0, 2.0], "b": [2.0, 5.0, 3.0]}, index=[1, 2, 3])
    perceived = pd.DataFrame({"a": [4.0, 4.0, 3.0], "b": [3.0, 5.0, 5.0]}, index=[1, 2, 3])
    ref = csat.gap(expected, perceived)
    again = csat.gap(expected, perceived.iloc[::-1])
    assert np.array_equal(np.asarray(again["gap"]), np.asarray(ref["gap"]))


def test_survival_aligns_observed(pd):
    d = pd.Series([3.0, 5.0, 7.0, 2.0], index=list("abcd"))
    o = pd.Series([1, 0, 1, 1], index=d.index)
    ref = csat.survival(d, o).to_dict()
    assert csat.survival(d, o.iloc[::-1]).to_dict() == ref
    with pytest.raises(ValueError, match="index of observed does not match the index of "
                                         "durations"):
        csat.survival(d, pd.Series([1, 0, 1, 1]))


# Findings fixed in the C library, reached through Python -------------------------

def test_bootstrap_reps_that_overflow_are_refused():
    # Finding 1: reps * p * sizeof(double) wrapped and the buffer overflowed.
    model = csat.key_drivers(KD_X, KD_Y, KD_W)
    with pytest.raises((OverflowError, MemoryError, ValueError)) as e:
        model.bootstrap(reps=2**61 + 1)
    assert not isinstance(e.value, csat.SingularError)


def test_overflow_status_is_overflow_error():
    # CSAT_ERR_OVERFLOW (10) maps to OverflowError (finding 1's status).
    model = csat.key_drivers(KD_X, KD_Y)
    try:
        model.bootstrap(reps=2**61 + 1)
    except OverflowError as e:
        assert e.code == 10
    except (MemoryError, ValueError):
        pass


@pytest.mark.parametrize("y, w", [
    (np.full(12, 0.7), None),
    (np.full(12, 7.0), KD_W),
    (np.full(12, 0.1), KD_W),
], ids=["0.7", "7-weighted", "0.1-weighted"])
def test_constant_outcome_is_singular(y, w):
    # Finding 2: a constant outcome whose mean is inexact gave R² = 1.
    with pytest.raises(csat.SingularError):
        csat.key_drivers(KD_X, y, w)
    with pytest.raises(csat.SingularError):
        csat.key_drivers_from(csat.XProd(2).add(KD_X, y, w))


def test_constant_driver_is_singular():
    # Finding 2: a constant driver (5 with weights) through XProd.fit().
    x = KD_X.copy()
    x[:, 1] = 5.0
    with pytest.raises(csat.SingularError, match="driver 1"):
        csat.key_drivers(x, KD_Y, KD_W)
    with pytest.raises(csat.SingularError, match="driver 1"):
        csat.XProd(2).add(x, KD_Y, KD_W).fit()


def test_mean_of_huge_values_is_not_silently_nan():
    # Finding 5: mean_score([1e308, -1e308]) returned NaN with CSAT_OK; values
    # beyond +-1e50 (CSAT_VALUE_MAX) are refused, naming the first.
    with pytest.raises(ValueError, match="1e50") as e:
        csat.mean_score([1e308, -1e308])
    assert e.value.code == CODE_RANGE
    r = csat.mean_score([1e50, -1e50])
    assert r.score == 0 and math.isfinite(r.se)


@pytest.mark.parametrize("scale", [1e200, 1e-200, 1e154, 1e-154])
def test_nps_se_does_not_depend_on_the_scale_of_the_weights(scale):
    # Finding 5: weights >= 1e154 made the SE infinite, <= 1e-154 made it 0.
    # Weights outside [1e-50, 1e50] are refused clearly.
    with pytest.raises(ValueError, match="weight") as e:
        csat.nps(NPS, np.array(NPS_W) * scale)
    assert e.value.code == CODE_WEIGHT


@pytest.mark.parametrize("scale", [1e45, 1e-45])
def test_nps_se_within_the_accepted_weights_is_scale_free(scale):
    # Finding 5: weights the library accepts (within [1e-50, 1e50]) give
    # the unit weights' answer.
    ref = csat.nps(NPS, NPS_W)
    r = csat.nps(NPS, np.array(NPS_W) * scale)
    assert r.score == pytest.approx(ref.score, rel=1e-12)
    assert r.se == pytest.approx(ref.se, rel=1e-12)
    assert r.ci == pytest.approx(ref.ci, rel=1e-12)


# Finding 3: deserialisers accept only states that add and merge can produce
# (byte layouts in doc/methods.md, "Serialisation format").
CODE_FORMAT, CODE_OVERFLOW = 9, 10


def _with_f64(blob, offset, value):
    b = bytearray(blob)
    b[offset:offset + 8] = np.float64(value).tobytes()
    return bytes(b)


def _with_u64(blob, offset, value):
    b = bytearray(blob)
    b[offset:offset + 8] = int(value).to_bytes(8, "little")
    return bytes(b)


def test_tally_blob_with_inconsistent_weight_sums_is_refused():
    t = csat.Tally((1, 5)).add([1, 4, 5, 5, 3], [1, 2, 1, 1, 1])
    blob = t.serialize()
    assert csat.Tally.deserialize(blob).serialize() == blob
    # Point 5: two weighted answers with Σw = 2, Σw² = 2; Σw² = 0 once gave
    # CSAT 60 % with the CI [60, 60].
    with pytest.raises(ValueError) as e:
        csat.Tally.deserialize(_with_f64(blob, 24 + 32 * 4 + 24, 0.0))
    assert e.value.code == CODE_FORMAT
    # Counts of 2^63 at two points wrap a 64-bit total.
    bad = _with_u64(_with_u64(blob, 24, 2**63), 24 + 32, 2**63)
    with pytest.raises(ValueError) as e:
        csat.Tally.deserialize(bad)
    assert e.value.code == CODE_FORMAT


def test_tally_merge_past_two_to_the_64_is_overflow():
    t = csat.Tally((1, 5)).add([1, 4, 5, 5, 3], [1, 2, 1, 1, 1])
    big = csat.Tally.deserialize(_with_u64(t.serialize(), 24, 2**63))
    with pytest.raises(OverflowError) as e:
        big.merge(big)
    assert e.value.code == CODE_OVERFLOW
    assert big.serialize() == _with_u64(t.serialize(), 24, 2**63)


def test_moments_blob_with_min_above_max_or_reserved_bytes_is_refused():
    m = csat.Moments().add([1000.0, 1000.0, 1000.0])
    blob = m.serialize()
    for bad in (_with_f64(blob, 24 + 8 * 6, 1001.0),        # min > max
                blob[:90] + b"\x01" + blob[91:],              # reserved byte
                _with_f64(_with_u64(blob, 8, 0), 24, 4.0)):   # n = 0, Σw = 4
        with pytest.raises(ValueError) as e:
            csat.Moments.deserialize(bad)
        assert e.value.code == CODE_FORMAT


def test_xprod_blob_with_more_positive_rows_than_rows_is_refused():
    x = np.array([[i % 7, (3 * i) % 5] for i in range(40)], dtype=float)
    y = 1 + 2 * x[:, 0] - x[:, 1] + 0.25 * (np.arange(40) * 11 % 4)
    blob = csat.XProd(2).add(x, y).serialize()
    # n = 0 with n_pos = 10^6 once gave a p-value of 0.
    with pytest.raises(ValueError) as e:
        csat.XProd.deserialize(_with_u64(_with_u64(blob, 16, 0), 32, 10**6))
    assert e.value.code == CODE_FORMAT


# Finding 6: comparisons refuse NaN scores; SEs of 1e-160 and 1e160 give the
# Welch df of their ratio: SEs s and 2s with df 9 and 19 (n = 10 and 20):
# df = (1 + 4)^2 / (1/9 + 16/19) = 25 / (19/171 + 144/171) = 4275/163.
def test_comparison_of_extreme_or_nan_means():
    a = csat.mean_score(np.arange(10.0))
    b = csat.mean_score(np.arange(20.0))
    for s in (1e-160, 1.0, 1e160):
        c = csat.compare(dataclasses.replace(a, se=s), dataclasses.replace(b, se=2 * s))
        assert c.df == pytest.approx(4275 / 163, rel=1e-14)
        assert not math.isnan(c.p)
    with pytest.raises(ValueError, match="score"):
        csat.compare(dataclasses.replace(a, score=float("nan")), b)
