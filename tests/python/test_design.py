"""Survey designs in Python: csat.Design, design= on the scores (and with
by=, the groups' comparison with the rest), key drivers of a design, and
csat.rake.

The reference is R's survey package, as the C tests use it:
tests/reference/design_reference.h (made by make_design_reference.R; its
banner documents the data, the designs and every value). The header is
read here by a small reader of its C arrays and constants.
"""

import math
import os
import re

import numpy as np
import pytest

import csat
from csat import core

pd = pytest.importorskip("pandas")

HEADER = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "reference",
                      "design_reference.h")
TOL = 1e-10
CODE_EMPTY, CODE_WEIGHT, CODE_ARGUMENT, CODE_CONVERGENCE = 2, 4, 5, 11


def read_header(path):
    """The C arrays (numpy) and constants (float) of a reference header,
    by name; NAN is NaN."""
    text = re.sub(r"/\*.*?\*/", "", open(path, encoding="utf-8").read(), flags=re.S)

    def number(v):
        v = v.strip()
        return math.nan if v == "NAN" else float(v)
    out = {}
    for m in re.finditer(r"static const (double|int32_t) (\w+)\[\w*\] = \{(.*?)\};", text, re.S):
        values = [number(v) for v in m.group(3).split(",") if v.strip()]
        out[m.group(2)] = np.array(values, dtype=np.float64 if m.group(1) == "double"
                                   else np.int32)
    for m in re.finditer(r"static const double (\w+) = ([^;]+);", text):
        out[m.group(1)] = number(m.group(2))
    for m in re.finditer(r"^#define (REF_\w+|DATA_\w+) (\S+)\s*$", text, re.M):
        out[m.group(1)] = number(m.group(2))
    return out


R = read_header(HEADER)
N = int(R["DATA_DESIGN_N"])


def data(name):
    return R["DATA_DESIGN_" + name]


def close(a, b, tol=TOL):
    return a == b or abs(a - b) <= tol * max(abs(a), abs(b))


def check(value, name, tol=TOL):
    ref = R[name]
    assert close(value, ref, tol), f"{name}: {value!r} != {ref!r}"


CLASSES = np.array(["Business", "Economy", "First"])
CLASS = CLASSES[data("CLASS")]

# The designs of the header's banner, from the arrays as they are (codes).
DESIGNS = {
    "SIMPLE": dict(n=N),
    "WEIGHTED": dict(weights=data("W")),
    "STRAT": dict(weights=data("W"), strata=data("STRATA")),
    "CLUS": dict(weights=data("W"), strata=data("STRATA"), clusters=data("CLUSTER"), nest=True),
    "FPC": dict(weights=data("W"), strata=data("STRATA"), clusters=data("CLUSTER"),
                fpc=data("FPC"), nest=True),
    "CLUS1": dict(weights=data("W"), clusters=data("CLUSTER_GLOBAL")),
}
for _rule in ("remove", "certainty", "adjust", "average"):
    DESIGNS["LONELY_" + _rule.upper()] = dict(
        weights=data("W"), strata=data("LONELY_STRATA"), clusters=data("LONELY_CLUSTER"),
        nest=True, lonely_psu=_rule)

INDEX_X = data("INDEX_X").reshape(N, 3)

# Each measure of the banner: (function of a design and keywords, estimate
# of its result).
MEASURES = {
    "NPS": (lambda d, **k: csat.nps(data("NPS_X"), design=d, **k), "score"),
    "CSAT": (lambda d, **k: csat.csat(data("SAT_X"), scale=(1, 7), satisfied_min=6, design=d,
                                      **k), "share"),
    "BOTTOM2": (lambda d, **k: csat.bottom_box(data("SAT_X"), 2, scale=(1, 7), design=d, **k),
                "share"),
    "SAT": (lambda d, **k: csat.mean_score(data("SAT_X"), design=d, **k), "score"),
    "SAT_MISS": (lambda d, **k: csat.mean_score(data("SAT_MISS_X"), design=d, **k), "score"),
    "CES": (lambda d, **k: csat.ces(data("CES_X"), scale=(1, 7), low_effort_min=5, design=d,
                                    **k).effort, "score"),
    "LOW_EFFORT": (lambda d, **k: csat.ces(data("CES_X"), scale=(1, 7), low_effort_min=5,
                                           design=d, **k).low_effort, "share"),
    "AGE": (lambda d, **k: csat.mean_score(data("AGE_X"), design=d, **k), "score"),
    "INDEX": (lambda d, **k: csat.index(INDEX_X, scales=(1, 100), item_weights=[1, 2, 1],
                                        design=d, **k), "score"),
}


@pytest.fixture(scope="module")
def clus():
    return csat.Design(**DESIGNS["CLUS"])


# The design ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(DESIGNS))
def test_every_design_describes_itself_as_r(name):
    d = csat.Design(**DESIGNS[name])
    info = d.describe()
    assert isinstance(info, csat.DesignInfo) and info == d.info
    assert (d.n, d.psus, d.strata, d.lonely) == (N, R[f"REF_DESIGN_{name}_PSUS"],
                                                 R[f"REF_DESIGN_{name}_STRATA"],
                                                 R[f"REF_DESIGN_{name}_LONELY"])
    check(d.df, f"REF_DESIGN_{name}_DEGF")
    check(d.sum_w, f"REF_DESIGN_{name}_SUMW")
    assert d.lonely_psu == DESIGNS[name].get("lonely_psu", "fail")


def test_weights_psu_codes_and_repr(clus):
    w = clus.weights
    assert w.dtype == np.float64 and np.array_equal(w, data("W"))
    w[0] = 99.0                                     # a copy: the design keeps its own
    assert clus.weights[0] == data("W")[0]
    codes = clus.psu_codes()
    assert codes.dtype == np.int32 and len(codes) == N
    assert codes[0] == 0 and codes.max() == clus.psus - 1
    # numbered in order of first row
    firsts = [int(np.flatnonzero(codes == k)[0]) for k in range(clus.psus)]
    assert firsts == sorted(firsts)
    # rows of one PSU share their stratum and cluster
    key = data("STRATA") * 100 + data("CLUSTER")
    assert all(len(set(key[codes == k])) == 1 for k in range(clus.psus))
    assert repr(clus) == ("Design(n=1065, psus=104, strata=8, df=96, sum_w=1330.5, "
                          "lonely_psu='fail')")
    assert np.array_equal(csat.Design(n=3).weights, np.ones(3))
    with pytest.raises(TypeError):
        import pickle
        pickle.dumps(clus)


def test_the_defaults_are_the_libraries():
    o = core.design_options()
    assert o.lonely_psu == core.CSAT_LONELY_FAIL and o.nest == 0
    d = csat.Design(data("W"), data("STRATA"), data("CLUSTER_GLOBAL"))
    assert d.lonely_psu == "fail"
    r = core.rake_options()
    assert (r.max_iter, r.epsilon, r.lower, r.upper) == (50, 1e-7, 0.0, math.inf)
    import inspect
    for f, names in ((csat.Design, ("lonely_psu", "nest")),
                     (csat.rake, ("max_iter", "epsilon", "lower", "upper"))):
        params = inspect.signature(f).parameters
        assert all(params[k].default is None for k in names)
        assert "the library's" in " ".join(f.__doc__.split())


# Scores of a design against R -----------------------------------------------------------

@pytest.mark.parametrize("name", sorted(DESIGNS))
@pytest.mark.parametrize("measure", sorted(MEASURES))
def test_scores_of_every_design_equal_r(name, measure):
    f, field = MEASURES[measure]
    r = f(csat.Design(**DESIGNS[name]))
    p = f"REF_DESIGN_{name}_{measure}_"
    check(getattr(r, field), p + "EST")
    check(r.se, p + "SE")
    check(r.ci[0], p + "LO")
    check(r.ci[1], p + "HI")
    check(r.n_effective, p + "NEFF")
    assert r.n == R[f"REF_DESIGN_{measure}_NVALID"]


def test_the_results_are_the_classes_of_the_weighted_scores(clus):
    w = data("W")
    r = csat.nps(data("NPS_X"), design=clus)
    plain = csat.nps(data("NPS_X"), w)
    assert type(r) is csat.NPSResult and r.score == plain.score and r.n == plain.n
    assert r.se != plain.se
    assert type(csat.csat(data("SAT_X"), scale=(1, 7), design=clus)) is csat.ShareResult
    assert type(csat.top_box(data("SAT_X"), 2, scale=(1, 7), design=clus)) is csat.ShareResult
    assert type(csat.box_share(data("SAT_X"), 3, 5, scale=(1, 7), design=clus)) is csat.ShareResult
    assert type(csat.mean_score(data("AGE_X"), design=clus)) is csat.MeanResult
    assert type(csat.ces(data("CES_X"), scale=(1, 7), design=clus)) is csat.CESResult
    # the t interval of a mean is on the design's df
    assert csat.mean_score(data("AGE_X"), design=clus).df == clus.df
    # a distribution counts with the design's weights
    dist = csat.distribution(data("SAT_X"), scale=(1, 7), design=clus)
    np.testing.assert_array_equal(dist.weights,
                                  csat.distribution(data("SAT_X"), w, scale=(1, 7)).weights)


def test_accumulators_keyed_by_psu_merge_to_the_designs_scores(clus):
    """The core module's csat_design_psu_* estimators: an accumulator keyed by
    psu_codes(), filled in one pass, gives the array function's result bit
    for bit; shards merged give it to rounding, also with a design made of
    the PSUs alone."""
    x, w, codes = data("NPS_X"), clus.weights, clus.psu_codes()
    acc = core.grouped_create(clus.psus, 0, 10)
    core.grouped_add(acc, x, w, codes)
    assert core.design_psu_nps(clus._d, acc, None) == core.design_nps(clus._d, x, None)
    a, b = core.grouped_create(clus.psus, 0, 10), core.grouped_create(clus.psus, 0, 10)
    core.grouped_add(a, x[:500], w[:500], codes[:500])
    core.grouped_add(b, x[500:], w[500:], codes[500:])
    core.grouped_merge(a, b)
    strata = np.array([data("STRATA")[np.flatnonzero(codes == k)[0]] for k in range(clus.psus)],
                      dtype=np.int32)
    psus = core.design_create_psus(clus.psus, strata, None, None)
    assert core.design_describe(psus)["n"] == 0
    for d in (clus._d, psus):
        assert close(core.design_psu_nps(d, a, None)["se"], R["REF_DESIGN_CLUS_NPS_SE"], 1e-12)
    m = core.grouped_create_moments(clus.psus)
    core.grouped_add(m, data("AGE_X"), w, codes)
    assert close(core.design_psu_mean(psus, m, None)["se"], R["REF_DESIGN_CLUS_AGE_SE"], 1e-12)
    with pytest.raises(ValueError, match="no rows"):
        core.design_nps(psus, x, None)


# Domains: by= with a design ------------------------------------------------------------

@pytest.mark.parametrize("name", ["CLUS", "STRAT"])
@pytest.mark.parametrize("measure", ["NPS", "CSAT", "SAT", "AGE"])
def test_domains_and_each_class_against_the_rest_equal_r(name, measure):
    f, field = MEASURES[measure]
    d = csat.Design(**DESIGNS[name])
    g = f(d, by=CLASS, min_n=1)
    assert list(g) == list(CLASSES) and g.design is d
    c = g.compare()
    assert list(c["group"]) == list(CLASSES) and set(c["other"]) == {"rest"}
    p = f"REF_DESIGN_{name}_BY_{measure}_"
    for i, label in enumerate(CLASSES):
        r, rest = g[label], g.rest(label)
        row = c.iloc[i]
        for value, ref in ((getattr(r, field), "EST"), (r.se, "SE"),
                           (getattr(rest, field), "REST_EST"), (rest.se, "REST_SE"),
                           (row["diff"], "DIFF"), (row["se"], "DIFF_SE"),
                           (row["statistic"], "DIFF_Z"), (row["p"], "DIFF_P"),
                           (row["p_adjusted"], "DIFF_PADJ")):
            assert close(value, R[p + ref][i]), (label, ref, value, R[p + ref][i])
        assert math.isinf(row["df"])


def test_the_domain_scores_are_the_designs_scores_of_the_domain(clus):
    """A domain's estimate is the weighted score of its rows; its standard
    error is the design's, with every PSU of the design counting."""
    g = csat.nps(data("NPS_X"), by=CLASS, design=clus, min_n=1)
    for label in CLASSES:
        rows = CLASS == label
        assert close(g[label].score, csat.nps(data("NPS_X")[rows], data("W")[rows]).score, 1e-13)
    frame = g.to_frame()
    assert list(frame.index) == list(CLASSES)


def test_every_share_and_ces_by_group_of_a_design(clus):
    x = data("SAT_X")
    top = csat.top_box(x, 2, scale=(1, 7), by=CLASS, design=clus, min_n=1)
    box = csat.box_share(x, 6, 7, scale=(1, 7), by=CLASS, design=clus, min_n=1)
    bottom = csat.bottom_box(x, 2, scale=(1, 7), by=CLASS, design=clus, min_n=1)
    low = csat.box_share(x, 1, 2, scale=(1, 7), by=CLASS, design=clus, min_n=1)
    sat = csat.csat(x, scale=(1, 7), satisfied_min=6, by=CLASS, design=clus, min_n=1)
    for label in CLASSES:
        assert top[label] == box[label] == sat[label]
        assert bottom[label] == low[label]
        assert top[label].box == (6, 7) and bottom[label].box == (1, 2)
    assert top.compare().equals(box.compare())
    # k outside the scale: the library's message, as without groups
    with pytest.raises(ValueError, match="k = 9 boxes"):
        csat.top_box(x, 9, scale=(1, 7), by=CLASS, design=clus)
    ces = csat.ces(data("CES_X"), scale=(1, 7), low_effort_min=5, by=CLASS, design=clus, min_n=1)
    effort = csat.mean_score(data("CES_X"), by=CLASS, design=clus, min_n=1)
    share = csat.box_share(data("CES_X"), 5, 7, scale=(1, 7), by=CLASS, design=clus, min_n=1)
    whole = csat.ces(data("CES_X"), scale=(1, 7), low_effort_min=5, design=clus)
    for label in CLASSES:
        assert ces[label].effort == effort[label] and ces[label].low_effort == share[label]
    assert ces.compare().equals(effort.compare())
    assert close(whole.low_effort.share,
                 csat.box_share(data("CES_X"), 5, 7, scale=(1, 7), design=clus).share, 1e-15)


def test_comparisons_a_design_does_not_have(clus):
    g = csat.nps(data("NPS_X"), by=CLASS, design=clus, min_n=1)
    for against in ("pairs", "Economy"):
        with pytest.raises(ValueError, match="compared with the rest"):
            g.compare(against)
    with pytest.raises(ValueError, match="tracking table"):
        g.track()
    # against a benchmark: each group's design SE
    b = g.compare(benchmark=0)
    for i, label in enumerate(CLASSES):
        assert close(b["se"][i], g[label].se, 1e-15) and close(b["diff"][i], g[label].score, 1e-15)
    with pytest.raises(ValueError, match="index by group of a design"):
        csat.index(INDEX_X, scales=(1, 100), by=CLASS, design=clus)


def test_small_groups_are_skipped_and_unused_labels_dropped(clus):
    by = pd.Categorical(CLASS, categories=["Business", "Economy", "First", "Premium"])
    g = csat.nps(data("NPS_X"), by=by, design=clus)          # the default min_n
    assert list(g) == ["Business", "Economy", "First", "Premium"]
    c = g.compare()
    assert c["skipped"].iloc[3] == "empty" and math.isnan(c["diff"].iloc[3])
    assert g.flags["First"] == ("small" if (CLASS == "First").sum() < g.min_n else "ok")
    labels = np.where(CLASS == "First", None, CLASS)      # First without rows: no group
    g2 = csat.nps(data("NPS_X"), by=labels, design=clus, min_n=1)
    assert list(g2) == ["Business", "Economy"] and g2.n_unlabelled == (CLASS == "First").sum()
    assert list(g2.compare()["group"]) == ["Business", "Economy"]


# Labels of any kind ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def frame():
    """The CLUS data as a DataFrame with string labels, in another row order,
    indexed by respondent id."""
    st, cl = data("STRATA"), data("CLUSTER")
    df = pd.DataFrame({
        "w": data("W"), "region": np.array([f"region {s}" for s in st]),
        "flight": pd.Categorical([f"F{c:02d}" for c in cl]),
        "store": [f"{s}/{c}" for s, c in zip(st, cl)],
        "nps": data("NPS_X"), "sat": data("SAT_X"), "age": data("AGE_X"), "cls": CLASS,
        "fpc": data("FPC"),
    }, index=pd.Index(np.arange(N) * 7 + 1000, name="respondent"))
    order = np.random.default_rng(3).permutation(N)
    return df.iloc[order]


def test_a_design_of_string_labels_equals_the_design_of_codes(frame, clus):
    d = csat.Design("w", "region", "flight", nest=True, data=frame)
    assert d.describe() == clus.describe()
    assert d.index is frame.index
    # answers in the frame's (shuffled) order, or as a Series in any order
    for scores in (frame["nps"], frame["nps"].sort_index(), frame["nps"].iloc[::-1]):
        r = csat.nps(scores, design=d)
        ref = csat.nps(data("NPS_X"), design=clus)
        assert close(r.score, ref.score, 1e-13) and close(r.se, ref.se, 1e-12)
    r = csat.nps("nps", design=d, data=frame)
    assert close(r.se, R["REF_DESIGN_CLUS_NPS_SE"])
    g = csat.mean_score("age", by="cls", design=d, data=frame, min_n=1)
    c = g.compare()
    for i in range(3):
        assert close(c["diff"][i], R["REF_DESIGN_CLUS_BY_AGE_DIFF"][i])
        assert close(c["se"][i], R["REF_DESIGN_CLUS_BY_AGE_DIFF_SE"][i])
    # unique cluster labels without nest: the same design (R's CLUS1 ids with strata)
    u = csat.Design(frame["w"], frame["region"], frame["store"])
    assert u.describe() == d.describe()
    assert close(csat.nps(frame["nps"], design=u).se, R["REF_DESIGN_CLUS_NPS_SE"])
    # with the fpc column: R's FPC design
    f = csat.Design("w", "region", "flight", "fpc", nest=True, data=frame)
    assert close(csat.nps("nps", design=f, data=frame).se, R["REF_DESIGN_FPC_NPS_SE"])


def test_labels_of_every_kind_give_one_design():
    st, cl = data("STRATA"), data("CLUSTER_GLOBAL")
    ref = csat.Design(data("W"), st, cl)
    for s, c in ((st.astype(np.int64) + 10**9, cl.astype(float) + 0.5),
                 (list(map(str, st)), pd.Series(cl).astype("category")),
                 (pd.array(st, dtype="Int64"), [("c", int(v)) for v in cl])):
        d = csat.Design(data("W"), s, c)
        assert d.describe() == ref.describe()
        assert np.array_equal(d.psu_codes(), ref.psu_codes())


# Bad input --------------------------------------------------------------------------------

def test_a_nan_weight_names_its_row(frame):
    w = frame["w"].copy()
    w.iloc[5] = np.nan
    with pytest.raises(ValueError) as e:
        csat.Design(w, frame["region"], frame["flight"], nest=True)
    err = e.value
    assert (err.code, err.index) == (CODE_WEIGHT, 5)
    assert err.label == frame.index[5] and err.column_name == "w"
    assert f"index 5 (index label {frame.index[5]} in 'w')" in str(err)


def test_a_cluster_in_two_strata_without_nest_names_rows_and_labels(frame):
    with pytest.raises(ValueError) as e:
        csat.Design("w", "region", "flight", data=frame)
    err = e.value
    assert err.code == CODE_ARGUMENT and err.index is not None
    assert err.label == frame.index[err.index]
    msg = str(err)
    assert re.search(r"cluster 'F\d\d' at index \d+ \(index label \d+\) is in stratum "
                     r"'region \d', but at index \d+ in stratum 'region \d'", msg), msg
    assert "nest" in msg
    # with codes: the codes
    with pytest.raises(ValueError, match=r"cluster \d+ at index \d+ is in stratum \d+"):
        csat.Design(data("W"), data("STRATA"), data("CLUSTER"))


def test_a_lonely_psu_fails_by_default_and_names_its_row():
    st, cl = data("LONELY_STRATA"), data("LONELY_CLUSTER")
    with pytest.raises(ValueError) as e:
        csat.Design(data("W"), st, cl, nest=True)
    err = e.value
    assert err.code == CODE_ARGUMENT and "single PSU" in str(err)
    assert st[err.index] == 8                                     # a row of the lonely stratum
    d = csat.Design(data("W"), st, cl, nest=True, lonely_psu="remove")
    assert d.lonely == 1
    with pytest.raises(ValueError, match="lonely_psu must be one of"):
        csat.Design(data("W"), st, cl, nest=True, lonely_psu="drop")
    with pytest.raises(TypeError):
        csat.Design(data("W"), st, cl, nest="yes")


def test_a_missing_label_names_its_row(frame):
    region = frame["region"].copy()
    region.iloc[7] = None
    with pytest.raises(ValueError) as e:
        csat.Design(frame["w"], region)
    err = e.value
    assert err.index == 7 and err.label == frame.index[7]
    assert (f"strata has a missing label at position 7 (index label {frame.index[7]} in "
            "'region')") in str(err)
    with pytest.raises(ValueError, match=r"clusters has a missing label at position 2"):
        csat.Design(clusters=[1.5, 2.5, np.nan, 3.5])


def test_answers_of_another_length_or_with_weights_are_refused(clus, frame):
    with pytest.raises(ValueError) as e:
        csat.nps(data("NPS_X")[:-1], design=clus)
    assert e.value.code == CODE_ARGUMENT and "design's rows (1065)" in str(e.value)
    for f in (lambda: csat.nps(data("NPS_X"), data("W"), design=clus),
              lambda: csat.mean_score(data("AGE_X"), data("W"), by=CLASS, design=clus),
              lambda: csat.key_drivers(data("DRIVERS_X").reshape(N, 5), data("SAT_X"),
                                       data("W"), design=clus)):
        with pytest.raises(ValueError, match="weights and design= were given together"):
            f()
    with pytest.raises(TypeError, match="csat.Design"):
        csat.nps(data("NPS_X"), design="CLUS")
    d = csat.Design("w", "region", "flight", nest=True, data=frame)
    other = pd.Series(data("NPS_X"))            # another index
    with pytest.raises(ValueError, match="does not match the index of the design's rows"):
        csat.nps(other, design=d)
    with pytest.raises(ValueError, match="outside the scale"):
        csat.nps(np.where(np.arange(N) == 4, 11.0, data("NPS_X")), design=clus)


def test_a_series_of_bad_answers_names_the_label(frame):
    d = csat.Design("w", "region", "flight", nest=True, data=frame)
    x = frame["nps"].copy()
    x.iloc[9] = 12.0
    with pytest.raises(ValueError) as e:
        csat.nps(x, design=d)
    assert e.value.index == 9 and e.value.label == frame.index[9]


# Key drivers of a design ---------------------------------------------------------------------

@pytest.mark.parametrize("name", ["CLUS", "STRAT", "SIMPLE"])
def test_key_drivers_of_a_design_equal_svyglm(name):
    d = csat.Design(**DESIGNS[name])
    m = csat.key_drivers(data("DRIVERS_X").reshape(N, 5), data("SAT_X"), design=d)
    assert m.design is d and m.n == R["REF_DESIGN_GLM_NROWS"]
    check(m.df_resid, f"REF_DESIGN_{name}_GLM_DF")
    p = f"REF_DESIGN_{name}_GLM_"
    for values, ref in ((m.coef, "COEF"), (m.se, "SE"), (m.t, "T"), (m.p, "P")):
        for j, v in enumerate(np.asarray(values)):
            assert close(v, R[p + ref][j], 1e-9), (ref, j, v, R[p + ref][j])
    if name != "SIMPLE":
        np.testing.assert_allclose(np.asarray(m.coef), R["REF_DESIGN_LM_W_COEF"], rtol=1e-12)
    assert "design-based standard errors" in m.summary()


def test_key_drivers_of_a_design_from_a_frame(frame):
    """Drivers in the header's row order, the design in the frame's
    (shuffled) order: matched by index label."""
    d = csat.Design("w", "region", "flight", nest=True, data=frame)
    x = pd.DataFrame(data("DRIVERS_X").reshape(N, 5), columns=[f"s{j}" for j in range(1, 6)],
                     index=frame.index.sort_values())
    x["overall"] = data("SAT_X")
    m = csat.key_drivers(x, "overall", design=d)
    assert list(m.names) == ["s1", "s2", "s3", "s4", "s5"] and m.outcome == "overall"
    assert m.n == R["REF_DESIGN_GLM_NROWS"]
    for j in range(6):
        assert close(np.asarray(m.se)[j], R["REF_DESIGN_CLUS_GLM_SE"][j], 1e-9)


# Raking --------------------------------------------------------------------------------------

SEX = ["M", "M", "M", "M", "F", "F"]
AGE = ["young", "old", "young", "old", "young", "old"]


def test_raking_a_two_by_two_table_by_hand():
    # Four rows of men (two young, two old) and two of women (one of each),
    # unit weights; the population has 60 men and 40 women, 50 young and 50
    # old. The sample's table is proportional to independence (odds ratio
    # 1), which raking keeps, so the raked table is the product of the
    # margins over the total: men 60 × 50 / 100 = 30 young and 30 old
    # (15 a row), women 40 × 50 / 100 = 20 young and 20 old (20 a row). The
    # first sweep reaches it (sex: men 1 × 60/4 = 15, women 1 × 40/2 = 20;
    # age: young 15 + 15 + 20 = 50, factor 1), the second changes nothing.
    margins = {"sex": (SEX, {"M": 60, "F": 40}), "age": (AGE, {"young": 50, "old": 50})}
    w, info = csat.rake(None, margins, info=True)
    assert type(w) is np.ndarray
    np.testing.assert_allclose(w, [15, 15, 15, 15, 20, 20], rtol=1e-14)
    assert isinstance(info, csat.RakeInfo)
    assert (info.iterations, info.converged, info.trimmed) == (2, 1, 0)
    assert info.max_change == 0 and abs(info.max_miss) < 1e-12
    # One margin is post-stratification: w × total / the category's weight.
    w0 = np.array([1.0, 2, 1, 2, 1, 3])
    np.testing.assert_allclose(csat.rake(w0, {"sex": (SEX, {"M": 60, "F": 40})}),
                               [10, 20, 10, 20, 10, 30], rtol=1e-14)


def test_raking_a_series_keeps_its_index_and_name():
    idx = pd.Index(list("abcdef"), name="id")
    w = pd.Series(np.ones(6), index=idx, name="weight")
    sex = pd.Series(SEX, index=idx).iloc[::-1]            # matched by label, not position
    age = pd.Categorical(AGE)
    out = csat.rake(w, {"sex": (sex, {"M": 60, "F": 40}), "age": (age, {"young": 50, "old": 50})})
    assert isinstance(out, pd.Series) and out.name == "weight" and out.index.equals(idx)
    np.testing.assert_allclose(out.to_numpy(), [15, 15, 15, 15, 20, 20], rtol=1e-14)
    # a design of the raked weights
    d = csat.Design(out, strata=sex.loc[idx])
    assert d.sum_w == pytest.approx(100) and d.index.equals(idx)
    # integer and float labels
    codes = np.array([0, 0, 0, 0, 1, 1])
    np.testing.assert_allclose(csat.rake(None, {"sex": (codes, {0: 60, 1: 40})}),
                               [15, 15, 15, 15, 20, 20])
    np.testing.assert_allclose(csat.rake(None, {"sex": (codes + 0.5, {0.5: 60, 1.5: 40})}),
                               [15, 15, 15, 15, 20, 20])


def test_an_empty_cell_and_a_label_without_a_total():
    margins = {"sex": (SEX, {"M": 50, "F": 30, "X": 20}), "age": (AGE, {"young": 50, "old": 50})}
    with pytest.raises(ValueError) as e:
        csat.rake(None, margins)
    err = e.value
    assert err.code == CODE_EMPTY and (err.column_name, err.category) == ("sex", "X")
    assert "category 'X' of margin 'sex'" in str(err)
    # the same category with total 0 is no cell to fill
    margins["sex"] = (SEX, {"M": 60, "F": 40, "X": 0})
    np.testing.assert_allclose(csat.rake(None, margins), [15, 15, 15, 15, 20, 20])
    w = pd.Series(np.ones(6), index=range(100, 106))
    with pytest.raises(ValueError) as e:
        csat.rake(w, {"sex": (pd.Series(["M", "M", "Q", "M", "F", "F"], index=w.index),
                              {"M": 60, "F": 40})})
    err = e.value
    assert (err.index, err.label, err.column_name) == (2, 102, "sex")
    assert "the label 'Q' at position 2 (index label 102) is not a category" in str(err)
    with pytest.raises(ValueError, match="missing label at position 1"):
        csat.rake(None, {"sex": (["M", None, "F"], {"M": 1, "F": 1})})
    with pytest.raises(ValueError) as e:
        csat.rake(None, {"sex": (SEX, {"M": 60, "F": 40}), "age": (AGE, {"young": 50, "old": 51})})
    assert e.value.column_name == "age" and "margin 'age'" in str(e.value)
    w = pd.Series([1.0, 1, 1, -1, 1, 1], index=list("abcdef"), name="w")
    with pytest.raises(ValueError) as e:
        csat.rake(w, {"sex": (SEX, {"M": 60, "F": 40})})
    assert (e.value.code, e.value.index, e.value.label) == (CODE_WEIGHT, 3, "d")
    with pytest.raises(TypeError):
        csat.rake(None, {"sex": SEX})
    with pytest.raises(ValueError, match="at least one margin"):
        csat.rake(None, {})


def test_no_convergence_raises_convergence_error():
    assert issubclass(csat.ConvergenceError, ArithmeticError)
    assert not issubclass(csat.ConvergenceError, ValueError)
    margins = {"sex": (SEX, {"M": 60, "F": 40}), "age": (AGE, {"young": 50, "old": 50})}
    with pytest.raises(csat.ConvergenceError) as e:
        csat.rake(None, margins, max_iter=1)
    err = e.value
    assert err.code == CODE_CONVERGENCE and "did not converge in 1 sweep" in str(err)
    assert err.column_name in ("sex", "age")
    # Margins that no weights can meet: the sample's men are all young, so
    # 20 men make at least 20 young, but the population has 10 young;
    # raking swings between the two margins without converging.
    sex = ["M", "M", "F", "F"]
    age = ["young", "young", "young", "old"]
    bad = {"sex": (sex, {"M": 20, "F": 80}), "age": (age, {"young": 10, "old": 90})}
    with pytest.raises(csat.ConvergenceError):
        csat.rake(None, bad, max_iter=5)
    with pytest.raises(ValueError, match="max_iter"):
        csat.rake(None, margins, max_iter=0)
    with pytest.raises(TypeError):
        csat.rake(None, margins, epsilon="small")


def test_trimming_bounds():
    w, info = csat.rake(np.array([1.0, 1, 1, 1, 1, 1]),
                        {"sex": (SEX, {"M": 40, "F": 60})}, upper=25, info=True)
    assert info.trimmed >= 1 and w.max() <= 25 + 1e-9
    assert w.sum() == pytest.approx(100)
