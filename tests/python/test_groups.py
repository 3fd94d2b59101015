"""Scores by group (csat.groups): by= on every score function, the
GroupedResult mapping and its tables, comparisons, tracking and errors.

The reference for every group is the ungrouped function on the group's
rows: the score, the sample sizes and the shares are equal (==); the NPS
and mean standard errors differ only by domain estimation's factor, N/(N − 1)
of the whole sample where the filtered rows use n/(n − 1) (include/csat/
groups.h, doc/methods.md).
"""

import math
import sys

import numpy as np
import pandas as pd
import pytest

import csat
from csat import groups as G


# Means (moments) of a group may differ from those of its rows alone in the
# last bit: the library sums a group's rows in other blocks than it sums the
# filtered rows (tallies are exact).
MOMENTS_REL = 4e-16


def close(a, b, rel=1e-12):
    return (math.isnan(a) and math.isnan(b)) or abs(a - b) <= rel * max(abs(a), abs(b), 1e-300)


@pytest.fixture(scope="module")
def survey():
    rng = np.random.default_rng(11)
    n = 600
    df = pd.DataFrame({
        "rec": rng.integers(0, 11, n).astype(float),
        "sat": rng.integers(1, 6, n).astype(float),
        "effort": rng.integers(1, 8, n).astype(float),
        "hours": rng.gamma(2.0, 3.0, n),
        "w": rng.uniform(0.5, 2.0, n),
        "cls": rng.choice(["Economy", "Business", "First"], n, p=[0.6, 0.3, 0.1]),
        "purpose": rng.choice(["Leisure", "Business"], n),
        "region": rng.integers(1, 5, n),
    }, index=pd.RangeIndex(1000, 1000 + n, name="respondent"))
    df.loc[df.index[rng.random(n) < 0.05], "rec"] = np.nan
    df.loc[df.index[[3, 17, 40]], "cls"] = None
    return df


SCORES = [
    ("nps", lambda x, **k: csat.nps(x, **k), "rec"),
    ("csat", lambda x, **k: csat.csat(x, **k), "sat"),
    ("box_share", lambda x, **k: csat.box_share(x, 2, 3, **k), "sat"),
    ("top_box", lambda x, **k: csat.top_box(x, 2, **k), "sat"),
    ("bottom_box", lambda x, **k: csat.bottom_box(x, 1, **k), "sat"),
    ("mean_score", lambda x, **k: csat.mean_score(x, **k), "hours"),
    ("ces", lambda x, **k: csat.ces(x, **k), "effort"),
]


# Grouped = ungrouped on the group's rows ------------------------------------------

@pytest.mark.parametrize("name,fn,column", SCORES, ids=[s[0] for s in SCORES])
@pytest.mark.parametrize("weighted", [False, True])
def test_groups_equal_filtered_rows(survey, name, fn, column, weighted):
    x = survey[column]
    w = survey["w"] if weighted else None
    g = fn(x, weights=w, by=survey["cls"])
    assert isinstance(g, csat.GroupedResult)
    assert list(g) == ["Business", "Economy", "First"]   # sorted labels
    for label in g:
        rows = (survey["cls"] == label).to_numpy()
        r = fn(x[rows], weights=None if w is None else w[rows])
        got = g[label]
        assert type(got) is type(r)
        if isinstance(r, csat.MeanResult):
            assert close(got.score, r.score, MOMENTS_REL), (label, got.score, r.score)
        else:
            assert got.score == r.score, (label, got.score, r.score)
        assert (got.n, got.n_missing) == (r.n, r.n_missing)
        assert got.n_weighted == pytest.approx(r.n_weighted, rel=1e-14)
        if isinstance(r, csat.ShareResult):
            assert got.share == r.share and got.se == r.se and got.ci == r.ci
        if isinstance(r, csat.CESResult):
            assert got.low_effort.share == r.low_effort.share


@pytest.mark.parametrize("fn,column", [(csat.nps, "rec"), (csat.mean_score, "hours")])
def test_domain_standard_errors(survey, fn, column):
    """NPS and mean: se² (N−1)/N of the group equals se² (n−1)/n of its rows."""
    x = survey[column].to_numpy()
    lab = survey["purpose"].to_numpy()
    g = fn(x, by=lab)
    big_n = int(np.sum(~np.isnan(x)))
    for label in g:
        r = fn(x[lab == label])
        assert close(g[label].se ** 2 * (big_n - 1) / big_n, r.se ** 2 * (r.n - 1) / r.n, 1e-12)


def test_distribution_and_index(survey):
    lab = survey["cls"]
    d = csat.distribution(survey["sat"], by=lab)
    items = survey[["sat", "effort"]]
    gi = csat.index(items, by=lab, scales=[(1, 5), (1, 7)])
    for label in d:
        rows = (lab == label).to_numpy()
        r = csat.distribution(survey["sat"][rows])
        assert d[label].counts.tolist() == r.counts.tolist()
        assert d[label].shares.tolist() == r.shares.tolist()
        assert d[label].n == r.n
        ri = csat.index(items[rows], scales=[(1, 5), (1, 7)])
        assert close(gi[label].score, ri.score, MOMENTS_REL) and gi[label].n == ri.n
    frame = d.to_frame_distribution()
    assert list(frame.columns) == ["count", "weight", "share"]
    assert frame.loc[("Business", 3), "count"] == d["Business"].counts[2]
    with pytest.raises(TypeError, match="no score"):
        d.compare()
    assert gi.compare("pairs").shape[0] == 3


def test_data_column_names(survey):
    a = csat.nps("rec", "w", by="cls", data=survey)
    b = csat.nps(survey["rec"], survey["w"], by=survey["cls"])
    assert a.to_dict() == b.to_dict()
    crossed = csat.nps("rec", by=["cls", "purpose"], data=survey)
    assert crossed.labels.names == ["cls", "purpose"]
    gi = csat.index(["sat", "effort"], by="cls", data=survey, scales=(1, 7))
    assert len(gi) == 3
    with pytest.raises(TypeError, match="data="):
        csat.nps(survey["rec"], by="cls")
    with pytest.raises(KeyError, match="nope"):
        csat.nps("rec", by="nope", data=survey)


# Labels of every kind ------------------------------------------------------------

def _check_against_filter(g, x, lab_values, labels):
    for label in labels:
        rows = np.array([v == label for v in lab_values])
        assert g[label].score == csat.nps(x[rows]).score


def test_string_labels_list_array_series(survey):
    x = survey["rec"].to_numpy()
    lab = survey["purpose"].tolist()
    for by in (lab, np.array(lab), pd.Series(lab, index=survey.index)):
        g = csat.nps(x if not isinstance(by, pd.Series) else survey["rec"], by=by)
        assert list(g) == ["Business", "Leisure"]
        _check_against_filter(g, x, lab, ["Business", "Leisure"])


def test_categorical_labels(survey):
    cat = pd.Categorical(survey["cls"], categories=["First", "Business", "Economy", "Charter"])
    s = pd.Series(cat, index=survey.index, name="class")
    g = csat.nps(survey["rec"], by=s)
    assert list(g) == ["First", "Business", "Economy", "Charter"]   # categorical order
    assert g.flags["Charter"] == "empty" and "Charter" in g.empty    # unused category
    assert math.isnan(g["Charter"].score) and g["Charter"].n == 0
    assert g.n_unlabelled == 3
    _check_against_filter(g, survey["rec"].to_numpy(), survey["cls"].tolist(),
                          ["First", "Business", "Economy"])
    # int8 codes, one cast; the codes are the library's (−1 missing).
    assert s.cat.codes.dtype == np.int8
    c = G.group_codes(s, len(s), survey["rec"])
    assert c.count == 4 and c.source.dtype == np.int8


def test_date_labels(survey):
    months = pd.to_datetime(["2024-03-01", "2024-01-01", "2024-02-01"])
    rng = np.random.default_rng(2)
    dates = pd.Series(months[rng.integers(0, 3, len(survey))], index=survey.index)
    dates.iloc[[5, 6]] = pd.NaT
    g = csat.nps(survey["rec"], by=dates)
    assert list(g) == sorted(months)
    assert g.n_unlabelled == 2
    assert g[pd.Timestamp("2024-02-01")].score == g["2024-02-01"].score
    for m in months:
        rows = (dates == m).to_numpy()
        assert g[m].score == csat.nps(survey["rec"][rows]).score


@pytest.mark.parametrize("dtype", [np.int64, np.int32, np.int16, np.uint8])
def test_integer_labels(survey, dtype):
    x = survey["rec"].to_numpy()
    region = survey["region"].to_numpy().astype(dtype)
    g = csat.nps(x, by=region)
    assert list(g) == [1, 2, 3, 4]
    _check_against_filter(g, x, region.tolist(), [1, 2, 3, 4])


def test_int32_codes_used_in_place(survey):
    codes = (survey["region"].to_numpy() - 1).astype(np.int32)
    c = G.group_codes(codes, len(codes), None)
    chunks = list(c.chunks())
    assert len(chunks) == 1 and chunks[0][2] is codes
    # Answers: a float64 array is passed as it is.
    x = survey["rec"].to_numpy()
    assert csat._convert.as_vector(x) is x


def test_sparse_negative_and_float_labels():
    x = np.array([9, 10, 3, 7, 0, 9, 8, 6.0])
    sparse = [10**12, -5, 10**12, -5, 7, 7, 7, -5]
    g = csat.nps(x, by=sparse)
    assert list(g) == [-5, 7, 10**12]
    _check_against_filter(g, x, sparse, [-5, 7, 10**12])
    floats = [1.5, 2.5, np.nan, 1.5, 2.5, 1.5, np.nan, 2.5]
    g = csat.nps(x, by=floats)
    assert list(g) == [1.5, 2.5] and g.n_unlabelled == 2
    # Gaps in a dense range of integers are not groups.
    g = csat.nps(x, by=[0, 0, 5, 5, 5, 9, 9, 9])
    assert list(g) == [0, 5, 9]


def test_crossed_labels(survey):
    g = csat.nps(survey["rec"], by=[survey["cls"], survey["purpose"]])
    assert isinstance(g.labels, pd.MultiIndex)
    assert len(g) == 6
    assert list(g)[0] == ("Business", "Business")
    for cls, purpose in g:
        rows = ((survey["cls"] == cls) & (survey["purpose"] == purpose)).to_numpy()
        assert g[(cls, purpose)].score == csat.nps(survey["rec"][rows]).score
    assert g.n_unlabelled == 3
    frame = g.to_frame()
    assert isinstance(frame.index, pd.MultiIndex) and frame.index.names == ["cls", "purpose"]
    # Combinations that do not occur are not groups.
    x = np.array([9, 1, 5, 10.0])
    g = csat.nps(x, by=[["a", "a", "b", "b"], [1, 2, 1, 1]])
    assert list(g) == [("a", 1), ("a", 2), ("b", 1)]
    assert g[("b", 1)].n == 2


def test_missing_labels_counted(survey):
    lab = survey["cls"].tolist()
    lab[0] = float("nan")
    g = csat.nps(survey["rec"].to_numpy(), by=lab)
    assert g.n_unlabelled == 4
    labelled = sum(r.n + r.n_missing for r in g.values())
    assert labelled == len(survey) - 4
    assert "answers without a label" in repr(g)


# Flags -----------------------------------------------------------------------------

def test_group_of_one_is_small_and_min_n():
    x = np.array([9.0] * 40 + [3.0])
    lab = ["big"] * 40 + ["one"]
    g = csat.nps(x, by=lab)
    assert g.min_n == csat.core.group_options().min_n      # the library's default
    assert g.small == ["one"] and g.flags == {"big": "ok", "one": "small"}
    assert g["one"].score == -100 and g["one"].n == 1      # still scored
    assert csat.nps(x, by=lab, min_n=41).small == ["big", "one"]
    assert csat.nps(x, by=lab, min_n=1).small == []
    with pytest.raises(ValueError, match="min_n"):
        csat.nps(x, by=lab, min_n=-1)
    with pytest.raises(TypeError, match="min_n"):
        csat.nps(x, by=lab, min_n=2.5)


def test_all_missing_group_is_empty():
    x = np.array([9, 10, 7, np.nan, np.nan, 3.0])
    g = csat.nps(x, by=["a", "a", "a", "gone", "gone", "a"], min_n=1)
    assert g.empty == ["gone"] and g.flags["gone"] == "empty"
    assert math.isnan(g["gone"].score) and g["gone"].n == 0 and g["gone"].n_missing == 2
    table = g.compare("rest")
    assert table.set_index("group").loc["gone", "skipped"] == "empty"
    assert math.isnan(table.set_index("group").loc["gone", "p"])
    # Nothing labelled at all: no group, no error.
    none = csat.nps(x, by=[None] * 6)
    assert len(none) == 0 and none.n_unlabelled == 6


# Comparisons -------------------------------------------------------------------------

COMPARE_COLUMNS = ["group", "other", "diff", "se", "ci_lower", "ci_upper", "statistic", "df",
                   "p", "p_adjusted", "skipped"]


@pytest.fixture(scope="module")
def segments():
    rng = np.random.default_rng(4)
    sizes = {"A": 300, "B": 250, "C": 200, "D": 150, "E": 5}
    lab = np.concatenate([[k] * v for k, v in sizes.items()])
    shift = {"A": 0, "B": 1, "C": -1, "D": 2, "E": 0}
    x = np.concatenate([np.clip(rng.integers(3, 11, v) + shift[k], 0, 10)
                        for k, v in sizes.items()]).astype(float)
    return x, lab


def _made(t):
    return t[t["skipped"].isna()]


def test_compare_rest(segments):
    x, lab = segments
    g = csat.nps(x, by=lab)
    t = g.compare("rest")
    assert list(t.columns) == COMPARE_COLUMNS
    assert len(t) == len(g) == 5 and list(t["group"]) == list(g) and set(t["other"]) == {"rest"}
    assert t.attrs["contrast"] == "rest" and t.attrs["adjust"] == "holm"
    small = t.set_index("group").loc["E"]
    assert small["skipped"] == "small" and math.isnan(small["diff"])
    made = _made(t)
    assert len(made) == 4
    for _, row in made.iterrows():
        rest = csat.nps(x[lab != row["group"]])
        assert close(row["diff"], g[row["group"]].score - rest.score, 1e-12)
    assert (made["p_adjusted"] >= made["p"] - 1e-15).all()
    # Holm: the adjusted p-values are those of csat.adjust over the comparisons made,
    # monotone in the order of the raw p-values.
    assert np.allclose(made["p_adjusted"], csat.adjust(made["p"].to_numpy(), "holm"), rtol=1e-14)
    ordered = made.sort_values("p")["p_adjusted"].to_numpy()
    assert (np.diff(ordered) >= 0).all()


@pytest.mark.parametrize("method", ["holm", "bh", "bonferroni"])
def test_compare_adjust_methods(segments, method):
    x, lab = segments
    t = csat.nps(x, by=lab).compare("pairs", adjust=method)
    assert len(t) == 10                              # G(G − 1)/2
    made = _made(t)
    assert len(made) == 6                            # the pairs without the small group
    assert np.allclose(made["p_adjusted"], csat.adjust(made["p"].to_numpy(), method),
                       rtol=1e-14)
    ordered = made.sort_values("p")["p_adjusted"].to_numpy()
    assert (np.diff(ordered) >= -1e-15).all()
    assert (t[~t["skipped"].isna()]["skipped"] == "small").all()
    with pytest.raises(ValueError, match="adjust"):
        csat.nps(x, by=lab).compare(adjust="tukey")


def test_compare_reference_and_benchmark(segments):
    x, lab = segments
    g = csat.nps(x, by=lab)
    t = g.compare("B")
    assert len(t) == 4 and set(t["other"]) == {"B"} and "B" not in set(t["group"])
    assert g.compare(reference="B").equals(t)
    a = t.set_index("group").loc["A"]
    assert close(a["diff"], g["A"].score - g["B"].score)
    b = g.compare(benchmark=20, level=0.9)
    assert len(b) == 5 and set(b["other"]) == {20.0} and b.attrs["level"] == 0.9
    assert close(b.set_index("group").loc["C", "diff"], g["C"].score - 20)
    with pytest.raises(KeyError, match="no group"):
        g.compare("Z")
    with pytest.raises(ValueError, match="one of"):
        g.compare("rest", benchmark=3)
    # Shares compare as proportions; a CES by its mean effort.
    s = csat.top_box(np.floor(x / 2), scale=(0, 5), by=lab)
    assert abs(s.compare(benchmark=0.5)["diff"].dropna()).max() < 1
    c = csat.ces(np.clip(x, 1, 7), by=lab)
    assert close(c.compare("A").set_index("group").loc["C", "diff"],
                 c["C"].effort.score - c["A"].effort.score)


def test_rest_results_computed_once(segments):
    x, lab = segments
    g = csat.nps(x, by=lab)
    assert g._rest is None                       # lazily: not before compare("rest")
    g.compare("pairs")
    assert g._rest is None
    g.compare("rest")
    first = g._rest
    g.compare("rest", adjust="bh")
    assert g._rest is first


# Tracking --------------------------------------------------------------------------------

def test_track_signals_an_outlier_period():
    rng = np.random.default_rng(8)
    months = pd.period_range("2023-01", periods=10, freq="M").to_timestamp()
    x, lab = [], []
    for k, m in enumerate(months):
        # 400 answers a month around NPS 30; month 7 drops to about −40.
        p = [0.1, 0.3, 0.6] if k != 7 else [0.6, 0.2, 0.2]
        kind = rng.choice(3, 400, p=p)
        x.append(np.where(kind == 0, 3, np.where(kind == 1, 8, 10)).astype(float))
        lab += [m] * 400
    g = csat.nps(np.concatenate(x), by=pd.Series(lab))
    t = g.track()
    assert list(t.columns) == ["period", "score", "ci_lower", "ci_upper", "change", "change_se",
                               "change_p", "center", "lcl", "ucl", "signal", "flag"]
    assert list(t["period"]) == list(months)
    # The limits come from the earlier periods: none before the drop signals.
    assert t["signal"].tolist()[:8] == [k == 7 for k in range(8)]
    assert t.loc[7, "change_p"] < 1e-6 and t.loc[7, "change"] < -40
    assert math.isnan(t.loc[0, "change"])
    trend = t.attrs["trend"]
    assert isinstance(trend, csat.Trend) and trend.waves == 10
    # Two periods, one small: no trend, no error.
    short = csat.nps(np.array([9.0] * 40 + [3.0]), by=[0] * 40 + [1]).track()
    assert short.attrs["trend"] is None and short["flag"].tolist() == ["ok", "small"]


# Errors ---------------------------------------------------------------------------------

def test_bad_answer_names_the_pandas_label(survey):
    x = survey["rec"].copy()
    x.iloc[7] = 11
    with pytest.raises(ValueError, match="outside the scale") as e:
        csat.nps(x, by=survey["cls"])
    assert e.value.index == 7 and e.value.label == survey.index[7]
    assert f"index label {survey.index[7]}" in str(e.value)
    w = survey["w"].copy()
    w.iloc[9] = -1
    with pytest.raises(ValueError) as e:
        csat.nps(survey["rec"], w, by=survey["cls"])
    assert e.value.index == 9 and e.value.label == survey.index[9]


def test_bad_answer_in_a_later_chunk():
    """Labels converted chunk by chunk: the error still names the row."""
    n = 200_000
    x = pd.Series(np.full(n, 8.0), index=np.arange(n) * 10)
    x.iloc[150_001] = 2.5
    codes = np.arange(n, dtype=np.int64) % 7           # int64: converted in chunks
    with pytest.raises(ValueError, match="not an integer point") as e:
        csat.nps(x, by=codes)
    assert e.value.index == 150_001 and e.value.label == 1_500_010
    assert "index 150001" in str(e.value)


def test_bad_label_names_the_pandas_label():
    by = pd.Series(["a", ["not", "hashable"], "b"], index=["r1", "r2", "r3"])
    with pytest.raises(TypeError, match="labels") as e:
        csat.nps(pd.Series([1.0, 2, 3], index=by.index), by=by)
    assert e.value.label == "r2" and e.value.index == 1


def test_labels_matched_by_index_and_length():
    x = pd.Series([9.0, 3.0, 10.0], index=["a", "b", "c"])
    by = pd.Series(["p", "q", "p"], index=["c", "a", "b"])     # same labels, other order
    g = csat.nps(x, by=by)
    assert g["q"].score == 100 and g["p"].n == 2
    with pytest.raises(ValueError, match="index of by"):
        csat.nps(x, by=pd.Series(["p", "q", "p"], index=["a", "b", "z"]))
    with pytest.raises(ValueError, match="2 labels for 3 answers"):
        csat.nps(x.to_numpy(), by=["p", "q"])


def test_bad_group_code_at_the_library():
    acc = csat.core.grouped_create(3, 0, 10)
    with pytest.raises(ValueError, match="group code 7") as e:
        csat.core.grouped_add(acc, np.array([1.0, 2.0]), None, np.array([0, 7], np.int32))
    assert e.value.index == 1
    with pytest.raises(TypeError, match="int32"):
        csat.core.grouped_add(acc, np.array([1.0]), None, np.array([0], np.int64))
    with pytest.raises(ValueError, match="group codes"):
        csat.core.grouped_add(acc, np.array([1.0, 2.0]), None, np.array([0], np.int32))


# Tables and display --------------------------------------------------------------------

def test_to_frame_columns(survey):
    g = csat.nps(survey["rec"], by=survey["cls"], min_n=100)
    f = g.to_frame()
    assert list(f.columns[:7]) == ["score", "se", "ci_lower", "ci_upper", "n", "n_eff", "small"]
    assert {"promoters", "passives", "detractors", "method", "level", "n_missing"} <= set(f.columns)
    assert f.index.name == "cls" and list(f.index) == list(g)
    assert f.loc["First", "small"] and not f.loc["Economy", "small"]
    assert f.loc["Business", "score"] == g["Business"].score
    assert f.loc["Business", "method"] == "wald"
    c = csat.ces(survey["effort"], by=survey["cls"]).to_frame()
    assert "low_effort_share" in c.columns and "low_effort_ci_lower" in c.columns
    s = csat.csat(survey["sat"], by=survey["cls"]).to_frame()
    assert {"share", "box_min", "box_max"} <= set(s.columns)


def test_mapping_repr_html_and_dict(survey):
    g = csat.nps(survey["rec"], by=survey["cls"], min_n=100)
    assert len(g) == 3 and "First" in g and "Charter" not in g
    with pytest.raises(KeyError):
        g["Charter"]
    assert [label for label, _ in g.items()] == list(g)
    d = g.to_dict()
    assert d["Economy"]["score"] == g["Economy"].score
    text = repr(g)
    assert text.startswith("GroupedResult: NPS by cls") and "First" in text and "small" in text
    page = g._repr_html_()
    assert page.startswith("<div>") and "<table>" in page and "Economy" in page
    many = csat.nps(np.arange(200) % 11.0, by=np.arange(200))
    assert "..." in repr(many) and len(repr(many).splitlines()) < 30


def test_without_pandas(monkeypatch, segments):
    """No pandas: labels factorised by numpy, tables as lists of dicts."""
    x, lab = segments
    monkeypatch.setattr(G, "_pandas", lambda: None)
    g = csat.nps(x, by=list(lab))
    assert g.labels == ["A", "B", "C", "D", "E"]
    rows = g.to_frame()
    assert rows[0]["group"] == "A" and rows[0]["score"] == g["A"].score
    t = g.compare("rest")
    assert isinstance(t, list) and t[4]["skipped"] == "small" and t.attrs["contrast"] == "rest"
    tr = g.track()
    assert tr[0]["period"] == "A" and "trend" in tr.attrs
    crossed = csat.nps(x, by=[list(lab), list(x > 5)])
    assert crossed.labels[0] == ("A", False)


def test_plot(monkeypatch, segments):
    x, lab = segments
    g = csat.nps(x, by=lab)
    try:
        import matplotlib
    except ImportError:
        matplotlib = None
    if matplotlib is None:
        with pytest.raises(ImportError, match="matplotlib"):
            g.plot()
    else:
        matplotlib.use("Agg")
        assert g.plot() is not None and g.plot(track=True) is not None
        monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
        with pytest.raises(ImportError, match="needs matplotlib"):
            g.plot()


def test_rest_is_the_other_groups_together(survey):
    """g.rest(label): every other group's rows scored together (the score
    exactly; its SE with the domain N, as the group's own)."""
    x = survey["rec"]
    g = csat.nps(x, by=survey["cls"])
    labelled = survey["cls"].notna().to_numpy()
    for label in g:
        others = labelled & (survey["cls"] != label).to_numpy()
        r = csat.nps(x[others])
        got = g.rest(label)
        assert isinstance(got, csat.NPSResult)
        assert close(got.score, r.score, 1e-13) and (got.n, got.n_missing) == (r.n, r.n_missing)
    with pytest.raises(KeyError):
        g.rest("Nowhere")
