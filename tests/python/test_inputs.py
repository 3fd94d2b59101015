"""Input conversion: buffers are used in place, everything else converted."""

import array

import numpy as np
import pytest

import csat
from csat import _convert
from csat import core as _core
import reference as R

X = np.array(R.NPS)
REF = csat.nps(X)


def test_float64_array_is_not_copied():
    assert _convert.as_vector(X) is X
    assert np.shares_memory(_convert.as_vector(X[5:20]), X)


def test_buffers_reach_the_library_without_conversion():
    # The low-level module takes any C-contiguous float64 buffer in place.
    assert _core.score_nps(array.array("d", R.NPS), None, None)["score"] == REF.score
    assert _core.score_nps(memoryview(X), None, None)["score"] == REF.score
    ro = X.copy()
    ro.flags.writeable = False
    assert _core.score_nps(ro, None, None)["score"] == REF.score


def test_low_level_rejects_what_it_cannot_read_in_place():
    with pytest.raises(TypeError, match="buffer of float64"):
        _core.score_nps([1.0, 2.0], None, None)
    with pytest.raises(TypeError, match="float64"):
        _core.score_nps(np.ones(3, dtype=np.float32), None, None)
    with pytest.raises((ValueError, BufferError, TypeError)):
        _core.score_nps(np.ones(6)[::2], None, None)


@pytest.mark.parametrize("convert", [
    list, tuple,
    lambda x: np.asarray(x, dtype=np.float32),
    lambda x: np.repeat(np.asarray(x), 2)[::2],           # strided
    lambda x: array.array("d", x),
    lambda x: np.asfortranarray(np.asarray(x)),
], ids=["list", "tuple", "float32", "strided", "array.array", "fortran"])
def test_sequences_and_other_arrays(convert):
    assert csat.nps(convert(R.NPS)).to_dict() == REF.to_dict()


def test_integer_arrays():
    x = [10, 9, 3, 7, 8, 10, 0]
    ref = csat.nps(np.array(x, dtype=float))
    assert csat.nps(np.array(x, dtype=np.int64)).to_dict() == ref.to_dict()
    assert csat.nps(array.array("i", x)).to_dict() == ref.to_dict()
    assert csat.nps(np.array(x, dtype=np.uint8)).to_dict() == ref.to_dict()


def test_weights_of_any_kind():
    ref = csat.nps(R.NPS, np.array(R.NPS_W))
    assert csat.nps(R.NPS, R.NPS_W).to_dict() == ref.to_dict()
    assert csat.nps(R.NPS, weights=tuple(R.NPS_W)).to_dict() == ref.to_dict()
    assert ref.n_weighted != ref.n


def test_pandas_series():
    pd = pytest.importorskip("pandas")
    s = pd.Series(R.NPS)
    assert csat.nps(s).to_dict() == REF.to_dict()
    assert np.shares_memory(_convert.as_vector(s), s.to_numpy())
    w = pd.Series(R.NPS_W)
    assert csat.nps(s, w).to_dict() == csat.nps(R.NPS, R.NPS_W).to_dict()


def test_pandas_nullable_dtypes():
    pd = pytest.importorskip("pandas")
    values = [None if v != v else int(v) for v in R.NPS]
    s = pd.Series(values, dtype="Int64")
    assert s.isna().sum() == 2
    assert csat.nps(s).to_dict() == REF.to_dict()
    f = pd.Series(values, dtype="Float64")
    assert csat.nps(f).to_dict() == REF.to_dict()
    o = pd.Series([pd.NA if v is None else v for v in values], dtype=object)
    assert csat.nps(o).to_dict() == REF.to_dict()


def test_none_and_nan_are_missing():
    r = csat.csat(np.array([5, 4, np.nan, 1, np.nan]))
    assert (r.n, r.n_missing) == (3, 2)
    assert csat.csat([5, 4, None, 1, None]).to_dict() == r.to_dict()


def test_shape_and_type_errors():
    with pytest.raises(ValueError, match="one-dimensional"):
        csat.nps(np.ones((2, 3)))
    with pytest.raises(TypeError, match="not strings"):
        csat.nps(["a", "b"])
    with pytest.raises(TypeError):
        csat.nps(None)
    with pytest.raises(ValueError, match="two-dimensional"):
        csat.index([1, 2, 3], scales=(1, 5))
