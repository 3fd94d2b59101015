"""Results described once, defaults from C.

- Every result the library hands out is described by one field list in
  csat.i, which the core module exposes (core.result_fields); the Python
  result classes are built from it by generic rules (<p>_lower / <p>_upper
  -> <p>_ci, ci_lower / ci_upper -> ci, <p>_min / <p>_max -> <p>, enums
  decoded by their C type), and every C field reaches Python.
- A Kaplan-Meier curve's steps come from the core module as columns keyed
  by the point's field names.
- Every option default comes from the C initialisers: a keyword left at
  None is the library's default, never a number typed in Python.
"""

import inspect
import math

import numpy as np
import pytest

import csat
from csat import core, results

NPS = [10, 9, 0, 5, 7, 10, 3, 8, 9, 6]
SAT = [1, 4, 2, 5, 3, 1, 4, 2, 5, 3]

CLASSES = {
    "sample": csat.Sample, "nps_result": csat.NPSResult, "share_result": csat.ShareResult,
    "mean_result": csat.MeanResult, "comparison": csat.Comparison, "trend_result": csat.Trend,
    "rank_result": csat.Rank, "retention_result": csat.Retention,
    "survival_point": csat.SurvivalPoint, "rate_result": csat.Rate,
}


# The field lists ------------------------------------------------------------------------

def test_every_result_kind_has_a_field_list():
    kinds = core.result_kinds().split()
    assert len(kinds) == len(set(kinds)) >= 18
    for kind in kinds:
        fields = results.c_fields(kind)
        assert fields, kind
        names = [name for name, _ in fields]
        assert len(names) == len(set(names)) and all(n.isidentifier() for n in names)
        for _, ctype in fields:
            assert ctype in ("d", "z", "i") or ctype in results.ENUMS, (kind, ctype)
    assert core.result_fields("no such result") is None


@pytest.mark.parametrize("kind", sorted(CLASSES))
def test_result_classes_are_built_from_the_field_lists(kind):
    cls = CLASSES[kind]
    own = {"kind", "changes"}          # fields the binding adds (Comparison, Trend)
    py = [f for f in cls.__dataclass_fields__ if f not in own]
    assert py == [name for name, *_ in results.layout(kind)]
    # Every C field is there, under the generic rules.
    for name, _ in results.c_fields(kind):
        for lo, hi in (("_lower", "_upper"), ("_min", "_max")):
            if name.endswith(hi) and name[:-len(hi)] + lo in dict(results.c_fields(kind)):
                break
            if name.endswith(lo) and name[:-len(lo)] + hi in dict(results.c_fields(kind)):
                stem = name[:-len(lo)]
                joined = ("ci" if stem == "ci" else stem + "_ci") if lo == "_lower" else stem
                assert joined in py, (kind, name)
                break
        else:
            assert name in py, (kind, name)


def test_the_generic_rules():
    layout = {name: c for name, _, c, _ in results.layout("share_result")}
    assert layout["ci"] == ("ci_lower", "ci_upper") and layout["box"] == ("box_min", "box_max")
    assert {name: c for name, _, c, _ in results.layout("curve_summary")}["median_ci"] == \
        ("median_lower", "median_upper")
    mean = {name for name, *_ in results.layout("mean_result")}
    assert {"min", "max"} <= mean           # no stem: not a pair
    method = [e for name, _, _, e in results.layout("nps_result") if name == "method"][0]
    assert method is results.ENUMS["csat_nps_method"]


@pytest.mark.parametrize("r", [csat.nps(NPS), csat.nps(NPS, method="adjusted-wald"),
                               csat.csat(SAT), csat.mean_score(SAT)],
                         ids=["nps", "nps-adjusted", "share", "mean"])
def test_every_c_field_goes_back_to_the_library(r):
    c = r._to_c()
    assert list(c) == [name for name, _ in results.c_fields(type(r)._c_kind)]
    assert type(r)._from_c(dict(c)) == r


def test_the_core_dicts_hold_the_listed_fields():
    x = np.array(NPS, dtype=np.float64)
    assert list(core.score_nps(x, None, None)) == [n for n, _ in results.c_fields("nps_result")]
    d = core.score_ces(np.array(SAT, dtype=np.float64), None, None)
    assert list(d["effort"]) == [n for n, _ in results.c_fields("mean_result")]
    assert list(d["low_effort"]) == [n for n, _ in results.c_fields("share_result")]


# Kaplan-Meier steps as columns -------------------------------------------------------

def test_survival_steps_are_columns_keyed_by_the_point_fields():
    t = np.array([3.0, 5, 7, 9, 4, 4, 8], dtype=np.float64)
    flags = np.array([1.0, 0, 1, 1, 1, 0, 1], dtype=np.float64)
    h = core.survival_fit(t, flags, None)
    steps = core.survival_steps(h)
    assert list(steps) == [name for name, _ in results.c_fields("survival_point")]
    k = core.survival_summary(h)["steps"]
    assert all(isinstance(v, tuple) and len(v) == k for v in steps.values())
    for i in range(k):
        point = core.survival_step(h, i)
        assert {name: column[i] for name, column in steps.items()} == point
    curve = csat.survival(t, flags)
    for name, column in steps.items():
        if name in ("ci_lower", "ci_upper"):
            np.testing.assert_array_equal(curve.ci[name == "ci_upper"], column)
        else:
            np.testing.assert_array_equal(getattr(curve, name), column)
    assert list(curve.to_frame()) == list(steps)


# Defaults from C -------------------------------------------------------------------------

# Keywords that are C options, per public function (None: the C default).
C_OPTIONS = {
    "nps": ("scale", "promoter_min", "detractor_max", "level", "method"),
    "csat": ("scale", "satisfied_min", "level"), "box_share": ("scale", "level"),
    "top_box": ("scale", "level"), "bottom_box": ("scale", "level"),
    "mean_score": ("level",), "ces": ("scale", "low_effort_min", "level"),
    "distribution": ("scale",), "index": ("level",), "compare": ("level",),
    "adjust": ("method",), "trend": ("level",), "gap": ("level",),
    "survival": ("level",), "clv": ("timing", "horizon"), "rate": ("per", "level"),
    "referral_rate": ("level",), "complaints": ("level",),
    "reviews": ("scale", "positive_min", "level"),
    "key_drivers": ("intercept", "level"), "key_drivers_from": ("intercept", "level"),
}
METHODS = {
    csat.Tally: {"nps": ("promoter_min", "detractor_max", "level", "method"),
                 "csat": ("satisfied_min", "level"), "box_share": ("level",),
                 "top_box": ("level",), "bottom_box": ("level",), "mean": ("level",),
                 "ces": ("low_effort_min", "level")},
    csat.Moments: {"mean": ("level",)},
    csat.XProd: {"fit": ("intercept", "level")},
    csat.KeyDriverModel: {"importance": ("exact_max", "permutations", "seed"),
                          "importance_se": ("exact_max", "permutations", "seed"),
                          "bootstrap": ("reps", "level", "seed")},
}


def _defaults(f, names):
    params = inspect.signature(f).parameters
    return {n: params[n].default for n in names}


@pytest.mark.parametrize("name", sorted(C_OPTIONS))
def test_option_keywords_default_to_none(name):
    f = getattr(csat, name)
    assert _defaults(f, C_OPTIONS[name]) == dict.fromkeys(C_OPTIONS[name])
    assert "the library's" in " ".join(f.__doc__.split())


def test_option_keywords_of_methods_default_to_none():
    for cls, methods in METHODS.items():
        for name, keys in methods.items():
            assert _defaults(getattr(cls, name), keys) == dict.fromkeys(keys), (cls, name)


def test_no_python_signature_types_a_level():
    import csat.accum, csat.business, csat.comparisons, csat.drivers, csat.scores
    for module in (csat.scores, csat.accum, csat.comparisons, csat.business, csat.drivers):
        for _, obj in inspect.getmembers(module):
            funcs = [obj] if inspect.isfunction(obj) else \
                [m for _, m in inspect.getmembers(obj, inspect.isfunction)] \
                if inspect.isclass(obj) and obj.__module__ == module.__name__ else []
            for f in funcs:
                p = inspect.signature(f).parameters.get("level")
                assert p is None or p.default in (None, inspect.Parameter.empty), f


def test_the_defaults_are_those_of_the_c_initialisers():
    x = np.array(NPS, dtype=np.float64)
    o = core.nps_options()
    r = csat.nps(x)
    assert r.level == o.level and r.method == results.ENUMS["csat_nps_method"][0][o.method]
    assert r == csat.NPSResult._from_c(core.score_nps(x, None, o))
    assert csat.csat(SAT).box == (core.csat_options().satisfied_min,
                                  core.csat_options().scale_max)
    assert csat.distribution(SAT).scale == (core.scale_options().scale_min,
                                            core.scale_options().scale_max)
    b = core.business_options()
    assert csat.rate(3, 10).per == b.per and csat.rate(3, 10).level == b.level
    assert csat.clv(40, 0.8, 0.1) == core.business_clv(40, 0.8, 0.1, None)
    assert b.timing == core.CSAT_CLV_END_OF_PERIOD and math.isinf(b.horizon)
    assert csat.clv(40, 0.8, 0.1) == csat.clv(40, 0.8, 0.1, timing="end")
    assert csat.clv(40, 0.8, 0.1) != csat.clv(40, 0.8, 0.1, timing="start")
    p = [0.01, 0.04, 0.03, 0.2]
    np.testing.assert_array_equal(csat.adjust(p), csat.adjust(p, "holm"))
    assert core.compare_options().adjust == core.CSAT_ADJUST_HOLM
    assert csat.compare(csat.nps(x), benchmark=10).level == core.compare_options().level
    assert csat.Tally((0, 10)).add(x).mean().level == core.mean_options().level


def test_complaints_per_thousand_and_referrals_per_customer():
    c = csat.complaints([1, 2, 2, 3], customers=400)
    assert c.rate.per == 1000 and c.rate.rate == 4 / 400 * 1000
    assert csat.complaints([1, 2], customers=400, per=100).rate.per == 100
    assert csat.referral_rate(30, 100).per == 1
    assert "1000" in csat.complaints.__doc__ and "per=1" in csat.referral_rate.__doc__
