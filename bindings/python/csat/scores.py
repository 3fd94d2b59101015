"""Scores of arrays of answers: NPS, CSAT, box shares, mean, CES,
distribution and the composite index.

`scores` and `weights` may be any 1-D sequence of numbers: a numpy array
(used in place when it is already contiguous float64), a numpy masked
array (a masked answer is missing; a masked weight is an error), a pandas
Series (nullable dtypes included; pd.NA is missing), a list or an
array.array. NaN is a missing answer. Strings, bytes, complex numbers,
dates and durations raise TypeError (booleans are 0 and 1). When scores
and weights are both pandas objects they are matched by index label: the
weights are reordered to the scores' index when both hold the same
labels, and ValueError is raised when the labels differ. Bad data or
options raise ValueError with the library's message (the exception's
`code`, `index` and `column` attributes locate the problem; for pandas
input `label` and `column_name` name the row's index label and the
column, and the message names them too).

Every function also scores by group: `by=` gives each answer's label (a
Series, array or list of labels, a pandas categorical, or a list of them
for crossed groups) and the result is a csat.GroupedResult (a mapping
label -> result, with to_frame, compare, track and plot; see csat.groups).
`min_n` (default: the library's) flags the groups with fewer valid answers
as small. With `data=` a DataFrame, `scores`, `weights` and `by` may be
column names (`by` a list of them for crossed groups).

Every function also scores a survey design: `design=` a csat.Design of the
answers' rows (their number; a Series is matched to the design's rows by
index label) gives the same estimate as the design's weights with the
design's standard error, interval and effective sample size (see
csat.design); weights must then not be given (the design has them). With
`by=` too, the groups are domains of the design (R's svyby) for NPS, the
shares (CSAT, box, top and bottom box), the mean and CES, compared with the
rest within the design; the index by group of a design is refused
(ValueError). A distribution of a design counts with its weights.
"""

from collections.abc import Mapping

import numpy as np

from . import _core as _lib      # the extension: its functions called directly, without
from . import core as _core     # the one-line Python wrappers of SWIG's core.py
from . import _options
from . import design as _design
from . import groups as _groups
from ._convert import as_matrix, as_numbers, as_vector, as_weights
from ._errors import LIBRARY_ERRORS, locate
from .results import CESResult, Distribution, MeanResult, NPSResult, Sample, ShareResult, reader

# The result of each call is built by its class's reader, looked up once here.
_nps_result = reader(NPSResult)
_share_result = reader(ShareResult)
_mean_result = reader(MeanResult)
_ces_result = reader(CESResult)


def nps(scores, weights=None, *, scale=None, promoter_min=None, detractor_max=None,
        level=None, method=None, by=None, data=None, min_n=None, design=None):
    """Net Promoter Score: 100 × (share of promoters − share of detractors).

    Promoters answer ≥ `promoter_min`, detractors ≤ `detractor_max`.
    `method` is the interval: "wald" (linearised variance) or
    "adjusted-wald" (Rocks 2016). Options left at None take the library's
    defaults: scale (0, 10), promoter_min 9, detractor_max 6, level 0.95,
    method "wald". Returns an NPSResult (by group: a GroupedResult).
    """
    scores, weights, by = _groups.from_data(data, scores, weights, by)
    opt = _options.nps(scale, promoter_min, detractor_max, level, method)
    if design is not None:
        return _design.score("nps", "nps", scores, weights, by, design, opt, min_n)
    if by is not None:
        return _groups.score("nps", "nps", scores, weights, by, opt, min_n)
    x = as_vector(scores, "scores")
    w = as_weights(weights, scores)
    try:
        d = _lib.score_nps(x, w, opt)
    except LIBRARY_ERRORS as e:
        raise locate(e, scores, weights) from None
    return _nps_result(d)


def csat(scores, weights=None, *, scale=None, satisfied_min=None, level=None, by=None,
         data=None, min_n=None, design=None):
    """CSAT: share of satisfied answers (≥ `satisfied_min`), with a Wilson
    interval. Defaults (None): the library's, scale (1, 5), satisfied_min 4,
    level 0.95. Returns a ShareResult (`share`, `se`, `ci` as proportions,
    `score` in percent; by group: a GroupedResult)."""
    scores, weights, by = _groups.from_data(data, scores, weights, by)
    opt = _options.csat(scale, satisfied_min, level)
    if design is not None:
        return _design.score("csat", "share", scores, weights, by, design, opt, min_n,
                             title="CSAT")
    if by is not None:
        return _groups.score("csat", "share", scores, weights, by, opt, min_n, title="CSAT")
    x = as_vector(scores, "scores")
    w = as_weights(weights, scores)
    try:
        d = _lib.score_csat(x, w, opt)
    except LIBRARY_ERRORS as e:
        raise locate(e, scores, weights) from None
    return _share_result(d)


def box_share(scores, lo, hi, weights=None, *, scale=None, level=None, by=None, data=None,
              min_n=None, design=None):
    """Share of answers in the boxes `lo`..`hi` of the scale, with a Wilson
    interval. Defaults (None): the library's, scale (1, 5), level 0.95.
    Returns a ShareResult (by group: a GroupedResult)."""
    scores, weights, by = _groups.from_data(data, scores, weights, by)
    opt = _options.share(scale, level)
    lo, hi = _options.integer(lo, "lo"), _options.integer(hi, "hi")
    if design is not None:
        return _design.score("box_share", "share", scores, weights, by, design, opt, min_n,
                             (lo, hi), title=f"share of {lo}..{hi}")
    if by is not None:
        return _groups.score("box_share", "share", scores, weights, by, opt, min_n, (lo, hi),
                             title=f"share of {lo}..{hi}")
    x = as_vector(scores, "scores")
    w = as_weights(weights, scores)
    try:
        d = _lib.score_box_share(x, w, lo, hi, opt)
    except LIBRARY_ERRORS as e:
        raise locate(e, scores, weights) from None
    return _share_result(d)


def top_box(scores, k=2, weights=None, *, scale=None, level=None, by=None, data=None,
            min_n=None, design=None):
    """Share of answers in the `k` highest points (k=2: top-2-box).
    Defaults (None): the library's, scale (1, 5), level 0.95. Returns a
    ShareResult (by group: a GroupedResult)."""
    scores, weights, by = _groups.from_data(data, scores, weights, by)
    opt = _options.share(scale, level)
    k = _options.integer(k, "k")
    if design is not None:
        return _design.score("top_box", "share", scores, weights, by, design, opt, min_n, (k,),
                             title=f"top-{k}-box")
    if by is not None:
        return _groups.score("top_box", "share", scores, weights, by, opt, min_n, (k,),
                             title=f"top-{k}-box")
    x = as_vector(scores, "scores")
    w = as_weights(weights, scores)
    try:
        d = _lib.score_top_box(x, w, k, opt)
    except LIBRARY_ERRORS as e:
        raise locate(e, scores, weights) from None
    return _share_result(d)


def bottom_box(scores, k=2, weights=None, *, scale=None, level=None, by=None, data=None,
               min_n=None, design=None):
    """Share of answers in the `k` lowest points. Defaults (None): the
    library's, scale (1, 5), level 0.95. Returns a ShareResult (by group: a
    GroupedResult)."""
    scores, weights, by = _groups.from_data(data, scores, weights, by)
    opt = _options.share(scale, level)
    k = _options.integer(k, "k")
    if design is not None:
        return _design.score("bottom_box", "share", scores, weights, by, design, opt, min_n,
                             (k,), title=f"bottom-{k}-box")
    if by is not None:
        return _groups.score("bottom_box", "share", scores, weights, by, opt, min_n, (k,),
                             title=f"bottom-{k}-box")
    x = as_vector(scores, "scores")
    w = as_weights(weights, scores)
    try:
        d = _lib.score_bottom_box(x, w, k, opt)
    except LIBRARY_ERRORS as e:
        raise locate(e, scores, weights) from None
    return _share_result(d)


def mean_score(values, weights=None, *, level=None, by=None, data=None, min_n=None,
               design=None):
    """(Weighted) mean of any finite values with SD, standard error and t
    interval at `level` (default: the library's, 0.95). Returns a
    MeanResult (by group: a GroupedResult)."""
    values, weights, by = _groups.from_data(data, values, weights, by, "values")
    opt = _options.mean(level)
    if design is not None:
        return _design.score("mean", "mean", values, weights, by, design, opt, min_n,
                             what="values")
    if by is not None:
        return _groups.score("mean", "mean", values, weights, by, opt, min_n)
    x = as_vector(values)
    w = as_weights(weights, values, like_what="values")
    try:
        d = _lib.score_mean(x, w, opt)
    except LIBRARY_ERRORS as e:
        raise locate(e, values, weights) from None
    return _mean_result(d)


def ces(scores, weights=None, *, scale=None, low_effort_min=None, level=None, by=None,
        data=None, min_n=None, design=None):
    """Customer Effort Score: mean effort rating and share of low-effort
    answers (≥ `low_effort_min`). Defaults (None): the library's, scale
    (1, 7), low_effort_min 5, level 0.95. Returns a CESResult (by group: a
    GroupedResult, compared and tracked by the mean effort)."""
    scores, weights, by = _groups.from_data(data, scores, weights, by)
    opt = _options.ces(scale, low_effort_min, level)
    if design is not None:
        return _design.score("ces", "ces", scores, weights, by, design, opt, min_n)
    if by is not None:
        return _groups.score("ces", "ces", scores, weights, by, opt, min_n)
    x = as_vector(scores, "scores")
    w = as_weights(weights, scores)
    try:
        d = _lib.score_ces(x, w, opt)
    except LIBRARY_ERRORS as e:
        raise locate(e, scores, weights) from None
    return _ces_result(d)


def points(scale):
    """Number of points of `scale` for an output array; an invalid scale
    gives 1, so that the library reports the problem."""
    lo, hi = scale
    k = hi - lo + 1
    return k if 1 <= k <= _core.CSAT_TALLY_MAX_POINTS else 1


def distribution(scores, weights=None, *, scale=None, by=None, data=None, min_n=None,
                 design=None):
    """Count, sum of weights and share of every point of the scale (default:
    the library's, (1, 5)). Returns a Distribution (by group: a
    GroupedResult of Distributions, with to_frame_distribution)."""
    scores, weights, by = _groups.from_data(data, scores, weights, by)
    opt = _options.share(scale, None)
    if design is not None:
        design = _design.check(design, weights)
        scores = design._align(scores, "scores")
        weights = design.weights
    if by is not None:
        return _groups.distribution(scores, weights, by, opt, min_n)
    lo, hi = opt.scale_min, opt.scale_max
    out = np.zeros((3, points((lo, hi))), dtype=np.float64)
    x = as_vector(scores, "scores")
    w = as_weights(weights, scores)
    try:
        d = _lib.score_distribution(x, w, opt, out)
    except LIBRARY_ERRORS as e:
        raise locate(e, scores, weights) from None
    return Distribution((lo, hi), out[0].astype(np.int64), out[1], out[2], Sample._from_c(d))


def _per_item(value, k, columns, what):
    """A per-item array from one value for all items, a sequence of k
    values, or (for DataFrame input) a mapping from column name."""
    if isinstance(value, Mapping):
        if columns is None:
            raise TypeError(f"{what} may be a mapping only when items is a DataFrame")
        missing = [c for c in columns if c not in value]
        if missing:
            raise ValueError(f"{what} has no entry for the columns {missing}")
        value = [value[c] for c in columns]
    if isinstance(value, np.ma.MaskedArray) and np.ma.getmaskarray(value).any():
        raise ValueError(f"{what} must not have masked values")
    return as_numbers(value, what)


def index(items, weights=None, *, scales, item_weights=None, level=None, by=None, data=None,
          min_n=None, design=None):
    """Composite 0–100 satisfaction index (ACSI-style) of several items.

    `items` is 2-D: rows are respondents, columns items (numpy array, list
    of rows or DataFrame); a row with any NaN item is missing. `scales` is
    one (min, max) for every item or one per item (a mapping by column name
    for a DataFrame). `item_weights` weights the items (default equal).
    `level`: of the interval (default: the library's, 0.95). Returns a
    MeanResult of the respondents' indices (by group: a GroupedResult).
    With data=, items may be a list of column names.
    """
    items, weights, by = _groups.from_data(data, items, weights, by, "items")
    if design is not None:
        items = _design.check(design, weights)._align(items, "items")
    x, columns = as_matrix(items)
    k = x.shape[1]
    s = _per_item(scales, k, columns, "scales")
    if s.shape == (2,):
        s = np.tile(s, (k, 1))
    if s.ndim != 2 or s.shape[1] != 2:
        raise ValueError("scales must be one (min, max) pair or one pair per item")
    v = None
    if item_weights is not None:
        v = as_vector(_per_item(item_weights, k, columns, "item_weights"), "item_weights")
    w = as_weights(weights, items, like_what="items")
    opt = _options.mean(level)
    mins, maxs = np.ascontiguousarray(s[:, 0]), np.ascontiguousarray(s[:, 1])
    if design is not None:
        return _design.index(x, mins, maxs, v, by, design, weights, opt, items)
    if by is not None:
        return _groups.index(x, w, mins, maxs, v, by, opt, min_n, items, weights)
    try:
        d = _lib.score_index(x, w, np.ascontiguousarray(s[:, 0]), np.ascontiguousarray(s[:, 1]), v,
                       opt)
    except LIBRARY_ERRORS as e:
        raise locate(e, items, weights, columns=columns, kind="item") from None
    return _mean_result(d)
