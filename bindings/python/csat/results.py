"""Result objects. Every number in them comes from the C library as is.

A result class is a frozen dataclass whose fields are the library's result
fields under their C names, except where the class says otherwise:
`_c_pairs` joins two C fields into one tuple field (ci_lower and ci_upper
into `ci`), `_c_codes` turns a C enum into its Python name, and a field
whose type is a result class holds that nested result. `_from_c` and
`_to_c` follow these rules for every class, so the fields are listed once,
in the dataclass.
"""

import html
from dataclasses import dataclass, fields, asdict

import numpy as np

from ._options import METHOD_NAMES, METHODS

_new = object.__new__
_set = object.__setattr__


def _fmt(v):
    if isinstance(v, float):
        return f"{v:.4g}" if abs(v) < 1e4 else f"{v:.0f}"
    if isinstance(v, tuple):
        return "(" + ", ".join(_fmt(x) for x in v) + ")"
    return repr(v)


_READERS = {}


def reader(cls):
    """The function that turns the library's dict into a `cls` result (see
    _Result._from_c), built once per class from its dataclass fields and
    its _c_pairs / _c_codes."""
    read = _READERS.get(cls)
    if read is not None:
        return read
    fs = fields(cls)
    names = frozenset(f.name for f in fs)
    pairs = tuple((name, lo, hi) for name, (lo, hi) in cls._c_pairs.items() if name in names)
    codes = tuple((name, decode) for name, (decode, _) in cls._c_codes.items()
                  if name in names)
    nested = tuple((f.name, reader(f.type)) for f in fs
                   if isinstance(f.type, type) and issubclass(f.type, _Result))
    count = len(names)

    def read(d, extra=None):
        for name, lo, hi in pairs:
            d[name] = (d.pop(lo), d.pop(hi))
        for name, decode in codes:
            d[name] = decode[d[name]]
        for name, sub in nested:
            d[name] = sub(d[name])
        if extra:
            d.update(extra)
        if len(d) != count:
            # Fields the class does not know (a newer library) are left
            # out; a missing one raises TypeError.
            return cls(**{k: v for k, v in d.items() if k in names})
        obj = _new(cls)
        _set(obj, "__dict__", d)        # the fields, as __init__ would set them
        return obj

    _READERS[cls] = read
    return read


def _c_fields(obj):
    """The C struct's fields of the result `obj` (the inverse of reader)."""
    cls = type(obj)
    d = {f.name: getattr(obj, f.name) for f in fields(cls)}
    for name, (lo, hi) in cls._c_pairs.items():
        if name in d:
            d[lo], d[hi] = d.pop(name)
    for name, (_, encode) in cls._c_codes.items():
        if name in d:
            d[name] = encode[d[name]]
    for name, v in d.items():
        if isinstance(v, _Result):
            d[name] = _c_fields(v)
    return d


def _html_value(v):
    if isinstance(v, _Result):
        return v._html_table()
    return html.escape(_fmt(v))


class _Result:
    """Common behaviour: construction from the library's dict, a short repr,
    an HTML table for notebooks and conversion to a dict."""

    # C fields joined into one tuple field, and C enums named in Python.
    _c_pairs = {"ci": ("ci_lower", "ci_upper")}
    _c_codes = {}

    @classmethod
    def _from_c(cls, d, **extra):
        """The result from the library's dict `d` (which it takes over and
        changes) and `extra` fields the dict does not hold."""
        return (_READERS.get(cls) or reader(cls))(d, extra)

    def _to_c(self):
        """The C struct's fields, for the comparisons."""
        return _c_fields(self)

    def to_dict(self):
        """The fields as a dict (nested results as dicts)."""
        return asdict(self)

    def __repr__(self):
        body = ", ".join(f"{f.name}={_fmt(getattr(self, f.name))}" for f in fields(self))
        return f"{type(self).__name__}({body})"

    def _html_table(self):
        rows = "".join(f"<tr><th style=\"text-align:left\">{html.escape(f.name)}</th>"
                       f"<td style=\"text-align:left\">{_html_value(getattr(self, f.name))}"
                       "</td></tr>" for f in fields(self))
        return f"<table>{rows}</table>"

    def _repr_html_(self):
        """A small HTML table of the fields (shown by Jupyter and IPython
        notebooks)."""
        return (f"<div><strong>{html.escape(type(self).__name__)}</strong>"
                f"{self._html_table()}</div>")


@dataclass(frozen=True, repr=False)
class Sample(_Result):
    """Sample sizes: valid answers, missing (NaN) answers, sum of weights
    and Kish effective sample size."""
    n: int
    n_missing: int
    n_weighted: float
    n_effective: float


@dataclass(frozen=True, repr=False)
class _Estimate(_Result):
    """The fields every estimate has: the score with its standard error,
    confidence interval and level, and the sample sizes."""
    score: float
    ci: tuple
    se: float
    level: float
    n: int
    n_weighted: float
    n_effective: float
    n_missing: int


@dataclass(frozen=True, repr=False)
class NPSResult(_Estimate):
    """Net Promoter Score (−100..100) with standard error and confidence
    interval; promoters, passives and detractors are shares (0..1)."""
    promoters: float
    passives: float
    detractors: float
    method: str

    _c_codes = {"method": (METHOD_NAMES, METHODS)}


@dataclass(frozen=True, repr=False)
class ShareResult(_Estimate):
    """Share of answers in the boxes `box` = (lo, hi): `share`, its `se`
    and the Wilson interval `ci` are proportions (0..1); `score` is the
    share in percent (100 × share), for display."""
    share: float
    box: tuple

    _c_pairs = {**_Result._c_pairs, "box": ("box_min", "box_max")}


@dataclass(frozen=True, repr=False)
class MeanResult(_Estimate):
    """A (weighted) mean `score` with standard deviation `sd`, standard
    error `se`, t interval `ci` on `df` degrees of freedom, and the range."""
    sd: float
    df: float
    min: float
    max: float


@dataclass(frozen=True, repr=False)
class CESResult(_Result):
    """Customer Effort Score: the mean effort rating (`effort`) and the
    share of low-effort answers (`low_effort`, a ShareResult in
    proportions). `score`, `se`, `ci`, ... are those of the mean effort."""
    effort: MeanResult
    low_effort: ShareResult

    score = property(lambda self: self.effort.score, doc="Mean effort rating.")
    ci = property(lambda self: self.effort.ci, doc="t interval of the mean effort.")
    se = property(lambda self: self.effort.se, doc="Standard error of the mean effort.")
    level = property(lambda self: self.effort.level, doc="Confidence level.")
    n = property(lambda self: self.effort.n, doc="Valid answers.")
    n_weighted = property(lambda self: self.effort.n_weighted, doc="Sum of weights.")
    n_effective = property(lambda self: self.effort.n_effective, doc="Kish effective n.")
    n_missing = property(lambda self: self.effort.n_missing, doc="Missing answers.")


class Distribution:
    """Count, sum of weights and weighted share of every point of a scale.

    Attributes: `values`, `counts`, `weights`, `shares` (numpy arrays, one
    element per scale point), `scale`, `n`, `n_missing`, `n_weighted`,
    `n_effective`.
    """

    def __init__(self, scale, counts, weights, shares, sample):
        self.scale = scale
        self.values = np.arange(scale[0], scale[1] + 1, dtype=np.int64)
        self.counts = counts
        self.weights = weights
        self.shares = shares
        self.sample = sample

    n = property(lambda self: self.sample.n)
    n_missing = property(lambda self: self.sample.n_missing)
    n_weighted = property(lambda self: self.sample.n_weighted)
    n_effective = property(lambda self: self.sample.n_effective)

    def to_dict(self):
        """The table as a dict of lists plus the sample sizes."""
        return {"values": self.values.tolist(), "counts": self.counts.tolist(),
                "weights": self.weights.tolist(), "shares": self.shares.tolist(),
                **self.sample.to_dict()}

    def to_frame(self):
        """A pandas DataFrame indexed by value with columns count, weight and
        share; without pandas, a dict of the same columns."""
        columns = {"count": self.counts, "weight": self.weights, "share": self.shares}
        try:
            import pandas as pd
        except ImportError:
            return {"value": self.values, **columns}
        return pd.DataFrame(columns, index=pd.Index(self.values, name="value"))

    def __repr__(self):
        return (f"Distribution(scale={self.scale}, n={self.n}, "
                f"shares=[{', '.join(f'{s:.3g}' for s in self.shares)}])")
