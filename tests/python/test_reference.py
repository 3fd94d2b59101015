"""Results agree to 15 significant digits with independent formulas
(reference.py: numpy, scipy) and with statsmodels / scipy routines."""

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

import csat
import reference as R
from conftest import close15, flat

CASES = {
    "nps_wald": lambda: csat.nps(R.NPS),
    "nps_wald_w": lambda: csat.nps(R.NPS, R.NPS_W),
    "nps_adj": lambda: csat.nps(R.NPS, method="adjusted-wald"),
    "nps_adj_w90": lambda: csat.nps(R.NPS, R.NPS_W, level=0.90, method="adjusted-wald"),
    "csat": lambda: csat.csat(R.SAT),
    "csat_w": lambda: csat.csat(R.SAT, R.SAT_W),
    "top1": lambda: csat.top_box(R.SAT, 1),
    "bottom2_w": lambda: csat.bottom_box(R.SAT, 2, R.SAT_W),
    "box_2_4_99": lambda: csat.box_share(R.SAT, 2, 4, level=0.99),
    "mean": lambda: csat.mean_score(R.HOURS),
    "mean_w": lambda: csat.mean_score(R.HOURS, R.HOURS_W),
    "ces_effort": lambda: csat.ces(R.EFFORT).effort,
    "ces_low": lambda: csat.ces(R.EFFORT).low_effort,
    "index": lambda: csat.index(R.ITEMS, scales=R.ITEM_SCALES),
    "index_w": lambda: csat.index(R.ITEMS, R.ITEMS_W, scales=R.ITEM_SCALES,
                                  item_weights=R.ITEM_WEIGHTS),
}
EXPECTED = R.cases()


@pytest.mark.parametrize("name", sorted(CASES))
def test_matches_reference_formulas(name):
    got = flat(CASES[name]())
    for field, want in EXPECTED[name].items():
        assert close15(got[field], want), f"{name}.{field}: {got[field]!r} != {want!r}"


def test_wilson_equals_statsmodels():
    x = np.asarray(R.SAT)
    valid = x[~np.isnan(x)]
    for lo, hi, level in [(4, 5, 0.95), (5, 5, 0.90), (1, 2, 0.99)]:
        r = csat.box_share(x, lo, hi, level=level)
        count = int(((valid >= lo) & (valid <= hi)).sum())
        ci = proportion_confint(count, len(valid), alpha=1 - level, method="wilson")
        assert close15(r.ci[0], ci[0]) and close15(r.ci[1], ci[1])
        assert r.box == (lo, hi) and r.level == level


def test_unweighted_mean_equals_scipy():
    x = np.asarray(R.HOURS)
    valid = x[~np.isnan(x)]
    r = csat.mean_score(x)
    assert close15(r.score, valid.mean())
    assert close15(r.sd, valid.std(ddof=1))
    assert close15(r.se, stats.sem(valid))
    assert (r.min, r.max, r.df) == (valid.min(), valid.max(), len(valid) - 1)


def test_unweighted_nps_se_shortcut():
    x = np.asarray(R.NPS)
    r = csat.nps(x)
    p, d = r.promoters, r.detractors
    assert close15(r.se, 100 * np.sqrt((p + d - (p - d) ** 2) / (r.n - 1)))
    assert r.passives == pytest.approx(1 - p - d, abs=1e-15)


def test_distribution_counts():
    x = np.asarray(R.SAT)
    w = np.asarray(R.SAT_W)
    d = csat.distribution(x, w)
    keep = ~np.isnan(x)
    for i, v in enumerate(range(1, 6)):
        hit = keep & (x == v)
        assert d.counts[i] == hit.sum()
        assert close15(d.weights[i], w[hit].sum())
        assert close15(d.shares[i], w[hit].sum() / w[keep].sum())
    assert (d.n, d.n_missing) == (29, 1)
    assert close15(d.n_weighted, w[keep].sum())
