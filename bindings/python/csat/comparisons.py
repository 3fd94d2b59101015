"""Comparisons of scores: against a benchmark, between two surveys or
segments, across waves; adjusted p-values, percentile rank among peers and
expectation–perception gaps.

    a = csat.nps(this_year); b = csat.nps(last_year)
    csat.compare(a, b)                    # NPS difference, z test, Wald interval
    csat.compare(a, benchmark=32)         # against an industry value
    csat.compare(csat.csat(x), benchmark=0.8)  # share vs 80 %: score test, Wilson
    csat.compare(csat.mean_score(x), csat.mean_score(y))   # Welch t test
    csat.adjust([0.01, 0.04, 0.03], "holm")
    csat.trend([wave1, wave2, wave3])     # inverse-variance weighted slope
    csat.gap(expected_df, perceived_df)   # paired gap per attribute

Comparisons take results (NPSResult, ShareResult, MeanResult; a CESResult
is compared by its mean effort), never raw data, so a score computed once
or merged from shards compares with anything. Every number, the tests and
intervals included, is computed by the C library; see doc/methods.md,
"Comparisons", for the formulas.
"""

import math

import numpy as np

from . import core as _core
from . import _options
from ._convert import (_is_pandas, aligned, as_matrix, as_numbers, as_optional_vector,
                       as_vector, pandas_module)
from ._errors import LIBRARY_ERRORS, locate
from .results import CESResult, MeanResult, NPSResult, ShareResult, _Result, c_result

ADJUST_METHODS = {
    "holm": _core.CSAT_ADJUST_HOLM,
    "bh": _core.CSAT_ADJUST_BH,
    "fdr_bh": _core.CSAT_ADJUST_BH,
    "bonferroni": _core.CSAT_ADJUST_BONFERRONI,
}

_GAP_COLUMNS = ("gap", "se", "ci_lower", "ci_upper", "t", "df", "p", "pairs")


_pandas = pandas_module


@c_result("comparison", extras_first=True)
class Comparison(_Result):
    """A difference with its uncertainty and two-sided test.

    `diff` is first minus second (or minus the benchmark / target) in the
    scores' units: NPS points, proportions for shares (0.05 is 5
    percentage points), the rating's own unit for means. `se` is its
    standard error, `ci` the interval at `level`, `statistic` the z or t
    statistic and `p` its two-sided p-value. `df` is the t test's degrees
    of freedom, float('inf') for a z test (NPS, shares, trend changes).
    `kind` says what was compared.
    """
    kind: str

    @property
    def test(self):
        """"z" for a normal test (df infinite), "t" otherwise."""
        return "z" if math.isinf(self.df) else "t"


@c_result("trend_result")
class Trend(_Result):
    """A linear trend across waves: `slope` per unit of time with its
    standard error (sampling variances known, inverse-variance weights),
    normal interval `ci`, `z`, two-sided `p`, the fitted score at time 0
    (`intercept`), the number of `waves` and the wave-over-wave `changes`
    (Comparisons, wave i+1 minus wave i)."""
    changes: tuple

    @classmethod
    def _from_c(cls, d, changes):
        return super()._from_c(d, changes=tuple(Comparison._from_c(c, kind="change")
                                                for c in changes))

    def _repr_html_(self):
        """The trend's fields and a table of the wave-over-wave changes,
        the numbers of repr (Jupyter)."""
        from ._html import Markup, block, fields, table
        from dataclasses import fields as _fields
        own = [(f.name, getattr(self, f.name)) for f in _fields(self) if f.name != "changes"]
        names = [f.name for f in _fields(Comparison)]
        changes = table([[getattr(c, n) for n in names] for c in self.changes], names)
        return block("Trend", fields(own + [("changes", Markup(changes))]))


@c_result("rank_result")
class Rank(_Result):
    """Where a score stands among peers: mid-rank `percentile` (0–100),
    `rank` among the peers and the score (1 = highest, ties share the
    better position) `of` peers + 1 positions, and the numbers of peers
    `below` and `equal`."""


# Results in --------------------------------------------------------------------

def _kind(result):
    """("nps" | "share" | "mean", the C fields) of a result object."""
    if isinstance(result, CESResult):
        return "mean", result.effort._to_c()
    if isinstance(result, NPSResult):
        return "nps", result._to_c()
    if isinstance(result, ShareResult):
        return "share", result._to_c()
    if isinstance(result, MeanResult):
        return "mean", result._to_c()
    raise TypeError("expected an NPSResult, ShareResult, MeanResult or CESResult, not "
                    f"{type(result).__name__}")


_BENCHMARK = {"nps": _core.compare_nps_benchmark, "share": _core.compare_share_benchmark,
              "mean": _core.compare_mean_benchmark}
_TWO = {"nps": _core.compare_nps, "share": _core.compare_shares, "mean": _core.compare_means}


def compare(a, b=None, *, benchmark=None, level=None):
    """Compare a result with another one (independent samples) or with a
    benchmark value; returns a Comparison of a − b (or a − benchmark).

    NPSResult: difference of the scores, SE √(se_a² + se_b²), z test, Wald
    interval; against a benchmark NPS (−100..100), z test on a's SE.
    ShareResult: difference of the shares as a proportion (0.05 is 5
    percentage points) with Newcombe's hybrid score interval and the pooled
    two-proportion z test, on the effective sample sizes; against a
    benchmark share, a proportion strictly between 0 and 1 (0.3 for 30 %;
    30 is refused with ValueError), the score z test and a's Wilson
    interval shifted by the benchmark.
    MeanResult (and CESResult, by its mean effort): Welch's t test with
    Welch–Satterthwaite df; against a benchmark, the one-sample t test.

    Both results must be of the same kind (TypeError otherwise); give
    either `b` or `benchmark` (ValueError otherwise). `level`: of the
    interval (default: the library's, 0.95).
    """
    if (b is None) == (benchmark is None):
        raise ValueError("give either a second result b or a benchmark value, not "
                         + ("both" if b is not None else "neither"))
    kind, ca = _kind(a)
    opt = _options.compare(level)
    if benchmark is not None:
        d = _BENCHMARK[kind](ca, _options.real(benchmark, "benchmark"), opt)
        return Comparison._from_c(d, kind=kind + " vs benchmark")
    kind_b, cb = _kind(b)
    if kind_b != kind:
        raise TypeError(f"cannot compare a {type(a).__name__} with a {type(b).__name__}: "
                        "both must be NPS results, share results or means")
    return Comparison._from_c(_TWO[kind](ca, cb, opt), kind=kind)


def adjust(pvalues, method=None):
    """Adjusted p-values for many comparisons, in input order: "holm"
    (Holm's step-down, family-wise error rate), "bh" or "fdr_bh"
    (Benjamini–Hochberg, false discovery rate) or "bonferroni"; as
    statsmodels' multipletests (default: the library's, "holm"). A pandas
    Series gives a Series with the same index; anything else a numpy
    array."""
    try:
        code = None if method is None else ADJUST_METHODS[method]
    except (KeyError, TypeError):
        raise ValueError(f"method must be one of {', '.join(map(repr, ADJUST_METHODS))}, "
                         f"not {method!r}") from None
    x = as_vector(pvalues, "pvalues")
    try:
        values = _core.compare_adjust(x, _options.adjust(code))
    except LIBRARY_ERRORS as e:
        raise locate(e, pvalues) from None
    out = np.array(values, dtype=np.float64)
    if _is_pandas(pvalues) and hasattr(pvalues, "index") and not hasattr(pvalues, "columns"):
        return _pandas().Series(out, index=pvalues.index, name=pvalues.name)
    return out


def _score_se(item):
    """(score, se) of a result object or a (score, se) pair; a share result
    gives its share, in the unit of its se (a proportion)."""
    if isinstance(item, ShareResult):
        return item.share, item.se
    if isinstance(item, (NPSResult, ShareResult, MeanResult, CESResult)):
        r = item.effort if isinstance(item, CESResult) else item
        return r.score, r.se
    try:
        score, se = item
    except (TypeError, ValueError):
        raise TypeError("a wave must be a result or a (score, se) pair, not "
                        f"{item!r}") from None
    return _options.real(score, "score"), _options.real(se, "se")


def trend(results, times=None, *, level=None):
    """Linear trend of scores across waves, weighted by 1/se² (sampling
    variances known: statsmodels' WLS with cov_type "fixed scale"), and the
    change from each wave to the next (z tests).

    `results`: the waves in time order, as result objects of one kind or
    (score, se) pairs. Share results enter as their share and SE, so the
    slope and changes of shares are proportions too. `times`: strictly
    increasing wave times (default 0, 1, …). `level`: of the intervals
    (default: the library's, 0.95). Returns a Trend.
    """
    items = list(results)
    kinds = {type(r.effort if isinstance(r, CESResult) else r) for r in items
             if isinstance(r, (NPSResult, ShareResult, MeanResult, CESResult))}
    if len(kinds) > 1:
        raise TypeError("the waves of a trend must be results of one kind, not "
                        + ", ".join(sorted(k.__name__ for k in kinds)))
    pairs = [_score_se(r) for r in items]
    scores = np.array([s for s, _ in pairs], dtype=np.float64)
    ses = np.array([e for _, e in pairs], dtype=np.float64)
    t = as_optional_vector(times, "times")
    opt = _options.compare(level)
    try:
        d, changes = _core.compare_trend(scores, ses, t, opt)
    except LIBRARY_ERRORS as e:
        raise locate(e, results, also=(times,)) from None
    return Trend._from_c(d, changes)


def percentile_rank(score, peers):
    """Percentile rank (mid-rank, as scipy's percentileofscore with kind
    "mean") and rank of `score` (a number or a result's score) among the
    peer scores. Returns a Rank."""
    if isinstance(score, (NPSResult, ShareResult, MeanResult, CESResult)):
        score = score.score
    score = _options.real(score, "score")
    x = as_vector(peers, "peers")
    try:
        d = _core.compare_rank(score, x, None)
    except LIBRARY_ERRORS as e:
        raise locate(e, peers) from None
    return Rank._from_c(d)


def _as_table(x, what):
    """A 2-D float64 matrix and its column names (None without), from a
    DataFrame, a 2-D array or list of rows, or a Series / 1-D array (one
    attribute)."""
    if _is_pandas(x) and hasattr(x, "to_frame") and not hasattr(x, "columns"):
        x = x.to_frame()
    if not _is_pandas(x) and np.ndim(x) == 1:
        x = as_numbers(x, what).reshape(-1, 1)
    return as_matrix(x, what)


def gap(expected, perceived=None, *, target=None, level=None, names=None):
    """Expectation–perception gap.

    gap(expected, perceived): per attribute (column), the mean of
    perceived − expected over the respondents who rated both (NaN-aware,
    pairwise per attribute) with the paired t interval and test (scipy's
    ttest_rel on the complete pairs). Both are 2-D (rows are respondents)
    of the same shape: DataFrames with the same columns (matched by name),
    arrays or lists of rows. Returns a DataFrame indexed by attribute with
    columns gap, se, ci_lower, ci_upper, t, df, p, pairs (attrs["level"]),
    or without pandas a dict of arrays (and "attribute": the names).

    gap(perceived_result, target=value): a MeanResult against a target
    positioning value, perceived − target with the one-sample t test;
    returns a Comparison. `level`: of the intervals (default: the
    library's, 0.95).
    """
    opt = _options.compare(level)
    if target is not None:
        if perceived is not None:
            raise ValueError("give either perceived data or a target value, not both")
        kind, c = _kind(expected)
        if kind != "mean":
            raise TypeError(f"a target gap needs a MeanResult, not {type(expected).__name__}")
        return Comparison._from_c(
            _core.compare_mean_benchmark(c, _options.real(target, "target"), opt), kind="gap")
    if perceived is None:
        raise ValueError("give perceived data (or a result and target=)")
    if _is_pandas(expected) and _is_pandas(perceived) and hasattr(expected, "columns") \
            and hasattr(perceived, "columns"):
        if set(expected.columns) != set(perceived.columns) or \
                len(set(expected.columns)) != len(expected.columns):
            raise ValueError("expected and perceived must have the same (unique) columns; "
                             f"got {list(expected.columns)} and {list(perceived.columns)}")
        perceived = perceived[list(expected.columns)]
    perceived = aligned(perceived, expected, "perceived", "expected")  # rows by index label
    e, columns = _as_table(expected, "expected")
    p, pcolumns = _as_table(perceived, "perceived")
    columns = columns if columns is not None else pcolumns
    if names is not None:
        if isinstance(names, str):
            raise TypeError("names must be a sequence of names, not a string")
        names = list(names)
        if len(names) != e.shape[1]:
            raise ValueError(f"names has {len(names)} entries for {e.shape[1]} attributes")
    elif columns is not None:
        names = list(columns)
    try:
        comparisons, pairs = _core.compare_gap(e, p, opt)
    except LIBRARY_ERRORS as err:
        raise locate(err, expected, also=(perceived,), columns=names,
                     kind="attribute") from None
    table = {
        "gap": np.array([c["diff"] for c in comparisons], dtype=np.float64),
        "se": np.array([c["se"] for c in comparisons], dtype=np.float64),
        "ci_lower": np.array([c["ci_lower"] for c in comparisons], dtype=np.float64),
        "ci_upper": np.array([c["ci_upper"] for c in comparisons], dtype=np.float64),
        "t": np.array([c["statistic"] for c in comparisons], dtype=np.float64),
        "df": np.array([c["df"] for c in comparisons], dtype=np.float64),
        "p": np.array([c["p"] for c in comparisons], dtype=np.float64),
        "pairs": np.array(pairs, dtype=np.int64),
    }
    pd = _pandas()
    if pd is None:
        return {"attribute": names if names is not None else list(range(len(pairs))),
                **table}
    frame = pd.DataFrame(table, columns=list(_GAP_COLUMNS),
                         index=pd.Index(names, name="attribute") if names is not None
                         else pd.RangeIndex(len(pairs), name="attribute"))
    frame.attrs["level"] = comparisons[0]["level"] if comparisons else opt.level
    return frame
