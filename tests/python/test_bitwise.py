"""The bindings return the C library's numbers bit for bit: the same calls
made through ctypes on the shared library give identical doubles."""

import ctypes as C
import os

import numpy as np
import pytest

import csat
import reference as R
from conftest import same

LIB = os.environ.get("CSAT_LIBRARY")
pytestmark = pytest.mark.skipif(not LIB, reason="CSAT_LIBRARY (path of libcsat.so) not set")

SAMPLE = [("n", C.c_size_t), ("n_missing", C.c_size_t), ("n_weighted", C.c_double),
          ("n_effective", C.c_double)]
# Every options and result struct starts with its size.
SIZE = [("size", C.c_size_t)]


class Error(C.Structure):
    _fields_ = [("code", C.c_int), ("index", C.c_size_t), ("column", C.c_size_t),
                ("message", C.c_char * 160)]


class NPSOptions(C.Structure):
    _fields_ = SIZE + [("scale_min", C.c_int), ("scale_max", C.c_int), ("promoter_min", C.c_int),
                       ("detractor_max", C.c_int), ("level", C.c_double), ("method", C.c_int)]


class NPSResult(C.Structure):
    _fields_ = SIZE + [(f, C.c_double) for f in ("score", "promoters", "passives", "detractors", "se",
                                          "ci_lower", "ci_upper", "level")] + \
               [("method", C.c_int)] + SAMPLE


class ScaleOptions(C.Structure):
    _fields_ = SIZE + [("scale_min", C.c_int), ("scale_max", C.c_int), ("level", C.c_double)]


class ShareResult(C.Structure):
    _fields_ = SIZE + [(f, C.c_double) for f in ("share", "score", "se", "ci_lower", "ci_upper",
                                          "level")] + \
               [("box_min", C.c_int), ("box_max", C.c_int)] + SAMPLE


class MeanOptions(C.Structure):
    _fields_ = SIZE + [("level", C.c_double)]


class MeanResult(C.Structure):
    _fields_ = SIZE + [(f, C.c_double) for f in ("score", "sd", "se", "ci_lower", "ci_upper", "level",
                                          "df", "min", "max")] + SAMPLE


@pytest.fixture(scope="module")
def lib():
    return C.CDLL(LIB)


def sized(cls, *values):
    """An options or result struct with its size set (as CSAT_RESULT_INIT and
    the options' DEFAULT initialisers do in C)."""
    return cls(C.sizeof(cls), *values)


def ptr(a):
    return None if a is None else a.ctypes.data_as(C.POINTER(C.c_double))


def call(fn, *args):
    err = Error()
    status = fn(*args, C.byref(err))
    assert status == 0, err.message
    return args[-1]._obj


def assert_fields(c_result, py_result):
    d = py_result.to_dict()
    d["ci_lower"], d["ci_upper"] = d.pop("ci")
    for name, _ in c_result._fields_:
        if name in d and isinstance(d[name], float):
            assert same(getattr(c_result, name), d[name]), name


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("method", [0, 1])
def test_nps(lib, weighted, method):
    x, w = np.array(R.NPS), np.array(R.NPS_W) if weighted else None
    opt = sized(NPSOptions, 0, 10, 9, 6, 0.9, method)
    out = sized(NPSResult)
    call(lib.csat_score_nps, ptr(x), C.c_size_t(len(x)), ptr(w), C.byref(opt), C.byref(out))
    assert_fields(out, csat.nps(x, w, level=0.9,
                                method=["wald", "adjusted-wald"][method]))


@pytest.mark.parametrize("weighted", [False, True])
def test_box_share(lib, weighted):
    x, w = np.array(R.SAT), np.array(R.SAT_W) if weighted else None
    opt = sized(ScaleOptions, 1, 5, 0.99)
    out = sized(ShareResult)
    call(lib.csat_score_box_share, ptr(x), C.c_size_t(len(x)), ptr(w), C.c_int(2), C.c_int(4),
         C.byref(opt), C.byref(out))
    assert_fields(out, csat.box_share(x, 2, 4, w, level=0.99))


@pytest.mark.parametrize("weighted", [False, True])
def test_mean_score(lib, weighted):
    x, w = np.array(R.HOURS), np.array(R.HOURS_W) if weighted else None
    opt = sized(MeanOptions, 0.95)
    out = sized(MeanResult)
    call(lib.csat_score_mean, ptr(x), C.c_size_t(len(x)), ptr(w), C.byref(opt), C.byref(out))
    assert_fields(out, csat.mean_score(x, w))


def test_index(lib):
    x = np.array(R.ITEMS)
    lo = np.array([s[0] for s in R.ITEM_SCALES], dtype=float)
    hi = np.array([s[1] for s in R.ITEM_SCALES], dtype=float)
    v, w = np.array(R.ITEM_WEIGHTS), np.array(R.ITEMS_W)
    out = sized(MeanResult)
    call(lib.csat_score_index, ptr(x), C.c_size_t(x.shape[0]), C.c_size_t(3), C.c_size_t(3), ptr(w),
         ptr(lo), ptr(hi), ptr(v), None, C.byref(out))
    assert_fields(out, csat.index(R.ITEMS, R.ITEMS_W, scales=R.ITEM_SCALES,
                                  item_weights=R.ITEM_WEIGHTS))
