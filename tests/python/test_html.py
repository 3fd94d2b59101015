"""HTML tables of the results (_repr_html_, what Jupyter shows) and the
charts of csat.charts.

Each HTML table must hold the numbers of the object's repr (what a script
prints and a notebook shows agree), escape labels (a driver, group or
category named with < or & is shown as written, never as markup), and every
public class with a repr of its own must have one. The charts must draw the
numbers they are given.
"""

import html
import math
import re

import numpy as np
import pandas as pd
import pytest

import csat

NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d+\.?\d*(?:e[-+]?\d+)?|nan|inf)(?![\w])", re.I)


def numbers(text):
    """The numbers in a text, as written."""
    return {m.group(0).lstrip("+") for m in NUMBER.finditer(text)}


def visible(page):
    """The text a browser shows for an HTML fragment (tags removed, entities
    decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def same_numbers(obj):
    page = obj._repr_html_()
    assert "<table>" in page
    missing = numbers(repr(obj)) - numbers(visible(page))
    assert not missing, f"{type(obj).__name__}: {sorted(missing)} of the repr not in its HTML"
    return page


MONTHS = [2, 3, 3, 5, 6, 6, 8, 9, 12, 12]
CHURNED = [1, 1, 0, 1, 1, 1, 0, 1, 0, 0]
SAT = [5, 4, 4, 3, 5, 2, 4, 1, 5, 4, 3, 5, 7, 6, 6]


@pytest.fixture(scope="module")
def drivers():
    rng = np.random.default_rng(5)
    x = rng.normal(size=(60, 3))
    y = x @ [0.5, 0.3, 0.1] + rng.normal(scale=0.5, size=60)
    frame = pd.DataFrame(x, columns=["staff<b>", "R&D", "price"])
    frame["overall"] = y
    return csat.key_drivers(frame, "overall")


def result_objects(model):
    """One object of every class with an HTML table."""
    grouped = csat.nps([10, 9, 3, 8, 7, 6, 9, 10, 2, 5], by=list("aabbaabbab"))
    track = csat.nps([10, 9, 3, 8, 7, 6, 9, 10, 2, 5, 9, 9], by=[1] * 4 + [2] * 4 + [3] * 4,
                     min_n=1)
    acc = csat.Grouped(["north", "south"], scale=(0, 10)).add([9, 3, 10], [0, 1, 0])
    return [
        csat.nps([10, 9, 9, 10, 8, 7, 6, 3, 9, 5]),
        csat.csat(SAT, scale=(1, 7), satisfied_min=5),
        csat.mean_score(SAT),
        csat.ces([1, 2, 5, 6, 7, 3], scale=(1, 7)),
        csat.distribution(SAT, scale=(1, 7)),
        grouped,
        csat.compare(csat.nps([10, 9, 3]), csat.nps([8, 6, 2, 10])),
        csat.trend([(12, 3), (15, 3), (14, 2.5), (19, 2)]),
        track.track().attrs["trend"],
        csat.percentile_rank(32, [10, 25, 32, 40, 18, 32, 55, 5]),
        csat.survival(MONTHS, CHURNED),
        csat.survival(MONTHS, CHURNED).at(7),
        csat.retention(start=1200, end=1250, new=170),
        csat.rate(12, 4000, per=1000),
        csat.complaints(["late", "lost bag", "late", "rude<staff>", "R&D", None],
                        customers=25000),
        csat.resolution_times([2, 30, 5, 50, 8], resolved=[1, 1, 1, 0, 1], sla=24),
        csat.reviews([5, 4, 4, 3, 5, 2, 5]),
        csat.Tally((1, 5)).add([1, 2, 5, np.nan]),
        csat.Moments().add([1.5, 2.5, np.nan]),
        acc,
        csat.Design(weights=[1, 2, 1, 3], strata=[0, 0, 1, 1]),
        csat.Design(weights=[1, 2, 1, 3]).describe(),
        model,
        model.dominance(),
        csat.XProd(2).add([[1, 2], [2, 1], [3, 5]], [1, 2, 4]),
    ]


def test_html_holds_the_numbers_of_repr(drivers):
    for obj in result_objects(drivers):
        same_numbers(obj)


def test_the_model_shows_its_coefficients(drivers):
    page = visible(drivers._repr_html_())
    coef = drivers.to_frame()
    for term, row in coef.iterrows():
        assert term in page
        assert f"{row['coef']:.4g}" in page and f"{row['se']:.4g}" in page
        assert f"{row['p']:.3g}" in page


def test_distribution_rows_are_the_counts_and_shares():
    d = csat.distribution(SAT, scale=(1, 7))
    page = d._repr_html_()
    rows = re.findall(r"<tr>(.*?)</tr>", page)[1:]
    assert len(rows) == 7
    for row, v, c, s in zip(rows, d.values, d.counts, d.shares):
        cells = [visible(x).strip() for x in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        assert cells == [str(v), str(c), f"{s:.3g}"]


def test_labels_are_escaped(drivers):
    pages = {
        "model": drivers._repr_html_(),
        "dominance": drivers.dominance()._repr_html_(),
        "complaints": csat.complaints(["rude<staff>", "R&D", "R&D"])._repr_html_(),
        "grouped": csat.Grouped(["a<b>", "R&D"]).add([9, 3], [0, 1])._repr_html_(),
        "by group": csat.nps([9, 3, 10, 0], by=["a<b>", "R&D", "a<b>", "R&D"])._repr_html_(),
    }
    for what, page in pages.items():
        assert "<b>" not in page and "<staff>" not in page, what
        assert "R&D" not in page, what              # a raw & is not HTML text
        assert "R&amp;D" in page, what
        assert "&lt;b&gt;" in page or "&lt;staff&gt;" in page, what
        # The browser shows the labels as written.
        shown = visible(page)
        assert "R&D" in shown and ("a<b>" in shown or "staff<b>" in shown
                                   or "rude<staff>" in shown), what


def test_every_public_class_with_a_repr_has_html():
    for name in csat.__all__:
        cls = getattr(csat, name)
        if not isinstance(cls, type) or issubclass(cls, (BaseException, tuple)):
            continue
        if cls.__repr__ is object.__repr__:
            continue
        assert callable(getattr(cls, "_repr_html_", None)), f"csat.{name} has no _repr_html_"


def test_html_of_nan_and_infinity():
    d = csat.compare(csat.nps([10, 9, 3]), csat.nps([8, 6, 2, 10]))      # a z test: df = inf
    assert math.isinf(d.df)
    assert "inf" in visible(same_numbers(d))
    curve = csat.survival([1, 2, 3], [0, 0, 0])                          # never reaches 1/2
    assert math.isnan(curve.median)
    assert "nan" in visible(same_numbers(curve))


# Charts ----------------------------------------------------------------------

@pytest.fixture
def plt():
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as pyplot
    yield pyplot
    pyplot.close("all")


def test_distribution_chart_draws_the_shares(plt):
    d = csat.distribution(SAT, scale=(1, 7))
    ax = d.plot()
    heights = [p.get_height() for p in ax.patches]
    np.testing.assert_allclose(heights, 100 * d.shares)
    assert [p.get_x() + p.get_width() / 2 for p in ax.patches] == list(d.values)


def test_survival_chart_draws_the_steps(plt):
    curve = csat.survival(MONTHS, CHURNED)
    ax = curve.plot(label="all")
    line = ax.get_lines()[0]
    np.testing.assert_allclose(line.get_xdata(), np.r_[0, curve.time])
    np.testing.assert_allclose(line.get_ydata(), 100 * np.r_[1, curve.survival])
    medians = [ln for ln in ax.get_lines() if list(ln.get_xdata()) == [curve.median] * 2]
    assert medians, "no line at the median"


def test_table_charts_draw_their_columns(plt, drivers):
    from csat import charts
    e = pd.DataFrame({"a": [50, 60, 70, 80], "b<": [40, 45, 50, 60]})
    p = pd.DataFrame({"a": [40, 55, 65, 70], "b<": [45, 50, 50, 70]})
    gaps = csat.gap(e, p)
    ax = charts.gaps(gaps)
    widths = sorted(bar.get_width() for bar in ax.patches)
    np.testing.assert_allclose(widths, sorted(gaps["gap"]))
    assert [t.get_text() for t in ax.get_yticklabels()] == list(gaps.sort_values("gap").index)

    q = drivers.ipa("lmg")
    ax = charts.ipa(q)
    points = np.vstack([c.get_offsets() for c in ax.collections])
    assert sorted(map(tuple, points)) == sorted(zip(q["performance"], q["importance"]))

    b = drivers.bootstrap("lmg", reps=50, seed=1)
    ax = charts.importance(b)
    np.testing.assert_allclose(sorted(bar.get_width() for bar in ax.patches),
                               sorted(b["estimate"]))
    assert ax.get_yticklabels()[0].get_text() == b["estimate"].idxmax()
