"""Survey designs: strata, clusters (PSUs), finite-population corrections
and raked weights, with design-based standard errors as R's survey
package computes them (Taylor linearisation, a with-replacement first
stage: `svydesign(ids = ~psu, strata = ~st, weights = ~w)`, then `svymean`,
`svyby`, `svyglm`).

    d = csat.Design(weights="w", strata="region", clusters="store", data=df)
    csat.nps(df["recommend"], design=d)              # NPS with its design SE
    g = csat.csat("sat", by="flight_class", design=d, data=df)
    g.compare()                                      # each class against the rest
    csat.key_drivers(df[["speed", "price", "overall"]], "overall", design=d)
    w = csat.rake(df["w"], {"sex": (df["sex"], {"F": 5100, "M": 4900}),
                            "age": (df["age"], {"<35": 3000, "35+": 7000})})

A Design holds the rows' weights, their PSUs and strata (made from labels
of any kind, which are numbered here) and the library's design handle.
The scores of a design (`design=` on every score function) are the
weighted scores of its weights; their standard errors, intervals and
effective sample sizes are the design's (see include/csat/design.h and
doc/methods.md, "Survey designs"). Every number comes from the C library.
"""

import re
from collections.abc import Mapping

import numpy as np

from . import _core as _lib
from . import core as _core
from . import _options
from . import groups as _groups
from ._convert import (_is_pandas, _where, aligned, as_optional_vector, as_vector,
                       as_weights, pandas_module)
from ._errors import LIBRARY_ERRORS, locate
from .results import CESResult, MeanResult, NPSResult, ShareResult, _Result, c_result, reader

_pandas = pandas_module

# Codes the library accepts as they are (below CSAT_GROUPS_MAX).
_CODES_MAX = _core.CSAT_GROUPS_MAX


@c_result("design_info")
class DesignInfo(_Result):
    """What a survey design holds: `n` rows, `psus` first-stage clusters
    (PSUs), `strata`, the strata with a single PSU (`lonely`), the design
    degrees of freedom `df` (PSUs − strata, counting those with a row of
    positive weight: R's degf), the sum of the weights `sum_w` and the
    lonely-PSU rule `lonely_psu`."""


@c_result("rake_result")
class RakeInfo(_Result):
    """How raking ended: the sweeps made (`iterations`), whether the last
    one changed no cell of the joint table of the margin variables by
    epsilon or more (`converged`, 1 or 0), that largest change
    (`max_change`), the largest |weighted margin − population total| after
    raking (`max_miss`) and the number of weights trimmed (`trimmed`)."""


# Labels -> codes -------------------------------------------------------------------

def _codes(x, n, what):
    """(int32 codes, labels) of one labelling of the rows: a pandas
    categorical's codes, integer labels within the library's range as they
    are (labels None: the codes are the labels), anything else numbered in
    order of first appearance. A missing label (NaN, None, NaT, pd.NA, a
    masked entry) is a ValueError naming its row."""
    original = x
    pd = _pandas()
    if not hasattr(x, "__len__") or isinstance(x, (str, bytes)):
        raise TypeError(f"{what} must be a sequence of labels (one per row), not "
                        f"{type(x).__name__}")
    if len(x) != n:
        raise ValueError(f"the length of {what} ({len(x)}) differs from the number of rows ({n})")
    labels = None
    if pd is not None and isinstance(getattr(x, "dtype", None), pd.CategoricalDtype):
        cat = x.cat if hasattr(x, "cat") else x
        codes = np.asarray(cat.codes)
        labels = cat.categories
    else:
        mask = None
        if isinstance(x, np.ma.MaskedArray):
            mask = np.ma.getmaskarray(x)
            x = np.ma.getdata(x)
        if _is_pandas(x):
            values = x.to_numpy() if isinstance(x.dtype, np.dtype) else x
        else:
            values = x if isinstance(x, np.ndarray) else np.asarray(x)
            if values.ndim != 1 and not isinstance(x, np.ndarray):
                values = _groups._objects(x)        # a list of tuples: one label each
            if values.ndim != 1:
                raise ValueError(f"{what} must be one-dimensional, got {values.ndim} dimensions")
        dtype = getattr(values, "dtype", None)
        kind = dtype.kind if isinstance(dtype, np.dtype) else "O"   # nullable: factorized
        codes = None
        if kind in "iu" and mask is None:
            a = np.asarray(values)
            if a.size == 0 or (a.min() >= 0 and a.max() < _CODES_MAX):
                codes = a
        if codes is None:
            if pd is not None:
                try:
                    codes, uniques = pd.factorize(values, sort=False)
                except TypeError:
                    raise _groups._bad_label(original, np.asarray(values, dtype=object),
                                             what) from None
                labels = uniques if isinstance(uniques, pd.Index) else pd.Index(uniques)
            else:
                codes, uniques = _groups._factorize_numpy(np.asarray(values), original, what)
                labels = list(uniques)
            codes = np.asarray(codes)
        if mask is not None and mask.any():
            codes = np.where(mask, -1, codes)
    if codes.size and codes.min() < 0:
        i = int(np.flatnonzero(codes < 0)[0])
        where, attributes = _where(original, i, (n,))
        e = ValueError(f"{what} has a missing label at {where}: every row needs one")
        for attribute, value in attributes.items():
            setattr(e, attribute, value)
        raise e
    return np.ascontiguousarray(codes, dtype=np.int32), labels


def _label_of(labels, code):
    v = labels[code]
    return v.item() if type(v).__module__ == "numpy" and hasattr(v, "item") else v


def _named_codes(message, words, labels):
    """The message with the codes after `words` ("cluster 3") replaced by
    their labels ("cluster 'Store 7'") when the labels were numbered here."""
    if labels is None:
        return message

    def label(m):
        code = int(m.group(2))
        if 0 <= code < len(labels):
            return f"{m.group(1)} {_label_of(labels, code)!r}"
        return m.group(0)
    return re.sub(rf"\b({words}) (\d+)\b", label, message)


# The design ------------------------------------------------------------------------

def _first_pandas(*xs):
    for x in xs:
        if _is_pandas(x) and hasattr(x, "index"):
            return x
    return None


class Design:
    """A survey design of n rows: their sampling weights, first-stage
    clusters (PSUs) within strata and finite-population corrections.

    Design(weights=None, strata=None, clusters=None, fpc=None,
           lonely_psu=None, nest=None, data=None, *, n=None)

    `weights`: one per row (None: 1 each). `strata`, `clusters`: one label
    per row, of any hashable kind (strings, numbers, a pandas categorical),
    numbered here (integer codes in 0..2^24 − 1 are used as they are);
    None: a single stratum / every row its own PSU (R's ids = ~1). A missing
    label is a ValueError naming the row. `fpc`: per row, the stratum's
    sampling fraction (≤ 1) or population size of PSUs (> 1), constant
    within a stratum; None: none (a with-replacement first stage). With
    `data=` a DataFrame, any of them may be a column name. `lonely_psu`:
    what a stratum with a single PSU contributes, "fail" (refuse the design;
    the library's default), "remove", "certainty", "adjust" or "average" (R's
    survey.lonely.psu). `nest`: True to number clusters within strata (R's
    nest = TRUE; default: the library's, False: a cluster label names one
    PSU, which must lie in one stratum). `n`: the number of rows when no
    array is given (a simple random sample).

    pandas inputs are matched by index label (reordered to the first
    one's), and the design remembers that index: a Series of answers scored
    with the design is matched to its rows the same way.

    Attributes: `n`, `psus`, `strata`, `df`, `lonely`, `sum_w`,
    `lonely_psu` (from describe()), `weights` (a new numpy array of the
    design's weights), `index` (the rows' pandas index, or None).
    Methods: describe() (a DesignInfo; also the property `info`),
    psu_codes() (each row's PSU code, int32, numbered in order of first
    row; in a design without clusters, its stratum's code).
    """

    def __init__(self, weights=None, strata=None, clusters=None, fpc=None, lonely_psu=None,
                 nest=None, data=None, *, n=None):
        if data is not None:
            if not hasattr(data, "columns"):
                raise TypeError(f"data must be a DataFrame, not {type(data).__name__}")

            def column(v):
                return data[v] if v is not None and _groups._is_column(data, v) else v
            weights, strata, clusters, fpc = map(column, (weights, strata, clusters, fpc))
        given = {"weights": weights, "strata": strata, "clusters": clusters, "fpc": fpc}
        for what, v in given.items():
            if isinstance(v, str) and data is None:
                raise TypeError(f"{what} is a column name ({v!r}): give the DataFrame as data=")
            if isinstance(v, str):
                raise KeyError(f"{what}: data has no column {v!r}")
        like = _first_pandas(*given.values())
        if like is not None:
            given = {what: aligned(v, like, what, _first_name(given, like)) if v is not None
                     else None for what, v in given.items()}
        weights, strata, clusters, fpc = given.values()
        rows = [len(v) for v in given.values() if v is not None and hasattr(v, "__len__")]
        if n is None:
            if not rows:
                if data is None:
                    raise ValueError("a design needs its number of rows: give weights, strata, "
                                     "clusters or fpc (one per row), data= or n=")
                rows = [len(data)]
            n = rows[0]
        else:
            n = _options.integer(n, "n")
            if n < 0:
                raise ValueError(f"n must not be negative, not {n}")
        w = as_weights(weights)
        s, self._strata_labels = (None, None) if strata is None else _codes(strata, n, "strata")
        c, self._cluster_labels = (None, None) if clusters is None else \
            _codes(clusters, n, "clusters")
        f = as_optional_vector(fpc, "fpc")
        opt = _options.design(lonely_psu, nest)
        try:
            self._d = _lib.design_create(n, w, s, c, f, opt)
        except LIBRARY_ERRORS as e:
            msg = _named_codes(str(e), "cluster", self._cluster_labels)
            msg = _named_codes(msg, "stratum", self._strata_labels)
            e.args = (msg,)
            raise locate(e, like, weights, also=(strata, clusters, fpc)) from None
        self._info = DesignInfo._from_c(_lib.design_describe(self._d))
        if like is not None:
            self.index = like.index
        elif data is not None:
            self.index = data.index
        else:
            self.index = None

    # What the design holds --------------------------------------------------

    def describe(self):
        """A DesignInfo: n, psus, strata, lonely, df, sum_w, lonely_psu."""
        return self._info

    info = property(describe, doc="The DesignInfo of describe().")
    n = property(lambda self: self._info.n, doc="Rows.")
    psus = property(lambda self: self._info.psus, doc="First-stage clusters (PSUs).")
    strata = property(lambda self: self._info.strata, doc="Strata.")
    lonely = property(lambda self: self._info.lonely, doc="Strata with a single PSU.")
    df = property(lambda self: self._info.df,
                  doc="Design degrees of freedom: PSUs − strata (R's degf).")
    sum_w = property(lambda self: self._info.sum_w, doc="Sum of the weights.")
    lonely_psu = property(lambda self: self._info.lonely_psu, doc="The lonely-PSU rule.")

    @property
    def weights(self):
        """The design's weights (1 for a design made without), a new numpy array."""
        out = np.empty(self.n, dtype=np.float64)
        _lib.design_weights(self._d, out)
        return out

    def psu_codes(self):
        """Each row's PSU code (0..psus − 1, numbered in order of first row),
        an int32 numpy array; in a design without clusters, where every row
        is its own PSU, its stratum's code. The key of an accumulator made
        for the library's csat_design_psu_* estimators."""
        out = np.empty(self.n, dtype=np.int32)
        _lib.design_psu_codes(self._d, out)
        return out

    def __repr__(self):
        i = self._info
        lonely = (f", {i.lonely} stratum with one PSU" if i.lonely == 1 else
                  f", {i.lonely} strata with one PSU" if i.lonely else "")
        return (f"Design(n={i.n}, psus={i.psus}, strata={i.strata}, df={i.df:g}, "
                f"sum_w={i.sum_w:.6g}, lonely_psu={i.lonely_psu!r}{lonely})")

    def _repr_html_(self):
        """The numbers of repr as a table (Jupyter)."""
        from ._html import block, fields
        i = self._info
        return block("Design", fields([("n", i.n), ("psus", i.psus), ("strata", i.strata),
                                       ("df", f"{i.df:g}"), ("sum_w", f"{i.sum_w:.6g}"),
                                       ("lonely_psu", i.lonely_psu),
                                       ("strata with one PSU", i.lonely)]))

    def __reduce__(self):
        raise TypeError("a Design cannot be pickled; pickle its arrays and make it again")

    # Rows given with the design ---------------------------------------------

    def _align(self, x, what):
        """`x` matched to the design's rows by index label when both have an
        index (reordered when it holds the same labels in another order);
        ValueError when the labels differ."""
        idx = self.index
        if idx is None or not (_is_pandas(x) and hasattr(x, "index")):
            return x
        xi = x.index
        if xi.equals(idx):
            return x
        if len(xi) == len(idx) and xi.is_unique and idx.is_unique:
            order = xi.get_indexer(idx)
            if (order >= 0).all():
                return x.iloc[order]
        extra = list(idx[~idx.isin(xi)][:5])
        detail = (f" (labels of the design's rows not in {what}: {extra})" if extra
                  else " (repeated labels or different lengths)")
        raise ValueError(f"the index of {what} does not match the index of the design's rows"
                         f"{detail}; align them (or pass numpy arrays to match by position)")


def _first_name(given, like):
    for what, v in given.items():
        if v is like:
            return what
    return "the rows"


def check(design, weights):
    """The Design given as design=, with no weights beside it."""
    if not isinstance(design, Design):
        raise TypeError(f"design must be a csat.Design, not {type(design).__name__}")
    if weights is not None:
        raise ValueError("weights and design= were given together: a design's weights are "
                         "its own (give them to csat.Design)")
    return design


# Scores of a design ------------------------------------------------------------------

_READ = {"nps": reader(NPSResult), "share": reader(ShareResult), "mean": reader(MeanResult),
         "ces": reader(CESResult)}
_CLASSES = {"nps": NPSResult, "share": ShareResult, "mean": MeanResult, "ces": CESResult}
_COMPARE = {"nps": "nps", "share": "shares", "mean": "means", "ces": "means"}


def _boxes(name, args, opt):
    """(lo, hi, scale options) of a share by group: the boxes of a CSAT, top-k
    or bottom-k share as the library resolves them on the options' scale."""
    if name == "box_share":
        return args[0], args[1], opt
    if name == "csat":
        lo, hi = _lib.box_range_csat(opt)
        return lo, hi, _options.share((opt.scale_min, opt.scale_max), opt.level)
    lo, hi = getattr(_lib, "box_range_" + name.split("_")[0])(args[0], opt)
    return lo, hi, opt


def score(name, kind, scores, weights, by, design, opt, min_n, args=(), title=None,
          what="scores"):
    """A score of the design's rows (`name` as in csat_design_<name>; `kind`
    its result), by group when `by` is given."""
    d = check(design, weights)
    scores = d._align(scores, what)
    x = as_vector(scores, what)
    if by is not None:
        return _grouped(name, kind, scores, x, by, d, opt, min_n, args, title)
    try:
        r = getattr(_lib, "design_" + name)(d._d, x, *args, opt)
    except LIBRARY_ERRORS as e:
        raise locate(e, scores) from None
    return _READ[kind](r)


def _grouped(name, kind, scores, x, by, d, opt, min_n, args, title):
    codes = _groups.group_codes(by, len(x), scores)
    g32 = codes.full()
    G = codes.count
    min_n = _options.min_n(min_n)
    gopt = _options.group(min_n)
    h = d._d
    if name == "ces":
        scale = _options.share((opt.scale_min, opt.scale_max), opt.level)
        effort = _options.mean(opt.level)
        box = (opt.low_effort_min, opt.scale_max, scale)

        def call(go):
            low, _ = _lib.design_box_share_grouped(h, x, g32, G, *box, go)
            cols, flags = _lib.design_mean_grouped(h, x, g32, G, effort, go)
            return {"effort": cols, "low_effort": low}, flags

        def compare(copt):
            return _lib.design_compare_means(h, x, g32, G, effort, gopt, copt)
    else:
        if kind == "share":
            fargs = _boxes(name, args, opt)
            f, c = _lib.design_box_share_grouped, _lib.design_compare_shares
        else:
            fargs = (opt,)
            f = getattr(_lib, f"design_{name}_grouped")
            c = getattr(_lib, "design_compare_" + _COMPARE[kind])

        def call(go):
            return f(h, x, g32, G, *fargs, go)

        def compare(copt):
            return c(h, x, g32, G, *fargs, gopt, copt)
    try:
        columns, flags = call(gopt)
    except LIBRARY_ERRORS as e:
        raise _groups._locate(e, scores, None, by) from None

    def rest():
        return call(_options.group(min_n, True))[0]
    return _groups.GroupedResult(kind, title or _groups._TITLES[kind], _CLASSES[kind], columns,
                                 flags, codes, rest, gopt.min_n, design=d, design_compare=compare)


def index(x, mins, maxs, v, by, design, weights, opt, items):
    """The composite index of the design's rows (x already a float64
    matrix matched to the design's rows)."""
    d = check(design, weights)
    if by is not None:
        raise ValueError("the index by group of a design is not supported: the library scores "
                         "a design's groups for NPS, shares (CSAT, top/bottom box, box shares), "
                         "means and CES; score the index of each group's design instead")
    try:
        r = _lib.design_index(d._d, x, mins, maxs, v, opt)
    except LIBRARY_ERRORS as e:
        raise locate(e, items, kind="item",
                     columns=list(items.columns) if hasattr(items, "columns") else None) from None
    return _READ["mean"](r)


# Raking ----------------------------------------------------------------------------

def _margin_codes(name, labels, totals, n, like, out):
    """Fill `out` (n int32) with the category codes of one margin: the
    position of each row's label among the keys of `totals`. Returns the
    labels as matched to the rows."""
    what = f"the labels of margin {name!r}"
    labels = aligned(labels, like, what, "weights")
    codes, uniques = _codes(labels, n, what)
    categories = list(totals)
    position = {}
    for j, c in enumerate(categories):
        position.setdefault(c, j)
    present = np.flatnonzero(np.bincount(codes)) if codes.size else codes
    table = np.full(int(present[-1]) + 1 if present.size else 1, -1, dtype=np.int32)
    for k in present:
        k = int(k)
        label = k if uniques is None else _label_of(uniques, k)
        j = position.get(label)
        if j is None:
            row = int(np.flatnonzero(codes == k)[0])
            where, attributes = _where(labels, row, (n,))
            shown = ", ".join(map(repr, categories[:8])) + (", ..." if len(categories) > 8 else "")
            e = ValueError(f"{what}: the label {label!r} at {where} is not a category of its "
                           f"totals ({shown})")
            for attribute, value in attributes.items():
                setattr(e, attribute, value)
            e.column_name = name
            raise e
        table[k] = j
    np.take(table, codes, out=out)
    return labels


def _rake_error(e, names, categories, weights, labels):
    """The library's raking error in the caller's terms. An error about a
    margin (its `column`) names the margin and, for a category (its
    `index`), the category by their keys in `margins` (`column_name` and
    `category` on the exception); an error about a row is located as every
    other error is (its pandas label)."""
    v = getattr(e, "column", None)
    if v is None or not 0 <= v < len(names):
        e.category = None
        return locate(e, None, weights, also=tuple(labels))
    c = getattr(e, "index", None)
    message = str(e)
    category = None
    if c is not None and re.search(rf"\bcategory {c}\b", message) and 0 <= c < len(categories[v]):
        category = categories[v][c]
        message = re.sub(rf"\bcategory {c}\b", f"category {category!r}", message)
    message = re.sub(r"\bmargin (?:variable )?(\d+)\b",
                     lambda m: f"margin {names[int(m.group(1))]!r}"
                     if int(m.group(1)) < len(names) else m.group(0), message)
    e.args = (message,)
    e.label = None
    e.column_name = names[v]
    e.category = category
    return e


def rake(weights, margins, *, max_iter=None, epsilon=None, lower=None, upper=None, info=False):
    """Rake weights to population margins by iterative proportional fitting
    (R's survey::rake; with one margin, post-stratification).

    `weights`: the starting weights, one per row (numpy array, Series or
    list), or None for 1 each. `margins`: a dict {name: (labels, totals)}
    whose labels hold one category per row (any hashable values; a Series is
    matched to a Series of weights by index label) and whose totals are a
    dict {category: population total}. Every label must be a category of its
    totals (ValueError naming the row otherwise); a category of the totals
    that no row has is passed on, and the library refuses such an empty cell
    when its total is positive. The margins are raked in the dict's order.

    Options (None: the library's default, CSAT_RAKE_OPTIONS_DEFAULT):
    `max_iter` sweeps (50), `epsilon` (1e-7: the largest change of a cell of
    the joint table in a sweep, relative to the total weight below 1,
    absolute from 1), trimming bounds `lower` (0) and `upper` (+inf).

    Returns the raked weights: a numpy array, or a pandas Series with the
    index and name of `weights` when that was a Series. With info=True,
    a pair (raked weights, RakeInfo): iterations, converged, max_change,
    max_miss, trimmed. No convergence within max_iter sweeps raises
    csat.ConvergenceError (an ArithmeticError) with the sweeps and the
    largest margin miss in its message.
    """
    if not isinstance(margins, Mapping):
        raise TypeError(f"margins must be a dict {{name: (labels, totals)}}, not "
                        f"{type(margins).__name__}")
    if not margins:
        raise ValueError("margins must hold at least one margin")
    names = list(margins)
    specs = []
    for name in names:
        spec = margins[name]
        if not isinstance(spec, (tuple, list)) or len(spec) != 2:
            raise TypeError(f"margins[{name!r}] must be a pair (labels, totals)")
        labels, totals = spec
        if not isinstance(totals, Mapping):
            raise TypeError(f"the totals of margin {name!r} must be a dict {{category: total}}, "
                            f"not {type(totals).__name__}")
        if isinstance(labels, str) or not hasattr(labels, "__len__"):
            raise TypeError(f"the labels of margin {name!r} must be a sequence of labels")
        specs.append((labels, totals))
    w = as_weights(weights, what="weights")
    n = len(w) if w is not None else len(specs[0][0])
    like = weights if _is_pandas(weights) else _first_pandas(*(s[0] for s in specs))
    codes = np.empty((len(names), n), dtype=np.int32)
    labels_used = []
    for v, (name, (labels, totals)) in enumerate(zip(names, specs)):
        labels_used.append(_margin_codes(name, labels, totals, n, like, codes[v]))
    categories = [list(t) for _, t in specs]
    counts = np.array([len(c) for c in categories], dtype=np.int32)
    totals = np.concatenate([as_vector([t[c] for c in cats], f"the totals of margin {name!r}")
                             if cats else np.empty(0)
                             for name, (_, t), cats in zip(names, specs, categories)])
    opt = _options.rake(max_iter, epsilon, lower, upper)
    out = np.empty(n, dtype=np.float64)
    try:
        d = _lib.design_rake(w, codes.ravel(), counts, np.ascontiguousarray(totals), opt, out)
    except LIBRARY_ERRORS as e:
        raise _rake_error(e, names, categories, weights, labels_used) from None
    result = out
    if _is_pandas(weights) and hasattr(weights, "index") and not hasattr(weights, "columns"):
        result = _pandas().Series(out, index=weights.index, name=weights.name)
    return (result, RakeInfo._from_c(d)) if info else result
