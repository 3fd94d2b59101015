"""Bad data and options raise ValueError (or TypeError for a wrong type)
with the library's message; nothing crashes."""

import math
import sys

import numpy as np
import pytest

import csat
import reference as R

CODE_RANGE, CODE_EMPTY, CODE_WEIGHT, CODE_ARGUMENT, CODE_FORMAT = 3, 2, 4, 5, 9


def test_value_off_the_scale():
    with pytest.raises(ValueError, match="value 11 at index 3 is outside the scale 0..10") as e:
        csat.nps([10, 9, 8, 11, 5])
    assert (e.value.code, e.value.index, e.value.column) == (CODE_RANGE, 3, None)
    with pytest.raises(ValueError, match="outside the scale 1..5"):
        csat.csat([0, 5])
    with pytest.raises(ValueError, match="outside the scale"):
        csat.nps([math.inf])


def test_value_not_an_integer():
    with pytest.raises(ValueError, match="9.5 at index 1") as e:
        csat.nps([10, 9.5])
    assert e.value.code == CODE_RANGE and e.value.index == 1


def test_negative_weight():
    with pytest.raises(ValueError, match="weight -1 at index 1") as e:
        csat.nps([10, 9, 8], [1, -1, 1])
    assert (e.value.code, e.value.index) == (CODE_WEIGHT, 1)
    with pytest.raises(ValueError, match="weight"):
        csat.mean_score([1.0, 2.0], [1.0, math.nan])


def test_weight_length_mismatch():
    with pytest.raises(ValueError, match=r"length of weights \(2\) differs .* answers \(3\)") as e:
        csat.nps([10, 9, 8], [1, 1])
    assert e.value.code == CODE_ARGUMENT
    for call in (lambda w: csat.csat([5, 4, 3], w), lambda w: csat.mean_score([1, 2, 3], w),
                 lambda w: csat.ces([5, 4, 3], w), lambda w: csat.distribution([5, 4, 3], w),
                 lambda w: csat.top_box([5, 4, 3], 2, w), lambda w: csat.Tally().add([1, 2, 3], w),
                 lambda w: csat.Moments().add([1, 2, 3], w),
                 lambda w: csat.index([[1, 2], [3, 4], [5, 5]], w, scales=(1, 5))):
        with pytest.raises(ValueError, match="length of weights"):
            call([1.0, 2.0, 3.0, 4.0])


def test_bad_method():
    with pytest.raises(ValueError, match="method must be 'wald' or 'adjusted-wald', not 'exact'"):
        csat.nps(R.NPS, method="exact")


@pytest.mark.parametrize("level", [0, 1, 1.5, -0.1, math.nan])
def test_bad_level(level):
    with pytest.raises(ValueError, match="level") as e:
        csat.nps(R.NPS, level=level)
    assert e.value.code == CODE_ARGUMENT
    with pytest.raises(ValueError, match="level"):
        csat.mean_score(R.HOURS, level=level)


def test_bad_options():
    with pytest.raises(ValueError) as e:
        csat.nps(R.NPS, promoter_min=6, detractor_max=6)
    assert e.value.code == CODE_ARGUMENT
    with pytest.raises(ValueError):
        csat.csat(R.SAT, satisfied_min=6)
    with pytest.raises(ValueError):
        csat.top_box(R.SAT, 0)
    with pytest.raises(ValueError):
        csat.box_share(R.SAT, 4, 2)
    with pytest.raises(ValueError):
        csat.nps(R.NPS, scale=(10, 0))
    with pytest.raises(TypeError, match="promoter_min must be an integer"):
        csat.nps(R.NPS, promoter_min=8.5)
    with pytest.raises(TypeError, match="level must be a number"):
        csat.nps(R.NPS, level="0.9")
    with pytest.raises(TypeError, match="scale must be a pair"):
        csat.nps(R.NPS, scale=10)
    with pytest.raises(TypeError):
        csat.nps(R.NPS, promotor_min=9)


def test_empty_input():
    for x in ([], [math.nan, math.nan]):
        with pytest.raises(ValueError) as e:
            csat.nps(x)
        assert e.value.code == CODE_EMPTY
    with pytest.raises(ValueError):
        csat.nps([10, 9], [0, 0])


def test_index_errors():
    with pytest.raises(ValueError) as e:
        csat.index([[1, 2], [3, 9]], scales=(1, 5))
    assert (e.value.code, e.value.index, e.value.column) == (CODE_RANGE, 1, 1)
    with pytest.raises(ValueError, match="length of item_weights"):
        csat.index([[1, 2], [3, 4]], scales=(1, 5), item_weights=[1, 2, 3])
    with pytest.raises(ValueError, match=r"length of item_min \(3\) differs .* items \(2\)"):
        csat.index([[1, 2], [3, 4]], scales=[(1, 5), (1, 5), (1, 5)])
    with pytest.raises(ValueError, match=r"one \(min, max\) pair"):
        csat.index([[1, 2], [3, 4]], scales=[1, 5, 7])


def test_accumulator_errors():
    t = csat.Tally((1, 5))
    with pytest.raises(ValueError, match="outside the scale 1..5"):
        t.add([1, 2, 6])
    assert t.n == 0                                  # unchanged on error
    with pytest.raises(ValueError) as e:
        t.merge(csat.Tally((0, 10)))
    assert e.value.code == CODE_ARGUMENT
    with pytest.raises(ValueError) as e:
        csat.Tally.deserialize(b"not a tally")
    assert e.value.code == CODE_FORMAT
    with pytest.raises(ValueError):
        csat.Moments.deserialize(b"\0" * 5)
    with pytest.raises(ValueError):
        csat.Moments().add([1.0, math.inf])
    with pytest.raises(ValueError):
        csat.Tally((5, 1))
    with pytest.raises(TypeError):
        t.merge(csat.Moments())
    with pytest.raises(TypeError):
        t + 1
    with pytest.raises(ValueError):
        csat.Tally((1, 5)).nps()       # thresholds 9 and 6 are off the 1..5 scale


def test_error_leaves_nothing_behind():
    # Many failing calls: no leak of buffers or results (checked by the
    # reference count of the input array).
    x = np.array([1.0, 2.0, 11.0])
    before = sys.getrefcount(x)
    for _ in range(1000):
        with pytest.raises(ValueError):
            csat.nps(x)
    assert sys.getrefcount(x) == before
