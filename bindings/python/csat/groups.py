"""Scores by group: segments (region, product, flight class) and periods
(months, survey waves), scored in one pass, compared and tracked.

Every score function takes `by=`:

    g = csat.nps(df["recommend"], by=df["flight_class"])
    g = csat.nps("recommend", by="flight_class", data=df)       # column names
    g = csat.nps(df["recommend"], by=[df["class"], df["purpose"]])  # crossed groups
    g["Business"].score, len(g), list(g)                        # a mapping label -> result
    g.to_frame()                                                # one row per group
    g.compare("rest", adjust="holm")                            # each group vs the rest
    g.compare("Economy"); g.compare("pairs"); g.compare(benchmark=30)
    m = csat.nps(df["recommend"], by=df["month"]); m.track()    # tracking table
    acc = csat.Grouped(["north", "south"]).add(answers, codes)  # shards: merge, pickle
    acc.nps()                                                   # ... then score by group

`by` holds one label per answer: strings, numbers, dates, a pandas
categorical (its categories are the groups, in their order, unused ones
included), or a list of such arrays for crossed groups (each combination
that occurs is a group, in the order of the levels). A missing label (NaN,
None, NaT, pd.NA; -1 of a categorical) leaves its answer out: such answers
are counted in `n_unlabelled`. Groups are in categorical order, else in
sorted label order (order of appearance for labels that cannot be sorted).
A Series of labels is matched to a Series of answers by index label, as
weights are.

Every group is scored by the library in one pass over the answers (a
grouped accumulator): scores equal those of the ungrouped function on the
group's rows; standard errors are those of domain estimation (see
doc/methods.md, "Scores by group"). A group with fewer valid answers than
`min_n` (default: the library's, CSAT_GROUP_OPTIONS_DEFAULT) is flagged
"small", one without any "empty" (NaN score, n = 0); comparisons skip
flagged groups and say why.
"""

import html
from collections.abc import Mapping

import numpy as np

from . import _core as _lib
from . import core as _core
from . import _options
from ._convert import _is_pandas, _where, aligned, as_vector, as_weights, pandas_module
from ._errors import LIBRARY_ERRORS, locate
from .accum import Mergeable
from .comparisons import ADJUST_METHODS, Trend
from .results import (ENUMS, CESResult, Distribution, MeanResult, NPSResult, Sample,
                      ShareResult, _fmt, c_fields)

NONE = _core.CSAT_GROUP_NONE
SMALL = _core.CSAT_GROUP_SMALL
EMPTY = _core.CSAT_GROUP_EMPTY
FLAG_NAMES = {_core.CSAT_GROUP_OK: "ok", SMALL: "small", EMPTY: "empty"}

CONTRASTS = {"rest": _core.CSAT_CONTRAST_REST, "reference": _core.CSAT_CONTRAST_REFERENCE,
             "benchmark": _core.CSAT_CONTRAST_BENCHMARK, "pairs": _core.CSAT_CONTRAST_PAIRS}

# Rows of group codes converted to int32 at a time (when the labels are not
# int32 codes already): small enough to stay in cache, large enough that
# the calls cost nothing.
_CHUNK = 1 << 16
# Integer labels within a range this small are their own codes (label −
# min), with no factorisation; groups that do not occur are dropped after.
_DENSE_MIN = 1024
_DENSE_MAX = 1 << 16

_pandas = pandas_module


# Labels -> codes --------------------------------------------------------------

class _Factor:
    """The group codes of one labelling: `source` (an integer array, one
    code per row: source − offset, −1 for a missing label when offset is
    0), `count` groups, their `labels` (a numpy array or pandas Index, in
    group order), the labelling's `name`, and whether groups without rows
    are dropped after scoring (`drop_unused`: true unless the groups were
    declared, as a categorical's categories)."""

    __slots__ = ("source", "offset", "count", "labels", "name", "drop_unused", "complete")

    def __init__(self, source, offset, count, labels, name, drop_unused, complete=False):
        self.source, self.offset, self.count = source, offset, count
        self.labels, self.name, self.drop_unused = labels, name, drop_unused
        self.complete = complete        # no missing label (integer labels)

    def int64(self):
        """The codes as int64, −1 for a missing label."""
        c = self.source.astype(np.int64)
        return c - self.offset if self.offset else c


def _bad_label(original, values, what):
    """TypeError naming the first label that cannot be a group (not
    hashable), with its position and pandas label."""
    flat = list(values)
    for i, v in enumerate(flat):
        try:
            hash(v)
        except TypeError:
            where, attributes = _where(original, i, (len(flat),))
            e = TypeError(f"{what} must hold labels (strings, numbers, dates), not "
                          f"{type(v).__name__} {v!r} at {where}")
            for attribute, value in attributes.items():
                setattr(e, attribute, value)
            return e
    return TypeError(f"{what} must hold labels (strings, numbers, dates)")


def _missing_mask(a):
    """Missing labels of a numpy array: NaN, NaT, None, pd.NA."""
    if a.dtype.kind == "f":
        return np.isnan(a)
    if a.dtype.kind in "mM":
        return np.isnat(a)
    if a.dtype.kind == "O":
        return np.fromiter((v is None or v is _NA or (isinstance(v, float) and v != v)
                            or (type(v).__name__ in ("NaTType", "NAType"))
                            for v in a), dtype=bool, count=a.size)
    return np.zeros(a.shape, dtype=bool)


_NA = object()    # replaced by pd.NA when pandas is present
try:
    import pandas as _pd_for_na
    _NA = _pd_for_na.NA
    del _pd_for_na
except ImportError:
    pass


def _factorize_numpy(a, original, what):
    """(codes, uniques) without pandas: uniques sorted (in order of first
    appearance when they cannot be sorted), codes −1 for missing."""
    mask = _missing_mask(a)
    codes = np.full(a.shape, -1, dtype=np.int64)
    present = a[~mask] if mask.any() else a
    try:
        uniques, inverse = np.unique(present, return_inverse=True)
    except TypeError:
        index = {}
        try:
            inverse = np.fromiter((index.setdefault(v, len(index)) for v in present),
                                  dtype=np.int64, count=present.size)
        except TypeError:
            raise _bad_label(original, a, what) from None
        uniques = np.empty(len(index), dtype=object)
        uniques[:] = list(index)
    codes[~mask] = inverse
    return codes, uniques


def _dense(a, n, name):
    """A _Factor of integer labels used as codes (label − min), or None if
    their range is too wide for that."""
    if a.size == 0:
        return None
    lo, hi = int(a.min()), int(a.max())
    span = hi - lo + 1
    if span > max(_DENSE_MIN, min(n // 4, _DENSE_MAX)):
        return None
    labels = np.arange(lo, hi + 1, dtype=a.dtype)
    pd = _pandas()
    labels = pd.Index(labels, name=name) if pd is not None else labels.tolist()
    return _Factor(a, a.dtype.type(lo), span, labels, name, True, complete=True)


def _factor(x, n, what):
    """The _Factor of one labelling `x` of n rows."""
    pd = _pandas()
    name = getattr(x, "name", None) if _is_pandas(x) else None
    if pd is not None and isinstance(getattr(x, "dtype", None), pd.CategoricalDtype):
        cat = x.cat if hasattr(x, "cat") else x
        codes = np.asarray(cat.codes)
        labels = cat.categories
        if name is not None:
            labels = labels.rename(name)
        return _Factor(codes, 0, len(labels), labels, name, False)
    if isinstance(x, np.ma.MaskedArray):
        mask = np.ma.getmaskarray(x)
        data = np.ma.getdata(x)
        f = _factor(data, n, what)
        if mask.any():
            codes = f.int64()
            codes[mask] = -1
            f = _Factor(codes, 0, f.count, f.labels, f.name, True)
        return f
    if _is_pandas(x):
        if isinstance(x.dtype, np.dtype) and x.dtype.kind in "iu":
            f = _dense(x.to_numpy(), n, name)
            if f is not None:
                return f
        values = x
    else:
        values = x if isinstance(x, np.ndarray) else np.asarray(x)
        if values.ndim != 1:
            raise ValueError(f"{what} must be one-dimensional, got {values.ndim} dimensions")
        if values.dtype.kind in "iu":
            f = _dense(values, n, name)
            if f is not None:
                return f
    if pd is not None:
        try:
            try:
                codes, uniques = pd.factorize(values, sort=True)
            except TypeError:             # labels that cannot be sorted: first appearance
                codes, uniques = pd.factorize(values, sort=False)
        except TypeError:
            raise _bad_label(x, np.asarray(values, dtype=object), what) from None
        labels = uniques if isinstance(uniques, pd.Index) else pd.Index(uniques)
        labels = labels.rename(name)
    else:
        codes, uniques = _factorize_numpy(np.asarray(values), x, what)
        labels = uniques.tolist()
    return _Factor(np.asarray(codes), 0, len(labels), labels, name, True)


def _is_column(data, v):
    try:
        return v in data.columns
    except TypeError:                   # unhashable: not a column name
        return False


def _crossed(by, n):
    """Whether `by` (not a column name) is a list of labellings of n rows
    (crossed groups) rather than one labelling."""
    if not isinstance(by, (list, tuple)) or len(by) == 0:
        return False
    for f in by:
        if isinstance(f, (str, bytes)) or not hasattr(f, "__len__"):
            return False
        if len(f) != n:
            return False
    return True


class _Codes:
    """The groups of the rows: int32 codes (made chunk by chunk unless the
    labels are int32 codes already), the number of groups, their labels,
    the answers without a label, and whether unused groups are dropped."""

    __slots__ = ("source", "offset", "count", "labels", "names", "n_unlabelled",
                 "drop_unused", "crossed", "complete")

    def chunks(self):
        """(i, j, int32 codes of rows i..j−1): the whole array in place when
        it is int32 codes already, else chunks converted into one buffer."""
        src, off = self.source, self.offset
        n = len(src)
        if not off and src.dtype == np.int32 and src.flags.c_contiguous:
            yield 0, n, src
            return
        buf = np.empty(min(n, _CHUNK), dtype=np.int32)
        for i in range(0, n, _CHUNK):
            j = min(n, i + _CHUNK)
            b = buf[:j - i]
            if off:
                np.subtract(src[i:j], off, out=b, casting="unsafe")
            else:
                np.copyto(b, src[i:j], casting="unsafe")
            yield i, j, b

    def full(self):
        """All the int32 codes in one array."""
        src, off = self.source, self.offset
        if not off and src.dtype == np.int32 and src.flags.c_contiguous:
            return src
        out = np.empty(len(src), dtype=np.int32)
        if off:
            np.subtract(src, off, out=out, casting="unsafe")
        else:
            np.copyto(out, src, casting="unsafe")
        return out


def _labels_product(factors, combos=None):
    """Labels of crossed groups: every combination of the factors' labels
    (in order), or those of the combined codes `combos`."""
    pd = _pandas()
    counts = [f.count for f in factors]
    if combos is None:
        combos = np.arange(int(np.prod(counts, dtype=np.int64)), dtype=np.int64)
    parts = []
    rest = combos
    for c in reversed(counts):
        parts.append(rest % c)
        rest = rest // c
    parts.reverse()
    if pd is not None:
        return pd.MultiIndex(levels=[pd.Index(f.labels) for f in factors], codes=parts,
                             names=[f.name for f in factors])
    levels = [list(f.labels) for f in factors]
    return [tuple(levels[k][int(p[i])] for k, p in enumerate(parts)) for i in range(len(combos))]


def group_codes(by, n, like, what="by"):
    """The _Codes of `by` (one labelling or a list of them, crossed) for n
    rows; pandas labellings are matched to `like` (the answers) by index."""
    if _is_pandas(by) and hasattr(by, "columns"):        # a DataFrame: its columns crossed
        by = [by[c] for c in by.columns]
        if len(by) == 1:
            by = by[0]
    crossed = _crossed(by, n)
    parts = list(by) if crossed else [by]
    factors = []
    for k, part in enumerate(parts):
        w = f"{what}[{k}]" if crossed else what
        if part is None:
            raise TypeError(f"{w} must be labels, not None")
        part = aligned(part, like, w, "scores")
        if not hasattr(part, "__len__") or isinstance(part, (str, bytes)):
            raise TypeError(f"{w} must be a sequence of labels (one per answer), not "
                            f"{type(part).__name__}")
        if len(part) != n:
            raise ValueError(f"{w} has {len(part)} labels for {n} answers")
        factors.append(_factor(part, n, w))
    c = _Codes()
    c.crossed = crossed
    if len(factors) == 1:
        f = factors[0]
        c.source, c.offset, c.count, c.labels = f.source, f.offset, f.count, f.labels
        c.drop_unused = f.drop_unused
        c.complete = f.complete
        c.names = [f.name]
    else:
        combined = np.zeros(n, dtype=np.int64)
        missing = np.zeros(n, dtype=bool)
        total = 1
        for f in factors:
            code = f.int64()
            missing |= code < 0
            combined *= f.count
            combined += code
            total *= f.count
        combined[missing] = -1
        c.names = [f.name for f in factors]
        c.drop_unused = True
        c.complete = all(f.complete for f in factors)
        c.offset = 0
        if total <= max(_DENSE_MIN, min(n // 4, _DENSE_MAX)):
            c.source, c.count = combined, total
            c.labels = _labels_product(factors)
        else:
            present = combined[~missing]
            uniques, inverse = np.unique(present, return_inverse=True)
            combined[~missing] = inverse
            c.source, c.count = combined, len(uniques)
            c.labels = _labels_product(factors, uniques)
    if c.complete or c.source.dtype.kind != "i":
        c.n_unlabelled = 0
    else:
        c.n_unlabelled = int(np.count_nonzero(c.source < 0))
    if c.count == 0:                    # no label at all: one empty group, dropped
        c.count = 1
        c.drop_unused = True
        c.labels = c.labels[:0] if hasattr(c.labels, "__getitem__") else []
    return c


# Grouped results ----------------------------------------------------------------

def _take(seq, keep):
    """The elements `keep` of a sequence, as a list (keep None: all)."""
    return seq if keep is None else [seq[i] for i in keep]


def _take_columns(cols, keep):
    if keep is None:
        return cols
    return {k: _take(v, keep) for k, v in cols.items()}


def _labels_at(labels, keep):
    if keep is None:
        return labels
    if hasattr(labels, "take"):
        return labels.take(keep)
    return [labels[i] for i in keep]


def _pyplot(what):
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise ImportError(f"{what} needs matplotlib, which is not installed "
                          "(pip install matplotlib, or the python3-matplotlib package)") from None
    return plt


# How each kind of result is compared and tracked, and the C result it holds.
_COMPARE = {"nps": "nps", "share": "shares", "mean": "means"}
_C_KIND = {"nps": "nps_result", "share": "share_result", "mean": "mean_result"}
_TITLES = {"nps": "NPS", "share": "share", "mean": "mean", "ces": "CES", "index": "index",
           "distribution": "distribution"}
# The columns that come first in to_frame, then every other field.
_FIRST = ("score", "se", "ci_lower", "ci_upper", "n", "n_eff", "small")


class _Rows(list):
    """A list of dicts (a table without pandas) with `attrs`, as a
    DataFrame has."""

    def __init__(self, rows=(), attrs=None):
        super().__init__(rows)
        self.attrs = dict(attrs or {})


class GroupedResult(Mapping):
    """Results by group: a read-only mapping label -> result (NPSResult,
    ShareResult, MeanResult, CESResult or Distribution), in group order.

    Attributes: `labels` (a pandas Index, a MultiIndex for crossed groups;
    a list without pandas), `flags` (label -> "ok", "small" or "empty"),
    `small` and `empty` (the labels so flagged), `n_unlabelled` (answers
    without a label, left out), `min_n`, `names` (of the labellings), `kind`,
    `design` (the csat.Design whose domains the groups are, else None).
    Methods: to_frame, to_dict, compare, track, plot.
    """

    def __init__(self, kind, title, cls, columns, flags, codes, rest=None, min_n=None,
                 scale=None, design=None, design_compare=None):
        keep = None
        if codes.drop_unused:
            main = columns["effort"] if kind == "ces" else columns
            used = [i for i, (a, b) in enumerate(zip(main["n"], main["n_missing"])) if a or b]
            if len(used) != len(main["n"]):
                keep = used
        if kind == "ces":
            self._cols = {k: _take_columns(v, keep) for k, v in columns.items()}
        else:
            self._cols = _take_columns(columns, keep)
        self._flags = np.asarray(_take(flags, keep), dtype=np.int32)
        self._keep = keep
        self.labels = _labels_at(codes.labels, keep)
        self.names = list(codes.names)
        self.crossed = codes.crossed
        self.n_unlabelled = codes.n_unlabelled
        self.kind = kind
        self.min_n = min_n
        self._title = title
        self._cls = cls
        self._rest_fn = rest
        self._rest = None
        self._results = {}
        self._positions = None
        self._scale = scale
        # Scores of a design: `design` (a csat.Design) and the library's
        # comparison of each group with the rest within it (copt -> columns).
        self.design = design
        self._design_compare = design_compare

    # The mapping -----------------------------------------------------------

    def __len__(self):
        return len(self._flags)

    def __iter__(self):
        return iter(self.labels)

    def _position(self, label):
        """The position of `label` among the groups (KeyError if none)."""
        labels = self.labels
        if hasattr(labels, "get_loc"):
            try:
                i = labels.get_loc(label)
            except (KeyError, TypeError, ValueError):
                raise KeyError(label) from None
            if isinstance(i, (int, np.integer)):
                return int(i)
            raise KeyError(label)
        if self._positions is None:
            self._positions = {v: i for i, v in enumerate(labels)}
        try:
            return self._positions[label]
        except (KeyError, TypeError):
            raise KeyError(label) from None

    def __getitem__(self, label):
        return self._at(self._position(label))

    def __contains__(self, label):
        try:
            self._position(label)
        except KeyError:
            return False
        return True

    def _row(self, cols, i):
        return {k: v[i] for k, v in cols.items()}

    def _at(self, i):
        r = self._results.get(i)
        if r is None:
            if self.kind == "ces":
                r = CESResult._from_c({k: self._row(v, i) for k, v in self._cols.items()})
            elif self.kind == "distribution":
                c = self._cols
                r = Distribution(self._scale, c["counts"][i].astype(np.int64), c["weights"][i],
                                 c["shares"][i], Sample._from_c(self._row(c["sample"], i)))
            else:
                r = self._cls._from_c(self._row(self._cols, i))
            self._results[i] = r
        return r

    def values(self):
        return [self._at(i) for i in range(len(self))]

    def items(self):
        return list(zip(self.labels, self.values()))

    # Flags -------------------------------------------------------------------

    @property
    def flags(self):
        """label -> "ok", "small" or "empty"."""
        return {label: FLAG_NAMES[int(f)] for label, f in zip(self.labels, self._flags)}

    def _flagged(self, flag):
        return [label for label, f in zip(self.labels, self._flags) if f == flag]

    @property
    def small(self):
        """The labels of the groups flagged small (fewer valid answers than min_n)."""
        return self._flagged(SMALL)

    @property
    def empty(self):
        """The labels of the groups without a valid answer."""
        return self._flagged(EMPTY)

    # Tables ------------------------------------------------------------------

    def _main(self):
        """The C columns of the scores (a CES's mean effort), and their kind."""
        if self.kind == "ces":
            return self._cols["effort"], "mean_result"
        if self.kind == "distribution":
            raise TypeError("a distribution by group has no score to compare or track")
        return self._cols, _C_KIND[self.kind]

    @staticmethod
    def _decoded(kind, cols):
        """The C columns with enumerations decoded to their names."""
        out = {}
        for name, ctype in c_fields(kind):
            col = cols[name]
            enum = ENUMS.get(ctype)
            out[name] = [enum[0][v] for v in col] if enum else col
        return out

    def _columns(self):
        """to_frame's columns, in order."""
        if self.kind == "distribution":
            s = self._cols["sample"]
            return {"n": s["n"], "n_eff": s["n_effective"], "small": self._flags == SMALL,
                    "n_weighted": s["n_weighted"], "n_missing": s["n_missing"]}
        cols, kind = self._main()
        d = self._decoded(kind, cols)
        out = {"score": d["score"], "se": d["se"], "ci_lower": d["ci_lower"],
               "ci_upper": d["ci_upper"], "n": d["n"], "n_eff": d["n_effective"],
               "small": self._flags == SMALL}
        for name in d:
            if name not in out and name != "n_effective":
                out[name] = d[name]
        if self.kind == "ces":
            low = self._decoded("share_result", self._cols["low_effort"])
            sample = {"n", "n_missing", "n_weighted", "n_effective", "level"}
            for name in low:
                if name not in sample:
                    out["low_effort_" + name] = low[name]
        return out

    def to_frame(self):
        """A DataFrame indexed by the group label (a MultiIndex for crossed
        groups) with columns score, se, ci_lower, ci_upper, n, n_eff (Kish
        effective n), small, then the result's other fields (a CES's
        low-effort share as low_effort_*). A distribution's frame has its
        sample sizes; its shares are in to_frame_distribution. Without
        pandas: a list of dicts, one per group ("group" first)."""
        columns = self._columns()
        pd = _pandas()
        if pd is None:
            return _Rows({"group": label, **{k: _py(v[i]) for k, v in columns.items()}}
                         for i, label in enumerate(self.labels))
        frame = pd.DataFrame({k: np.asarray(v) for k, v in columns.items()},
                             index=self.labels)
        frame.attrs["kind"] = self.kind
        return frame

    def to_frame_distribution(self):
        """A distribution by group as a DataFrame indexed by (group, value)
        with columns count, weight, share (without pandas: a list of dicts)."""
        if self.kind != "distribution":
            raise TypeError("to_frame_distribution needs a distribution by group")
        c = self._cols
        lo, hi = self._scale
        values = list(range(lo, hi + 1))
        pd = _pandas()
        counts = c["counts"].astype(np.int64)
        if pd is None:
            return _Rows({"group": label, "value": v, "count": int(counts[i, j]),
                          "weight": float(c["weights"][i, j]), "share": float(c["shares"][i, j])}
                         for i, label in enumerate(self.labels) for j, v in enumerate(values))
        index = pd.MultiIndex.from_product([self.labels, values],
                                           names=[*self.labels.names, "value"])
        return pd.DataFrame({"count": counts.ravel(), "weight": c["weights"].ravel(),
                             "share": c["shares"].ravel()}, index=index)

    def to_dict(self):
        """label -> the result's dict (see the result's to_dict)."""
        return {label: r.to_dict() for label, r in zip(self.labels, self.values())}

    # Comparisons --------------------------------------------------------------

    def _rest_columns(self):
        if self._rest is None:
            if self._rest_fn is None:
                raise TypeError("this grouped result cannot be compared with the rest")
            rest = self._rest_fn()
            if self.kind == "ces":
                rest = rest["effort"]
            self._rest = _take_columns(rest, self._keep)
        return self._rest

    def rest(self, label):
        """The result of the rest of the sample for `label`: every other group
        together, with the same domain N (the other side of compare("rest");
        for CES, the mean effort)."""
        i = self._position(label)
        cols = self._rest_columns()
        cls = MeanResult if self.kind == "ces" else self._cls
        return cls._from_c(self._row(cols, i))

    def compare(self, against=None, *, reference=None, benchmark=None, adjust=None,
                level=None):
        """Compare the groups; returns a DataFrame with one row per
        comparison: group, other, diff, se, ci_lower, ci_upper, statistic,
        df, p, p_adjusted, skipped (None, or why the comparison was not
        made: "small" or "empty"), with attrs contrast, adjust, level.

        against: "rest" (default: each group against all the others
        together, two independent samples), "pairs" (every pair a < b in
        group order), or a group label (each other group against that
        reference; reference= says the same without ambiguity);
        benchmark=value compares each group with a value (NPS points; a
        proportion in (0, 1) for shares; the mean's unit). diff is group −
        other (− rest, − benchmark); a share's diff, se and interval are
        proportions. p_adjusted is adjusted across the comparisons made:
        adjust "holm" (the library's default), "bh" or "bonferroni".
        `level`: of the intervals (default: the library's, 0.95). Without
        pandas: a list of dicts.

        Groups of a survey design (design=) are domains of one sample: each
        group is compared with the rest within the design (the difference's
        linearised values include the covariance of the two; z test, normal
        interval), or with a benchmark; "pairs" and a reference group are
        not available for a design.
        """
        cols, kind = self._main()
        given = [v is not None for v in (against, reference, benchmark)]
        if sum(given) > 1:
            raise ValueError("give one of against, reference= and benchmark=")
        if benchmark is not None:
            contrast = "benchmark"
        elif reference is not None:
            contrast = "reference"
        elif against is None or (isinstance(against, str) and against in ("rest", "pairs")):
            contrast = against or "rest"
        else:
            contrast, reference = "reference", against
        try:
            code = None if adjust is None else ADJUST_METHODS[adjust]
        except (KeyError, TypeError):
            raise ValueError(f"adjust must be one of {', '.join(map(repr, ADJUST_METHODS))}, "
                             f"not {adjust!r}") from None
        opt = _options.compare_adjusted(level, code)
        ref = 0
        if contrast == "reference":
            try:
                ref = self._position(reference)
            except KeyError:
                raise KeyError(f"no group {reference!r} to compare with") from None
        bench = 0.0 if benchmark is None else _options.real(benchmark, "benchmark")
        if self.design is not None and contrast in ("pairs", "reference"):
            raise ValueError("groups of a survey design are compared with the rest "
                             f"(compare('rest')) or a benchmark, not {contrast!r}: the library "
                             "has no design-based comparison of two groups")
        if self.design is not None and contrast == "rest":
            try:
                c = self._design_compare(opt)
            except LIBRARY_ERRORS as e:
                raise locate(e, None) from None
            return self._comparison_table(self._kept_comparisons(c), contrast, adjust, opt,
                                          bench)
        rest = self._rest_columns() if contrast == "rest" else None
        f = getattr(_lib, "compare_groups_" + _COMPARE[kind.split("_")[0]])
        c = f(cols, rest, self._flags, CONTRASTS[contrast], ref, bench, opt)
        return self._comparison_table(c, contrast, adjust, opt, bench)

    def _kept_comparisons(self, c):
        """The library's comparisons of every group code, without those of the
        groups not shown (labels without rows), groups renumbered."""
        if self._keep is None:
            return c
        position = {g: i for i, g in enumerate(self._keep)}
        rows = [j for j, g in enumerate(c["group"]) if g in position]
        out = {k: [v[j] for j in rows] for k, v in c.items()}
        out["group"] = [position[g] for g in out["group"]]
        return out

    def _comparison_table(self, c, contrast, adjust, opt, bench):
        labels = list(self.labels)
        groups = [labels[i] for i in c["group"]]
        if contrast in ("reference", "pairs"):
            others = [labels[i] for i in c["other"]]
        else:
            others = [("rest" if contrast == "rest" else bench)] * len(groups)
        skipped = [None if s == 0 else FLAG_NAMES.get(s, str(s)) for s in c["skipped"]]
        table = {"group": groups, "other": others}
        for name, _ in c_fields("group_comparison"):
            if name not in ("group", "other", "skipped", "level"):
                table[name] = c[name]
        table["skipped"] = skipped
        attrs = {"contrast": contrast, "adjust": adjust or "holm",
                 "level": c["level"][0] if c["level"] else opt.level, "kind": self.kind}
        pd = _pandas()
        if pd is None:
            return _Rows(({k: _py(v[i]) for k, v in table.items()} for i in range(len(groups))),
                         attrs)
        def column(k, v):
            if k in ("group", "other"):
                return _objects(v) if self.crossed or k == "other" else v
            return _objects(v) if k == "skipped" else np.asarray(v, dtype=np.float64)
        frame = pd.DataFrame({k: column(k, v) for k, v in table.items()})
        frame.attrs.update(attrs)
        return frame

    def track(self, *, level=None):
        """Tracking table of the groups as periods (the labels in time
        order): one row per period with period, score, ci_lower, ci_upper,
        change (from the previous unflagged period), change_se, change_p,
        center, lcl, ucl (3-sigma control limits from the earlier periods),
        signal (the score outside them) and flag; attrs["trend"] is the
        inverse-variance trend of the unflagged periods (a csat.Trend, None
        with fewer than 2 usable periods; slope per period). Without pandas:
        a list of dicts with the same attrs."""
        cols, kind = self._main()
        if self.design is not None:
            raise ValueError("a tracking table of a survey design's groups is not available: "
                             "its periods share the design's PSUs, and the library tracks "
                             "independent samples only (compare each period with the rest, "
                             "or score each wave's design)")
        opt = _options.compare(level)
        f = getattr(_lib, "compare_track_" + _COMPARE[kind.split("_")[0]])
        points, trend = f(cols, self._flags, opt)
        table = {"period": list(self.labels)}
        for name, _ in c_fields("track_point"):
            if name in ("period", "flags"):
                continue
            table[name] = points[name]
        table["signal"] = [bool(s) for s in points["signal"]]
        table["flag"] = [FLAG_NAMES.get(v, str(v)) for v in points["flags"]]
        attrs = {"trend": None if trend is None else Trend._from_c(trend, []),
                 "level": opt.level, "kind": self.kind}
        pd = _pandas()
        if pd is None:
            return _Rows(({k: _py(v[i]) for k, v in table.items()}
                          for i in range(len(self))), attrs)
        frame = pd.DataFrame({k: (_objects(v) if k == "flag" or (k == "period" and self.crossed)
                                  else v if k == "period" else np.asarray(v))
                              for k, v in table.items()})
        frame.attrs.update(attrs)
        return frame

    # Display -----------------------------------------------------------------

    def _unit(self):
        """Factor of the interval for display: a share's is a proportion."""
        return 100.0 if self.kind == "share" else 1.0

    def _display_rows(self, limit=None):
        cols = None if self.kind == "distribution" else self._main()[0]
        rows = []
        idx = list(range(len(self)))
        if limit is not None and len(idx) > limit:
            idx = idx[:limit // 2] + [None] + idx[-(limit // 2):]
        labels = list(self.labels)
        k = self._unit()
        for i in idx:
            if i is None:
                rows.append(None)
                continue
            flag = FLAG_NAMES[int(self._flags[i])]
            label = labels[i]
            text = " × ".join(map(str, label)) if self.crossed else str(label)
            if cols is None:
                s = self._cols["sample"]
                rows.append((text, "", "", str(s["n"][i]), "" if flag == "ok" else flag))
                continue
            score = cols["score"][i]
            lo, hi = cols["ci_lower"][i] * k, cols["ci_upper"][i] * k
            rows.append((text, _fmt(score), f"[{_fmt(lo)}, {_fmt(hi)}]", str(cols["n"][i]),
                         "" if flag == "ok" else flag))
        return rows

    def _heading(self):
        by = " × ".join(str(n) for n in self.names if n is not None)
        text = f"{self._title} by {by}" if by else f"{self._title} by group"
        extra = f"{len(self)} group{'s' if len(self) != 1 else ''}"
        if self.n_unlabelled:
            extra += (f", {self.n_unlabelled} answer{'s' if self.n_unlabelled != 1 else ''} "
                      "without a label")
        return f"{text} ({extra})"

    def __repr__(self):
        rows = self._display_rows(limit=20)
        head = ("group", "score", "ci", "n", "flag")
        cells = [r for r in rows if r is not None]
        widths = [max([len(h)] + [len(r[j]) for r in cells]) for j, h in enumerate(head)]

        def line(r):
            return "  ".join((c.ljust(w) if j in (0, 4) else c.rjust(w))
                             for j, (c, w) in enumerate(zip(r, widths))).rstrip()
        out = [f"GroupedResult: {self._heading()}", line(head)]
        out += ["  ..." if r is None else line(r) for r in rows]
        return "\n".join(out)

    def _repr_html_(self):
        """An HTML table of the groups (Jupyter)."""
        rows = self._display_rows(limit=60)
        head = "".join(f"<th>{h}</th>" for h in ("group", "score", "ci", "n", "flag"))
        body = "".join(
            "<tr><td colspan=\"5\">…</td></tr>" if r is None else
            "<tr>" + "".join(f"<td style=\"text-align:{'left' if j in (0, 4) else 'right'}\">"
                             f"{html.escape(c)}</td>" for j, c in enumerate(r)) + "</tr>"
            for r in rows)
        return (f"<div><strong>GroupedResult</strong>: {html.escape(self._heading())}"
                f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")

    # Charts ------------------------------------------------------------------

    def plot(self, track=False, *, ax=None, level=None):
        """A chart (matplotlib, imported only now): each group's score with
        its interval (hollow markers for small groups), or with track=True
        the tracking chart of the periods (score and interval, the centre
        line and 3-sigma control limits, signals in red). Returns the Axes."""
        plt = _pyplot("GroupedResult.plot()")
        if ax is None:
            _, ax = plt.subplots(figsize=(max(6.0, 0.5 * len(self) + 2), 4))
        labels = [" × ".join(map(str, v)) if self.crossed else str(v) for v in self.labels]
        x = np.arange(len(labels))
        k = self._unit()
        if track:
            t = self.track(level=level)
            get = (lambda c: np.asarray(t[c], dtype=float)) if _pandas() else \
                (lambda c: np.array([r[c] for r in t], dtype=float))
            score, lo, hi = get("score"), get("ci_lower") * k, get("ci_upper") * k
            ax.fill_between(x, lo, hi, alpha=0.2, label="interval")
            ax.plot(x, score, marker="o", label=self._title)
            ax.step(x, get("center"), where="mid", color="gray", label="centre")
            ax.step(x, get("lcl"), where="mid", color="gray", linestyle="--",
                    label="control limits")
            ax.step(x, get("ucl"), where="mid", color="gray", linestyle="--")
            sig = np.asarray([bool(v) for v in (t["signal"] if _pandas() else
                                                [r["signal"] for r in t])])
            if sig.any():
                ax.plot(x[sig], score[sig], "o", color="red", label="signal")
            ax.legend(loc="best")
        else:
            cols = self._main()[0]
            score = np.asarray(cols["score"], dtype=float)
            lo = np.asarray(cols["ci_lower"], dtype=float) * k
            hi = np.asarray(cols["ci_upper"], dtype=float) * k
            small = self._flags == SMALL
            err = np.vstack([score - lo, hi - score])
            ax.errorbar(x[~small], score[~small], yerr=err[:, ~small], fmt="o", capsize=3)
            if small.any():
                ax.errorbar(x[small], score[small], yerr=err[:, small], fmt="o", mfc="none",
                            capsize=3, color="gray", label=f"fewer than {self.min_n} answers")
                ax.legend(loc="best")
        ax.set_xticks(x)
        slanted = len(labels) > 6 or sum(len(v) for v in labels) > 48
        ax.set_xticklabels(labels, rotation=40 if slanted else 0,
                           ha="right" if slanted else "center")
        ax.set_ylabel(self._title + (" (%)" if self.kind == "share" else ""))
        ax.set_title(self._heading())
        return ax


def _py(v):
    """A numpy scalar as the Python value (a dict row without pandas)."""
    return v.item() if isinstance(v, np.generic) else v


def _objects(values):
    """A list as a 1-D object array (tuples stay elements)."""
    a = np.empty(len(values), dtype=object)
    a[:] = list(values)
    return a


# Scoring ------------------------------------------------------------------------

def _locate(e, scores, weights, by):
    """The library's error named in the caller's terms: the answers' (or
    else the labels') pandas row label."""
    if _is_pandas(scores) and hasattr(scores, "index"):
        return locate(e, scores, weights)
    also = tuple(b for b in (by if isinstance(by, list) else [by]) if _is_pandas(b))
    return locate(e, scores, weights, also=also[:1])


def _add(create, x, w, codes, scores, weights, by):
    """A new accumulator (create()) with every answer added, chunk by chunk
    of codes; an error is raised for the whole arrays, so that its row is
    the row of the data."""
    acc = create()
    n = len(x)
    try:
        for i, j, g in codes.chunks():
            whole = i == 0 and j == n
            _lib.grouped_add(acc, x if whole else x[i:j],
                             w if w is None or whole else w[i:j], g)
    except LIBRARY_ERRORS as e:
        err = e
        if not whole:
            try:
                _lib.grouped_add(create(), x, w, codes.full())
            except LIBRARY_ERRORS as e2:
                err = e2
        raise _locate(err, scores, weights, by) from None
    return acc


_CLASSES = {"nps": NPSResult, "share": ShareResult, "mean": MeanResult, "ces": CESResult}


def score(name, kind, scores, weights, by, opt, min_n, args=(), title=None):
    """Scores of every group: `name` is the accumulator's estimator
    (grouped_<name>), `kind` the result ("nps", "share", "mean", "ces")."""
    x = as_vector(scores, "scores")
    w = as_weights(weights, scores)
    codes = group_codes(by, len(x), scores)
    min_n = _options.min_n(min_n)
    gopt = _options.group(min_n)
    if kind == "mean":
        def create():
            return _lib.grouped_create_moments(codes.count)
    else:
        lo, hi = opt.scale_min, opt.scale_max

        def create():
            return _lib.grouped_create(codes.count, lo, hi)
    try:
        acc = create()
    except LIBRARY_ERRORS as e:
        raise _locate(e, scores, weights, by) from None
    acc = _add(create, x, w, codes, scores, weights, by)
    estimator = getattr(_lib, "grouped_" + name)
    columns, flags = estimator(acc, *args, opt, gopt)

    def rest():
        return estimator(acc, *args, opt, _options.group(min_n, True))[0]
    return GroupedResult(kind, title or _TITLES[kind], _CLASSES[kind], columns, flags, codes,
                         rest, gopt.min_n)


def distribution(scores, weights, by, opt, min_n):
    """Distribution of every group."""
    lo, hi = opt.scale_min, opt.scale_max
    from .scores import points
    k = points((lo, hi))
    x = as_vector(scores, "scores")
    w = as_weights(weights, scores)
    codes = group_codes(by, len(x), scores)
    min_n = _options.min_n(min_n)
    if min_n is None:
        min_n = _options.group_min_n()
    out = np.zeros((3, codes.count, k), dtype=np.float64)
    try:
        samples = _lib.score_distribution_grouped(x, w, codes.full(), codes.count, opt, out)
    except LIBRARY_ERRORS as e:
        raise _locate(e, scores, weights, by) from None
    n = np.asarray(samples["n"])
    empty = (n == 0) | (np.asarray(samples["n_weighted"]) == 0)
    flags = np.where(empty, EMPTY, np.where(n < min_n, SMALL, 0)).astype(np.int32)
    g = GroupedResult("distribution", "distribution", Distribution,
                      {"n": samples["n"], "n_missing": samples["n_missing"]}, flags, codes,
                      None, min_n, (lo, hi))
    keep = g._keep
    g._cols = {"counts": out[0] if keep is None else out[0][keep],
               "weights": out[1] if keep is None else out[1][keep],
               "shares": out[2] if keep is None else out[2][keep],
               "sample": _take_columns(samples, keep)}
    return g


def index(x, w, mins, maxs, v, by, opt, min_n, items, weights):
    """Composite index of every group (the rows' codes)."""
    codes = group_codes(by, x.shape[0], items, "by")
    g32 = codes.full()
    min_n = _options.min_n(min_n)
    gopt = _options.group(min_n)

    def call(o):
        return _lib.score_index_grouped(x, w, g32, codes.count, mins, maxs, v, opt, o)
    try:
        columns, flags = call(gopt)
    except LIBRARY_ERRORS as e:
        raise locate(e, items, weights, kind="item",
                     columns=list(items.columns) if hasattr(items, "columns") else None) from None

    def rest():
        return call(_options.group(min_n, True))[0]
    return GroupedResult("mean", "index", MeanResult, columns, flags, codes, rest, gopt.min_n)


def from_data(data, scores, weights, by, what="scores"):
    """The arguments with column names of `data` (a DataFrame) replaced by
    its columns; `by` may also be a list of column names (crossed)."""
    if data is None:
        for value, name in ((scores, what), (by, "by"), (weights, "weights")):
            if isinstance(value, str):
                raise TypeError(f"{name} is a column name ({value!r}): give the DataFrame as "
                                "data=")
        return scores, weights, by
    if not hasattr(data, "columns"):
        raise TypeError(f"data must be a DataFrame, not {type(data).__name__}")

    def column(v):
        return data[v] if _is_column(data, v) else v
    if isinstance(scores, (list, tuple)) and scores and all(_is_column(data, c) for c in scores):
        scores = data[list(scores)]
    else:
        scores = column(scores)
    weights = column(weights) if weights is not None else None
    if isinstance(by, (list, tuple)) and by and all(_is_column(data, c) for c in by):
        by = [data[c] for c in by]
    elif by is not None:
        by = column(by)
    for value, name in ((scores, what), (by, "by"), (weights, "weights")):
        if isinstance(value, str):
            raise KeyError(f"{name}: data has no column {value!r}")
    return scores, weights, by


# The grouped accumulator, for shards ---------------------------------------------

def _grouped_from_bytes(data, labels):
    return Grouped.deserialize(data, labels=labels)


def _group_labels(groups):
    """The labels of `groups`: G (labels 0..G−1) or a sequence of distinct
    hashable labels."""
    if isinstance(groups, (int, np.integer)) and not isinstance(groups, (bool, np.bool_)):
        if groups < 1:
            raise ValueError(f"groups must be at least 1, not {groups}")
        return tuple(range(int(groups)))
    if isinstance(groups, (str, bytes)) or not hasattr(groups, "__iter__"):
        raise TypeError("groups must be a number of groups or a sequence of labels, not "
                        f"{type(groups).__name__}")
    labels = tuple(groups)
    if not labels:
        raise ValueError("groups must hold at least one label")
    seen = set()
    for v in labels:
        try:
            if v in seen:
                raise ValueError(f"group label {v!r} is given twice")
        except TypeError:
            raise TypeError(f"group labels must be hashable, not {type(v).__name__}") from None
        seen.add(v)
    return labels


def _group_code_array(groups, n, count):
    """int32 group codes from integer codes (0..count−1, −1 for none); wider
    integers outside int32 are refused here, since a cast would wrap them."""
    g = np.asarray(groups)
    if g.ndim != 1:
        raise ValueError(f"group codes must be one-dimensional, got {g.ndim} dimensions")
    if g.size and g.dtype.kind not in "iu":
        raise TypeError(f"group codes must be integers (0..{count - 1}, -1 for none), "
                        f"not {g.dtype}")
    if g.dtype != np.int32 and g.size:
        bad = np.flatnonzero((g < -1) | (g >= count))
        if bad.size:
            i = int(bad[0])
            raise ValueError(f"group code {g[i]} at index {i} is neither in 0..{count - 1} "
                             "nor -1 (no group)")
    return np.ascontiguousarray(g, dtype=np.int32)


class Grouped(Mergeable):
    """A tally (or moments) for each of G groups: the accumulator behind
    `by=`, for answers seen in shards (threads, processes, a Dask or Spark
    cluster). Shards added apart and merged give the one-pass state, and
    its scores by group equal those of `csat.nps(..., by=...)` on all the
    answers (domain standard errors, small groups flagged).

        acc = csat.Grouped(["north", "south", "west"], scale=(0, 10))
        acc.add(answers, codes, weights)     # codes: position in the labels, -1: none
        total = acc + other                  # also merge, sum(...), pickle, serialize
        total.nps().to_frame()               # a GroupedResult

    `groups` is G (labels 0..G−1) or the G labels; `scale` is the integer
    scale (min, max) of the answers, or None for continuous values (moments
    per group, for mean() alone). `serialize()` gives the library's portable
    bytes (doc/format.md), which carry the counts but not the labels;
    pickling carries both. An accumulator must not be modified by two
    threads at once.
    """

    __slots__ = ("_a", "_labels")

    def __init__(self, groups, scale=(0, 10)):
        labels = _group_labels(groups)
        if scale is None:
            self._a = _lib.grouped_create_moments(len(labels))
        else:
            lo, hi = _options.scale(scale)
            self._a = _lib.grouped_create(len(labels), lo, hi)
        self._labels = labels

    @classmethod
    def _wrap(cls, handle, labels):
        obj = cls.__new__(cls)
        obj._a = handle
        obj._labels = labels
        return obj

    # Feeding and merging ----------------------------------------------------

    def add(self, scores, groups, weights=None):
        """Add answers (NaN is missing) with their group codes (integers,
        each answer's position in `labels`, -1 for no group: counted, then
        left out) and optional weights; returns self. On error the
        accumulator is unchanged."""
        x = as_vector(scores, "scores")
        w = as_weights(weights, scores)
        g = _group_code_array(groups, len(x), len(self._labels))
        try:
            _lib.grouped_add(self._a, x, w, g)
        except LIBRARY_ERRORS as e:
            raise locate(e, scores, weights) from None
        return self

    def _check_other(self, other):
        if not isinstance(other, Grouped):
            raise TypeError(f"can only merge a Grouped, not {type(other).__name__}")
        if other._labels != self._labels:
            raise ValueError("cannot merge accumulators of different groups")

    def merge(self, other):
        """Add the state of `other` (same groups, scale or kind) to this
        accumulator; returns self."""
        self._check_other(other)
        _lib.grouped_merge(self._a, other._a)
        return self

    def copy(self):
        """An independent copy."""
        return Grouped._wrap(_lib.grouped_copy(self._a), self._labels)


    # Bytes ----------------------------------------------------------------------

    def serialize(self):
        """The accumulator as portable bytes (CSTG, doc/format.md; the labels
        are not included)."""
        return _lib.grouped_serialize(self._a)

    @classmethod
    def deserialize(cls, data, labels=None):
        """Recreate an accumulator from serialize()'s bytes (also those of
        csat_grouped_serialize in C); `labels` default 0..G−1."""
        handle = _lib.grouped_deserialize(data)
        count = _lib.grouped_shape(handle)[0]
        labels = tuple(range(count)) if labels is None else _group_labels(labels)
        if len(labels) != count:
            raise ValueError(f"{len(labels)} labels for an accumulator of {count} groups")
        return cls._wrap(handle, labels)

    def __reduce__(self):
        return (_grouped_from_bytes, (self.serialize(), list(self._labels)))

    def __eq__(self, other):
        if not isinstance(other, Grouped):
            return NotImplemented
        return self._labels == other._labels and self.serialize() == other.serialize()

    __hash__ = None

    # What it holds ------------------------------------------------------------

    @property
    def labels(self):
        """The group labels, in group order (a pandas Index; a list without
        pandas)."""
        pd = _pandas()
        return pd.Index(self._labels) if pd is not None else list(self._labels)

    @property
    def groups(self):
        """The number of groups G."""
        return len(self._labels)

    @property
    def scale(self):
        """The scale (min, max) of the tallies, None for moments."""
        lo, hi = _lib.grouped_shape(self._a)[1]
        return (lo, hi) if lo <= hi else None

    def _position(self, label):
        try:
            return self._labels.index(label)
        except ValueError:
            raise KeyError(label) from None

    def sample(self, group=None):
        """Sample sizes (n, n_missing, n_weighted, n_effective) of one group
        (by label) or, with None, of the whole sample (rows without a group
        are counted among its missing)."""
        d = len(self._labels) if group is None else self._position(group)
        return Sample._from_c(_lib.grouped_sample(self._a, d))

    @property
    def n_unlabelled(self):
        """Rows added with the code -1 (no group)."""
        return int.from_bytes(self.serialize()[32:40], "little")

    def tally(self, group):
        """The csat.Tally of one group (by label); tallies only."""
        if self.scale is None:
            raise TypeError("an accumulator of moments has no tallies")
        from .accum import Tally
        return Tally._wrap(_lib.grouped_tally(self._a, self._position(group)))

    # Scores -------------------------------------------------------------------------

    def _codes(self):
        c = _Codes()
        pd = _pandas()
        c.labels = pd.Index(self._labels) if pd is not None else list(self._labels)
        c.names = [None]
        c.crossed = False
        c.drop_unused = False
        c.n_unlabelled = self.n_unlabelled
        return c

    def _score(self, name, kind, opt, min_n, args=(), title=None):
        min_n = _options.min_n(min_n)
        gopt = _options.group(min_n)
        estimator = getattr(_lib, "grouped_" + name)
        columns, flags = estimator(self._a, *args, opt, gopt)
        snapshot = _lib.grouped_copy(self._a)    # the rest reads the state scored

        def rest():
            return estimator(snapshot, *args, opt, _options.group(min_n, True))[0]
        return GroupedResult(kind, title or _TITLES[kind], _CLASSES[kind], columns, flags,
                             self._codes(), rest, gopt.min_n)

    def _tally_scale(self, what):
        s = self.scale
        if s is None:
            raise TypeError(f"{what} needs tallies: this accumulator holds moments "
                            "(csat.Grouped(..., scale=(min, max)))")
        return s

    def nps(self, *, promoter_min=None, detractor_max=None, level=None, method=None,
            min_n=None):
        """NPS of every group (see csat.nps; None: the library's defaults)."""
        opt = _options.nps(self._tally_scale("nps"), promoter_min, detractor_max, level,
                           method)
        return self._score("nps", "nps", opt, min_n)

    def csat(self, *, satisfied_min=None, level=None, min_n=None):
        """CSAT of every group (see csat.csat)."""
        opt = _options.csat(self._tally_scale("csat"), satisfied_min, level)
        return self._score("csat", "share", opt, min_n, title="CSAT")

    def box_share(self, lo, hi, *, level=None, min_n=None):
        """Share of the answers in lo..hi of every group (see csat.box_share)."""
        opt = _options.share(self._tally_scale("box_share"), level)
        lo, hi = _options.integer(lo, "lo"), _options.integer(hi, "hi")
        return self._score("box_share", "share", opt, min_n, (lo, hi),
                           title=f"share of {lo}..{hi}")

    def top_box(self, k=2, *, level=None, min_n=None):
        """Share of the answers in the k highest points of every group."""
        opt = _options.share(self._tally_scale("top_box"), level)
        k = _options.integer(k, "k")
        return self._score("top_box", "share", opt, min_n, (k,), title=f"top-{k}-box")

    def bottom_box(self, k=2, *, level=None, min_n=None):
        """Share of the answers in the k lowest points of every group."""
        opt = _options.share(self._tally_scale("bottom_box"), level)
        k = _options.integer(k, "k")
        return self._score("bottom_box", "share", opt, min_n, (k,), title=f"bottom-{k}-box")

    def mean(self, *, level=None, min_n=None):
        """Mean of every group, of tallies or moments (see csat.mean_score)."""
        return self._score("mean", "mean", _options.mean(level), min_n)

    def ces(self, *, low_effort_min=None, level=None, min_n=None):
        """Customer Effort Score of every group (see csat.ces)."""
        opt = _options.ces(self._tally_scale("ces"), low_effort_min, level)
        return self._score("ces", "ces", opt, min_n)

    def __repr__(self):
        s = self.sample()
        kind = "moments" if self.scale is None else f"scale={self.scale}"
        return f"Grouped(groups={self.groups}, {kind}, n={s.n}, n_missing={s.n_missing})"

    def _repr_html_(self):
        """The numbers of repr and the group labels (Jupyter)."""
        from ._html import block, fields, limited, table
        s = self.sample()
        head = fields([("groups", self.groups),
                       ("scale", "moments" if self.scale is None else self.scale),
                       ("n", s.n), ("n_missing", s.n_missing)])
        labels = table(limited([(str(v),) for v in self._labels]), ("label",))
        return block("Grouped", head, labels)
