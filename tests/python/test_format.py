"""doc/format.md, the byte format of the serialised accumulators, read back
field by field with struct from what the library writes: offsets, types,
sizes, versions, and the refusal of other versions and lengths."""

import struct

import numpy as np
import pytest

import csat


def test_tally_layout():
    # The example of the page: 5, 4, 4 and a NaN on 1..5, without weights.
    b = csat.Tally((1, 5)).add([5, 4, 4, np.nan]).serialize()
    assert len(b) == 24 + 32 * 5 == 184
    assert struct.unpack_from("<4sIiiQ", b) == (b"CSTL", 1, 1, 5, 1)
    points = [struct.unpack_from("<QQdd", b, 24 + 32 * j) for j in range(5)]
    assert points == [(0, 0, 0.0, 0.0)] * 3 + [(2, 0, 0.0, 0.0), (1, 0, 0.0, 0.0)]
    assert b[0x78:0x80] == bytes([2, 0, 0, 0, 0, 0, 0, 0])
    # With weights 2, 0.5, 0.5 the weighted fields carry them.
    b = csat.Tally((1, 5)).add([5, 4, 4, np.nan], [2, 0.5, 0.5, 1]).serialize()
    assert struct.unpack_from("<QQdd", b, 24 + 32 * 3) == (0, 2, 1.0, 0.5)
    assert struct.unpack_from("<QQdd", b, 24 + 32 * 4) == (0, 1, 2.0, 4.0)
    assert b[24 + 32 * 4 + 16:24 + 32 * 4 + 24] == bytes([0, 0, 0, 0, 0, 0, 0, 0x40])
    # Negative scale bounds are two's complement.
    b = csat.Tally((-3, 3)).serialize()
    assert struct.unpack_from("<ii", b, 8) == (-3, 3) and b[8:12] == b"\xfd\xff\xff\xff"
    assert [len(csat.Tally(s).serialize()) for s in ((0, 10), (1, 5))] == [376, 184]


def test_moments_layout():
    b = csat.Moments().add([1.0, 2.0, 6.0, np.nan]).serialize()
    assert len(b) == 96
    magic, version, n, n_missing, *f = struct.unpack_from("<4sIQQ8d", b)
    assert (magic, version, n, n_missing) == (b"CSTM", 1, 3, 1)
    assert f == [3.0, 3.0, 14.0, 3.0, 3.0, 14.0, 1.0, 6.0]
    assert b[88:] == bytes(8)
    # Weights: W, mean, m2 under w; W2, mean2, m2_2 under w².
    b = csat.Moments().add([1.0, 3.0], [1.0, 3.0]).serialize()
    _, _, n, _, w, mean, m2, w2, mean2, m2_2, lo, hi = struct.unpack_from("<4sIQQ8d", b)
    assert (n, w, w2, lo, hi) == (2, 4.0, 10.0, 1.0, 3.0)
    assert mean == pytest.approx(2.5) and m2 == pytest.approx(1 * 1.5 ** 2 + 3 * 0.5 ** 2)
    assert mean2 == pytest.approx(2.8) and m2_2 == pytest.approx(1 * 1.8 ** 2 + 9 * 0.2 ** 2)


def test_xprod_layout():
    x = np.array([[1.0, 2.0, 3.0], [2.0, 2.0, 5.0], [4.0, 2.0, 4.0], [3.0, np.nan, 1.0],
                  [5.0, 2.0, 2.0]])
    y = np.array([2.0, 3.0, 5.0, 1.0, 4.0])
    w = np.array([0.0, 1.0, 2.0, 1.0, 1.5])
    b = csat.XProd(3).add(x, y, w).serialize()
    p, q = 3, 4
    assert len(b) == 56 + 8 * (2 * q + q * q) + q
    assert len(csat.XProd(20).serialize()) == 3941
    magic, version, p_, n, n_missing, n_pos, sw, sw2 = struct.unpack_from("<4sIQQQQdd", b)
    assert (magic, version, p_, n, n_missing, n_pos) == (b"CSTX", 2, p, 4, 1, 3)
    keep = ~np.isnan(x).any(axis=1)
    data = np.column_stack([x[keep], y[keep]])
    wk = w[keep]
    assert (sw, sw2) == (wk.sum(), (wk ** 2).sum())
    f = np.frombuffer(b, "<f8", 2 * q + q * q, 56)
    mean = (wk[:, None] * data).sum(axis=0) / wk.sum()
    dev = data - mean
    np.testing.assert_allclose(f[:q], mean, rtol=1e-14)
    np.testing.assert_allclose(f[q:q + q * q].reshape(q, q), (wk[:, None] * dev).T @ dev,
                               rtol=1e-13, atol=1e-13)
    # Reference values: the first row of positive weight (row 1: row 0 weighs 0).
    assert list(f[q + q * q:]) == [2.0, 2.0, 5.0, 3.0]
    assert list(b[56 + 8 * (2 * q + q * q):]) == [1, 0, 1, 1]      # column 2 is constant


def test_grouped_layout():
    acc = csat.Grouped(3, scale=(1, 5)).add([5, 4, np.nan, 3, 2, 5, np.nan, 1],
                                            [0, 1, 0, 2, -1, 0, -1, 1],
                                            [1, 2, 3, 0.5, 4, 1, 1, 2])
    b = acc.serialize()
    k, r = 5, 8 + 32 * 5
    assert len(b) == 40 + 3 * r
    assert struct.unpack_from("<4sIIiiIQQ", b) == (b"CSTG", 1, 0, 1, 5, 0, 3, 2)
    for d in range(3):
        # A group's record is its tally's bytes after the tally header's
        # first 16 bytes: missing answers, then the points.
        assert b[40 + r * d:40 + r * (d + 1)] == acc.tally(d).serialize()[16:]
    m = csat.Grouped(2, scale=None).add([1.0, 2.0, 6.0, 4.0], [0, 0, 0, 1])
    b = m.serialize()
    assert len(b) == 40 + 80 * 2
    assert struct.unpack_from("<4sIIiiIQQ", b) == (b"CSTG", 1, 1, 1, 0, 0, 2, 0)
    one = csat.Moments().add([1.0, 2.0, 6.0]).serialize()
    assert b[40:120] == one[8:88]
    assert len(csat.Grouped(6, scale=(0, 10)).serialize()) == 40 + 6 * 360


@pytest.mark.parametrize("blob, reader", [
    (lambda: csat.Tally().serialize(), csat.Tally.deserialize),
    (lambda: csat.Moments().serialize(), csat.Moments.deserialize),
    (lambda: csat.XProd(2).serialize(), csat.XProd.deserialize),
    (lambda: csat.Grouped(2).serialize(), csat.Grouped.deserialize),
])
def test_other_versions_and_lengths_refused(blob, reader):
    good = blob()
    reader(good)
    version = struct.unpack_from("<I", good, 4)[0]
    for v in {version + 1, version - 1, 0, 2 ** 32 - 1} - {version}:
        with pytest.raises(ValueError):
            reader(good[:4] + struct.pack("<I", v) + good[8:])
    with pytest.raises(ValueError):
        reader(good + b"\0")
    with pytest.raises(ValueError):
        reader(good[:-1])
    with pytest.raises(ValueError):
        reader(b"XXXX" + good[4:])
