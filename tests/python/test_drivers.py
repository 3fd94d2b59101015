"""Key drivers through the Python package: numbers equal independent
computations (statsmodels WLS, numpy all-subsets regressions), DataFrame
and list input, errors, bootstrap, accumulators and IPA."""

import copy
import pickle
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest

import csat
import drivers_reference as D
from csat import drivers as _drivers

CODE_RANGE, CODE_WEIGHT, CODE_ARGUMENT, CODE_SINGULAR, CODE_TOO_FEW = 3, 4, 5, 7, 8
REL = 1e-10          # statsmodels and numpy against the library
REL_P = 1e-9         # p values (scipy's t and F tails)
METHODS = ["first", "last", "beta2", "pratt", "lmg", "relative_weights"]


def close(actual, expected, rel=REL):
    a = np.asarray(actual, dtype=float)
    e = np.asarray(expected, dtype=float)
    assert a.shape == e.shape, (a.shape, e.shape)
    np.testing.assert_allclose(a, e, rtol=rel, atol=rel * max(1.0, float(np.abs(e).max())) * 1e-3)


def identical(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    assert a.shape == b.shape and np.array_equal(a, b, equal_nan=True), (a, b)


@pytest.fixture(scope="module")
def survey():
    return D.survey()


@pytest.fixture(scope="module")
def frame(survey):
    x, y, w = survey
    df = pd.DataFrame(x, columns=["speed", "price", "staff", "cleanliness"])
    df.insert(2, "overall", y)
    df["weight"] = w
    return df


# Regression against statsmodels -------------------------------------------------

@pytest.mark.parametrize("weighted", [True, False], ids=["weighted", "unweighted"])
@pytest.mark.parametrize("intercept", [True, False], ids=["intercept", "origin"])
def test_fit_equals_statsmodels_wls(survey, weighted, intercept):
    x, y, w = survey
    w = w if weighted else None
    m = csat.key_drivers(x, y, w, intercept=intercept)
    ref = D.wls(x, y, w, intercept=intercept)
    for name in ("coef", "se", "t", "ci", "r2", "adj_r2", "f", "sigma"):
        close(getattr(m, name), ref[name])
    close(m.p, ref["p"], REL_P)
    close(m.f_p, ref["f_p"], REL_P)
    assert (m.df_model, m.df_resid) == (ref["df_model"], ref["df_resid"])
    assert (m.n, m.n_missing) == (ref["n"], ref["n_missing"]) == (295, 5)
    close(m.n_weighted, ref["n_weighted"], 1e-13)
    close(m.n_effective, ref["n_effective"], 1e-13)
    assert m.intercept is intercept and m.level == 0.95
    assert len(m.coef) == 4 + intercept and m.ci.shape == (4 + intercept, 2)


def test_small_data_set_and_level(survey):
    m = csat.key_drivers(D.KD_X, D.KD_Y, D.KD_W, names=D.KD_NAMES, level=0.9)
    ref = D.wls(D.KD_X, D.KD_Y, D.KD_W, level=0.9)
    for name in ("coef", "se", "t", "ci", "r2", "adj_r2", "f", "sigma"):
        close(getattr(m, name), ref[name])
    close(m.p, ref["p"], REL_P)
    # Row 12 has a NaN; row 8 weighs 0: counted in n, not in df_resid.
    assert (m.n, m.n_missing, m.df_resid, m.level) == (23, 1, 18, 0.9)


def test_driver_statistics(survey):
    x, y, w = survey
    m = csat.key_drivers(x, y, w)
    mo = D.moments(x, y, w)
    for name in ("beta", "vif", "r", "means", "sds", "condition"):
        close(getattr(m, name), mo[name])


def test_unweighted_vif_equals_statsmodels(survey):
    from statsmodels.stats.outliers_influence import variance_inflation_factor
    import statsmodels.api as sm
    x, y, _ = survey
    xc, _, _, _ = D.complete(x, y)
    exog = sm.add_constant(xc)
    m = csat.key_drivers(x, y)
    close(m.vif, [variance_inflation_factor(exog, j) for j in range(1, exog.shape[1])])


# Relative importance ---------------------------------------------------------------

def test_importance_is_computed_once_per_question(survey, monkeypatch):
    """importance, importance_se, shares and ipa of the same method and
    options reuse one computation; its result equals a new model's, and a
    caller's change to a returned array does not reach the cache."""
    x, y, w = survey
    m = csat.key_drivers(x, y, w)
    calls = []
    real = _drivers._core.drivers_importance

    def counted(*args):
        calls.append(args[1])
        return real(*args)

    monkeypatch.setattr(_drivers._core, "drivers_importance", counted)
    first = m.importance("lmg")
    first[0] = -1.0                                   # the caller's copy only
    m.importance_se("lmg")
    m.shares("lmg")
    m.ipa("lmg")
    m.importance("lmg", exact_max=25, permutations=20000, seed=1)   # the defaults, named
    assert len(calls) == 1
    m.importance("lmg", exact_max=2, seed=5)          # another question: computed
    m.importance("pratt")
    assert len(calls) == 3
    monkeypatch.undo()
    fresh = csat.key_drivers(x, y, w)
    identical(m.importance("lmg"), fresh.importance("lmg"))
    identical(m.importance("lmg", exact_max=2, seed=5), fresh.importance("lmg", exact_max=2, seed=5))


@pytest.mark.parametrize("weighted", [True, False], ids=["weighted", "unweighted"])
def test_importance_equals_all_subsets(survey, weighted):
    x, y, w = survey
    w = w if weighted else None
    m = csat.key_drivers(x, y, w)
    ref = D.importance(x, y, w)
    for method in METHODS:
        close(m.importance(method), ref[method])
        identical(m.importance_se(method), np.zeros(4))
    for method in ("pratt", "lmg", "relative_weights"):
        assert m.importance(method).sum() == pytest.approx(m.r2, rel=1e-13)
        assert m.shares(method).sum() == pytest.approx(1, rel=1e-13)
    identical(m.shares("lmg"), m.importance("lmg") / m.r2)
    identical(m.importance(), m.importance("lmg"))


def test_monte_carlo_lmg(survey):
    x, y, w = survey
    m = csat.key_drivers(x, y, w)
    exact = m.importance("lmg")
    mc = m.importance("lmg", exact_max=2, permutations=4000, seed=7)
    se = m.importance_se("lmg", exact_max=2, permutations=4000, seed=7)
    assert (se > 0).all()
    assert (np.abs(mc - exact) < 5 * se + 1e-12).all()
    # Every ordering's increments add up to R².
    assert mc.sum() == pytest.approx(m.r2, rel=1e-12)
    identical(mc, m.importance("lmg", exact_max=2, permutations=4000, seed=7))
    assert not np.array_equal(mc, m.importance("lmg", exact_max=2, permutations=4000, seed=8))


def test_dominance_equals_all_subsets(survey):
    x, y, w = survey
    m = csat.key_drivers(x, y, w)
    r2 = D.subset_r2(x, y, w)
    cond, comp = D.dominance(r2, 4)
    d = m.dominance()
    close(d.general, D.lmg(r2, 4))
    close(d.conditional, cond)
    identical(d.complete, comp)
    identical(d["general"], d.general)
    identical(d.general, m.importance("lmg"))
    close(d.conditional[:, 0], m.importance("first"))
    close(d.conditional[:, -1], m.importance("last"))
    assert set(d.to_dict()) == {"general", "conditional", "complete"}
    assert repr(d).startswith("Dominance(general=[")


def test_small_data_set_importance():
    m = csat.key_drivers(D.KD_X, D.KD_Y, D.KD_W, names=D.KD_NAMES)
    ref = D.importance(D.KD_X, D.KD_Y, D.KD_W)
    for method in METHODS:
        close(m.importance(method), ref[method])
    cond, comp = D.dominance(D.subset_r2(D.KD_X, D.KD_Y, D.KD_W), 3)
    d = m.dominance()
    close(d.conditional.to_numpy(), cond)
    identical(d.complete.to_numpy(), comp)


# Inputs ------------------------------------------------------------------------

def test_dataframe_names_and_column_arguments(frame, survey):
    x, y, w = survey
    m = csat.key_drivers(frame, "overall", "weight")
    ref = csat.key_drivers(x, y, w)
    names = ["speed", "price", "staff", "cleanliness"]
    assert m.names == names and m.outcome == "overall"
    assert m.terms == ["(intercept)"] + names
    assert isinstance(m.coef, pd.Series) and list(m.coef.index) == m.terms
    for name in ("coef", "se", "t", "p"):
        identical(getattr(m, name).to_numpy(), getattr(ref, name))
    assert list(m.ci.columns) == ["lower", "upper"] and list(m.ci.index) == m.terms
    identical(m.ci.to_numpy(), ref.ci)
    for name in ("beta", "vif", "r", "means", "sds"):
        s = getattr(m, name)
        assert isinstance(s, pd.Series) and list(s.index) == names
        identical(s.to_numpy(), getattr(ref, name))
    imp = m.importance("lmg")
    assert isinstance(imp, pd.Series) and list(imp.index) == names
    identical(imp.to_numpy(), ref.importance("lmg"))
    assert m.r2 == ref.r2 and m.f == ref.f and m.n == ref.n
    # The same through Series arguments and a frame without those columns.
    m2 = csat.key_drivers(frame[names], frame["overall"], frame["weight"])
    identical(m2.coef.to_numpy(), ref.coef)


def test_dataframe_with_missing_values_airline():
    """Real data: overall satisfaction (1..7) of an airline survey on five
    service ratings (0..100) with NAs, as pandas reads them."""
    import os
    path = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "data",
                        "airlinesat.csv")
    df = pd.read_csv(path)
    cols = ["s1", "s2", "s3", "s4", "s5"]
    m = csat.key_drivers(df[cols + ["overall_sat"]], "overall_sat")
    ref = D.wls(df[cols].to_numpy(), df["overall_sat"].to_numpy(dtype=float))
    assert m.n_missing == ref["n_missing"] > 0 and m.n == ref["n"]
    for name in ("coef", "se", "t", "r2", "adj_r2", "f"):
        close(getattr(m, name), ref[name])
    # Nullable integer columns with pd.NA are missing values too.
    nullable = df[cols + ["overall_sat"]].astype("Int64")
    identical(csat.key_drivers(nullable, "overall_sat").coef.to_numpy(), m.coef.to_numpy())


def test_list_of_rows_and_other_arrays(survey):
    x, y, w = survey
    ref = csat.key_drivers(x, y, w)
    for xs in (x.tolist(), np.asfortranarray(x), x.astype(np.float32).astype(np.float64),
               np.repeat(x, 2, axis=1)[:, ::2]):
        m = csat.key_drivers(xs, list(y), list(w))
        identical(m.coef, ref.coef)
        identical(m.importance("lmg"), ref.importance("lmg"))
    assert isinstance(ref.coef, np.ndarray) and ref.names == ["x1", "x2", "x3", "x4"]


def test_contiguous_float64_is_not_copied(survey):
    x, _, _ = survey
    a, _ = _drivers.as_matrix(x, "X")
    assert a is x or np.shares_memory(a, x)


def test_names_argument(survey):
    x, y, w = survey
    names = ["a", "b", "c", "d"]
    m = csat.key_drivers(x, y, w, names=names)
    assert m.names == names and list(m.beta.index) == names
    assert "b " in m.summary() or "\nb" in m.summary()


def test_weights_of_one_equal_no_weights(survey):
    x, y, _ = survey
    a = csat.key_drivers(x, y)
    b = csat.key_drivers(x, y, np.ones(len(y)))
    close(b.coef, a.coef, 1e-13)
    close(b.se, a.se, 1e-13)
    assert b.r2 == pytest.approx(a.r2, rel=1e-13)


def test_permuting_rows_changes_nothing(survey):
    x, y, w = survey
    perm = np.random.default_rng(3).permutation(len(y))
    a = csat.key_drivers(x, y, w)
    b = csat.key_drivers(x[perm], y[perm], w[perm])
    close(b.coef, a.coef, 1e-12)
    close(b.importance("lmg"), a.importance("lmg"), 1e-12)


# Errors ----------------------------------------------------------------------------

def test_singular_design_raises_singular_error_naming_the_driver(frame):
    assert issubclass(csat.SingularError, ArithmeticError)
    df = frame.copy()
    df["total"] = df["speed"] + 2 * df["price"]
    with pytest.raises(csat.SingularError, match=r"driver 4 \('total'\)") as e:
        csat.key_drivers(df, "overall", "weight")
    assert isinstance(e.value, ArithmeticError)
    assert (e.value.code, e.value.column) == (CODE_SINGULAR, 4)
    # A constant driver, without names: the index.
    x = df[["speed", "price"]].to_numpy()
    x = np.column_stack([x, np.full(len(x), 3.0)])
    with pytest.raises(csat.SingularError, match=r"driver 2 \('x3'\).*constant") as e:
        csat.key_drivers(x, df["overall"])
    assert e.value.column == 2
    # A constant outcome: its column name.
    df["flat"] = 5.0
    with pytest.raises(csat.SingularError, match=r"outcome.*'flat'") as e:
        csat.key_drivers(df[["speed", "price", "flat"]], "flat")
    assert e.value.column == 2
    # Duplicate column.
    with pytest.raises(ArithmeticError, match="driver 1"):
        csat.key_drivers(np.column_stack([x[:, 0], x[:, 0]]), df["overall"])


def test_bad_input_raises_value_error(survey, frame):
    x, y, w = survey
    with pytest.raises(ValueError, match=r"length of y \(10\) differs .* rows \(300\)") as e:
        csat.key_drivers(x, y[:10])
    assert e.value.code == CODE_ARGUMENT
    with pytest.raises(ValueError, match="length of weights"):
        csat.key_drivers(x, y, w[:-1])
    bad = w.copy()
    bad[4] = -1
    with pytest.raises(ValueError, match="weight") as e:
        csat.key_drivers(x, y, bad)
    assert (e.value.code, e.value.index) == (CODE_WEIGHT, 4)
    xi = x.copy()
    xi[6, 1] = np.inf
    with pytest.raises(ValueError, match=r"row 6, driver 1 \('price'\)") as e:
        csat.key_drivers(xi, y, names=["speed", "price", "staff", "cleanliness"])
    assert (e.value.code, e.value.index, e.value.column) == (CODE_RANGE, 6, 1)
    with pytest.raises(ValueError, match="need more rows") as e:
        csat.key_drivers(x[:5], y[:5])
    assert e.value.code == CODE_TOO_FEW
    with pytest.raises(ValueError, match="two-dimensional"):
        csat.key_drivers(y, y)
    with pytest.raises(ValueError, match="names has 2 entries for 4 drivers"):
        csat.key_drivers(x, y, names=["a", "b"])
    with pytest.raises(ValueError, match="more than once"):
        csat.key_drivers(x, y, names=["a", "b", "a", "c"])
    with pytest.raises(ValueError, match="'nope' is not a column"):
        csat.key_drivers(frame, "nope")
    with pytest.raises(ValueError, match="both y and weights"):
        csat.key_drivers(frame, "overall", "overall")
    with pytest.raises(TypeError, match="column name only when X is a DataFrame"):
        csat.key_drivers(x, "overall")
    for level in (0, 1, 1.5, np.nan):
        with pytest.raises(ValueError, match="level"):
            csat.key_drivers(x, y, level=level)
    with pytest.raises(TypeError, match="intercept"):
        csat.key_drivers(x, y, intercept="yes")
    with pytest.raises(ValueError):
        csat.key_drivers(np.empty((0, 3)), np.empty(0))


def test_bad_importance_options(survey):
    x, y, w = survey
    m = csat.key_drivers(x, y, w)
    with pytest.raises(ValueError, match="method must be one of"):
        m.importance("shapley")
    with pytest.raises(ValueError, match="exact_max"):
        m.importance("lmg", exact_max=-1)
    with pytest.raises(TypeError, match="permutations must be an integer"):
        m.importance("lmg", permutations=2.5)
    with pytest.raises(ValueError, match="seed"):
        m.importance("lmg", seed=2**64)
    with pytest.raises(ValueError, match="level"):
        m.bootstrap(level=1.2)
    with pytest.raises(ValueError):
        m.bootstrap(reps=1)
    # Without an intercept only first (r²) and beta² exist.
    origin = csat.key_drivers(x, y, w, intercept=False)
    for method in ("last", "pratt", "lmg", "relative_weights"):
        with pytest.raises(ValueError, match="intercept") as e:
            origin.importance(method)
        assert e.value.code == CODE_ARGUMENT
    with pytest.raises(ValueError):
        origin.dominance()
    close(origin.importance("first"), m.importance("first"))
    close(origin.importance("beta2"), origin.beta ** 2)


def test_dominance_refuses_too_many_drivers():
    rng = np.random.default_rng(5)
    x = rng.normal(size=(80, 25))
    y = x.sum(axis=1) + rng.normal(size=80)
    m = csat.key_drivers(x, y)
    with pytest.raises(ValueError) as e:
        m.dominance()
    assert e.value.code == CODE_ARGUMENT
    # LMG switches to Monte Carlo above exact_max = 25: still fine.
    assert m.importance("lmg", exact_max=24, permutations=200).sum() == pytest.approx(m.r2)


# Bootstrap ---------------------------------------------------------------------------

def test_bootstrap_is_reproducible(survey, frame):
    x, y, w = survey
    m = csat.key_drivers(x, y, w)
    a = m.bootstrap("lmg", reps=300, seed=42)
    b = m.bootstrap("lmg", reps=300, seed=42)
    c = m.bootstrap("lmg", reps=300, seed=43)
    lower, upper = a
    identical(lower, b.lower)
    identical(upper, b.upper)
    assert not np.array_equal(lower, c.lower)
    assert a.failed == 0
    est = m.importance("lmg")
    assert (lower <= upper).all() and (lower <= est).all() and (est <= upper).all()
    narrow = m.bootstrap("lmg", reps=300, level=0.5, seed=42)
    assert (narrow.lower >= lower).all() and (narrow.upper <= upper).all()
    for method in METHODS:
        lo, hi = m.bootstrap(method, reps=50, seed=1)
        assert (lo <= hi).all()
    f = csat.key_drivers(frame, "overall", "weight").bootstrap("lmg", reps=300, seed=42)
    assert list(f.columns) == ["estimate", "lower", "upper"]
    assert list(f.index) == ["speed", "price", "staff", "cleanliness"]
    identical(f["lower"].to_numpy(), lower)
    identical(f["estimate"].to_numpy(), est)
    assert f.attrs["failed"] == 0 and f.attrs["reps"] == 300


# Accumulator ---------------------------------------------------------------------------

def test_xprod_merge_and_pickle_equal_one_pass(survey):
    x, y, w = survey
    one = csat.XProd(4).add(x, y, w)
    assert one.p == 4 and (one.n, one.n_missing) == (295, 5)
    parts = [csat.XProd(4).add(xs, ys, ws) for xs, ys, ws in
             zip(np.array_split(x, 3), np.array_split(y, 3), np.array_split(w, 3))]
    merged = csat.XProd(4)
    for p in parts:
        merged.merge(p)
    ref = csat.key_drivers_from(one)
    for acc in (merged, parts[0] + parts[1] + parts[2], sum(parts)):
        m = acc.fit()
        assert acc.n == one.n and acc.n_missing == one.n_missing
        close(m.coef, ref.coef, 1e-12)
        close(m.se, ref.se, 1e-12)
        close(m.importance("lmg"), ref.importance("lmg"), 1e-12)
    acc = csat.XProd(4)
    acc += parts[0]
    assert acc.n == parts[0].n
    back = pickle.loads(pickle.dumps(one))
    assert back == one and back.p == 4 and back is not one
    identical(back.fit().coef, ref.coef)
    identical(csat.XProd.deserialize(one.serialize()).fit().importance(), ref.importance())
    assert copy.deepcopy(one) == one and one.copy() == one
    # From rows or from the accumulator: the same model.
    rows = csat.key_drivers(x, y, w)
    close(ref.coef, rows.coef, 1e-10)
    close(ref.se, rows.se, 1e-10)
    assert ref.r2 == pytest.approx(rows.r2, rel=1e-12) and ref.n == rows.n
    close(ref.importance("relative_weights"), rows.importance("relative_weights"), 1e-10)
    assert repr(one) == "XProd(p=4, n=295, n_missing=5)"


def test_xprod_copy_is_independent(survey):
    x, y, w = survey
    one = csat.XProd(4).add(x[:200], y[:200], w[:200])
    ref = one.fit()
    for clone in (one.copy(), copy.copy(one), copy.deepcopy(one)):
        assert clone == one and clone is not one and clone.p == 4
        assert clone.sample == one.sample
        identical(clone.fit().coef, ref.coef)
    c = one.copy()
    c.add(x[200:], y[200:], w[200:])
    assert (c.n, c.n_missing) == (295, 5)
    assert one.n + one.n_missing == 200 and c != one
    identical(one.fit().coef, ref.coef)            # the original is unchanged
    close(c.fit().coef, csat.XProd(4).add(x, y, w).fit().coef, 1e-12)
    one.merge(csat.XProd(4).add(x[200:], y[200:], w[200:]))
    assert one.n == c.n and one.copy() == one


def test_xprod_dataframe_names_and_errors(frame):
    acc = csat.XProd(4).add(frame, "overall", "weight")
    m = csat.key_drivers_from(acc, names=["speed", "price", "staff", "cleanliness"])
    ref = csat.key_drivers(frame, "overall", "weight")
    close(m.coef.to_numpy(), ref.coef.to_numpy(), 1e-10)
    assert list(m.coef.index) == ref.terms
    with pytest.raises(ValueError, match="no rows to resample"):
        m.bootstrap()
    with pytest.raises(ValueError, match="3 drivers .* accumulator 4"):
        acc.add(np.ones((2, 3)), [1.0, 2.0])
    n = acc.n
    with pytest.raises(ValueError, match="infinite"):
        acc.add(np.array([[1.0, 2, 3, np.inf]]), [1.0])
    assert acc.n == n
    with pytest.raises(ValueError):
        acc.merge(csat.XProd(3))
    with pytest.raises(TypeError):
        acc.merge(csat.Tally())
    with pytest.raises(ValueError):
        csat.XProd(0)
    with pytest.raises(ValueError):
        csat.XProd(-2)
    with pytest.raises(ValueError):
        csat.XProd.deserialize(b"garbage")
    with pytest.raises(TypeError):
        csat.key_drivers_from("not an accumulator")
    flat = csat.XProd(2).add(np.column_stack([frame["speed"], frame["speed"]]),
                             frame["overall"])
    with pytest.raises(csat.SingularError, match=r"driver 1 \('b'\)"):
        csat.key_drivers_from(flat, names=["a", "b"])


# IPA ----------------------------------------------------------------------------------

def quadrant(important, performing):
    return {(True, False): "concentrate here", (True, True): "keep up the good work",
            (False, False): "low priority", (False, True): "possible overkill"}[
        (bool(important), bool(performing))]


def test_ipa_quadrants(frame):
    m = csat.key_drivers(frame, "overall", "weight")
    t = m.ipa("lmg")
    assert list(t.columns) == ["importance", "performance", "quadrant"]
    assert list(t.index) == m.names and t.index.name == "driver"
    imp, perf = m.importance("lmg").to_numpy(), m.means.to_numpy()
    identical(t["importance"].to_numpy(), imp)
    identical(t["performance"].to_numpy(), perf)
    expected = [quadrant(i >= imp.mean(), p >= perf.mean()) for i, p in zip(imp, perf)]
    assert list(t["quadrant"]) == expected
    # Rescaled performance and explicit crosshairs.
    r = m.ipa("relative_weights", rescale=(1, 10), importance_cross=0.05,
              performance_cross=55)
    perf100 = 100.0 * (perf - 1) / 9
    identical(r["performance"].to_numpy(), perf100)
    imp = m.importance("relative_weights").to_numpy()
    assert list(r["quadrant"]) == [quadrant(i >= 0.05, p >= 55) for i, p in zip(imp, perf100)]


def test_ipa_given_performance_covers_all_quadrants(frame):
    m = csat.key_drivers(frame, "overall", "weight")
    imp = m.importance("lmg")
    # Highest importance low, second high; lowest two: low and high.
    order = list(imp.sort_values(ascending=False).index)
    perf = {order[0]: 20.0, order[1]: 90.0, order[2]: 90.0, order[3]: 20.0}
    t = m.ipa("lmg", perf, importance_cross=float(imp.sort_values().iloc[1:3].mean()),
              performance_cross=50)
    assert t.loc[order[0], "quadrant"] == "concentrate here"
    assert t.loc[order[1], "quadrant"] == "keep up the good work"
    assert t.loc[order[2], "quadrant"] == "possible overkill"
    assert t.loc[order[3], "quadrant"] == "low priority"
    # A Series is aligned by name, a list taken in driver order.
    s = pd.Series(perf)
    identical(m.ipa("lmg", s)["performance"].to_numpy(),
              m.ipa("lmg", [perf[n] for n in m.names])["performance"].to_numpy())


def test_ipa_errors(frame):
    m = csat.key_drivers(frame, "overall", "weight")
    with pytest.raises(ValueError, match="length of performance"):
        m.ipa("lmg", [1.0, 2.0])
    with pytest.raises(ValueError, match="no value for the drivers"):
        m.ipa("lmg", {"speed": 1.0})
    with pytest.raises(ValueError, match="min < max"):
        m.ipa("lmg", rescale=(10, 1))
    with pytest.raises(TypeError, match="rescale"):
        m.ipa("lmg", rescale=True)
    with pytest.raises(ValueError):
        m.ipa("lmg", [1.0, np.inf, 2.0, 3.0])


def test_low_level_ipa():
    opt = csat.core.ipa_options()
    opt.importance_cross = opt.performance_cross = np.nan
    q = csat.core.drivers_ipa(np.array([0.4, 0.3, 0.1, 0.2]), np.array([50.0, 80, 40, 90]), opt)
    # The options' C defaults are those crosshairs (the means), and so is NULL.
    for default in (csat.core.ipa_options(), None):
        assert csat.core.drivers_ipa(np.array([0.4, 0.3, 0.1, 0.2]),
                                     np.array([50.0, 80, 40, 90]), default) == q
    names = [_drivers.QUADRANTS[c] for c in q]
    assert names == ["concentrate here", "keep up the good work", "low priority",
                     "possible overkill"]


# Text, tables and plain-Python fallbacks -----------------------------------------------

def test_summary_repr_and_tables(frame):
    m = csat.key_drivers(frame, "overall", "weight")
    text = m.summary()
    assert "(intercept)" in text and "cleanliness" in text and "R² = " in text
    assert f"F(4, {m.df_resid:g})" in text and "[2.5%" in text and "97.5%]" in text
    assert f"n = {m.n} ({m.n_missing} missing)" in text and "of overall" in text
    assert str(m) == text
    assert repr(m).startswith("KeyDriverModel(n=295, drivers=4, r2=")
    t = m.to_frame()
    assert list(t.columns) == ["coef", "se", "t", "p", "ci_lower", "ci_upper", "beta", "vif"]
    assert list(t.index) == m.terms
    identical(t["coef"].to_numpy(), m.coef.to_numpy())
    assert np.isnan(t.loc["(intercept)", "beta"]) and t.loc["speed", "vif"] == m.vif["speed"]
    d = m.to_dict()
    assert d["r2"] == m.r2 and d["coef"] == m.coef.tolist() and d["names"] == m.names
    origin = csat.key_drivers(frame, "overall", "weight", intercept=False)
    assert "no intercept" in origin.summary() and "(intercept)" not in origin.summary()
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(m)


def test_without_pandas_results_are_arrays_and_dicts(frame, monkeypatch):
    monkeypatch.setattr(_drivers, "_pandas", lambda: None)
    m = csat.key_drivers(frame, "overall", "weight")
    assert isinstance(m.coef, np.ndarray) and isinstance(m.beta, np.ndarray)
    t = m.to_frame()
    assert isinstance(t, dict) and t["term"] == m.terms
    q = m.ipa()
    assert isinstance(q, dict) and q["driver"] == m.names and len(q["quadrant"]) == 4
    d = m.dominance()
    assert d.conditional.shape == (4, 4)
    lo, hi = m.bootstrap(reps=50)
    assert lo.shape == (4,)


def test_threads_get_the_single_thread_answer(survey):
    x, y, w = survey
    ref = csat.key_drivers(x, y, w)

    def work(_):
        m = csat.key_drivers(x, y, w)
        return m.coef, m.importance("lmg"), m.bootstrap("lmg", reps=100, seed=5).lower

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(work, range(8)))
    lower = ref.bootstrap("lmg", reps=100, seed=5).lower
    for coef, lmg, lo in results:
        identical(coef, ref.coef)
        identical(lmg, ref.importance("lmg"))
        identical(lo, lower)
