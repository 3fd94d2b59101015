"""Business measures through the Python package: the numbers equal
independent computations (numpy formulas, scipy, statsmodels, R's survival
package for Kaplan–Meier: survival_reference.R made KM_REFERENCE), dates,
labels and pandas in and out, and the errors."""

import collections
import datetime
import math

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

import csat
from conftest import t_quantile

pd = pytest.importorskip("pandas")

CODE_EMPTY, CODE_RANGE, CODE_ARGUMENT = 2, 3, 5
RNG = np.random.default_rng(7)

KM_REFERENCE = {
    "lifetimes": {
        "time": [1, 1, 2, 3, 3, 3, 4, 5, 5, 6, 7, 8, 8, 9, 10, 12, 12, 13, 15, 18],
        "observed": [1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0, 1, 0],
        "level": 0.94999999999999996,
        "step_time": [1, 2, 3, 4, 5, 6, 8, 10, 12, 15],
        "n_risk": [20, 18, 17, 14, 13, 11, 9, 6, 5, 2],
        "n_event": [1, 1, 2, 1, 1, 1, 2, 1, 1, 1],
        "n_censor": [1, 0, 1, 0, 1, 0, 0, 0, 1, 0],
        "survival": [0.94999999999999996, 0.89722222222222214, 0.79166666666666652, 0.73511904761904756, 0.6785714285714286, 0.61688311688311692, 0.47979797979797983, 0.39983164983164987, 0.31986531986531991, 0.15993265993265995],
        "se_log": [0.051298917604257706, 0.076808546422761914, 0.11722922015640781, 0.13869821755518355, 0.16014821873265228, 0.18638229812444776, 0.25784567632632949, 0.3159394342805526, 0.38706294854133949, 0.80611272545067514],
        "lower": [0.69474319325657019, 0.64752911949468073, 0.53544777822149137, 0.47501048215886743, 0.41844920404790265, 0.35735231011340346, 0.23189880688971487, 0.16507834751014952, 0.10886412601944896, 0.013034917370818102],
        "upper": [0.99280222859339717, 0.97329897465408088, 0.9163378983487761, 0.88055362274804139, 0.84148087299245256, 0.79709766465036247, 0.69140067487543599, 0.62718054636826592, 0.55661822517767523, 0.4610964765698804],
        "median": 8,
        "median_ci": [4, 15],
    },
    "half": {
        "time": [4, 2, 6, 1, 5, 3],
        "observed": [1, 1, 1, 1, 1, 1],
        "level": 0.90000000000000002,
        "step_time": [1, 2, 3, 4, 5, 6],
        "n_risk": [6, 5, 4, 3, 2, 1],
        "n_event": [1, 1, 1, 1, 1, 1],
        "n_censor": [0, 0, 0, 0, 0, 0],
        "survival": [0.83333333333333337, 0.66666666666666674, 0.5, 0.33333333333333331, 0.16666666666666666, 0],
        "se_log": [0.18257418583505536, 0.28867513459481292, 0.40824829046386302, 0.57735026918962584, 0.9128709291752769, math.inf],
        "lower": [0.38804786563465565, 0.27041290204480412, 0.16101488364118893, 0.073705023605198053, 0.015888127059906686, math.nan],
        "upper": [0.96549401324379702, 0.88187206294806553, 0.76868000697302163, 0.62949132758234705, 0.46068042094496198, math.nan],
        "median": 3.5,
        "median_ci": [1, 5],
    },
    "resolution": {
        "time": [2.5, 30, 4, 49, 12, 72, 8.5, 26, 96, 3, 47.5, 16, 55, 20, 6, 48, 36, 100, 1.5, 60],
        "observed": [1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 1, 1],
        "level": 0.94999999999999996,
        "step_time": [1.5, 2.5, 3, 4, 6, 8.5, 12, 16, 20, 26, 30, 47.5, 48, 60, 72],
        "n_risk": [20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 8, 7, 4, 3],
        "n_event": [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
        "n_censor": [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        "survival": [0.94999999999999996, 0.89999999999999991, 0.84999999999999987, 0.79999999999999982, 0.74999999999999978, 0.69999999999999984, 0.64999999999999991, 0.59999999999999998, 0.54999999999999993, 0.49999999999999994, 0.44999999999999996, 0.39374999999999993, 0.33749999999999991, 0.25312499999999993, 0.16874999999999996],
        "se_log": [0.051298917604257706, 0.074535599249992979, 0.093933643662772418, 0.11180339887498948, 0.12909944487358055, 0.14638501094227999, 0.16408253082847341, 0.18257418583505536, 0.20225995873897262, 0.22360679774997896, 0.2472066162365221, 0.28101290712039184, 0.32058973436118909, 0.43140597018482618, 0.59395098937351531],
        "lower": [0.69474319325657019, 0.65603070726156698, 0.60378969922029924, 0.5511455642807277, 0.49994390796575194, 0.45054598470715579, 0.40300119955452129, 0.3572919696576396, 0.31339998551885617, 0.27132775729312791, 0.23110810948153196, 0.1858228013754295, 0.14413000794284261, 0.078683816886755659, 0.032617953330242984],
        "upper": [0.99280222859339717, 0.97401017439577486, 0.94899610979379412, 0.91981791358845599, 0.88747091891588759, 0.85251816855519114, 0.81530490497801111, 0.77604949745424789, 0.73488720777498184, 0.6918924594215774, 0.64708961160141232, 0.59680104057629257, 0.54385205942266834, 0.47595016071373031, 0.39654711845280571],
        "median": 28,
        "median_ci": [6, 60],
    },
}

# R: poisson.test(count, exposure, conf.level = level)$conf.int
POISSON_REFERENCE = [
    (7, 2000, 0.95, 0.0014071815257599336, 0.0072113376808511888),
    (0, 500, 0.95, 0, 0.0073777589082278704),
    (123, 45678, 0.9, 0.00230622261318613, 0.0031276975778080627),
    (3, 40, 0.99, 0.0084465847181933347, 0.27443693738324415),
]


def close(a, b, rel=1e-12, abs_=1e-14):
    return a == pytest.approx(b, rel=rel, abs=abs_)


# Retention and churn ---------------------------------------------------------------

def test_retention_from_counts():
    r = csat.retention(1200, 1260, new=150)
    assert isinstance(r, csat.Retention)
    assert r.retention == (1260 - 150) / 1200 and r.churn == 1 - (1260 - 150) / 1200
    assert (r.at_start, r.at_end, r.acquired, r.lost) == (1200, 1260, 150, 1200 + 150 - 1260)
    assert csat.retention(500, 450).retention == 0.9
    assert set(r.to_dict()) == {"retention", "churn", "at_start", "at_end", "acquired", "lost"}
    assert repr(r).startswith("Retention(retention=0.925")


@pytest.mark.parametrize("args", [(0, 10, 0), (-5, 10, 0), (100, 90, 95), (100, 250, 20),
                                  (100, math.nan, 0), (100, 90, -1), (math.inf, 90, 0)])
def test_retention_errors(args):
    with pytest.raises(ValueError) as e:
        csat.retention(*args)
    assert e.value.code == CODE_ARGUMENT and str(e.value)


def churn_reference(start, end, t0, t1):
    start, end = np.asarray(start, float), np.asarray(end, float)
    active_at = lambda t: (start <= t) & (np.isnan(end) | (end > t))
    at_start = active_at(t0)
    lost = at_start & ~np.isnan(end) & (end <= t1)
    acquired = (start > t0) & (start <= t1)
    return at_start.sum(), active_at(t1).sum(), acquired.sum(), lost.sum()


def test_churn_from_customer_times():
    start = RNG.uniform(0, 400, 500).round()
    end = np.where(RNG.random(500) < 0.45, start + RNG.exponential(150, 500).round(), np.nan)
    r = csat.churn(start, end, 180, 270)
    s, e, a, lost = churn_reference(start, end, 180, 270)
    assert (r.at_start, r.at_end, r.acquired, r.lost) == (s, e, a, lost)
    assert close(r.retention, (s - lost) / s) and close(r.churn, 1 - (s - lost) / s)


def test_churn_from_dates_equals_churn_from_days():
    base = np.datetime64("2023-01-01")
    start_days = np.array([0, 10, 31, 45, 59, 90, 100, 120, 150])
    end_days = np.array([40, np.nan, 95, np.nan, 70, np.nan, 130, np.nan, np.nan])
    start = base + start_days.astype("timedelta64[D]")
    end = np.array([base + np.timedelta64(int(d), "D") if d == d else np.datetime64("NaT")
                    for d in end_days], dtype="datetime64[D]")
    days = csat.churn(start_days + 19358, end_days + 19358, 19358 + 59, 19358 + 120)
    assert days.at_start == 4 and days.lost == 2 and days.acquired == 3
    r = csat.churn(start, end, np.datetime64("2023-03-01"), np.datetime64("2023-05-01"))
    assert r == days
    s = pd.Series(pd.to_datetime(start))
    e = pd.Series(pd.to_datetime(end))
    assert csat.churn(s, e, pd.Timestamp("2023-03-01"), "2023-05-01") == days
    assert csat.churn(s.dt.tz_localize("UTC"), e.dt.tz_localize("UTC"),
                      datetime.datetime(2023, 3, 1, tzinfo=datetime.timezone.utc),
                      datetime.date(2023, 5, 1)) == days
    objects = [None if d != d else (datetime.date(2023, 1, 1) + datetime.timedelta(days=int(d)))
               for d in end_days]
    assert csat.churn(list(s.dt.date), objects, "2023-03-01", "2023-05-01") == days


def test_churn_errors():
    with pytest.raises(ValueError) as e:
        csat.churn([0, 1], [5, 6], 3, 3)
    assert e.value.code == CODE_ARGUMENT
    with pytest.raises(ValueError) as e:
        csat.churn([0, 10], [5, 6], 3, 8)
    assert e.value.code == CODE_RANGE and e.value.index == 1
    with pytest.raises(ValueError) as e:
        csat.churn([5, 6], [np.nan, np.nan], 0, 8)
    assert e.value.code == CODE_EMPTY
    with pytest.raises(ValueError, match=r"length of end_time \(1\) differs"):
        csat.churn([0, 1], [5], 2, 3)
    with pytest.raises(TypeError, match="date"):
        csat.churn(np.array(["2023-01-01"], dtype="datetime64[D]"), [np.nan], 3.0, 5.0)


@pytest.mark.parametrize("c,k", [(0.02, 12), (0.3, 1 / 12), (0.0, 5), (1.0, 3), (0.1, 1)])
def test_churn_convert(c, k):
    assert close(csat.churn_convert(c, k), 1 - (1 - c) ** k, rel=1e-14)


@pytest.mark.parametrize("c,k", [(-0.1, 12), (1.2, 12), (0.1, 0), (0.1, -1), (math.nan, 2)])
def test_churn_convert_errors(c, k):
    with pytest.raises(ValueError) as e:
        csat.churn_convert(c, k)
    assert e.value.code == CODE_ARGUMENT


# Customer lifetime value ---------------------------------------------------------------

@pytest.mark.parametrize("m,r,d", [(40, 0.8, 0.1), (120, 0.95, 0.01), (10, 0.5, 0.0),
                                   (75, 0.0, 0.2)])
@pytest.mark.parametrize("horizon", [0, 1, 5, 36])
def test_clv_equals_the_explicit_sum(m, r, d, horizon):
    q = r / (1 + d)
    end = sum(m * q ** t for t in range(1, horizon + 1))
    start = sum(m * q ** t for t in range(horizon))
    assert close(csat.clv(m, r, d, horizon=horizon), end, rel=1e-12)
    assert close(csat.clv(m, r, d, timing="start", horizon=horizon), start, rel=1e-12)


def test_clv_infinite_horizon():
    assert close(csat.clv(40, 0.8, 0.1), 40 * 0.8 / (1.1 - 0.8), rel=1e-14)
    assert close(csat.clv(40, 0.8, 0.1, timing="start"), 40 * 1.1 / (1.1 - 0.8), rel=1e-14)
    assert close(csat.clv(40, 0.8, 0.1, horizon=2000), csat.clv(40, 0.8, 0.1), rel=1e-12)
    assert csat.clv(10, 1.0, 0.0, horizon=12) == 120 == csat.clv(10, 1, 0, timing="start",
                                                                   horizon=12)


def test_clv_errors():
    with pytest.raises(ValueError, match="timing must be 'start' or 'end'"):
        csat.clv(40, 0.8, 0.1, timing="middle")
    for args, kw in [((40, 1.2, 0.1), {}), ((40, 0.8, -1.5), {}), ((40, 1.0, 0.0), {}),
                     ((40, 0.8, 0.1), {"horizon": 2.5}), ((40, 0.8, 0.1), {"horizon": -1})]:
        with pytest.raises(ValueError) as e:
            csat.clv(*args, **kw)
        assert e.value.code == CODE_ARGUMENT


# Kaplan–Meier -------------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(KM_REFERENCE))
def test_survival_equals_r_survfit(name):
    ref = KM_REFERENCE[name]
    s = csat.survival(ref["time"], ref["observed"], level=ref["level"])
    assert isinstance(s, csat.Survival)
    np.testing.assert_array_equal(s.time, ref["step_time"])
    np.testing.assert_array_equal(s.n_risk, ref["n_risk"])
    np.testing.assert_array_equal(s.n_event, ref["n_event"])
    np.testing.assert_array_equal(s.n_censor, ref["n_censor"])
    np.testing.assert_allclose(s.survival, ref["survival"], rtol=1e-14, atol=1e-15)
    surv, se_log = np.array(ref["survival"]), np.array(ref["se_log"])
    finite = np.isfinite(se_log) & (surv > 0)
    # R's std.err is of log S; the library's se is of S itself.
    np.testing.assert_allclose(s.se[finite], surv[finite] * se_log[finite], rtol=1e-13)
    lower, upper = np.array(ref["lower"]), np.array(ref["upper"])
    np.testing.assert_allclose(s.ci[0][finite], lower[finite], rtol=1e-12)
    np.testing.assert_allclose(s.ci[1][finite], upper[finite], rtol=1e-12)
    # where S = 0 the interval is S itself (R gives NA) and the SE is 0
    assert np.all(s.ci[0][surv == 0] == 0) and np.all(s.ci[1][surv == 0] == 0)
    assert np.all(s.se[surv == 0] == 0)
    assert s.median == ref["median"] and s.median_ci == tuple(ref["median_ci"])
    assert (s.n, s.n_missing, s.events, s.level) == (len(ref["time"]), 0,
                                                    sum(ref["observed"]), ref["level"])
    assert s.steps == len(s) == len(ref["step_time"])


def km_reference(time, event, level):
    """Kaplan–Meier with Greenwood variance and log-log limits, in numpy."""
    time, event = np.asarray(time, float), np.asarray(event, bool)
    t = np.unique(time[event])
    n = np.array([(time >= v).sum() for v in t], float)
    d = np.array([((time == v) & event).sum() for v in t], float)
    c = np.array([((time == v) & ~event).sum() for v in t], float)
    s = np.cumprod(1 - d / n)
    with np.errstate(divide="ignore", invalid="ignore"):
        v = np.cumsum(d / (n * (n - d)))
        z = stats.norm.ppf((1 + level) / 2)
        w = z * np.sqrt(v) / np.abs(np.log(s))
        lower = np.where((s > 0) & (s < 1), s ** np.exp(w), s)
        upper = np.where((s > 0) & (s < 1), s ** np.exp(-w), s)
        se = s * np.sqrt(v)
    return t, n, d, c, s, se, lower, upper


def test_survival_equals_numpy_kaplan_meier():
    time = np.round(RNG.exponential(14, 400) * 2) / 2
    event = (RNG.random(400) < 0.7).astype(float)
    s = csat.survival(time, event, level=0.9)
    t, n, d, c, surv, se, lower, upper = km_reference(time, event, 0.9)
    np.testing.assert_array_equal(s.time, t)
    np.testing.assert_array_equal(s.n_risk, n)
    np.testing.assert_array_equal(s.n_event, d)
    np.testing.assert_array_equal(s.n_censor, c)
    np.testing.assert_allclose(s.survival, surv, rtol=1e-12)
    ok = surv > 0
    np.testing.assert_allclose(s.se[ok], se[ok], rtol=1e-10)
    np.testing.assert_allclose(s.ci[0][ok], lower[ok], rtol=1e-10)
    np.testing.assert_allclose(s.ci[1][ok], upper[ok], rtol=1e-10)
    first_below = t[np.argmax(surv < 0.5)]
    assert s.median == first_below
    assert s.median_ci == (t[np.argmax(lower <= 0.5)], t[np.argmax(upper <= 0.5)])


def test_survival_at_and_the_frame():
    ref = KM_REFERENCE["lifetimes"]
    s = csat.survival(ref["time"], ref["observed"])
    p = s.at(7.5)       # between the steps at 6 and 8: the step at 6
    assert isinstance(p, csat.SurvivalPoint) and p.time == 7.5
    i = ref["step_time"].index(6)
    assert p.survival == s.survival[i] and p.se == s.se[i]
    assert p.ci == (s.ci[0][i], s.ci[1][i]) and p.n_risk == s.n_risk[i]
    assert s.at(8).survival == s.survival[i + 1]          # right-continuous
    before = s.at(0.5)
    assert (before.survival, before.se, before.ci) == (1, 0, (1, 1))
    assert [q.survival for q in s.at([0.5, 7.5])] == [1, p.survival]
    f = s.to_frame()
    assert list(f.columns) == ["time", "n_risk", "n_event", "n_censor", "survival", "se",
                               "ci_lower", "ci_upper"]
    np.testing.assert_array_equal(f["survival"].to_numpy(), s.survival)
    d = s.to_dict()
    assert d["median"] == 8 and d["time"] == list(s.time)
    assert repr(s).startswith("Survival(n=20, events=12, steps=10, median=8")


def test_survival_inputs():
    ref = KM_REFERENCE["lifetimes"]
    base = csat.survival(ref["time"], ref["observed"])
    flags = pd.Series(ref["observed"], dtype=bool)
    same = csat.survival(pd.Series(ref["time"]), flags)
    np.testing.assert_array_equal(same.survival, base.survival)
    with_missing = csat.survival(ref["time"] + [np.nan, 4.0],
                                 pd.array([bool(v) for v in ref["observed"]] + [True, None],
                                          dtype="boolean"))
    np.testing.assert_array_equal(with_missing.survival, base.survival)
    assert with_missing.n_missing == 2 and with_missing.n == 20
    everyone = csat.survival([3, 1, 2, 2])
    assert list(everyone.survival) == [0.75, 0.25, 0.0] and everyone.events == 4


def test_survival_of_timedeltas_is_in_days():
    start = pd.Series(pd.to_datetime(["2023-01-01", "2023-01-05", "2023-02-01", "2023-02-10",
                                      "2023-02-11"]))
    end = pd.Series(pd.to_datetime(["2023-03-01", "2023-01-20", None, "2023-04-01", None]))
    observed = end.notna()
    lifetimes = end.fillna(pd.Timestamp("2023-05-01")) - start        # timedelta64[ns]
    s = csat.survival(lifetimes, observed)
    in_days = csat.survival(lifetimes.dt.total_seconds() / 86400, observed)
    np.testing.assert_array_equal(s.time, in_days.time)
    np.testing.assert_array_equal(s.survival, in_days.survival)
    assert list(s.time) == [15, 50, 59]
    assert s.at(pd.Timedelta(days=50)) == s.at(50) == in_days.at(50)
    assert s.at(np.timedelta64(50, "D")) == s.at(datetime.timedelta(days=50))
    with pytest.raises(TypeError, match="fitted from numbers"):
        in_days.at(pd.Timedelta(days=50))


def test_survival_errors():
    with pytest.raises(ValueError) as e:
        csat.survival([1, -2, 3])
    assert e.value.code == CODE_RANGE and e.value.index == 1
    with pytest.raises(ValueError) as e:
        csat.survival([1, 2, 3], [1, 2, 0])
    assert e.value.code == CODE_RANGE and e.value.index == 1
    with pytest.raises(ValueError) as e:
        csat.survival([1, math.inf])
    assert e.value.code == CODE_RANGE
    with pytest.raises(ValueError) as e:
        csat.survival([math.nan, math.nan])
    assert e.value.code == CODE_EMPTY
    with pytest.raises(ValueError, match=r"length of observed \(2\) differs .* times \(3\)"):
        csat.survival([1, 2, 3], [1, 0])
    with pytest.raises(ValueError, match="level"):
        csat.survival([1, 2, 3], level=1.0)


# Rates and complaints ---------------------------------------------------------------

@pytest.mark.parametrize("count,exposure,level,lo,hi", POISSON_REFERENCE)
def test_rate_equals_r_poisson_test(count, exposure, level, lo, hi):
    r = csat.rate(count, exposure, per=1000, level=level)
    assert isinstance(r, csat.Rate)
    assert r.rate == count / exposure * 1000
    assert close(r.ci[0], lo * 1000, rel=1e-12) and close(r.ci[1], hi * 1000, rel=1e-12)
    assert (r.count, r.exposure, r.per, r.level) == (count, exposure, 1000, level)
    a = 1 - level
    assert close(r.ci[1], stats.chi2.ppf(1 - a / 2, 2 * count + 2) / 2 / exposure * 1000)


def test_referral_rate_is_a_rate_per_customer():
    r = csat.referral_rate(37, 250)
    assert r == csat.rate(37, 250) and r.per == 1 and r.rate == 37 / 250
    assert csat.referral_rate(37, 250, level=0.9).level == 0.9


@pytest.mark.parametrize("args", [(-1, 10), (2.5, 10), (3, 0), (3, -10), (math.nan, 5)])
def test_rate_errors(args):
    with pytest.raises(ValueError) as e:
        csat.rate(*args)
    assert e.value.code == CODE_ARGUMENT
    with pytest.raises(ValueError):
        csat.rate(3, 10, per=0)


def pareto_reference(codes):
    counts = collections.Counter(c for c in codes if c == c)
    order = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    total = sum(counts.values())
    return [c for c, _ in order], [k for _, k in order], [k / total for _, k in order]


def test_complaints_pareto_of_codes():
    codes = RNG.choice([11, 3, 7, 42, 5, 19], 300, p=[.3, .2, .2, .1, .1, .1]).astype(float)
    codes[[4, 77, 150]] = np.nan
    codes = np.concatenate([codes, [8, 8, 9, 9]])      # a tie, broken by code
    c = csat.complaints(codes)
    want_codes, want_counts, want_shares = pareto_reference(codes.tolist())
    assert list(c.codes) == want_codes and list(c.counts) == want_counts
    np.testing.assert_allclose(c.shares, want_shares, rtol=1e-15)
    np.testing.assert_allclose(c.cum_shares, np.cumsum(want_shares), rtol=1e-14)
    assert c.cum_shares[-1] == pytest.approx(1, abs=1e-15)
    assert (c.n, c.n_missing, c.rate) == (301, 3, None)
    assert list(c.codes).index(8) + 1 == list(c.codes).index(9)
    f = c.to_frame()
    assert list(f.columns) == ["code", "count", "share", "cum_share"] and len(f) == len(c)


def test_complaints_with_labels_and_a_rate():
    labels = ["billing", "delivery", None, "billing", "quality", "delivery", "billing",
              float("nan"), "app", "quality", "app"]
    c = csat.complaints(labels, customers=2500)
    assert list(c.codes) == ["billing", "app", "delivery", "quality"]   # ties by label
    assert list(c.counts) == [3, 2, 2, 2] and (c.n, c.n_missing) == (9, 2)
    assert c.rate == csat.rate(9, 2500, per=1000)
    assert list(c.to_frame()["code"]) == list(c.codes)
    cat = pd.Series(pd.Categorical([v for v in labels],
                                   categories=["quality", "delivery", "billing", "app"]))
    by_category = csat.complaints(cat, customers=2500, per=100)
    assert list(by_category.codes) == ["billing", "quality", "delivery", "app"]
    assert by_category.rate.per == 100
    assert "billing" in repr(c) and "rate=3.6 per 1000" in repr(c)


def test_complaints_errors():
    with pytest.raises(ValueError) as e:
        csat.complaints([1, 2, 2.5])
    assert e.value.code == CODE_RANGE and e.value.index == 2
    with pytest.raises(ValueError) as e:
        csat.complaints([math.nan, math.nan])
    assert e.value.code == CODE_EMPTY
    with pytest.raises(ValueError) as e:
        csat.complaints([1, 2], customers=0)
    assert e.value.code == CODE_ARGUMENT
    with pytest.raises(TypeError, match="labels"):
        csat.complaints(np.array(["a", 3], dtype=object))


# Resolution times ---------------------------------------------------------------------

def test_resolution_times_against_numpy_and_r():
    ref = KM_REFERENCE["resolution"]
    t, done = np.array(ref["time"]), np.array(ref["observed"], bool)
    r = csat.resolution_times(t, done, sla=24, quantiles=[0.1, 0.5, 0.9])
    x = t[done]
    assert (r.n, r.n_open, r.n_missing, r.sla) == (20, 5, 0, 24)
    assert close(r.mean, x.mean()) and close(r.sd, x.std(ddof=1))
    assert r.median == np.median(x)
    np.testing.assert_allclose(r.quantiles.to_numpy(), np.quantile(x, [0.1, 0.5, 0.9]),
                               rtol=1e-15)
    assert list(r.quantiles.index) == [0.1, 0.5, 0.9]
    assert r.within_sla == np.mean(x <= 24)
    # Kaplan–Meier with the open complaints censored (R: median 28, S(20) = 0.55)
    assert r.km_median == ref["median"]
    i = ref["step_time"].index(20)
    assert close(r.km_within_sla, 1 - ref["survival"][i], rel=1e-14)
    at_step = csat.resolution_times(t, done, sla=26)
    assert close(at_step.km_within_sla, 1 - ref["survival"][i + 1], rel=1e-14)
    d = r.to_dict()
    assert d["quantiles"] == {0.1: r.quantiles[0.1], 0.5: r.quantiles[0.5],
                              0.9: r.quantiles[0.9]}


def test_resolution_times_defaults_and_missing():
    t = [5.0, 1.0, np.nan, 7.5, 3.0, 12.0]
    r = csat.resolution_times(t, sla=6)
    x = np.array([5.0, 1.0, 7.5, 3.0, 12.0])
    assert (r.n, r.n_open, r.n_missing) == (5, 0, 1)
    np.testing.assert_allclose(r.quantiles.to_numpy(),
                               np.quantile(x, [0.25, 0.5, 0.75, 0.9]), rtol=1e-15)
    assert r.within_sla == 0.6 and close(r.km_within_sla, 0.6, rel=1e-15)
    assert r.km_median == r.median == 5.0
    assert csat.resolution_times(t, sla=6, quantiles=[]).quantiles.size == 0
    assert "Resolution(n=5" in repr(r)


def test_resolution_times_of_timedeltas_are_in_days():
    hours = [3.0, 5.0, 49.0, 20.0, 30.0]
    done = [1, 1, 0, 1, 1]
    r = csat.resolution_times(pd.to_timedelta(hours, unit="h"), done,
                              sla=pd.Timedelta(hours=24))
    ref = csat.resolution_times(np.array(hours) / 24, done, sla=1.0)
    assert r.to_dict() == ref.to_dict()
    with pytest.raises(TypeError, match="sla must be a timedelta"):
        csat.resolution_times(pd.to_timedelta(hours, unit="h"), sla=24)
    with pytest.raises(TypeError, match="times are numbers"):
        csat.resolution_times(hours, sla=datetime.timedelta(hours=24))


def test_resolution_times_errors():
    with pytest.raises(ValueError) as e:
        csat.resolution_times([1, 2], [0, 0], sla=5)
    assert e.value.code == CODE_EMPTY
    with pytest.raises(ValueError) as e:
        csat.resolution_times([1, -2], sla=5)
    assert e.value.code == CODE_RANGE and e.value.index == 1
    with pytest.raises(ValueError) as e:
        csat.resolution_times([1, 2], [1, 3], sla=5)
    assert e.value.code == CODE_RANGE
    with pytest.raises(ValueError) as e:
        csat.resolution_times([1, 2], sla=-1)
    assert e.value.code == CODE_ARGUMENT
    with pytest.raises(ValueError) as e:
        csat.resolution_times([1, 2], sla=5, quantiles=[0.5, 1.5])
    assert e.value.code == CODE_ARGUMENT
    with pytest.raises(ValueError, match=r"length of resolved \(1\) differs"):
        csat.resolution_times([1, 2], [1], sla=5)
    with pytest.raises(TypeError):
        csat.resolution_times([1, 2])


# Reviews ---------------------------------------------------------------------------------

STARS = [5, 4, 4, 3, 5, 1, 2, 5, 5, 4, np.nan, 3, 5, 4, 2, 5, 4, 4, 5, 1]


def test_reviews_against_scipy_and_statsmodels():
    r = csat.reviews(STARS)
    x = np.array([v for v in STARS if v == v])
    assert isinstance(r.rating, csat.MeanResult) and isinstance(r.positive, csat.ShareResult)
    assert close(r.rating.score, x.mean()) and close(r.rating.sd, x.std(ddof=1))
    half = t_quantile(0.975, len(x) - 1) * stats.sem(x)
    assert close(r.rating.ci[0], x.mean() - half) and close(r.rating.ci[1], x.mean() + half)
    assert close(r.bayesian_average, (10 * 3 + x.sum()) / (10 + len(x)), rel=1e-14)
    pos = int(np.sum(x >= 4))
    lo, hi = proportion_confint(pos, len(x), method="wilson")
    assert close(r.positive.share, pos / len(x)) and close(r.wilson_lower, lo, rel=1e-13)
    assert close(r.positive.ci[1], hi, rel=1e-13)
    assert r.wilson_lower == r.positive.ci[0]
    assert list(r.distribution.counts) == [np.sum(x == k) for k in range(1, 6)]
    assert (r.n, r.n_missing) == (19, 1)
    assert "Reviews(n=19" in repr(r) and set(r.to_dict()) == {
        "rating", "bayesian_average", "positive", "wilson_lower", "distribution"}


def test_reviews_options():
    x = np.array([v for v in STARS if v == v])
    r = csat.reviews(STARS, prior=(4.2, 25), positive_min=5, level=0.9)
    assert close(r.bayesian_average, (25 * 4.2 + x.sum()) / (25 + len(x)), rel=1e-14)
    assert r.positive.share == np.mean(x == 5) and r.positive.level == 0.9
    ten = csat.reviews([10, 9, 7, 8, 2], scale=(1, 10), positive_min=8)
    assert close(ten.bayesian_average, (10 * 5.5 + 36) / 15, rel=1e-14)   # midpoint prior
    assert ten.distribution.scale == (1, 10)


def test_reviews_errors():
    with pytest.raises(ValueError) as e:
        csat.reviews([5, 6])
    assert e.value.code == CODE_RANGE and e.value.index == 1
    with pytest.raises(ValueError) as e:
        csat.reviews([5, 4], prior=(3, -1))
    assert e.value.code == CODE_ARGUMENT
    with pytest.raises(ValueError) as e:
        csat.reviews([5, 4], positive_min=6)
    assert e.value.code == CODE_ARGUMENT
    with pytest.raises(TypeError, match="prior must be a pair"):
        csat.reviews([5, 4], prior=3)


def test_tables_without_pandas_are_dicts(monkeypatch):
    import csat.business
    import csat.comparisons
    monkeypatch.setattr(csat.business, "_pandas", lambda: None)
    monkeypatch.setattr(csat.comparisons, "_pandas", lambda: None)
    ref = KM_REFERENCE["lifetimes"]
    frame = csat.survival(ref["time"], ref["observed"]).to_frame()
    assert isinstance(frame, dict) and list(frame["time"]) == ref["step_time"]
    c = csat.complaints([3, 1, 3]).to_frame()
    assert isinstance(c, dict) and list(c["code"]) == [3, 1] and list(c["count"]) == [2, 1]
    r = csat.resolution_times([1.0, 2.0, 4.0], sla=3, quantiles=[0.5])
    assert r.quantiles == {0.5: 2.0}
    g = csat.gap([[1.0, 2.0], [2.0, 2.0], [3.0, 5.0]], [[2.0, 2.0], [2.0, 3.0], [5.0, 5.0]],
                 names=["a", "b"])
    assert isinstance(g, dict) and g["attribute"] == ["a", "b"]
    assert list(g["pairs"]) == [3, 3] and set(g) == {"attribute", "gap", "se", "ci_lower",
                                                      "ci_upper", "t", "df", "p", "pairs"}


def test_survival_columns_are_float64_arrays_filled_by_the_library():
    # 20,000 continuous lifetimes, 30 % censored: one step per event time.
    # The columns are float64 arrays filled in place (no Python float per
    # value), equal to the steps read one by one, and the curve is
    # statsmodels' Kaplan–Meier estimate with its Greenwood SE.
    from statsmodels.duration.survfunc import SurvfuncRight
    from csat import core
    rng = np.random.default_rng(8)
    t = rng.exponential(30.0, 20_000)
    observed = (rng.random(20_000) < 0.7).astype(float)
    s = csat.survival(t, observed)
    assert s.steps == int(observed.sum())
    for name, column in core.survival_steps(s._s).items():
        got = s._cols[name]
        assert isinstance(got, np.ndarray) and got.dtype == np.float64
        assert np.array_equal(got, np.array(column))
    ref = SurvfuncRight(t, observed)
    assert np.array_equal(s.time, ref.surv_times)
    np.testing.assert_allclose(s.survival, ref.surv_prob, rtol=1e-12, atol=0)
    alive = ref.surv_prob > 0          # statsmodels' SE is NaN where S reaches 0
    np.testing.assert_allclose(s.se[alive], ref.surv_prob_se[alive], rtol=1e-9, atol=1e-15)
    np.testing.assert_array_equal(s.n_risk, ref.n_risk)
    with pytest.raises(ValueError, match="columns has 7 elements"):
        core.survival_fill(s._s, np.empty(7))
    with pytest.raises(TypeError, match="writable"):
        core.survival_fill(s._s, np.empty(8 * s.steps).tobytes())
