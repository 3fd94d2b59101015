"""Mergeable, picklable accumulators: Tally (answers on an integer scale)
and Moments (continuous values).

Shards summarised apart (threads, processes, a Dask or Spark cluster)
merge to the one-pass answer: `Tally(...).add(a).merge(b_tally)`,
`t1 + t2` or `sum(tallies)`. Pickling goes through the library's portable
serialisation. An accumulator must not be modified by two threads at once.
"""

import numpy as np

from . import core as _core
from . import _options
from ._convert import as_vector, as_weights
from ._errors import LIBRARY_ERRORS, locate
from .results import CESResult, Distribution, MeanResult, NPSResult, Sample, ShareResult


class Mergeable:
    """What every accumulator does with its copy() and merge(): copy.copy
    and deepcopy, `a + b` (a new accumulator), `a += b` (merged in place)
    and sum(accumulators) (which starts from 0)."""

    __slots__ = ()

    def __copy__(self):
        return self.copy()

    def __deepcopy__(self, memo):
        return self.copy()

    def __add__(self, other):
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.copy().merge(other)

    def __radd__(self, other):
        if isinstance(other, int) and other == 0:  # sum(accumulators)
            return self.copy()
        return NotImplemented

    def __iadd__(self, other):
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.merge(other)


def _tally_from_bytes(data):
    return Tally.deserialize(data)


def _moments_from_bytes(data):
    return Moments.deserialize(data)


class Tally(Mergeable):
    """Weighted counts per point of the integer scale `scale` = (min, max).

    Scores read from a tally equal, bit for bit, those of the array
    functions on the same answers.
    """

    __slots__ = ("_t",)

    def __init__(self, scale=(0, 10)):
        lo, hi = _options.scale(scale)
        self._t = _core.tally_create(lo, hi)

    @classmethod
    def _wrap(cls, handle):
        obj = cls.__new__(cls)
        obj._t = handle
        return obj

    def add(self, scores, weights=None):
        """Count `scores` (NaN is missing) with optional `weights`; returns self.
        On error the tally is unchanged."""
        x = as_vector(scores, "scores")
        w = as_weights(weights, scores)
        try:
            _core.tally_add(self._t, x, w)
        except LIBRARY_ERRORS as e:
            raise locate(e, scores, weights) from None
        return self

    def merge(self, other):
        """Add the counts of `other` (same scale) to this tally; returns self."""
        if not isinstance(other, Tally):
            raise TypeError(f"can only merge a Tally, not {type(other).__name__}")
        _core.tally_merge(self._t, other._t)
        return self

    def copy(self):
        """An independent copy."""
        return Tally._wrap(_core.tally_copy(self._t))


    def serialize(self):
        """The tally as portable bytes (see Tally.deserialize)."""
        return _core.tally_serialize(self._t)

    @classmethod
    def deserialize(cls, data):
        """Recreate a tally from Tally.serialize's bytes."""
        return cls._wrap(_core.tally_deserialize(data))

    def __reduce__(self):
        return (_tally_from_bytes, (self.serialize(),))

    def __eq__(self, other):
        if not isinstance(other, Tally):
            return NotImplemented
        return self.serialize() == other.serialize()

    __hash__ = None

    @property
    def scale(self):
        """The scale (min, max)."""
        return _core.tally_scale(self._t)

    @property
    def sample(self):
        """Sample sizes (n, n_missing, n_weighted, n_effective)."""
        return Sample._from_c(_core.tally_sample(self._t))

    @property
    def n(self):
        """Number of valid answers counted."""
        return self.sample.n

    def nps(self, *, promoter_min=None, detractor_max=None, level=None, method=None):
        """Net Promoter Score of the counted answers (see csat.nps; None: the
        library's defaults)."""
        opt = _options.nps(self.scale, promoter_min, detractor_max, level, method)
        return NPSResult._from_c(_core.tally_nps(self._t, opt))

    def csat(self, *, satisfied_min=None, level=None):
        """CSAT of the counted answers (see csat.csat)."""
        opt = _options.csat(self.scale, satisfied_min, level)
        return ShareResult._from_c(_core.tally_csat(self._t, opt))

    def box_share(self, lo, hi, *, level=None):
        """Share of the answers in the boxes lo..hi (see csat.box_share)."""
        opt = _options.share(self.scale, level)
        return ShareResult._from_c(_core.tally_box_share(
            self._t, _options.integer(lo, "lo"), _options.integer(hi, "hi"), opt))

    def top_box(self, k=2, *, level=None):
        """Share of the answers in the k highest points (see csat.top_box)."""
        opt = _options.share(self.scale, level)
        return ShareResult._from_c(_core.tally_top_box(self._t, _options.integer(k, "k"), opt))

    def bottom_box(self, k=2, *, level=None):
        """Share of the answers in the k lowest points (see csat.bottom_box)."""
        opt = _options.share(self.scale, level)
        return ShareResult._from_c(
            _core.tally_bottom_box(self._t, _options.integer(k, "k"), opt))

    def mean(self, level=None):
        """Mean rating of the counted answers (see csat.mean_score; level
        default: the library's, 0.95)."""
        return MeanResult._from_c(_core.tally_mean(self._t, _options.mean(level)))

    def ces(self, *, low_effort_min=None, level=None):
        """Customer Effort Score of the counted answers (see csat.ces)."""
        opt = _options.ces(self.scale, low_effort_min, level)
        return CESResult._from_c(_core.tally_ces(self._t, opt))

    def distribution(self):
        """Count, weight and share of every point of the scale."""
        lo, hi = self.scale
        pts = [_core.tally_point(self._t, v) for v in range(lo, hi + 1)]
        return Distribution(
            (lo, hi),
            np.array([p["count"] for p in pts], dtype=np.int64),
            np.array([p["weight"] for p in pts], dtype=np.float64),
            np.array([p["share"] for p in pts], dtype=np.float64),
            self.sample)

    def __repr__(self):
        lo, hi = self.scale
        s = self.sample
        return f"Tally(scale=({lo}, {hi}), n={s.n}, n_missing={s.n_missing})"

    def _repr_html_(self):
        """The numbers of repr as a table (Jupyter)."""
        from ._html import block, fields
        s = self.sample
        return block("Tally", fields([("scale", self.scale), ("n", s.n),
                                      ("n_missing", s.n_missing)]))


class Moments(Mergeable):
    """Weighted count, mean and second central moment of continuous values
    (resolution times, amounts...); gives a MeanResult with `mean()`."""

    __slots__ = ("_m",)

    def __init__(self):
        self._m = _core.moments_create()

    @classmethod
    def _wrap(cls, handle):
        obj = cls.__new__(cls)
        obj._m = handle
        return obj

    def add(self, values, weights=None):
        """Add `values` (NaN is missing) with optional `weights`; returns self.
        On error the accumulator is unchanged."""
        x = as_vector(values)
        w = as_weights(weights, values, like_what="values")
        try:
            _core.moments_add(self._m, x, w)
        except LIBRARY_ERRORS as e:
            raise locate(e, values, weights) from None
        return self

    def merge(self, other):
        """Merge `other` into this accumulator (Chan's update); returns self."""
        if not isinstance(other, Moments):
            raise TypeError(f"can only merge Moments, not {type(other).__name__}")
        _core.moments_merge(self._m, other._m)
        return self

    def copy(self):
        """An independent copy."""
        return Moments._wrap(_core.moments_copy(self._m))


    def serialize(self):
        """The accumulator as portable bytes (see Moments.deserialize)."""
        return _core.moments_serialize(self._m)

    @classmethod
    def deserialize(cls, data):
        """Recreate an accumulator from Moments.serialize's bytes."""
        return cls._wrap(_core.moments_deserialize(data))

    def __reduce__(self):
        return (_moments_from_bytes, (self.serialize(),))

    def __eq__(self, other):
        if not isinstance(other, Moments):
            return NotImplemented
        return self.serialize() == other.serialize()

    __hash__ = None

    @property
    def sample(self):
        """Sample sizes (n, n_missing, n_weighted, n_effective)."""
        return Sample._from_c(_core.moments_sample(self._m))

    n = property(lambda self: _core.moments_sample(self._m)["n"],
                 doc="Number of valid values.")
    n_missing = property(lambda self: _core.moments_sample(self._m)["n_missing"],
                         doc="Number of NaN values skipped.")
    n_weighted = property(lambda self: _core.moments_sample(self._m)["n_weighted"],
                          doc="Sum of the weights.")

    def mean(self, level=None):
        """Mean with SD, standard error and t interval (see csat.mean_score;
        level default: the library's, 0.95)."""
        return MeanResult._from_c(_core.moments_mean(self._m, _options.mean(level)))

    def __repr__(self):
        return f"Moments(n={self.n}, n_missing={self.n_missing})"

    def _repr_html_(self):
        """The numbers of repr as a table (Jupyter)."""
        from ._html import block, fields
        return block("Moments", fields([("n", self.n), ("n_missing", self.n_missing)]))
