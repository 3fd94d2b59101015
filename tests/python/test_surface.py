"""The Python surface of libcsat 1.0.

- Errors in the caller's terms: for a pandas Series or DataFrame the
  exception names the index label (`label`) and the column (`column_name`),
  in its attributes and its message; for numpy or list input the position
  only. The exception classes are those of the library's status (ValueError,
  csat.SingularError, OverflowError, MemoryError; TypeError for what is not a
  number), with `code`, `index` and `column` as before.
- Results: readable repr, to_dict(), attribute access and an HTML table for
  notebooks (_repr_html_); built from the library's dict by one rule for
  every class.
- The key-driver summary names the fit: ordinary least squares without
  weights, weighted least squares with them.
- Lean calls: the option structs shared between calls keep every check and
  every number.
"""

import html
import math
import pickle
import re

import numpy as np
import pytest

import csat
from csat import _convert, _options
from csat.results import reader

CODE_RANGE, CODE_WEIGHT, CODE_ARGUMENT, CODE_SINGULAR = 3, 4, 5, 7

NPS = [10, 9, 0, 5, 7, 10, 3, 8, 9, 6]
SAT = [1, 4, 2, 5, 3, 1, 4, 2, 5, 3]
CES = [1, 4, 7, 3, 6, 2, 5, 1, 4, 7]


@pytest.fixture
def pd():
    return pytest.importorskip("pandas")


@pytest.fixture
def filtered(pd):
    """A filtered Series: positions 0..5, labels 868..873; the value 11 is at
    position 3, label 871."""
    s = pd.Series([10.0, 9, 8, 3, 11, 9, 10, 0, 4, 7], index=range(867, 877), name="recommend")
    s.iloc[4] = 9.0
    s.loc[871] = 11.0
    return s[(s.index > 867) & (s.index < 874)]


def drivers_frame(pd, n=40):
    rng = np.random.default_rng(11)
    df = pd.DataFrame(rng.integers(1, 8, size=(n, 3)).astype(float),
                      columns=["speed", "price", "staff"], index=range(500, 500 + n))
    df["overall"] = df.sum(axis=1) / 3 + rng.random(n)
    df["weight"] = 0.5 + rng.random(n)
    return df


# Errors in the caller's terms ------------------------------------------------------

def test_a_filtered_series_names_its_label_not_only_the_position(filtered):
    assert list(filtered.index) == [868, 869, 870, 871, 872, 873]
    with pytest.raises(ValueError) as e:
        csat.nps(filtered)
    err = e.value
    assert type(err) is ValueError
    assert (err.code, err.index, err.column) == (CODE_RANGE, 3, None)
    assert (err.label, err.column_name) == (871, "recommend")
    assert str(err) == ("value 11 at index 3 (index label 871 in 'recommend') is outside "
                        "the scale 0..10")


def test_numpy_and_list_input_give_the_position_only(filtered):
    for data in (filtered.to_numpy(), filtered.tolist()):
        with pytest.raises(ValueError) as e:
            csat.nps(data)
        err = e.value
        assert (err.index, err.label, err.column_name) == (3, None, None)
        assert str(err) == "value 11 at index 3 is outside the scale 0..10"
        assert "label" not in str(err)


def test_an_unnamed_series_gives_the_label_alone(pd):
    s = pd.Series([5.0, 4.0, 9.0], index=["a", "b", "c"])
    with pytest.raises(ValueError, match=r"value 9 at index 2 \(index label 'c'\) is outside"
                                         r" the scale 1\.\.5") as e:
        csat.csat(s)
    assert (e.value.label, e.value.column_name) == ("c", None)


@pytest.mark.parametrize("call", [
    lambda s: csat.nps(s), lambda s: csat.csat(s, scale=(0, 10), satisfied_min=9),
    lambda s: csat.top_box(s, 2, scale=(0, 10)), lambda s: csat.bottom_box(s, 2, scale=(0, 10)),
    lambda s: csat.box_share(s, 9, 10, scale=(0, 10)), lambda s: csat.ces(s, scale=(0, 10)),
    lambda s: csat.distribution(s, scale=(0, 10)), lambda s: csat.Tally((0, 10)).add(s),
    lambda s: csat.reviews(s, scale=(0, 10)),
], ids=["nps", "csat", "top_box", "bottom_box", "box_share", "ces", "distribution",
        "Tally.add", "reviews"])
def test_every_score_of_a_series_names_the_label(filtered, call):
    with pytest.raises(ValueError) as e:
        call(filtered)
    assert (e.value.index, e.value.label) == (3, 871)
    assert "(index label 871" in str(e.value)


def test_a_weight_error_names_the_weights_and_the_row(pd, filtered):
    scores = filtered.where(filtered <= 10, 10.0)
    w = pd.Series([1.0, 1.0, -1.0, 1.0, 1.0, 1.0], index=scores.index, name="w")
    with pytest.raises(ValueError) as e:
        csat.nps(scores, w)
    err = e.value
    assert (err.code, err.index, err.label, err.column_name) == (CODE_WEIGHT, 2, 870, "w")
    assert "weight -1 at index 2 (index label 870 in 'w')" in str(err)
    # Weights in another order are matched by label: the position is the
    # scores' one, and so is the label.
    with pytest.raises(ValueError) as e:
        csat.nps(scores, w.iloc[::-1])
    assert (e.value.index, e.value.label) == (2, 870)
    # numpy scores with pandas weights: the weights' labels.
    with pytest.raises(ValueError) as e:
        csat.mean_score(scores.to_numpy(), w)
    assert (e.value.index, e.value.label, e.value.column_name) == (2, 870, "w")


def test_a_dataframe_names_the_row_label_and_the_column(pd):
    items = pd.DataFrame({"speed": [4.0, 5, 3], "price": [2.0, 9, 4]}, index=[10, 20, 30])
    with pytest.raises(ValueError) as e:
        csat.index(items, scales=(1, 5))
    err = e.value
    assert (err.index, err.column, err.label, err.column_name) == (1, 1, 20, "price")
    assert str(err).startswith("value 9 at row 1 (index label 20), item 1 ('price') is outside")
    with pytest.raises(ValueError) as e:
        csat.index(items.to_numpy(), scales=(1, 5))
    assert (e.value.label, e.value.column_name) == (None, None)
    assert str(e.value).startswith("value 9 at row 1, item 1 is outside")


def test_key_drivers_name_row_labels_drivers_outcome_and_weights(pd):
    df = drivers_frame(pd)
    bad = df.copy()
    bad.loc[517, "price"] = np.inf
    with pytest.raises(ValueError) as e:
        csat.key_drivers(bad, "overall", "weight")
    err = e.value
    assert (err.code, err.index, err.column) == (CODE_RANGE, 17, 1)
    assert (err.label, err.column_name) == (517, "price")
    assert "at row 17 (index label 517), driver 1 ('price')" in str(err)
    # The outcome, by its column name.
    bad = df.drop(columns="weight")
    bad.loc[520, "overall"] = np.inf
    with pytest.raises(ValueError) as e:
        csat.key_drivers(bad, "overall")
    assert (e.value.index, e.value.column, e.value.label, e.value.column_name) == \
        (20, 3, 520, "overall")
    assert "(index label 520)" in str(e.value) and "'overall'" in str(e.value)
    # A weight given as a column name.
    bad = df.copy()
    bad.loc[525, "weight"] = -2.0
    with pytest.raises(ValueError) as e:
        csat.key_drivers(bad, "overall", "weight")
    assert (e.value.code, e.value.label, e.value.column_name) == (CODE_WEIGHT, 525, "weight")
    assert "index 25 (index label 525 in 'weight')" in str(e.value)
    # The same rows added to an accumulator.
    bad = df.copy()
    bad.loc[517, "staff"] = -np.inf
    with pytest.raises(ValueError) as e:
        csat.XProd(3).add(bad[["speed", "price", "staff"]], bad["overall"])
    assert (e.value.label, e.value.column_name) == (517, "staff")


def test_singular_designs_keep_their_class_and_name_the_driver(pd):
    df = drivers_frame(pd).drop(columns="weight")
    df["total"] = df["speed"] + df["price"]
    with pytest.raises(csat.SingularError) as e:
        csat.key_drivers(df, "overall")
    err = e.value
    assert isinstance(err, ArithmeticError) and type(err) is csat.SingularError
    assert (err.code, err.index, err.column) == (CODE_SINGULAR, None, 3)
    assert (err.label, err.column_name) == (None, "total")
    assert "driver 3 ('total')" in str(err)


def test_non_numbers_name_their_column_and_row(pd):
    s = pd.Series([9, "10", 8], index=[870, 871, 872], name="recommend")
    with pytest.raises(TypeError) as e:
        csat.nps(s)
    err = e.value
    assert type(err) is TypeError
    assert (err.index, err.column, err.label, err.column_name) == (1, None, 871, "recommend")
    assert str(err) == ("scores must hold numbers, not a string: '10' at position 1 "
                        "(index label 871 in 'recommend')")
    frame = pd.DataFrame({"speed": [3.0, 4.0], "price": [5.0, "6"], "y": [1.0, 2.0]},
                         index=["r1", "r2"])
    with pytest.raises(TypeError) as e:
        csat.key_drivers(frame, "y")
    err = e.value
    assert (err.index, err.column, err.label, err.column_name) == (1, 1, "r2", "price")
    assert "not a string: '6' at row 1 (index label 'r2'), column 1 ('price')" in str(err)
    with pytest.raises(TypeError) as e:
        csat.nps([10, None, "9"])
    assert (e.value.index, e.value.label, e.value.column_name) == (2, None, None)
    assert str(e.value).endswith("at position 2")


def test_every_library_error_has_label_and_column_name():
    errors = []
    for call in (lambda: csat.Tally.deserialize(b"not a tally"),
                 lambda: csat.nps(NPS, level=1.5),
                 lambda: csat.Tally((0, 10)).nps(),
                 lambda: csat.compare(csat.nps(NPS), benchmark=500)):
        with pytest.raises((ValueError, ArithmeticError)) as e:
            call()
        errors.append(e.value)
    for err in errors:
        assert err.code is not None
        assert (err.label, err.column_name) == (None, None)


def test_the_level_message_keeps_its_sign():
    # Structs are shared between calls with equal options; 0.0 and -0.0 are
    # equal keys, and the library's message prints the sign.
    for level in (0.0, -0.0, 0.0):
        with pytest.raises(ValueError) as e:
            csat.nps(NPS, level=level)
        assert e.value.code == CODE_ARGUMENT
        assert ("level -0 " in str(e.value)) == (math.copysign(1.0, level) < 0)


# Lean calls: shared option structs, same checks, same numbers ------------------------

def test_shared_option_structs_keep_the_type_checks():
    csat.nps(NPS)
    with pytest.raises(TypeError, match="promoter_min must be an integer"):
        csat.nps(NPS, promoter_min=9.0)
    with pytest.raises(TypeError, match=r"scale\[1\] must be an integer"):
        csat.nps(NPS, scale=(0, 10.0))
    with pytest.raises(TypeError, match="level must be a number"):
        csat.nps(NPS, level=True)
    with pytest.raises(ValueError, match="method must be"):
        csat.nps(NPS, method=["wald"])
    a = _options.nps((0, 10), 9, 6, 0.95, "wald")
    assert _options.nps((0, 10), np.int64(9), 6, np.float64(0.95), "wald") is a
    assert _options.nps([0, 10], 9, 6, 0.95, "wald") is a
    assert _options.nps((0, 10), 8, 6, 0.95, "wald") is not a
    assert (a.scale_min, a.scale_max, a.promoter_min, a.detractor_max, a.level) == \
        (0, 10, 9, 6, 0.95)


def test_options_given_in_other_types_give_the_same_numbers():
    ref = csat.nps(NPS, level=0.9)
    for r in (csat.nps(NPS, level=np.float64(0.9)), csat.nps(NPS, scale=[0, 10], level=0.9),
              csat.nps(NPS, promoter_min=np.int32(9), level=0.9)):
        assert r == ref
    assert csat.nps(NPS, level=0.8) != ref


def test_contiguous_float64_input_is_not_copied():
    x = np.asarray(np.random.default_rng(3).integers(0, 11, size=10**6), dtype=np.float64)
    assert _convert.as_vector(x, "scores") is x
    assert _convert.as_weights(x, x) is x


# Results ---------------------------------------------------------------------------

def all_results():
    return [
        csat.nps(NPS), csat.nps(NPS, method="adjusted-wald"), csat.csat(SAT), csat.top_box(SAT),
        csat.mean_score(SAT), csat.ces(CES), csat.Tally((0, 10)).add(NPS).nps(),
        csat.Tally((0, 10)).add(NPS).sample, csat.compare(csat.nps(NPS), benchmark=20),
        csat.compare(csat.csat(SAT), csat.csat(CES[:5], scale=(1, 7))),
        csat.trend([csat.nps(NPS), csat.nps(NPS[:7])]), csat.percentile_rank(30, [10, 20, 40]),
        csat.retention(100, 90, 5), csat.survival([3, 5, 7, 9], [1, 0, 1, 1]).at(6),
        csat.rate(12, 400),
    ]


@pytest.mark.parametrize("r", all_results(), ids=lambda r: type(r).__name__)
def test_results_keep_repr_to_dict_and_attributes(r):
    fields = [f for f in r.__dataclass_fields__]
    text = repr(r)
    assert text.startswith(type(r).__name__ + "(") and all(f"{f}=" in text for f in fields)
    d = r.to_dict()
    assert list(d) == fields
    for f in fields:
        v = getattr(r, f)
        if isinstance(v, csat.results._Result):
            assert d[f] == v.to_dict()
        elif isinstance(v, tuple) and v and isinstance(v[0], csat.results._Result):
            assert d[f] == tuple(x.to_dict() for x in v)
        else:
            assert d[f] == v or v != v
    # Built from the library's dict as the constructor would build it.
    again = type(r)(**{f: getattr(r, f) for f in fields})
    assert again == r and hash(again) == hash(r) and repr(again) == text
    assert pickle.loads(pickle.dumps(r)) == r


@pytest.mark.parametrize("r", all_results(), ids=lambda r: type(r).__name__)
def test_results_have_an_html_table_for_notebooks(r):
    page = r._repr_html_()
    assert page.startswith("<div>") and page.endswith("</div>")
    assert f"<strong>{type(r).__name__}</strong>" in page
    assert page.count("<table>") == page.count("</table>") >= 1
    for f in r.__dataclass_fields__:
        assert f"<th style=\"text-align:left\">{f}</th>" in page
    # No markup from the values themselves.
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", page)
    assert all("<" not in c and ">" not in c for c in cells)


def test_the_html_table_shows_the_values_as_repr_does():
    r = csat.nps(NPS)
    page = r._repr_html_()
    assert f"<td style=\"text-align:left\">({r.ci[0]:.4g}, {r.ci[1]:.4g})</td>" in page
    assert f"<td style=\"text-align:left\">{html.escape(repr('wald'))}</td>" in page
    nested = csat.ces(CES)._repr_html_()
    assert nested.count("<table>") == 3            # the result and its two parts
    assert "<th style=\"text-align:left\">low_effort</th>" in nested


def test_results_go_back_to_the_library_unchanged():
    for r in (csat.nps(NPS), csat.csat(SAT), csat.mean_score(SAT)):
        c = r._to_c()
        assert type(r)._from_c(dict(c)) == r
        assert "ci" not in c and c["ci_lower"] == r.ci[0] and c["ci_upper"] == r.ci[1]
    assert csat.nps(NPS, method="adjusted-wald")._to_c()["method"] == \
        csat.core.CSAT_NPS_ADJUSTED_WALD
    assert csat.csat(SAT)._to_c()["box_min"] == 4


def test_a_result_dict_with_a_field_the_class_does_not_know_is_read():
    c = csat.nps(NPS)._to_c()
    c["newer_field"] = 1.0
    assert reader(csat.NPSResult)(dict(c)) == csat.nps(NPS)
    del c["newer_field"], c["passives"]
    with pytest.raises(TypeError):
        reader(csat.NPSResult)(dict(c))


# Key-driver summary --------------------------------------------------------------------

def test_the_summary_names_ordinary_or_weighted_least_squares(pd):
    df = drivers_frame(pd)
    x = df[["speed", "price", "staff"]]
    unweighted = csat.key_drivers(df.drop(columns="weight"), "overall").summary()
    assert unweighted.splitlines()[0] == "Key-driver model: ordinary least squares of overall"
    assert "weighted least squares" not in unweighted
    weighted = csat.key_drivers(df, "overall", "weight").summary()
    assert weighted.splitlines()[0] == "Key-driver model: weighted least squares of overall"
    numpy_fit = csat.key_drivers(x.to_numpy(), df["overall"].to_numpy(), intercept=False)
    assert numpy_fit.summary().splitlines()[0] == \
        "Key-driver model: ordinary least squares, no intercept"
    assert csat.XProd(3).add(x, df["overall"]).fit().summary().startswith(
        "Key-driver model: ordinary least squares")
    assert csat.XProd(3).add(x, df["overall"], df["weight"]).fit().summary().startswith(
        "Key-driver model: weighted least squares")
