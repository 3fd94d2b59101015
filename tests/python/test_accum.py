"""Tally and Moments: shards merged, added, pickled and copied give the
one-pass results."""

import copy
import pickle

import numpy as np
import pytest

import csat
import reference as R
from conftest import assert_results_equal

X = np.array(R.NPS)
W = np.array(R.NPS_W)


def shards(x, parts):
    return np.array_split(x, parts)


def test_tally_estimators_equal_array_functions():
    t = csat.Tally().add(X)
    assert_results_equal(t.nps(), csat.nps(X))
    assert_results_equal(t.nps(method="adjusted-wald", level=0.9),
                         csat.nps(X, method="adjusted-wald", level=0.9))
    # The mean of a tally is computed from its points, mean_score from the
    # values' moments: equal up to rounding; CES uses the tally's mean.
    for field in ("score", "sd", "se"):
        assert getattr(t.mean(), field) == pytest.approx(getattr(csat.mean_score(X), field),
                                                         rel=1e-14)
    s = csat.Tally((1, 5)).add(R.SAT, R.SAT_W)
    assert_results_equal(s.csat(), csat.csat(R.SAT, R.SAT_W))
    assert_results_equal(s.top_box(1), csat.top_box(R.SAT, 1, R.SAT_W))
    assert_results_equal(s.bottom_box(), csat.bottom_box(R.SAT, 2, R.SAT_W))
    assert_results_equal(s.box_share(2, 4), csat.box_share(R.SAT, 2, 4, R.SAT_W))
    e = csat.Tally((1, 7)).add(R.EFFORT)
    assert_results_equal(e.ces(), csat.ces(R.EFFORT))
    assert_results_equal(e.mean(), csat.ces(R.EFFORT).effort)
    d, ref = s.distribution(), csat.distribution(R.SAT, R.SAT_W)
    assert d.counts.tolist() == ref.counts.tolist()
    assert d.weights.tolist() == ref.weights.tolist() and d.shares.tolist() == ref.shares.tolist()


def test_tally_merge_equals_one_pass():
    one = csat.Tally().add(X)
    parts = [csat.Tally().add(p) for p in shards(X, 4)]
    merged = csat.Tally()
    for p in parts:
        merged.merge(p)
    assert merged == one
    assert_results_equal(merged.nps(), one.nps())
    assert_results_equal((parts[0] + parts[1] + parts[2] + parts[3]).nps(), one.nps())
    assert_results_equal(sum(parts).nps(), one.nps())
    acc = csat.Tally()
    acc += parts[0]
    assert acc.n == parts[0].n


def test_tally_weighted_merge():
    one = csat.Tally().add(X, W)
    merged = csat.Tally()
    for xs, ws in zip(shards(X, 3), shards(W, 3)):
        merged.merge(csat.Tally().add(xs, ws))
    a, b = merged.nps(), one.nps()
    assert (a.n, a.n_missing) == (b.n, b.n_missing)
    assert a.score == pytest.approx(b.score, rel=1e-13)
    assert a.se == pytest.approx(b.se, rel=1e-13)


def test_tally_add_is_incremental():
    t = csat.Tally()
    for p in shards(X, 5):
        assert t.add(p) is t
    assert t == csat.Tally().add(X)
    assert (t.n, t.sample.n_missing, t.scale) == (38, 2, (0, 10))


def test_tally_pickle_and_copy():
    t = csat.Tally((1, 5)).add(R.SAT, R.SAT_W)
    for clone in (pickle.loads(pickle.dumps(t)), csat.Tally.deserialize(t.serialize()),
                  t.copy(), copy.copy(t), copy.deepcopy(t)):
        assert clone == t and clone is not t
        assert_results_equal(clone.csat(), t.csat())
    c = t.copy()
    c.add([5, 5, 5])
    assert c.n == t.n + 3           # independent


def test_plus_makes_a_new_tally():
    a, b = csat.Tally().add([10, 9]), csat.Tally().add([0])
    c = a + b
    assert (a.n, b.n, c.n) == (2, 1, 3)


def test_moments():
    h = np.array(R.HOURS)
    m = csat.Moments().add(h, R.HOURS_W)
    ref = csat.mean_score(h, R.HOURS_W)
    got = m.mean()
    assert (m.n, m.n_missing) == (13, 1)
    assert m.n_weighted == pytest.approx(ref.n_weighted)
    for field in ("score", "sd", "se", "n_effective"):
        assert getattr(got, field) == pytest.approx(getattr(ref, field), rel=1e-13)
    assert m.mean(0.9).level == 0.9


def test_moments_merge_and_pickle():
    h = np.array(R.HOURS)
    one = csat.Moments().add(h)
    parts = [csat.Moments().add(p) for p in shards(h, 3)]
    merged = parts[0] + parts[1] + parts[2]
    assert merged.n == one.n
    assert merged.mean().score == pytest.approx(one.mean().score, rel=1e-14)
    assert merged.mean().sd == pytest.approx(one.mean().sd, rel=1e-13)
    assert sum(parts).n == one.n
    clone = pickle.loads(pickle.dumps(one))
    assert clone == one
    assert_results_equal(clone.mean(), one.mean())
    c = one.copy().add([1.0])
    assert c.n == one.n + 1


def test_moments_sample_and_copy():
    h = np.array(R.HOURS)
    m = csat.Moments().add(h, R.HOURS_W)
    ref = csat.mean_score(h, R.HOURS_W)
    s = m.sample
    assert (s.n, s.n_missing) == (m.n, m.n_missing) == (13, 1)
    assert s.n_weighted == m.n_weighted == pytest.approx(ref.n_weighted)
    assert s.n_effective == pytest.approx(ref.n_effective, rel=1e-13)
    for clone in (m.copy(), copy.copy(m), copy.deepcopy(m)):
        assert clone == m and clone is not m
        assert clone.sample == m.sample
        assert_results_equal(clone.mean(), m.mean())
    # The copy is independent of the original, both ways.
    before = m.mean()
    c = m.copy()
    c.add([1.0, 2.0], [1.0, 1.0])
    assert (c.n, m.n) == (15, 13)
    assert c != m
    assert_results_equal(m.mean(), before)
    m.add([100.0])
    assert (c.n, m.n) == (15, 14)
    assert c.mean().score != m.mean().score
    assert repr(csat.Moments().add([1.0, float("nan")])) == "Moments(n=1, n_missing=1)"

