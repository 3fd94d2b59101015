"""Key-driver analysis: which attributes drive overall satisfaction.

    model = csat.key_drivers(df, "overall", "weight")   # y, weights as column names
    print(model.summary())
    model.importance("lmg")          # Shapley decomposition of R²
    model.ipa("lmg", rescale=(1, 10))

`key_drivers` fits the least-squares regression of an outcome on the
drivers (statsmodels' WLS, R's lm with weights; OLS without weights) and
returns a KeyDriverModel: coefficients with standard errors, t, p and
intervals, R², F, standardised betas, VIF, the condition number and the relative
importance measures (first, last, beta², Pratt, LMG, relative weights),
dominance analysis, bootstrap intervals and importance-performance
quadrants. `XProd` accumulates the cross-products of data seen in shards
(mergeable, picklable) and `key_drivers_from` fits from it.

A row with a missing value (NaN, None, pd.NA) in a driver or the outcome
is left out as a whole and counted in `n_missing`. Bad data or options
raise ValueError; a singular design (a constant driver, a driver that is
a linear combination of others, a constant outcome) raises
csat.SingularError, an ArithmeticError whose message names the driver.

Per-driver results are pandas objects labelled by driver name when the
names are known (a DataFrame's columns or `names=`) and pandas is
installed, numpy arrays otherwise. Every number comes from the C library.
"""

import warnings
from collections import namedtuple
from collections.abc import Mapping

import numpy as np

from . import core as _core
from . import _options, _progress
from ._convert import _is_pandas, aligned, as_matrix, as_vector, as_weights, pandas_module
from ._errors import LIBRARY_ERRORS, locate
from ._core import SingularError
from .accum import Mergeable
from .results import Sample, c_fields, python_fields

INTERCEPT = "(intercept)"

METHODS = {
    "first": _core.CSAT_IMPORTANCE_FIRST,
    "last": _core.CSAT_IMPORTANCE_LAST,
    "beta2": _core.CSAT_IMPORTANCE_BETA2,
    "pratt": _core.CSAT_IMPORTANCE_PRATT,
    "lmg": _core.CSAT_IMPORTANCE_LMG,
    "relative_weights": _core.CSAT_IMPORTANCE_RELATIVE_WEIGHTS,
}

QUADRANTS = {
    _core.CSAT_IPA_CONCENTRATE_HERE: "concentrate here",
    _core.CSAT_IPA_KEEP_UP: "keep up the good work",
    _core.CSAT_IPA_LOW_PRIORITY: "low priority",
    _core.CSAT_IPA_POSSIBLE_OVERKILL: "possible overkill",
}

# The fields of a coefficient and of a driver, as the library lists them.
_TERM_FIELDS = tuple(name for name, _ in c_fields("coefficient"))
_DRIVER_FIELDS = tuple(name for name, _ in c_fields("driver_info"))


_pandas = pandas_module


# Arguments -------------------------------------------------------------------

def _method(value):
    try:
        return METHODS[value]
    except (KeyError, TypeError):
        raise ValueError(f"method must be one of {', '.join(map(repr, METHODS))}, "
                         f"not {value!r}") from None


def _count(value, name):
    v = _options.integer(value, name)
    if v < 0:
        raise ValueError(f"{name} must be a non-negative integer, not {v}")
    return v


def _threads(value):
    v = _options.integer(value, "threads")
    if not 0 <= v < 2**32:
        raise ValueError(f"threads must be an integer in [0, 2**32) (0: every core), not {v}")
    return v


def _seed(value):
    v = _options.integer(value, "seed")
    if not 0 <= v < 2**64:
        raise ValueError(f"seed must be an integer in [0, 2**64), not {v}")
    return v


def _flag(value, name):
    if isinstance(value, (bool, np.bool_)) or value in (0, 1):
        return 1 if value else 0
    raise TypeError(f"{name} must be True or False, not {value!r}")


def _fit_options(intercept, level):
    """The fit's options: the C defaults with the arguments that are not None."""
    o = _core.drivers_options()
    if intercept is not None:
        o.intercept = _flag(intercept, "intercept")
    if level is not None:
        o.level = _options.real(level, "level")
    return o


def _is_label(value):
    """A column name rather than data: a string or another scalar."""
    return value is not None and (isinstance(value, str) or np.ndim(value) == 0)


def _column(frame, label, what):
    if label not in frame.columns:
        raise ValueError(f"{what} {label!r} is not a column of X")
    return frame[label]


def _prepare(X, y, weights):
    """(X, y, weights, driver names or None, outcome name or None): float64
    arrays for the library; `y` and `weights` may name columns of a
    DataFrame `X`, which are then not drivers. A pandas `y` or `weights`
    given with a DataFrame `X` is matched to its rows by index label."""
    if _is_pandas(X) and hasattr(X, "columns"):
        drop = []
        outcome = None
        if _is_label(y):
            outcome = y
            drop.append(y)
            y = _column(X, y, "y")
        if _is_label(weights):
            if drop and weights == drop[0]:
                raise ValueError(f"the column {weights!r} cannot be both y and weights")
            drop.append(weights)
            weights = _column(X, weights, "weights")
        x, columns = as_matrix(X.drop(columns=drop) if drop else X, "X")
    else:
        for value, what in ((y, "y"), (weights, "weights")):
            if _is_label(value):
                raise TypeError(f"{what} may be a column name only when X is a DataFrame")
        x, columns = as_matrix(X, "X")
        outcome = None
    return (x, as_vector(aligned(y, X, "y", "X"), "y"), as_weights(weights, X, like_what="X"),
            columns, outcome)


def _driver_names(names, columns, p):
    """The driver names and whether they were given by the caller."""
    if names is None:
        if columns is not None:
            return list(columns), True
        return [f"x{j + 1}" for j in range(p)], False
    if isinstance(names, str):
        raise TypeError("names must be a sequence of names, not a string")
    names = list(names)
    if len(names) != p:
        raise ValueError(f"names has {len(names)} entries for {p} drivers")
    return names, True


def _check_unique(names):
    seen = set()
    for n in names:
        if n in seen:
            raise ValueError(f"the driver name {n!r} occurs more than once")
        seen.add(n)


def _named_error(e, names, outcome, X=None, y=None, weights=None):
    """The library's error in the caller's terms: the driver (or outcome)
    it concerns named ("driver 2 is constant" becomes "driver 2 ('price')
    is constant") and, for pandas input, the index label of the row (see
    csat._errors)."""
    if _is_pandas(X) and hasattr(X, "columns"):
        if _is_label(weights) and weights in X.columns:
            weights = X[weights]
        if _is_label(y) and y in X.columns:
            y = X[y]
    if outcome is None and _is_pandas(y) and not hasattr(y, "columns"):
        outcome = getattr(y, "name", None)
    return locate(e, X, weights, also=(y,), columns=names, outcome=outcome, kind="driver")


# Results ---------------------------------------------------------------------

class Dominance:
    """Dominance analysis (Budescu 1993; Azen & Budescu 2003).

    `general`: general dominance weights (= LMG, sum to R²), one per driver.
    `conditional`: p × p, row j, column k = mean R² gain of driver j over
    the subsets of k other drivers (k = 0..p−1; column 0 is r², column
    p−1 the "last" measure).
    `complete`: p × p, [i, j] = 1 if driver i completely dominates j, 0 if
    j dominates i, 0.5 if neither (diagonal 0.5).
    DataFrames / a Series when the model's names are known, else arrays.
    Also readable as a dict: d["general"].
    """

    __slots__ = ("general", "conditional", "complete")

    def __init__(self, general, conditional, complete):
        self.general = general
        self.conditional = conditional
        self.complete = complete

    def __getitem__(self, key):
        if key not in self.__slots__:
            raise KeyError(key)
        return getattr(self, key)

    def keys(self):
        return list(self.__slots__)

    def to_dict(self):
        return {k: getattr(self, k) for k in self.__slots__}

    def __repr__(self):
        g = np.asarray(self.general)
        return f"Dominance(general=[{', '.join(f'{v:.4g}' for v in g)}])"

    def _repr_html_(self):
        from ._html import dominance
        return dominance(self)


class BootstrapInterval(namedtuple("BootstrapInterval", ["lower", "upper"])):
    """Bootstrap percentile limits (lower, upper), one per driver; `failed`
    is the number of singular replicates that were drawn again."""

    failed = 0


class KeyDriverModel:
    """A fitted key-driver model (see csat.key_drivers).

    Model statistics: r2, adj_r2, sigma, f, f_p, df_model, df_resid,
    condition, level, n, n_missing, n_weighted, n_effective, intercept,
    names, terms, design (the csat.Design of a designed fit, else None).
    Per term (intercept first when there is one): coef, se, t, p, ci.
    Per driver: beta, vif, r, means, sds.
    Methods: importance, importance_se, shares, dominance, bootstrap, ipa,
    summary, to_frame, to_dict.
    """

    def __init__(self, handle, names, labelled=False, outcome=None, weighted=None,
                 design=None):
        s = _core.drivers_summary(handle)
        if s["p"] != len(names):
            raise ValueError(f"names has {len(names)} entries for {s['p']} drivers")
        self._m = handle
        self._s = s
        # Importance results by (method, exact_max, permutations, seed): the
        # model does not change, so importance, importance_se, shares and ipa
        # of the same question reuse one computation (an exact LMG at p = 23
        # takes seconds).
        self._importance_cache = {}
        # The survey design of a designed fit (None otherwise), kept with the
        # model whose bootstrap resamples its PSUs.
        self.design = design
        self._labelled = bool(labelled) and _pandas() is not None
        self.names = list(names)
        self.outcome = outcome
        # Whether weights were given; unknown for a fit from an XProd, whose
        # sample sizes tell: unit weights (or none) leave n_weighted and
        # n_effective equal to n, and then the fit is ordinary least squares.
        if weighted is None:
            weighted = not (s["n_weighted"] == s["n"] and s["n_effective"] == s["n"])
        self._weighted = bool(weighted)
        terms = [_core.drivers_coefficient(handle, j) for j in range(s["p"] + s["intercept"])]
        self._terms = {f: np.array([t[f] for t in terms], dtype=np.float64)
                       for f in _TERM_FIELDS}
        info = [_core.drivers_driver(handle, j) for j in range(s["p"])]
        self._info = {f: np.array([d[f] for d in info], dtype=np.float64)
                      for f in _DRIVER_FIELDS}

    # Model statistics, as the library gives them.
    r2 = property(lambda self: self._s["r2"], doc="R² (uncentred without intercept).")
    adj_r2 = property(lambda self: self._s["adj_r2"], doc="Adjusted R².")
    sigma = property(lambda self: self._s["sigma"], doc="Residual standard deviation.")
    f = property(lambda self: self._s["f"], doc="F statistic against the null model.")
    f_p = property(lambda self: self._s["f_p"], doc="p value of the F statistic.")
    df_model = property(lambda self: self._s["df_model"], doc="Model degrees of freedom.")
    df_resid = property(lambda self: self._s["df_resid"], doc="Residual degrees of freedom.")
    condition = property(lambda self: self._s["condition"],
                         doc="Condition number of the drivers' correlation matrix.")
    level = property(lambda self: self._s["level"], doc="Level of the intervals `ci`.")
    n = property(lambda self: self._s["n"], doc="Complete rows used.")
    n_missing = property(lambda self: self._s["n_missing"], doc="Rows left out for a NaN.")
    n_weighted = property(lambda self: self._s["n_weighted"], doc="Sum of the weights.")
    n_effective = property(lambda self: self._s["n_effective"],
                           doc="Kish effective sample size.")
    intercept = property(lambda self: bool(self._s["intercept"]),
                         doc="Whether the model has an intercept.")
    n_drivers = property(lambda self: self._s["p"], doc="Number of drivers.")

    @property
    def terms(self):
        """Names of the coefficients: "(intercept)" (if any), then the drivers."""
        return ([INTERCEPT] if self.intercept else []) + self.names

    def _per_term(self, values, name):
        if self._labelled:
            return _pandas().Series(values.copy(), index=self.terms, name=name)
        return values.copy()

    def _per_driver(self, values, name):
        if self._labelled:
            return _pandas().Series(np.array(values, dtype=np.float64), index=self.names,
                                    name=name)
        return np.array(values, dtype=np.float64)

    coef = property(lambda self: self._per_term(self._terms["estimate"], "coef"),
                    doc="Coefficients (intercept first).")
    se = property(lambda self: self._per_term(self._terms["se"], "se"),
                  doc="Standard errors of the coefficients.")
    t = property(lambda self: self._per_term(self._terms["t"], "t"), doc="t statistics.")
    p = property(lambda self: self._per_term(self._terms["p"], "p"), doc="Two-sided p values.")
    beta = property(lambda self: self._per_driver(self._info["beta"], "beta"),
                    doc="Standardised coefficients.")
    vif = property(lambda self: self._per_driver(self._info["vif"], "vif"),
                   doc="Variance inflation factors.")
    r = property(lambda self: self._per_driver(self._info["r"], "r"),
                 doc="Correlations of the drivers with the outcome.")
    means = property(lambda self: self._per_driver(self._info["mean"], "mean"),
                     doc="Weighted means of the drivers.")
    sds = property(lambda self: self._per_driver(self._info["sd"], "sd"),
                   doc="Weighted standard deviations of the drivers.")

    @property
    def ci(self):
        """Confidence intervals of the coefficients at `level`: a (terms × 2)
        array, or a DataFrame with columns lower, upper."""
        a = np.column_stack([self._terms["ci_lower"], self._terms["ci_upper"]])
        if self._labelled:
            return _pandas().DataFrame(a, index=self.terms, columns=["lower", "upper"])
        return a

    # Relative importance ---------------------------------------------------

    def _importance_options(self, exact_max=None, permutations=None, seed=None, threads=None):
        o = _core.importance_options()      # the C defaults, then what is given
        if exact_max is not None:
            o.exact_max = _count(exact_max, "exact_max")
        if permutations is not None:
            o.permutations = _count(permutations, "permutations")
        if seed is not None:
            o.seed = _seed(seed)
        if threads is not None:
            o.threads = _threads(threads)
        return o

    def _bootstrap_options(self, reps=None, level=None, seed=None, threads=None,
                           importance=None):
        o = _core.bootstrap_options()       # the C defaults, then what is given
        if reps is not None:
            o.reps = _count(reps, "reps")
        if level is not None:
            o.level = _options.real(level, "level")
        if seed is not None:
            o.seed = _seed(seed)
        if threads is not None:
            o.threads = _threads(threads)
        if importance is not None:
            o.importance = importance       # the caller keeps `importance` alive
        return o

    def _work(self, code, iopt, bopt=None):
        try:
            return _core.drivers_work(self._m, code, iopt, bopt)
        except LIBRARY_ERRORS as e:
            raise locate(e, None, columns=self.names, kind="driver") from None

    def cost(self, method="lmg", *, bootstrap=False, reps=None, exact_max=None,
             permutations=None, threads=None):
        """What importance(method) — or, with `bootstrap=True`, bootstrap(method)
        — would cost, without computing it: a dict with

        units       the work units its progress counts (2^p subsets for an
                    exact LMG, the orderings of the Monte Carlo LMG, 1 for
                    the other measures; times reps for a bootstrap)
        unit_flops  floating-point operations per unit
        flops       floating-point operations, a multiply-add counted as two
        exact       False for the Monte Carlo LMG
        seconds     a rough time on `threads` threads (None: every core),
                    at 5 GFLOP/s a core

        The options are those of importance() and bootstrap(); an option
        they would refuse raises here too.
        """
        code = _method(method)
        iopt = self._importance_options(exact_max, permutations, None, threads)
        bopt = (self._bootstrap_options(reps, None, None, threads, iopt)
                if bootstrap else None)
        out = python_fields("work", self._work(code, iopt, bopt))
        out["exact"] = bool(out["exact"])
        out["seconds"] = out["flops"] / (_progress.FLOPS_PER_CORE * _progress.cores(threads))
        return out

    def _warn_long(self, code, iopt, bopt, threads, what, stacklevel=3):
        """A LongWorkWarning before work estimated above a minute, with what
        is faster."""
        w = self._work(code, iopt, bopt)
        cores = _progress.cores(threads)
        seconds = w["flops"] / (_progress.FLOPS_PER_CORE * cores)
        if seconds <= _progress.WARN_SECONDS:
            return
        p = len(self.names)
        text = (f"{what} will take about {_progress.duration(seconds)} on {cores} "
                f"core{'s' if cores != 1 else ''} ({w['units']:,.0f} work units, "
                f"{w['flops']:.3g} floating-point operations)")
        if code == _core.CSAT_IMPORTANCE_LMG and w["exact"] and p > 2:
            mc = _core.importance_options()
            mc.exact_max = p - 1
            mc.permutations = iopt.permutations
            mc_bopt = None
            if bopt is not None:
                mc_bopt = self._bootstrap_options(bopt.reps, None, None, threads, mc)
            mw = self._work(code, mc, mc_bopt)
            mc_seconds = mw["flops"] / (_progress.FLOPS_PER_CORE * cores)
            text += (f"; exact_max={p - 1} gives the Monte Carlo LMG over "
                     f"{mc.permutations:,} orderings in about {_progress.duration(mc_seconds)}"
                     f", with its standard errors in importance_se")
        elif bopt is not None:
            text += "; fewer reps shorten it in proportion"
        text += " (Ctrl-C stops it; progress=True shows a bar)"
        warnings.warn(_progress.LongWorkWarning(text), stacklevel=stacklevel)

    def _importance(self, method, exact_max=None, permutations=None, seed=None, threads=None,
                    progress=False):
        o = self._importance_options(exact_max, permutations, seed, threads)
        code = _method(method)
        # threads and progress change how, not what: one cache entry.
        key = (code, o.exact_max, o.permutations, o.seed)
        hit = self._importance_cache.get(key)
        if hit is None:
            self._warn_long(code, o, None, threads, f"importance({method!r})", stacklevel=4)
            try:
                with _progress.watching(progress, f"importance {method}") as fn:
                    values, se = _core.drivers_importance(self._m, code, o, fn)
            except LIBRARY_ERRORS as e:
                raise locate(e, None, columns=self.names, kind="driver") from None
            hit = (np.array(values, dtype=np.float64), np.array(se, dtype=np.float64))
            self._importance_cache[key] = hit
        # Copies: a caller's change must not reach the cache.
        return hit[0].copy(), hit[1].copy()

    def importance(self, method="lmg", *, exact_max=None, permutations=None, seed=None,
                   threads=None, progress=False):
        """Relative importance of each driver by `method`:

        "first"  squared correlation with the outcome r²
        "last"   drop in R² when the driver is left out
        "beta2"  squared standardised coefficient
        "pratt"  Pratt's measure beta · r (sums to R²)
        "lmg"    LMG / Shapley value of R² (sums to R²); exact over all
                 subsets up to `exact_max` drivers, above it a Monte Carlo
                 mean over `permutations` random orderings drawn from `seed`
                 (see importance_se)
        "relative_weights"  Johnson's relative weights (sum to R²)

        All but "first" and "beta2" need a model with an intercept. Options
        left at None take the library's defaults: exact_max 25, permutations
        20000, seed 1, threads 0 (every core; the numbers are the same for
        every count). `progress=True` shows a progress bar with the time
        left (tqdm when installed), a callable (done, total) receives the
        progress instead; Ctrl-C stops the computation (KeyboardInterrupt).
        Work estimated above a minute warns first (csat.LongWorkWarning;
        see cost()). The model keeps each result: importance, importance_se,
        shares and ipa of the same method and options compute it once.
        """
        values, _ = self._importance(method, exact_max, permutations, seed, threads, progress)
        return self._per_driver(values, method)

    def importance_se(self, method="lmg", *, exact_max=None, permutations=None, seed=None,
                      threads=None, progress=False):
        """Monte Carlo standard errors of importance() (0 when exact)."""
        _, se = self._importance(method, exact_max, permutations, seed, threads, progress)
        return self._per_driver(se, method + " se")

    def shares(self, method="lmg", **options):
        """importance(method) / R²: the share of the explained variance
        (sums to 1 for pratt, lmg and relative_weights). Takes importance()'s
        options."""
        values, _ = self._importance(method, **options)
        return self._per_driver(values / self.r2, method + " share")

    def dominance(self, *, threads=None, progress=False):
        """Dominance analysis: general, conditional and complete dominance
        (see Dominance). Needs an intercept and at most 24 drivers.
        `threads` and `progress` as in importance(); Ctrl-C stops it."""
        o = self._importance_options(threads=threads)
        o.exact_max = max(o.exact_max, len(self.names))  # its cost is the exact LMG's
        if len(self.names) <= _core.CSAT_DOMINANCE_MAX and self.intercept:
            self._warn_long(_core.CSAT_IMPORTANCE_LMG, o, None, threads, "dominance()")
        try:
            with _progress.watching(progress, "dominance") as fn:
                general, conditional, complete = _core.drivers_dominance(self._m, o, fn)
        except LIBRARY_ERRORS as e:
            raise locate(e, None, columns=self.names, kind="driver") from None
        k = len(self.names)
        g = np.array(general, dtype=np.float64)
        c = np.array(conditional, dtype=np.float64).reshape(k, k)
        d = np.array(complete, dtype=np.float64).reshape(k, k)
        if self._labelled:
            pd = _pandas()
            c = pd.DataFrame(c, index=self.names,
                             columns=pd.RangeIndex(k, name="subset size"))
            d = pd.DataFrame(d, index=self.names, columns=self.names)
            g = pd.Series(g, index=self.names, name="general")
        return Dominance(g, c, d)

    def bootstrap(self, method="lmg", reps=None, level=None, seed=None, *, exact_max=None,
                  permutations=None, threads=None, progress=False):
        """Bootstrap percentile intervals of importance(method): rows are
        resampled with replacement (weights travel with them; a designed
        model resamples its PSUs within strata) `reps` times from `seed`;
        the same seed gives the same numbers everywhere and for every
        number of `threads`. Options left at None take the library's
        defaults: reps 1000, level 0.95, seed 1, threads 0 (every core).
        `exact_max` and `permutations` are the LMG options of the measure in
        each replicate (as in importance(); a replicate's Monte Carlo LMG is
        seeded from its own stream). `progress` as in importance(); Ctrl-C
        stops it. Work estimated above a minute warns first
        (csat.LongWorkWarning; cost(bootstrap=True) tells before).

        Returns a BootstrapInterval (lower, upper) of arrays, or, when the
        names are known, a DataFrame with columns estimate, lower, upper
        (`.attrs["failed"]`: singular replicates drawn again). Not
        available for a model fitted from an XProd.
        """
        code = _method(method)
        io = self._importance_options(exact_max, permutations)
        o = self._bootstrap_options(reps, level, seed, threads, io)
        try:
            self._warn_long(code, io, o, threads, f"bootstrap({method!r})")
        except LIBRARY_ERRORS:
            pass                            # the call below raises it, located
        try:
            with _progress.watching(progress, f"bootstrap {method}") as fn:
                lower, upper, failed = _core.drivers_bootstrap(self._m, code, o, fn)
        except LIBRARY_ERRORS as e:
            raise locate(e, None, columns=self.names, kind="driver") from None
        lower = np.array(lower, dtype=np.float64)
        upper = np.array(upper, dtype=np.float64)
        if self._labelled:
            pd = _pandas()
            estimate, _ = self._importance(method, exact_max, permutations, threads=threads)
            frame = pd.DataFrame({"estimate": estimate, "lower": lower, "upper": upper},
                                 index=self.names)
            frame.attrs.update(method=method, reps=o.reps, level=o.level, seed=o.seed,
                               failed=failed)
            return frame
        result = BootstrapInterval(lower, upper)
        result.failed = failed
        return result

    def ipa(self, method="lmg", performance=None, *, rescale=False, importance_cross=None,
            performance_cross=None, progress=False):
        """Importance-performance analysis (Martilla & James 1977).

        Importance is importance(method); performance is `performance` (one
        value per driver, or a mapping by name) or else the drivers' means.
        `rescale=(min, max)` turns performance into 0–100:
        100 · (value − min) / (max − min). A driver is important when its
        importance is at least `importance_cross` and performing when its
        performance is at least `performance_cross` (same units as the
        performance shown); None means the mean over the drivers.
        Quadrants: "concentrate here" (important, performing below),
        "keep up the good work", "low priority", "possible overkill".
        Returns a DataFrame indexed by driver with columns importance,
        performance and quadrant; a dict of the same columns plus "driver"
        without pandas. `progress` as in importance() (the importance is
        computed once per model and options).
        """
        importance, _ = self._importance(method, progress=progress)
        if performance is None:
            perf = self._info["mean"].copy()
        elif isinstance(performance, Mapping):
            missing = [n for n in self.names if n not in performance]
            if missing:
                raise ValueError(f"performance has no value for the drivers {missing}")
            perf = as_vector([performance[n] for n in self.names], "performance")
        else:
            if (_is_pandas(performance) and hasattr(performance, "index")
                    and set(performance.index) == set(self.names)):
                performance = performance.reindex(self.names)  # align by driver name
            perf = as_vector(performance, "performance").copy()
        if rescale is not False and rescale is not None:
            if isinstance(rescale, bool):
                raise TypeError("rescale must be a pair (min, max) of the rating scale")
            try:
                lo, hi = rescale
            except (TypeError, ValueError):
                raise TypeError(f"rescale must be a pair (min, max), not {rescale!r}") from None
            lo, hi = _options.real(lo, "rescale[0]"), _options.real(hi, "rescale[1]")
            if not hi > lo:
                raise ValueError(f"rescale must have min < max, not {rescale!r}")
            perf = 100.0 * (perf - lo) / (hi - lo)
        opt = _core.ipa_options()              # None: the library's default, the mean
        if importance_cross is not None:
            opt.importance_cross = _options.real(importance_cross, "importance_cross")
        if performance_cross is not None:
            opt.performance_cross = _options.real(performance_cross, "performance_cross")
        try:
            codes = _core.drivers_ipa(np.ascontiguousarray(importance), np.ascontiguousarray(perf),
                              opt)
        except LIBRARY_ERRORS as e:
            raise locate(e, None, columns=self.names, kind="driver") from None
        quadrant = [QUADRANTS[c] for c in codes]
        pd = _pandas()
        if pd is None:
            return {"driver": list(self.names), "importance": importance,
                    "performance": perf, "quadrant": quadrant}
        return pd.DataFrame({"importance": importance, "performance": perf,
                             "quadrant": quadrant},
                            index=pd.Index(self.names, name="driver"))

    # Tables and text ---------------------------------------------------------

    def _columns(self):
        """The per-term table as columns (NaN beta and vif for the intercept)."""
        pad = [np.nan] if self.intercept else []
        return {
            "coef": self._terms["estimate"].copy(), "se": self._terms["se"].copy(),
            "t": self._terms["t"].copy(), "p": self._terms["p"].copy(),
            "ci_lower": self._terms["ci_lower"].copy(),
            "ci_upper": self._terms["ci_upper"].copy(),
            "beta": np.concatenate([pad, self._info["beta"]]),
            "vif": np.concatenate([pad, self._info["vif"]]),
        }

    def to_frame(self):
        """Per-term table: coef, se, t, p, ci_lower, ci_upper, beta, vif
        (beta and vif NaN for the intercept), indexed by term; a dict of the
        same columns plus "term" without pandas."""
        pd = _pandas()
        if pd is None:
            return {"term": self.terms, **self._columns()}
        return pd.DataFrame(self._columns(), index=pd.Index(self.terms, name="term"))

    def to_dict(self):
        """Model statistics and the per-term and per-driver values as plain
        Python numbers and lists."""
        d = {k: self._s[k] for k in ("r2", "adj_r2", "sigma", "f", "f_p", "df_model",
                                      "df_resid", "condition", "level", "n", "n_missing",
                                      "n_weighted", "n_effective")}
        d["intercept"] = self.intercept
        d["names"] = list(self.names)
        d["terms"] = self.terms
        for name, field in zip(("coef", "se", "t", "p", "ci_lower", "ci_upper"), _TERM_FIELDS):
            d[name] = self._terms[field].tolist()
        for name, field in zip(("beta", "vif", "r", "means", "sds"), _DRIVER_FIELDS):
            d[name] = self._info[field].tolist()
        return d

    def summary(self):
        """A readable table of the coefficients and the model statistics."""
        s = self._s
        lo = 100 * (1 - s["level"]) / 2
        cols = self._columns()
        terms = [str(t) for t in self.terms]
        width = max(12, max(len(t) for t in terms) + 2)
        head = (f"{'':<{width}}{'coef':>11}{'se':>11}{'t':>9}{'p':>11}"
                f"{f'[{lo:g}%':>11}{f'{100 - lo:g}%]':>11}{'beta':>9}{'vif':>8}")

        def num(v, spec, w):
            return f"{'':>{w}}" if np.isnan(v) else f"{format(v, spec):>{w}}"

        lines = [
            "Key-driver model: "
            + ("survey-weighted least squares" if self.design is not None else
               "weighted least squares" if self._weighted else "ordinary least squares")
            + (f" of {self.outcome}" if self.outcome is not None else "")
            + ("" if self.intercept else ", no intercept")
            + ("" if self.design is None else
               f", design-based standard errors ({self.design.psus} PSUs in "
               f"{self.design.strata} strat{'um' if self.design.strata == 1 else 'a'})"),
            f"n = {s['n']} ({s['n_missing']} missing), weighted n = {s['n_weighted']:.6g}, "
            f"effective n = {s['n_effective']:.6g}",
            f"R² = {s['r2']:.4f}, adjusted R² = {s['adj_r2']:.4f}, "
            f"F({s['df_model']:g}, {s['df_resid']:g}) = {s['f']:.4g}, p = {s['f_p']:.3g}",
            f"sigma = {s['sigma']:.4g}, condition number = {s['condition']:.4g}",
            "",
            head,
        ]
        for i, term in enumerate(terms):
            lines.append(
                f"{term:<{width}}" + num(cols["coef"][i], ".4g", 11) + num(cols["se"][i], ".4g", 11)
                + num(cols["t"][i], ".3f", 9) + num(cols["p"][i], ".3g", 11)
                + num(cols["ci_lower"][i], ".4g", 11) + num(cols["ci_upper"][i], ".4g", 11)
                + num(cols["beta"][i], ".3f", 9) + num(cols["vif"][i], ".3g", 8))
        return "\n".join(lines)

    def __str__(self):
        return self.summary()

    def __repr__(self):
        s = self._s
        return (f"KeyDriverModel(n={s['n']}, drivers={s['p']}, r2={s['r2']:.4g}, "
                f"adj_r2={s['adj_r2']:.4g}, f={s['f']:.4g}, f_p={s['f_p']:.3g}, "
                f"intercept={self.intercept})")

    def _repr_html_(self):
        from ._html import key_driver_model
        return key_driver_model(self)

    def __reduce__(self):
        raise TypeError("a KeyDriverModel cannot be pickled; pickle its data or an XProd "
                        "and fit again")


# Fitting ----------------------------------------------------------------------

def key_drivers(X, y, weights=None, *, names=None, intercept=None, level=None, design=None):
    """Fit the key-driver model y = b0 + Σ b_j x_j by least squares
    (weighted when `weights` are given, else ordinary least squares).

    `X`: the drivers, a 2-D array (rows × drivers), a list of rows or a
    DataFrame (its columns name the drivers). `y`: the outcome (one value
    per row), or the name of a column of the DataFrame `X` (that column is
    then not a driver). `weights`: one per row, a column name, or None.
    `names`: driver names (default: the DataFrame's columns, else x1..xp).
    `intercept=False` fits through the origin (R² uncentred; default: the
    library's, with an intercept). `level`: of the coefficient intervals
    (default: the library's, 0.95). Returns a KeyDriverModel.

    `design`: a csat.Design of the rows (R's svyglm, Gaussian): the fit is
    the weighted one with the design's weights (weights must then be None)
    and the coefficients' standard errors, t, p and intervals are the
    design's (linearised sandwich, df = the design's df of the complete rows
    + 1 − coefficients); the model's bootstrap resamples PSUs within strata.
    A DataFrame X (and a Series y) is matched to the design's rows by index
    label.
    """
    if design is not None:
        from .design import check
        design = check(design, weights)
        X = design._align(X, "X")
    x, yv, wv, columns, outcome = _prepare(X, y, weights)
    names, labelled = _driver_names(names, columns, x.shape[1])
    _check_unique(names)
    opt = _fit_options(intercept, level)
    try:
        if design is not None:
            handle = _core.drivers_fit_design(x, yv, design._d, opt)
        else:
            handle = _core.drivers_fit(x, yv, wv, opt)
    except LIBRARY_ERRORS as e:
        raise _named_error(e, names, outcome, X, y, weights) from None
    return KeyDriverModel(handle, names, labelled, outcome,
                          weighted=wv is not None or design is not None, design=design)


def key_drivers_from(xprod, *, names=None, intercept=None, level=None):
    """Fit the key-driver model from an XProd accumulator (no rows, so no
    bootstrap). Equal to key_drivers on the same rows up to rounding.
    `intercept` and `level` as in key_drivers (default: the library's, an
    intercept and 0.95)."""
    if not isinstance(xprod, XProd):
        raise TypeError(f"xprod must be an XProd, not {type(xprod).__name__}")
    names, labelled = _driver_names(names, None, xprod.p)
    _check_unique(names)
    opt = _fit_options(intercept, level)
    try:
        handle = _core.drivers_fit_xprod(xprod._a, opt)
    except LIBRARY_ERRORS as e:
        raise _named_error(e, names, None) from None
    return KeyDriverModel(handle, names, labelled, None)


# Accumulator -------------------------------------------------------------------

def _xprod_from_bytes(data):
    return XProd.deserialize(data)


class XProd(Mergeable):
    """Weighted means and co-moments of p drivers and an outcome, for data
    seen in shards: `XProd(p).add(X, y, w)`, then `merge`, `+`, `sum(...)`
    or pickling, and `key_drivers_from(acc)` (or `acc.fit()`). An
    accumulator must not be modified by two threads at once."""

    __slots__ = ("_a", "_p")

    def __init__(self, p):
        p = _count(p, "p")
        self._a = _core.xprod_create(p)
        self._p = p

    @classmethod
    def _wrap(cls, handle, p):
        obj = cls.__new__(cls)
        obj._a = handle
        obj._p = p
        return obj

    @property
    def p(self):
        """Number of drivers."""
        return self._p

    def add(self, X, y, weights=None):
        """Add rows: `X` (rows × p; array, list of rows or DataFrame), `y`
        and `weights` as in key_drivers (column names of a DataFrame
        allowed). Rows with a NaN are skipped and counted. Returns self;
        on error the accumulator is unchanged."""
        x, yv, wv, columns, outcome = _prepare(X, y, weights)
        try:
            _core.xprod_add(self._a, self._p, x, yv, wv)
        except LIBRARY_ERRORS as e:
            names = list(columns) if columns is not None else None
            raise _named_error(e, names, outcome, X, y, weights) from None
        return self

    def merge(self, other):
        """Merge `other` (same p) into this accumulator; returns self."""
        if not isinstance(other, XProd):
            raise TypeError(f"can only merge an XProd, not {type(other).__name__}")
        _core.xprod_merge(self._a, other._a)
        return self

    def copy(self):
        """An independent copy."""
        return XProd._wrap(_core.xprod_copy(self._a), self._p)


    def serialize(self):
        """The accumulator as portable bytes (see XProd.deserialize)."""
        return _core.xprod_serialize(self._a)

    @classmethod
    def deserialize(cls, data):
        """Recreate an accumulator from XProd.serialize's bytes (also those
        of csat_xprod_serialize in C)."""
        handle = _core.xprod_deserialize(data)
        return cls._wrap(handle, _core.xprod_dim(handle))

    def __reduce__(self):
        return (_xprod_from_bytes, (self.serialize(),))

    def __eq__(self, other):
        if not isinstance(other, XProd):
            return NotImplemented
        return self.serialize() == other.serialize()

    __hash__ = None

    @property
    def sample(self):
        """Sample sizes (n, n_missing, n_weighted, n_effective)."""
        return Sample._from_c(_core.xprod_sample(self._a))

    n = property(lambda self: _core.xprod_sample(self._a)["n"], doc="Complete rows added.")
    n_missing = property(lambda self: _core.xprod_sample(self._a)["n_missing"],
                         doc="Rows skipped for a NaN.")

    def fit(self, *, names=None, intercept=None, level=None):
        """key_drivers_from(self, ...)."""
        return key_drivers_from(self, names=names, intercept=intercept, level=level)

    def __repr__(self):
        s = _core.xprod_sample(self._a)
        return f"XProd(p={self._p}, n={s['n']}, n_missing={s['n_missing']})"

    def _repr_html_(self):
        from ._html import xprod
        return xprod(self)


__all__ = ["key_drivers", "key_drivers_from", "KeyDriverModel", "XProd", "Dominance",
           "BootstrapInterval", "SingularError", "METHODS", "QUADRANTS"]
