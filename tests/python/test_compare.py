"""Comparisons through the Python package: the numbers equal independent
computations (scipy, statsmodels, numpy formulas of the methods), the
dispatch on result types, the errors, pandas in and out."""

import math

import numpy as np
import pytest
from scipy import stats
from statsmodels.regression.linear_model import WLS
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import (confint_proportions_2indep, proportion_confint,
                                          proportions_ztest)
from statsmodels.tools import add_constant

import csat
import reference as R
from conftest import t_quantile

pd = pytest.importorskip("pandas")

CODE_EMPTY, CODE_RANGE, CODE_ARGUMENT, CODE_TOO_FEW = 2, 3, 5, 8

RNG = np.random.default_rng(20240611)
# Two independent NPS surveys (0..10) and two samples of a 1..5 rating.
NPS_A = RNG.choice(11, 180, p=[.02, .02, .03, .03, .05, .07, .08, .15, .2, .17, .18]).astype(float)
NPS_B = RNG.choice(11, 140, p=[.04, .04, .05, .05, .07, .08, .1, .17, .18, .12, .1]).astype(float)
SAT_A = RNG.choice([1, 2, 3, 4, 5], 150, p=[.05, .1, .2, .35, .3]).astype(float)
SAT_B = RNG.choice([1, 2, 3, 4, 5], 120, p=[.1, .15, .25, .3, .2]).astype(float)
HOURS_A = RNG.gamma(2.0, 3.0, 60)
HOURS_B = RNG.gamma(3.0, 2.5, 45)


def close(a, b, rel=1e-12, abs_=1e-12):
    return a == pytest.approx(b, rel=rel, abs=abs_)


def nps_and_se(x):
    """NPS and its Wald SE from the +1/0/−1 coding (sample variance / n)."""
    x = np.asarray(x)
    x = x[~np.isnan(x)]
    c = np.where(x >= 9, 1.0, np.where(x <= 6, -1.0, 0.0))
    return 100 * c.mean(), 100 * math.sqrt(c.var(ddof=1) / len(c))


def z_quantile(level):
    return stats.norm.ppf((1 + level) / 2)


# Against a benchmark -----------------------------------------------------------

@pytest.mark.parametrize("level", [0.95, 0.9])
def test_nps_benchmark(level):
    r = csat.nps(NPS_A, level=level)
    score, se = nps_and_se(NPS_A)
    c = csat.compare(r, benchmark=25, level=level)
    assert isinstance(c, csat.Comparison) and c.kind == "nps vs benchmark"
    assert close(c.diff, score - 25) and close(c.se, se)
    assert close(c.statistic, (score - 25) / se)
    assert close(c.p, 2 * stats.norm.sf(abs((score - 25) / se)))
    q = z_quantile(level)
    assert close(c.ci[0], score - 25 - q * se) and close(c.ci[1], score - 25 + q * se)
    assert math.isinf(c.df) and c.df > 0 and c.test == "z" and c.level == level


@pytest.mark.parametrize("benchmark", [0.6, 0.75])
def test_share_benchmark_is_the_score_test(benchmark):
    r = csat.csat(SAT_A)
    count, nobs = int(np.sum(SAT_A >= 4)), len(SAT_A)
    c = csat.compare(r, benchmark=benchmark, level=0.9)
    p0 = benchmark      # a proportion, like the share itself
    z, p = proportions_ztest(count, nobs, value=p0, prop_var=p0)
    assert close(c.statistic, z) and close(c.p, p)
    assert close(c.diff, count / nobs - p0)
    assert close(c.se, math.sqrt(count / nobs * (1 - count / nobs) / nobs))
    lo, hi = proportion_confint(count, nobs, alpha=0.1, method="wilson")
    assert close(c.ci[0], lo - p0) and close(c.ci[1], hi - p0)
    assert math.isinf(c.df)


def test_share_benchmark_in_percent_is_refused_with_a_hint():
    # A share is a proportion in results and benchmarks alike: 30 meant as
    # 30 % is an error that says what to pass, never a share of 30.
    r = csat.csat(SAT_A)
    with pytest.raises(ValueError, match=r"share benchmark 30 is not a proportion between "
                       r"0 and 1 \(for 30 %, pass 0\.3\)") as e:
        csat.compare(r, benchmark=30)
    assert e.value.code == CODE_ARGUMENT
    c = csat.compare(r, benchmark=0.3)
    assert c.diff == r.share - 0.3 and -1 < c.ci[0] <= c.ci[1] < 1


def test_mean_benchmark_is_the_one_sample_t_test():
    r = csat.mean_score(HOURS_A)
    c = csat.compare(r, benchmark=5.5)
    t = stats.ttest_1samp(HOURS_A, 5.5)
    assert close(c.statistic, t.statistic) and close(c.p, t.pvalue, rel=1e-10)
    assert c.df == len(HOURS_A) - 1 and c.test == "t"
    se = HOURS_A.std(ddof=1) / math.sqrt(len(HOURS_A))
    q = t_quantile(0.975, len(HOURS_A) - 1)
    d = HOURS_A.mean() - 5.5
    assert close(c.diff, d) and close(c.se, se)
    assert close(c.ci[0], d - q * se) and close(c.ci[1], d + q * se)


def test_ces_is_compared_by_its_mean_effort():
    a = csat.ces(R.EFFORT)
    c = csat.compare(a, benchmark=4.5)
    assert c.to_dict() == csat.compare(a.effort, benchmark=4.5).to_dict()
    t = stats.ttest_1samp(R.EFFORT, 4.5)
    assert close(c.statistic, t.statistic) and close(c.p, t.pvalue, rel=1e-10)
    b = csat.ces(np.array(R.EFFORT[::-1][:15], dtype=float))
    assert csat.compare(a, b).to_dict() == csat.compare(a.effort, b.effort).to_dict()
    assert csat.compare(a, b.effort).kind == "mean"


# Between two results ----------------------------------------------------------------

def test_two_nps():
    a, b = csat.nps(NPS_A), csat.nps(NPS_B)
    (sa, ea), (sb, eb) = nps_and_se(NPS_A), nps_and_se(NPS_B)
    c = csat.compare(a, b)
    se = math.hypot(ea, eb)
    assert c.kind == "nps" and close(c.diff, sa - sb) and close(c.se, se)
    assert close(c.statistic, (sa - sb) / se)
    assert close(c.p, 2 * stats.norm.sf(abs(sa - sb) / se))
    q = z_quantile(0.95)
    assert close(c.ci[0], sa - sb - q * se) and close(c.ci[1], sa - sb + q * se)
    assert math.isinf(c.df)
    # b − a is the mirror image
    m = csat.compare(b, a)
    assert m.diff == -c.diff and m.se == c.se and m.p == c.p


@pytest.mark.parametrize("level", [0.95, 0.8])
def test_two_shares_newcombe_and_pooled_z(level):
    a, b = csat.csat(SAT_A, level=level), csat.csat(SAT_B, level=level)
    c1, n1 = int(np.sum(SAT_A >= 4)), len(SAT_A)
    c2, n2 = int(np.sum(SAT_B >= 4)), len(SAT_B)
    c = csat.compare(a, b, level=level)
    lo, hi = confint_proportions_2indep(c1, n1, c2, n2, method="newcomb", compare="diff",
                                        alpha=1 - level)
    assert close(c.ci[0], lo) and close(c.ci[1], hi)
    z, p = proportions_ztest([c1, c2], [n1, n2])
    assert close(c.statistic, z) and close(c.p, p)
    p1, p2 = c1 / n1, c2 / n2
    assert close(c.diff, p1 - p2)
    assert close(c.se, math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2))
    assert c.kind == "share" and math.isinf(c.df) and c.level == level


def test_two_means_welch():
    a, b = csat.mean_score(HOURS_A), csat.mean_score(HOURS_B)
    c = csat.compare(a, b, level=0.9)
    t = stats.ttest_ind(HOURS_A, HOURS_B, equal_var=False)
    assert close(c.statistic, t.statistic) and close(c.p, t.pvalue, rel=1e-10)
    va, vb = HOURS_A.var(ddof=1) / len(HOURS_A), HOURS_B.var(ddof=1) / len(HOURS_B)
    df = (va + vb) ** 2 / (va ** 2 / (len(HOURS_A) - 1) + vb ** 2 / (len(HOURS_B) - 1))
    assert close(c.df, df) and c.test == "t"
    d = HOURS_A.mean() - HOURS_B.mean()
    q = t_quantile(0.95, df)
    assert close(c.diff, d) and close(c.se, math.sqrt(va + vb))
    assert close(c.ci[0], d - q * math.sqrt(va + vb)) and close(c.ci[1], d + q * math.sqrt(va + vb))


def test_weighted_results_compare_on_their_own_se():
    a, b = csat.nps(R.NPS, R.NPS_W), csat.nps(R.NPS)
    c = csat.compare(a, b)
    assert c.diff == pytest.approx(a.score - b.score, rel=1e-15)
    assert c.se == pytest.approx(math.hypot(a.se, b.se), rel=1e-15)


# Dispatch and errors ------------------------------------------------------------------

def test_mixed_types_are_a_type_error():
    with pytest.raises(TypeError, match="cannot compare a NPSResult with a ShareResult"):
        csat.compare(csat.nps(NPS_A), csat.csat(SAT_A))
    with pytest.raises(TypeError, match="cannot compare"):
        csat.compare(csat.mean_score(HOURS_A), csat.top_box(SAT_A))
    with pytest.raises(TypeError, match="expected an NPSResult"):
        csat.compare(42.0, benchmark=3)
    with pytest.raises(TypeError, match="expected an NPSResult"):
        csat.compare(csat.nps(NPS_A), {"score": 3})


def test_b_or_benchmark():
    a = csat.nps(NPS_A)
    with pytest.raises(ValueError, match="not both"):
        csat.compare(a, a, benchmark=10)
    with pytest.raises(ValueError, match="not neither"):
        csat.compare(a)


@pytest.mark.parametrize("level", [0, 1, 1.5, math.nan])
def test_bad_level_is_the_library_error(level):
    a, b = csat.nps(NPS_A), csat.nps(NPS_B)
    with pytest.raises(ValueError, match="level") as e:
        csat.compare(a, b, level=level)
    assert e.value.code == CODE_ARGUMENT


def test_bad_benchmarks():
    with pytest.raises(ValueError, match="benchmark") as e:
        csat.compare(csat.nps(NPS_A), benchmark=150)
    assert e.value.code == CODE_ARGUMENT
    for b in (0, 1, 100, -5, 30, 1.5):
        with pytest.raises(ValueError, match="benchmark"):
            csat.compare(csat.csat(SAT_A), benchmark=b)
    with pytest.raises(TypeError, match="benchmark must be a number"):
        csat.compare(csat.csat(SAT_A), benchmark="70")


def test_a_result_without_a_standard_error_is_refused_against_a_benchmark():
    # No spread (SE 0) is accepted: the difference is exact, z = +inf, p = 0.
    c = csat.compare(csat.nps([10, 10, 10]), benchmark=50)
    assert c.diff == 50 and c.se == 0 and c.statistic == float("inf") and c.p == 0
    with pytest.raises(ValueError) as e:
        csat.compare(csat.mean_score([4.0]), benchmark=3)      # one value: no SE, no df
    assert e.value.code == CODE_ARGUMENT


def test_comparison_repr_and_dict():
    c = csat.compare(csat.nps(NPS_A), csat.nps(NPS_B))
    text = repr(c)
    assert text.startswith("Comparison(kind='nps', diff=") and "df=inf" in text
    d = c.to_dict()
    assert set(d) == {"kind", "diff", "se", "ci", "statistic", "df", "p", "level"}
    assert d["ci"] == c.ci and d["p"] == c.p


# Adjusted p-values ------------------------------------------------------------------------

P = [0.012, 0.04, 0.0031, 0.2, 0.049, 0.5, 0.0001, 0.04, 1.0, 0.03]


@pytest.mark.parametrize("method,sm", [("holm", "holm"), ("bh", "fdr_bh"),
                                       ("fdr_bh", "fdr_bh"), ("bonferroni", "bonferroni")])
def test_adjust_equals_statsmodels(method, sm):
    got = csat.adjust(P, method)
    want = multipletests(P, method=sm)[1]
    assert isinstance(got, np.ndarray) and got.dtype == np.float64
    np.testing.assert_allclose(got, want, rtol=1e-14, atol=0)


@pytest.mark.parametrize("method,sm", [("holm", "holm"), ("bh", "fdr_bh"),
                                       ("bonferroni", "bonferroni")])
def test_adjust_random_pvalues(method, sm):
    p = np.concatenate([RNG.uniform(0, 0.05, 30), RNG.uniform(0, 1, 40), [0.0, 1.0]])
    RNG.shuffle(p)
    np.testing.assert_allclose(csat.adjust(p, method), multipletests(p, method=sm)[1],
                               rtol=1e-14, atol=0)


def test_adjust_default_is_holm_and_keeps_a_series_index():
    s = pd.Series(P, index=[f"q{i}" for i in range(len(P))], name="p")
    out = csat.adjust(s)
    assert isinstance(out, pd.Series) and list(out.index) == list(s.index) and out.name == "p"
    np.testing.assert_allclose(out.to_numpy(), multipletests(P, method="holm")[1], rtol=1e-14)


def test_adjust_errors():
    with pytest.raises(ValueError, match="method must be one of") as e:
        csat.adjust(P, "sidak")
    with pytest.raises(ValueError) as e:
        csat.adjust([0.1, 1.5, 0.2])
    assert e.value.code == CODE_RANGE and e.value.index == 1
    with pytest.raises(ValueError) as e:
        csat.adjust([0.1, 0.2, math.nan])
    assert e.value.code == CODE_RANGE and e.value.index == 2


# Trend --------------------------------------------------------------------------------------

def wls_fixed_scale(y, se, t, level):
    fit = WLS(y, add_constant(t), weights=1 / np.asarray(se) ** 2).fit(cov_type="fixed scale")
    return fit, fit.conf_int(alpha=1 - level)


@pytest.mark.parametrize("times", [None, [2019.0, 2020.0, 2021.5, 2022.0, 2024.0]])
def test_trend_equals_wls_with_known_variances(times):
    y = [31.0, 34.5, 33.0, 38.2, 41.0]
    se = [2.5, 3.1, 2.2, 2.8, 3.5]
    tr = csat.trend(list(zip(y, se)), times, level=0.9)
    t = np.arange(5.0) if times is None else np.asarray(times)
    fit, ci = wls_fixed_scale(y, se, t, 0.9)
    assert isinstance(tr, csat.Trend) and tr.waves == 5 and tr.level == 0.9
    assert close(tr.slope, fit.params[1], rel=1e-11) and close(tr.se, fit.bse[1], rel=1e-11)
    assert close(tr.intercept, fit.params[0], rel=1e-10)
    assert close(tr.z, fit.tvalues[1], rel=1e-11) and close(tr.p, fit.pvalues[1], rel=1e-9)
    assert close(tr.ci[0], ci[1, 0], rel=1e-11) and close(tr.ci[1], ci[1, 1], rel=1e-11)
    assert len(tr.changes) == 4
    for i, ch in enumerate(tr.changes):
        d, s = y[i + 1] - y[i], math.hypot(se[i], se[i + 1])
        assert ch.kind == "change" and close(ch.diff, d) and close(ch.se, s)
        assert close(ch.statistic, d / s) and close(ch.p, 2 * stats.norm.sf(abs(d / s)))
        assert close(ch.ci[0], d - z_quantile(0.9) * s) and math.isinf(ch.df)


def test_trend_of_results_uses_their_scores_and_se():
    waves = [csat.nps(NPS_A[:60]), csat.nps(NPS_A[60:120]), csat.nps(NPS_B)]
    a = csat.trend(waves)
    b = csat.trend([(w.score, w.se) for w in waves])
    assert a.to_dict() == b.to_dict()
    assert a.changes[0].diff == waves[1].score - waves[0].score
    c = csat.trend([csat.ces(R.EFFORT), csat.ces(R.EFFORT[:12])])
    assert c.waves == 2 and len(c.changes) == 1
    # Shares enter as proportions (share and se in one unit), never as the
    # percent score beside a proportion SE.
    shares = [csat.csat(SAT_A), csat.csat(SAT_B)]
    d = csat.trend(shares)
    assert d.to_dict() == csat.trend([(w.share, w.se) for w in shares]).to_dict()
    assert d.changes[0].diff == shares[1].share - shares[0].share
    assert d.changes[0].se == math.hypot(shares[0].se, shares[1].se)


def test_trend_errors():
    with pytest.raises(TypeError, match="one kind"):
        csat.trend([csat.nps(NPS_A), csat.csat(SAT_A)])
    with pytest.raises(TypeError, match="pair"):
        csat.trend([1.0, 2.0])
    with pytest.raises(ValueError) as e:
        csat.trend([(30, 2)])
    assert e.value.code == CODE_TOO_FEW
    with pytest.raises(ValueError) as e:
        csat.trend([(30, 2), (31, 0), (33, 2)])
    assert e.value.code == CODE_ARGUMENT and e.value.index == 1
    with pytest.raises(ValueError) as e:
        csat.trend([(30, 2), (31, 2), (33, 2)], [0, 2, 2])
    assert e.value.code == CODE_ARGUMENT
    with pytest.raises(ValueError, match=r"length of times \(2\) differs"):
        csat.trend([(30, 2), (31, 2), (33, 2)], [0, 1])


# Percentile rank ------------------------------------------------------------------------------

@pytest.mark.parametrize("score", [31.0, 40.0, -12.0, 80.0, 12.5])
def test_percentile_rank_equals_scipy(score):
    peers = np.array([12.5, 40, 22, 31, 40, 55, -3, 18, 40, 27, 31, 61, 5.5])
    r = csat.percentile_rank(score, peers)
    assert close(r.percentile, stats.percentileofscore(peers, score, kind="mean"), rel=1e-14)
    assert r.below == np.sum(peers < score) and r.equal == np.sum(peers == score)
    assert r.rank == 1 + np.sum(peers > score) and r.of == len(peers) + 1
    assert isinstance(r, csat.Rank) and set(r.to_dict()) == {"percentile", "rank", "of",
                                                             "below", "equal"}


def test_percentile_rank_of_a_result_and_a_series():
    a = csat.nps(NPS_A)
    peers = pd.Series([10.0, 20.0, 30.0, 60.0])
    assert csat.percentile_rank(a, peers) == csat.percentile_rank(a.score, peers.to_numpy())


def test_percentile_rank_errors():
    with pytest.raises(ValueError) as e:
        csat.percentile_rank(10, [])
    assert e.value.code == CODE_EMPTY
    with pytest.raises(ValueError) as e:
        csat.percentile_rank(10, [1, math.nan])
    assert e.value.code == CODE_RANGE
    with pytest.raises(ValueError) as e:
        csat.percentile_rank(math.inf, [1, 2])
    assert e.value.code == CODE_RANGE


# Gap ------------------------------------------------------------------------------------------

NAMES = ["speed", "price", "staff"]
EXPECTED = RNG.integers(3, 8, (40, 3)).astype(float)
PERCEIVED = np.clip(EXPECTED + RNG.integers(-3, 3, (40, 3)), 1, 7).astype(float)
EXPECTED[[3, 9, 17], [0, 1, 2]] = np.nan
PERCEIVED[[5, 9, 30, 31], [0, 0, 2, 1]] = np.nan


def test_gap_equals_paired_t_tests_on_complete_pairs():
    g = csat.gap(EXPECTED, PERCEIVED, level=0.9)
    assert list(g.columns) == ["gap", "se", "ci_lower", "ci_upper", "t", "df", "p", "pairs"]
    assert g.attrs["level"] == 0.9
    for j in range(3):
        ok = ~np.isnan(EXPECTED[:, j]) & ~np.isnan(PERCEIVED[:, j])
        e, p = EXPECTED[ok, j], PERCEIVED[ok, j]
        t = stats.ttest_rel(p, e)
        d = p - e
        se = d.std(ddof=1) / math.sqrt(len(d))
        q = t_quantile(0.95, len(d) - 1)
        row = g.iloc[j]
        assert row["pairs"] == ok.sum() and row["df"] == ok.sum() - 1
        assert close(row["gap"], d.mean()) and close(row["se"], se)
        assert close(row["t"], t.statistic) and close(row["p"], t.pvalue, rel=1e-10)
        assert close(row["ci_lower"], d.mean() - q * se)
        assert close(row["ci_upper"], d.mean() + q * se)
    assert g["pairs"].dtype == np.int64


def test_gap_with_dataframes_matches_columns_by_name():
    e = pd.DataFrame(EXPECTED, columns=NAMES)
    p = pd.DataFrame(PERCEIVED, columns=NAMES)[["staff", "speed", "price"]]
    g = csat.gap(e, p)
    assert list(g.index) == NAMES and g.index.name == "attribute"
    ref = csat.gap(EXPECTED, PERCEIVED)
    np.testing.assert_array_equal(g.to_numpy(), ref.to_numpy())
    named = csat.gap(EXPECTED, PERCEIVED, names=NAMES)
    assert list(named.index) == NAMES
    with pytest.raises(ValueError, match="same"):
        csat.gap(e, p.rename(columns={"staff": "people"}))


def test_gap_of_a_single_attribute():
    g = csat.gap(pd.Series(EXPECTED[:, 0]), EXPECTED[:, 0] + np.arange(40) % 3)
    assert len(g) == 1 and g["pairs"].iloc[0] == 39


def test_gap_to_a_target_is_the_one_sample_t_test():
    perceived = csat.mean_score(HOURS_A)
    c = csat.gap(perceived, target=6.0)
    t = stats.ttest_1samp(HOURS_A, 6.0)
    assert c.kind == "gap" and close(c.diff, HOURS_A.mean() - 6.0)
    assert close(c.statistic, t.statistic) and close(c.p, t.pvalue, rel=1e-10)
    with pytest.raises(TypeError, match="MeanResult"):
        csat.gap(csat.nps(NPS_A), target=30)
    with pytest.raises(ValueError, match="not both"):
        csat.gap(perceived, PERCEIVED, target=3)


def test_gap_errors():
    with pytest.raises(ValueError, match="perceived is 40 × 2") as e:
        csat.gap(EXPECTED, PERCEIVED[:, :2])
    assert e.value.code == CODE_ARGUMENT
    few = PERCEIVED.copy()
    few[1:, 1] = np.nan
    with pytest.raises(ValueError, match="'price'") as e:
        csat.gap(pd.DataFrame(EXPECTED, columns=NAMES), pd.DataFrame(few, columns=NAMES))
    assert e.value.code == CODE_TOO_FEW and e.value.column == 1
    bad = PERCEIVED.copy()
    bad[2, 2] = math.inf
    with pytest.raises(ValueError) as e:
        csat.gap(EXPECTED, bad)
    assert e.value.code == CODE_RANGE and (e.value.index, e.value.column) == (2, 2)
    with pytest.raises(ValueError, match="names has 2 entries"):
        csat.gap(EXPECTED, PERCEIVED, names=["a", "b"])
    with pytest.raises(ValueError, match="give perceived"):
        csat.gap(EXPECTED)
