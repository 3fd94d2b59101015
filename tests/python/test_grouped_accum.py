"""csat.Grouped, the grouped accumulator for shards: merged shards equal one
pass bit for bit, its scores equal those of `by=` on the same answers,
pickling keeps the labels, and bad codes or merges are refused."""

import copy
import pickle

import numpy as np
import pytest

import csat

LABELS = ["north", "south", "east", "west"]
RNG = np.random.default_rng(7)
N = 5000
Y = RNG.integers(0, 11, N).astype(float)
Y[::53] = np.nan
W = RNG.integers(2, 33, N) / 8.0            # multiples of 1/8: every sum exact
G = RNG.integers(-1, 4, N)                  # -1: no group
V = RNG.exponential(3.0, N)


def by_labels(codes):
    """The codes as labels for `by=` (None where there is no group)."""
    return np.array([LABELS[c] if c >= 0 else None for c in codes], dtype=object)


def frame(result, columns=("score", "se", "ci_lower", "ci_upper", "n", "n_missing")):
    return result.to_frame()[list(columns)].to_numpy(dtype=float)


@pytest.mark.parametrize("weights", [None, W])
def test_shards_merged_equal_one_pass(weights):
    one = csat.Grouped(LABELS).add(Y, G, weights)
    parts = []
    for idx in np.array_split(np.arange(N), 7):
        w = None if weights is None else weights[idx]
        parts.append(csat.Grouped(LABELS).add(Y[idx], G[idx], w))
    assert sum(parts) == one
    tree = (parts[0] + parts[1] + parts[2]) + (parts[3] + (parts[4] + parts[5]) + parts[6])
    assert tree.serialize() == one.serialize()
    assert np.array_equal(frame(tree.nps()), frame(one.nps()))


@pytest.mark.parametrize("weights", [None, W])
def test_scores_equal_by(weights):
    acc = csat.Grouped(LABELS).add(Y, G, weights)
    ref = csat.nps(Y, weights, by=by_labels(G))
    got = acc.nps()
    assert list(got.labels) == LABELS
    for label in LABELS:
        a, b = got[label].to_dict(), ref[label].to_dict()
        assert a == b, label
    assert got.n_unlabelled == ref.n_unlabelled == int(np.count_nonzero(G < 0))
    assert acc.n_unlabelled == got.n_unlabelled
    s = csat.Grouped(LABELS, scale=(0, 10)).add(Y, G, weights)
    assert s.csat(satisfied_min=8)["west"].to_dict() == \
        csat.csat(Y, weights, scale=(0, 10), satisfied_min=8, by=by_labels(G))["west"].to_dict()
    rest = got.rest("north").to_dict()
    assert rest == ref.rest("north").to_dict()


def test_moments_by_group():
    acc = csat.Grouped(LABELS, scale=None).add(V, G, W)
    ref = csat.mean_score(V, W, by=by_labels(G))
    for label in LABELS:
        assert acc.mean()[label].to_dict() == ref[label].to_dict()
    assert acc.scale is None
    with pytest.raises(TypeError, match="needs tallies"):
        acc.nps()
    with pytest.raises(TypeError):
        acc.tally("north")


def test_tally_of_a_group_and_samples():
    acc = csat.Grouped(LABELS).add(Y, G, W)
    for d, label in enumerate(LABELS):
        rows = G == d
        assert acc.tally(label) == csat.Tally().add(Y[rows], W[rows])
        s = acc.sample(label)
        assert s.n == int(np.count_nonzero(rows & ~np.isnan(Y)))
    whole = acc.sample()
    assert whole.n == int(np.count_nonzero((G >= 0) & ~np.isnan(Y)))
    assert whole.n_missing == int(np.count_nonzero((G < 0) | np.isnan(Y)))
    with pytest.raises(KeyError):
        acc.sample("nowhere")


def test_pickle_copy_and_bytes():
    acc = csat.Grouped(LABELS, scale=(1, 5)).add([1, 5, 4, np.nan], [0, 3, 3, -1])
    back = pickle.loads(pickle.dumps(acc))
    assert back == acc and list(back.labels) == LABELS and back.scale == (1, 5)
    raw = csat.Grouped.deserialize(acc.serialize())
    assert list(raw.labels) == [0, 1, 2, 3] and raw.serialize() == acc.serialize()
    named = csat.Grouped.deserialize(acc.serialize(), labels=LABELS)
    assert named == acc
    c = copy.deepcopy(acc)
    c.add([2], [1])
    assert c != acc and acc.sample().n == 3
    with pytest.raises(ValueError, match="3 labels"):
        csat.Grouped.deserialize(acc.serialize(), labels=LABELS[:3])
    with pytest.raises(ValueError):
        csat.Grouped.deserialize(b"CSTG" + bytes(36))


def test_refused():
    acc = csat.Grouped(LABELS)
    with pytest.raises(ValueError, match="different groups"):
        acc.merge(csat.Grouped(["a", "b", "c", "d"]))
    with pytest.raises(ValueError):
        acc.merge(csat.Grouped(LABELS, scale=(1, 5)))
    with pytest.raises(TypeError):
        acc.merge(csat.Tally())
    with pytest.raises(ValueError, match="index 1"):
        acc.add([1, 2], [0, 4])
    with pytest.raises(ValueError, match="group code 4294967296 at index 0"):
        acc.add([1], np.array([2 ** 32]))
    with pytest.raises(TypeError, match="integers"):
        acc.add([1], [0.5])
    with pytest.raises(ValueError, match="scale"):
        acc.add([11], [0])
    assert acc.sample().n == 0              # unchanged by the refused adds
    with pytest.raises(ValueError, match="twice"):
        csat.Grouped(["a", "a"])
    with pytest.raises(ValueError):
        csat.Grouped(0)
    with pytest.raises(TypeError):
        csat.Grouped("abc")
