"""The business side of satisfaction: retention and churn, retention curves
(Kaplan–Meier), customer lifetime value, complaints and their resolution
times, rates (complaints per 1,000 customers, referrals per customer) and
review ratings.

    csat.retention(start=1200, end=1260, new=150)      # retention 0.925
    csat.churn_convert(0.02, 12)                       # monthly → annual churn
    curve = csat.survival(lifetimes, observed=churned) # Kaplan–Meier
    curve.median, curve.at(12).survival
    csat.clv(margin=40, retention=0.8, discount=0.1)
    csat.complaints(df["category"], customers=25000).to_frame()
    csat.resolution_times(hours, resolved, sla=48)
    csat.reviews(stars)

Every number is computed by the C library (doc/methods.md, "Business
measures"); this module converts input (dates to days, category labels
to codes) and wraps the results.
"""

import numpy as np

from . import core as _core
from . import _options
from . import _html
from ._convert import (_is_pandas, _to_numpy, aligned, as_days, as_durations, as_numbers,
                       as_optional_vector, as_vector, day, days, pandas_module)
from ._errors import LIBRARY_ERRORS, locate
from .results import (MeanResult, ShareResult, _Result, _fmt, c_fields, c_result,
                      fields_doc, layout, python_fields)
from .scores import distribution

CLV_TIMING = {"start": _core.CSAT_CLV_START_OF_PERIOD, "end": _core.CSAT_CLV_END_OF_PERIOD}


_pandas = pandas_module


# Retention and churn -------------------------------------------------------------

@c_result("retention_result")
class Retention(_Result):
    """Retention and churn over one period: `retention` (share of the
    customers at the start still customers at the end), `churn` (1 −
    retention), the customers `at_start` and `at_end`, `acquired` during
    the period and `lost` (at_start + acquired − at_end)."""


def retention(start, end, new=0):
    """Retention (end − new) / start and churn from customer counts: `start`
    customers at the start of the period, `end` at its end, `new` acquired
    during it. Returns a Retention."""
    d = _core.business_retention(_options.real(start, "start"), _options.real(end, "end"),
                        _options.real(new, "new"), None)
    return Retention._from_c(d)


def churn(start_times, end_times, t0, t1):
    """Retention and churn over the period (t0, t1] from each customer's
    start and end time (NaN / NaT / None as end: still a customer).

    Customers at the start: started at or before t0 and not ended by t0;
    lost: of them, ended in (t0, t1]; acquired: started in (t0, t1]. Times
    are numbers, or dates and times (numpy datetime64, pandas Timestamps,
    datetime / date objects; t0 and t1 likewise, or ISO strings), which are
    converted to days. Returns a Retention.
    """
    s, s_dates = as_days(start_times, "start_times")
    e, e_dates = as_days(aligned(end_times, start_times, "end_times", "start_times"),
                         "end_times")
    if s_dates or e_dates:
        if not s_dates and s.size:
            raise TypeError("end_times are dates but start_times are not")
        if not e_dates and not np.all(np.isnan(e)):
            raise TypeError("start_times are dates but end_times are not")
        lo, hi = day(t0, "t0"), day(t1, "t1")
    else:
        lo, hi = _options.real(t0, "t0"), _options.real(t1, "t1")
    try:
        d = _core.business_churn(s, e, lo, hi, None)
    except LIBRARY_ERRORS as err:
        raise locate(err, start_times, also=(end_times,)) from None
    return Retention._from_c(d)


def churn_convert(rate, k):
    """A churn rate of one period converted to a period k times as long:
    1 − (1 − rate)^k (monthly to annual: k = 12; annual to monthly: 1/12)."""
    return _core.business_churn_convert(_options.real(rate, "rate"), _options.real(k, "k"), None)


def clv(margin, retention, discount, *, timing=None, horizon=None):
    """Customer lifetime value of a constant `margin` per period with
    `retention` rate and `discount` rate per period over `horizon` periods
    (a whole number, or infinity; default: the library's, infinity).

    timing="end" (default: the library's): margin at the end of every
    period the customer survives, Σ_{t=1..T} m (r/(1+d))^t, m r/(1+d−r) for
    T = ∞ (Gupta & Lehmann); timing="start": the first margin now,
    Σ_{t=0..T−1} m (r/(1+d))^t.
    """
    try:
        code = None if timing is None else CLV_TIMING[timing]
    except (KeyError, TypeError):
        raise ValueError(f"timing must be 'start' or 'end', not {timing!r}") from None
    m, r, d = (_options.real(margin, "margin"), _options.real(retention, "retention"),
               _options.real(discount, "discount"))
    opt = _options.business(timing=code, horizon=_options.optional(_options.real, horizon,
                                                                   "horizon"))
    return _core.business_clv(m, r, d, opt)


# Retention curves -----------------------------------------------------------------

@c_result("survival_point")
class SurvivalPoint(_Result):
    """The curve at one time: S(t) (`survival`) with its Greenwood standard
    error `se` and log-log interval `ci`; the step's numbers at risk,
    events and censorings (zeros before the first event time)."""


class Survival:
    """A Kaplan–Meier retention curve (as R's survfit with conf.type
    "log-log").

    Arrays, one element per distinct event time, one per field of a
    SurvivalPoint: `time`, the numbers at risk, with an event and censored
    at that time, `survival`, `se` (Greenwood SE of S itself) and `ci`
    (lower, upper). The curve's summary: `median` (NaN if the curve never
    reaches ½) with its interval, the customers used and missing, `events`,
    `steps` and `level`. Methods: at(t), to_frame(), to_dict(). Times are
    in the unit of the durations given (days for timedeltas).
    """

    def __init__(self, handle, in_days=False):
        self._s = handle
        self._in_days = in_days
        self._summary = python_fields("curve_summary", _core.survival_summary(handle))
        # The steps, filled by the library into one float64 array of
        # fields × steps whose rows are the columns, keyed by the point's C
        # fields (no Python number per value).
        fields = [name for name, _ in c_fields("survival_point")]
        steps = np.empty((len(fields), self._summary["steps"]), dtype=np.float64)
        _core.survival_fill(handle, steps.reshape(-1))
        self._cols = dict(zip(fields, steps))
        self.__dict__.update(python_fields("survival_point", self._cols))
        self.__dict__.update(self._summary)

    def at(self, t):
        """Retention at time t (the last step at or before t; 1 before the
        first event): a SurvivalPoint, or a list of them for a sequence. A
        curve of timedeltas takes a timedelta or a number of days."""
        if isinstance(t, (list, tuple)) or (isinstance(t, np.ndarray) and t.ndim > 0) or \
                (_is_pandas(t) and hasattr(t, "index")):
            return [self.at(v) for v in list(np.asarray(_to_numpy(t), dtype=object).ravel())]
        d = days(t)
        if d is not None:
            if not self._in_days:
                raise TypeError("t is a duration but the curve was fitted from numbers")
            t = d
        return SurvivalPoint._from_c(_core.survival_at(self._s, _options.real(t, "t")))

    def to_frame(self):
        """The curve as a DataFrame (one row per event time, a column per
        field of a step); without pandas, a dict of the same columns."""
        pd = _pandas()
        cols = {k: v.copy() for k, v in self._cols.items()}
        return cols if pd is None else pd.DataFrame(cols)

    def to_dict(self):
        """The curve (lists) and its summary."""
        return {**{k: v.tolist() for k, v in self._cols.items()}, **self._summary}

    def __len__(self):
        return self.steps

    def __repr__(self):
        body = ", ".join(f"{k}={_fmt(v)}" for k, v in self._summary.items())
        return f"Survival({body})"

    def _repr_html_(self):
        """The curve's summary as repr shows it (Jupyter)."""
        return _html.block("Survival", _html.fields(self._summary.items()),
                           note="Kaplan–Meier retention curve")

    def plot(self, *, ax=None, label=None, median=True):
        """The curve as steps with its interval band and the median
        (matplotlib, imported only now; see csat.charts.survival). Returns
        the Axes."""
        from .charts import survival as chart
        return chart(self, ax=ax, label=label, median=median)


Survival.__doc__ = fields_doc(
    fields_doc(Survival.__doc__, [n for n, *_ in layout("survival_point")], "Arrays"),
    [n for n, *_ in layout("curve_summary")], "Summary")


def survival(durations, observed=None, *, level=None):
    """Kaplan–Meier retention curve from customer lifetimes with right
    censoring: `durations` (≥ 0), `observed` 1/True where the event
    (churn) happened, 0/False where the customer is still active
    (censored); None means all observed. NaN in either: the customer is
    missing. Durations may be timedeltas (numpy, pandas), which are
    converted to days. `level`: of the intervals (default: the library's,
    0.95). Returns a Survival."""
    t, in_days = as_durations(durations, "durations")
    flags = as_optional_vector(observed, "observed", durations, "durations")
    opt = _options.business(level=_options.optional(_options.real, level, "level"))
    try:
        handle = _core.survival_fit(t, flags, opt)
    except LIBRARY_ERRORS as e:
        raise locate(e, durations, also=(observed,)) from None
    return Survival(handle, in_days)


# Rates, complaints ---------------------------------------------------------------

@c_result("rate_result")
class Rate(_Result):
    """An event `count` over an `exposure`: `rate` = count / exposure × `per`
    with Garwood's exact Poisson interval `ci` at `level`."""


def rate(count, exposure, *, per=None, level=None):
    """A rate with its exact Poisson interval: `count` events (a whole
    number) over `exposure` (customers, customer-months...), expressed per
    `per` (1000: complaints per 1,000 customers; default: the library's,
    per 1). `level`: default the library's, 0.95. Returns a Rate."""
    c, e = _options.real(count, "count"), _options.real(exposure, "exposure")
    opt = _options.business(per=_options.optional(_options.real, per, "per"),
                            level=_options.optional(_options.real, level, "level"))
    d = _core.business_rate(c, e, opt)
    return Rate._from_c(d)


def referral_rate(referrals, customers, level=None):
    """Referrals per customer with the exact Poisson interval: rate with
    per=1, which this helper sets (a referral rate is per customer), as
    csat.lua's referral_rate does. `level`: default the library's, 0.95.
    Returns a Rate."""
    return rate(referrals, customers, per=1, level=level)


class Complaints:
    """Complaint counts per category in Pareto order (largest first, ties
    by code). Arrays `codes` (the category codes or labels), `counts`,
    `shares`, `cum_shares`; `n` complaints with a category, `n_missing`
    without; `rate` (a Rate per `per` customers) when the number of
    customers was given, else None. to_frame() gives the table."""

    def __init__(self, codes, categories, sample, rate_):
        # One array per field of a category (plural: counts, shares...), the
        # codes shown as given.
        for name, ctype in c_fields("category_count"):
            setattr(self, name + "s", np.array([c[name] for c in categories],
                                               dtype=np.float64 if ctype == "d" else np.int64))
        self.codes = codes
        self.n = sample["n"]
        self.n_missing = sample["n_missing"]
        self.rate = rate_

    def to_frame(self):
        """DataFrame with columns code, count, share, cum_share (Pareto
        order); without pandas, a dict of the same columns."""
        cols = {"code": list(self.codes) if self.codes.dtype == object else self.codes.copy(),
                "count": self.counts.copy(), "share": self.shares.copy(),
                "cum_share": self.cum_shares.copy()}
        pd = _pandas()
        return cols if pd is None else pd.DataFrame(cols)

    def to_dict(self):
        return {"code": self.codes.tolist(), "count": self.counts.tolist(),
                "share": self.shares.tolist(), "cum_share": self.cum_shares.tolist(),
                "n": self.n, "n_missing": self.n_missing,
                "rate": None if self.rate is None else self.rate.to_dict()}

    def __len__(self):
        return len(self.counts)

    def __repr__(self):
        top = ", ".join(f"{c!r}: {k}" for c, k in zip(self.codes[:5].tolist(),
                                                       self.counts[:5].tolist()))
        more = ", …" if len(self) > 5 else ""
        r = "" if self.rate is None else f", rate={self.rate.rate:.4g} per {self.rate.per:g}"
        return f"Complaints(n={self.n}, n_missing={self.n_missing}, {{{top}{more}}}{r})"

    def _repr_html_(self):
        """The Pareto table and the rate (Jupyter)."""
        rows = [(c, int(k), s, cs) for c, k, s, cs in
                zip(self.codes.tolist(), self.counts.tolist(), self.shares.tolist(),
                    self.cum_shares.tolist())]
        parts = [_html.table(_html.limited(rows), ("code", "count", "share", "cum_share"))]
        if self.rate is not None:
            parts.append(_html.fields([("rate", f"{self.rate.rate:.4g} per {self.rate.per:g}"),
                                       ("ci", self.rate.ci)]))
        return _html.block("Complaints", *parts,
                           note=f"n={self.n}, n_missing={self.n_missing}")


def _missing(v):
    return v is None or (isinstance(v, float) and v != v) or str(v) in ("nan", "NaN", "<NA>")


def _category_codes(categories):
    """(float64 codes for the library, labels or None): numeric categories
    are their own codes; labels (strings, a pandas Categorical...) are
    numbered in sorted order (the categories' order for a Categorical), so
    that ties in the Pareto order fall in label order."""
    dtype = getattr(categories, "dtype", None)
    if _is_pandas(categories) and str(dtype) == "category":
        codes = np.asarray(categories.cat.codes, dtype=np.float64)
        codes[codes < 0] = np.nan
        return np.ascontiguousarray(codes), np.asarray(categories.cat.categories, dtype=object)
    a = np.asarray(_to_numpy(categories))
    if a.dtype.kind in "biuf":
        return as_vector(categories, "categories"), None    # masked codes: missing
    a = np.asarray(a, dtype=object)
    if a.ndim != 1:
        raise ValueError(f"categories must be one-dimensional, got {a.ndim} dimensions")
    present = [v for v in a.tolist() if not _missing(v)]
    if all(isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool)
           for v in present):
        return as_vector(np.array([np.nan if _missing(v) else v for v in a.tolist()],
                                  dtype=np.float64), "categories"), None
    try:
        labels = sorted(set(present))
    except TypeError:
        raise TypeError("category labels must be all numbers or all comparable "
                        "(strings...)") from None
    number = {v: float(i) for i, v in enumerate(labels)}
    codes = np.array([np.nan if _missing(v) else number[v] for v in a.tolist()],
                     dtype=np.float64)
    return codes, np.array(labels, dtype=object)


def complaints(categories, customers=None, *, per=1000, level=None):
    """Complaints per category in Pareto order and, when the number of
    `customers` is given, the complaint rate per `per` customers with its
    exact Poisson interval. `per` is 1000 (complaints per 1,000 customers)
    unless given: this helper's choice, not the library's rate default (per
    1), and csat.lua's complaints uses the same. `level`: default the
    library's, 0.95.

    `categories`: one entry per complaint, integer codes or labels
    (strings, a pandas Categorical); NaN / None is a complaint without a
    category (counted in n_missing, not in the rate). Returns Complaints.
    """
    codes, labels = _category_codes(categories)
    try:
        cats, sample = _core.business_complaints(codes, None)
    except LIBRARY_ERRORS as e:
        raise locate(e, categories) from None
    if labels is None:
        shown = np.array([c["code"] for c in cats], dtype=np.int64)
    else:
        shown = np.empty(len(cats), dtype=object)
        shown[:] = [labels[c["code"]] for c in cats]
    r = None
    if customers is not None:
        r = rate(sample["n"], customers, per=per, level=level)
    return Complaints(shown, cats, sample, r)


# Resolution times -----------------------------------------------------------------

class Resolution:
    """Resolution-time statistics.

    Of the resolved complaints: `n` − `n_open` of them, `mean`, `sd`,
    `median`, `quantiles` (a Series or dict probability → time, type 7 as
    numpy's default) and `within_sla`, the share resolved within `sla`.
    With the still-open complaints censored (Kaplan–Meier): `km_median`
    (NaN if not reached) and `km_within_sla`, 1 − S(sla).
    `n` complaints with a valid time, `n_open` of them still open,
    `n_missing` skipped for a NaN.
    """

    def __init__(self, d, probs, values):
        self._fields = python_fields("resolution_result", d)
        self.__dict__.update(self._fields)
        self._probs = [float(p) for p in probs]
        self._values = [float(v) for v in values]
        pd = _pandas()
        if pd is None:
            self.quantiles = dict(zip(self._probs, self._values))
        else:
            self.quantiles = pd.Series(self._values, index=pd.Index(self._probs, name="prob"),
                                       name="quantile", dtype=np.float64)

    def to_dict(self):
        return {**self._fields, "quantiles": dict(zip(self._probs, self._values))}

    def __repr__(self):
        return f"Resolution({', '.join(f'{k}={_fmt(v)}' for k, v in self._fields.items())})"

    def _repr_html_(self):
        """The statistics as repr shows them and the quantiles (Jupyter)."""
        q = _html.table(zip(self._probs, self._values), ("prob", "quantile"), left=())
        return _html.block("Resolution", _html.fields(self._fields.items()), q)


Resolution.__doc__ = fields_doc(Resolution.__doc__,
                                [n for n, *_ in layout("resolution_result")] + ["quantiles"])


def resolution_times(times, resolved=None, *, sla, quantiles=(0.25, 0.5, 0.75, 0.9)):
    """Resolution times of complaints: `times` are the resolution times, or
    the time open so far for complaints still open (`resolved` 0 / False;
    None means all resolved). `sla` is the service-level time in the same
    unit. Timedeltas (numpy, pandas) are converted to days, and then `sla`
    must be a timedelta too; the results are in days. Returns a
    Resolution."""
    probs = as_vector(np.atleast_1d(as_numbers(quantiles, "quantiles")), "quantiles")
    t, in_days = as_durations(times, "times")
    limit = days(sla)
    if in_days and limit is None:
        raise TypeError(f"the times are timedeltas: sla must be a timedelta too, not {sla!r}")
    if not in_days and limit is not None:
        raise TypeError("sla is a timedelta but the times are numbers")
    flags = as_optional_vector(resolved, "resolved", times, "times")
    limit = limit if in_days else _options.real(sla, "sla")
    try:
        values, d = _core.business_resolution(t, flags, limit, probs, None)
    except LIBRARY_ERRORS as e:
        if str(e).startswith("probability"):    # a position in quantiles, not a row
            raise locate(e, None) from None
        raise locate(e, times, also=(resolved,)) from None
    return Resolution(d, probs.tolist(), values)


# Reviews ---------------------------------------------------------------------------

class Reviews:
    """Review ratings summarised: `rating` (MeanResult of the ratings),
    `bayesian_average` ((C·m + Σx)/(C + n) with prior mean m and weight C),
    `positive` (ShareResult of the ratings ≥ positive_min, Wilson interval),
    `wilson_lower` (its lower limit as a share 0..1, for ranking items with
    few reviews) and `distribution` (csat.distribution of the ratings)."""

    def __init__(self, d, dist):
        self.rating = MeanResult._from_c(d.pop("rating"))
        self.positive = ShareResult._from_c(d.pop("positive"))
        self._fields = python_fields("reviews_result", d)
        self.__dict__.update(self._fields)
        self.distribution = dist

    n = property(lambda self: self.rating.n, doc="Valid ratings.")
    n_missing = property(lambda self: self.rating.n_missing, doc="Missing ratings.")

    def to_dict(self):
        return {"rating": self.rating.to_dict(), "positive": self.positive.to_dict(),
                **self._fields, "distribution": self.distribution.to_dict()}

    def __repr__(self):
        fields = "".join(f", {k}={_fmt(v)}" for k, v in self._fields.items())
        return (f"Reviews(n={self.n}, rating={self.rating.score:.4g}, "
                f"positive={self.positive.score:.4g}%{fields})")

    def _repr_html_(self):
        """The summary as repr shows it (Jupyter)."""
        return _html.block("Reviews", _html.fields(
            [("n", self.n), ("rating", f"{self.rating.score:.4g}"),
             ("positive", f"{self.positive.score:.4g}%"), *self._fields.items()]))


def reviews(ratings, *, scale=None, positive_min=None, prior=None, level=None):
    """Review ratings: mean rating with its t interval, Bayesian average,
    positive share (ratings ≥ positive_min) with its Wilson interval and
    lower bound, and the distribution of the ratings.

    `prior` = (mean, weight) of the Bayesian average; None means the
    scale's midpoint with weight 10, i.e. (3, 10) on the default 1–5 scale.
    Options left at None take the library's defaults: scale (1, 5),
    positive_min 4, level 0.95. Returns Reviews.
    """
    o = _core.reviews_options()
    if scale is not None:
        o.scale_min, o.scale_max = _options.scale(scale)
    if positive_min is not None:
        o.positive_min = _options.integer(positive_min, "positive_min")
    if prior is not None:                   # None: the library's default prior
        try:
            m, w = prior
        except (TypeError, ValueError):
            raise TypeError(f"prior must be a pair (mean, weight), not {prior!r}") from None
        o.prior_mean = _options.real(m, "prior mean")
        o.prior_weight = _options.real(w, "prior weight")
    if level is not None:
        o.level = _options.real(level, "level")
    x = as_vector(ratings, "ratings")
    try:
        d = _core.score_reviews(x, o)
    except LIBRARY_ERRORS as e:
        raise locate(e, ratings) from None
    return Reviews(d, distribution(x, scale=(o.scale_min, o.scale_max)))
