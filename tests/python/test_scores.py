"""The pythonic API: result objects, their fields, repr and to_dict."""

import math

import numpy as np
import pytest

import csat
import reference as R


def test_version():
    assert csat.__version__ == csat.version()
    assert len(csat.version().split(".")) == 3


def test_nps_result_fields():
    r = csat.nps(R.NPS)
    assert isinstance(r, csat.NPSResult)
    assert isinstance(r.ci, tuple) and len(r.ci) == 2 and r.ci[0] < r.score < r.ci[1]
    assert (r.n, r.n_missing, r.level, r.method) == (38, 2, 0.95, "wald")
    assert r.n_weighted == 38 and r.n_effective == 38
    assert r.promoters + r.passives + r.detractors == pytest.approx(1)
    assert r.score == pytest.approx(100 * (r.promoters - r.detractors))
    assert csat.nps(R.NPS, method="adjusted-wald").method == "adjusted-wald"


def test_repr_and_to_dict():
    r = csat.nps(R.NPS)
    text = repr(r)
    assert text.startswith("NPSResult(score=28.95, ci=(") and "n=38" in text
    d = r.to_dict()
    assert d["score"] == r.score and d["ci"] == r.ci and d["method"] == "wald"
    assert set(d) >= {"score", "se", "ci", "level", "n", "n_weighted", "n_effective",
                      "n_missing", "promoters", "passives", "detractors", "method"}


def test_share_results():
    r = csat.csat(R.SAT)
    assert isinstance(r, csat.ShareResult)
    assert r.box == (4, 5) and r.score == 100 * r.share
    assert csat.top_box(R.SAT).box == (4, 5)
    assert csat.top_box(R.SAT, 1).box == (5, 5)
    assert csat.bottom_box(R.SAT).box == (1, 2)
    assert csat.box_share(R.SAT, 2, 3).box == (2, 3)
    assert csat.csat(R.SAT, satisfied_min=5).share == csat.top_box(R.SAT, 1).share
    seven = [7, 6, 1, 2, 5]
    assert csat.top_box(seven, 2, scale=(1, 7)).box == (6, 7)


def test_mean_result():
    r = csat.mean_score(R.HOURS, level=0.9)
    assert isinstance(r, csat.MeanResult)
    assert (r.n, r.n_missing, r.df, r.min, r.max, r.level) == (13, 1, 12, 0.8, 12.25, 0.9)
    one = csat.mean_score([4.0])
    assert one.score == 4.0 and math.isnan(one.sd) and math.isnan(one.se)
    assert math.isnan(one.ci[0]) and math.isnan(one.ci[1])


def test_ces_result():
    r = csat.ces(R.EFFORT)
    assert isinstance(r, csat.CESResult)
    assert isinstance(r.effort, csat.MeanResult) and isinstance(r.low_effort, csat.ShareResult)
    assert (r.score, r.ci, r.se, r.n) == (r.effort.score, r.effort.ci, r.effort.se, 20)
    assert r.low_effort.box == (5, 7)
    assert csat.ces(R.EFFORT, low_effort_min=6).low_effort.box == (6, 7)
    d = r.to_dict()
    assert d["effort"]["score"] == r.score and d["low_effort"]["share"] == r.low_effort.share
    assert repr(r).startswith("CESResult(effort=MeanResult(")


def test_distribution():
    d = csat.distribution(R.SAT)
    assert d.values.tolist() == [1, 2, 3, 4, 5]
    assert d.counts.tolist() == [2, 3, 4, 10, 10] and d.counts.dtype == np.int64
    assert d.weights.tolist() == [2.0, 3.0, 4.0, 10.0, 10.0]
    assert d.shares.sum() == pytest.approx(1)
    assert (d.n, d.n_missing, d.scale) == (29, 1, (1, 5))
    assert d.to_dict()["counts"] == [2, 3, 4, 10, 10]
    seven = csat.distribution(R.EFFORT, scale=(1, 7))
    assert seven.counts.tolist() == [1, 2, 1, 2, 4, 6, 4]


def test_distribution_to_frame():
    pd = pytest.importorskip("pandas")
    f = csat.distribution(R.SAT).to_frame()
    assert isinstance(f, pd.DataFrame)
    assert list(f.columns) == ["count", "weight", "share"] and f.index.name == "value"
    assert f.loc[4, "count"] == 10


def test_index_inputs():
    base = csat.index(R.ITEMS, scales=R.ITEM_SCALES)
    assert base.n == 9 and base.n_missing == 1
    same = csat.index(np.array(R.ITEMS), scales=[list(s) for s in R.ITEM_SCALES])
    assert same.score == base.score
    one = csat.index([[1, 5], [3, 2]], scales=(1, 5))
    assert one.score == csat.index([[1, 5], [3, 2]], scales=[(1, 5), (1, 5)]).score


def test_index_dataframe():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(R.ITEMS, columns=["staff", "seat", "food"])
    scales = {"food": (0, 10), "staff": (1, 5), "seat": (1, 7)}
    r = csat.index(df, R.ITEMS_W, scales=scales,
                   item_weights={"staff": 2.0, "seat": 1.0, "food": 1.0})
    ref = csat.index(R.ITEMS, R.ITEMS_W, scales=R.ITEM_SCALES, item_weights=R.ITEM_WEIGHTS)
    assert r.to_dict() == ref.to_dict()
    with pytest.raises(ValueError, match="no entry for the columns"):
        csat.index(df, scales={"staff": (1, 5)})
    nullable = df.astype({"staff": "Int64", "seat": "Int64", "food": "Float64"})
    nullable.loc[4, "food"] = pd.NA
    assert csat.index(nullable, R.ITEMS_W, scales=scales).to_dict() == \
        csat.index(R.ITEMS, R.ITEMS_W, scales=R.ITEM_SCALES).to_dict()
