"""Result objects. Every number in them comes from the C library as is.

The fields of a result are never written here: a result class names the
library's result struct it holds (`@c_result(kind)`, the struct's C name
without `csat_`), and its fields are that struct's, as the core module lists
them (csat.core.result_fields, generated from the field lists of csat.i, in
their order), under generic rules:

- a pair <p>_lower / <p>_upper becomes the tuple field <p>_ci, and the pair
  ci_lower / ci_upper the tuple field `ci`;
- a pair <p>_min / <p>_max becomes the tuple field <p>;
- an enumeration holds its Python name, decoded by ENUMS, keyed by the
  enum's C type;
- every other field keeps its C name.

A class may add fields of its own (annotations in its body, placed before
or after the library's). The result classes are frozen dataclasses; `_from_c`
and `_to_c` follow the rules for every class, and a result made of other
results (CESResult) holds them in fields typed by their classes.
"""

import functools
import html
import textwrap
from dataclasses import dataclass, fields, asdict

import numpy as np

from . import core as _core
from ._options import LONELY, LONELY_NAMES, METHOD_NAMES, METHODS

_new = object.__new__
_set = object.__setattr__

# Enumerations in results, by C type: (code -> name, name -> code).
ENUMS = {"csat_nps_method": (METHOD_NAMES, METHODS),
         "csat_lonely_psu": (LONELY_NAMES, LONELY)}

# Types of the fields by their C type letter (see csat.i's field lists).
_TYPES = {"d": float, "z": int, "i": int}

# Pairs of C fields joined into one tuple field: suffixes and the name of the
# joined field from the stem.
_PAIRS = (("_lower", "_upper", lambda stem: "ci" if stem == "ci" else stem + "_ci"),
          ("_min", "_max", lambda stem: stem))


@functools.lru_cache(maxsize=None)
def c_fields(kind):
    """The (name, type) pairs of the library's result `kind`, in csat.i's
    order: type "d" (double), "z" (size_t), "i" (int) or the C type of an
    enum."""
    spec = _core.result_fields(kind)
    if spec is None:
        raise KeyError(f"the library has no result {kind!r}")
    return tuple(tuple(f.split(":")) for f in spec.split())


@functools.lru_cache(maxsize=None)
def layout(kind):
    """The Python fields of the library's result `kind`, in order: tuples
    (name, type, C names, enum) where C names has two entries for a joined
    pair and enum is ENUMS[...] for an enumeration, else None."""
    cf = c_fields(kind)
    names = {n for n, _ in cf}
    joined = set()
    out = []
    for name, ctype in cf:
        if name in joined:
            continue
        for lo, hi, rename in _PAIRS:
            stem = name[:-len(lo)]
            if name.endswith(lo) and stem and stem + hi in names:
                joined.add(stem + hi)
                out.append((rename(stem), tuple, (name, stem + hi), None))
                break
        else:
            enum = ENUMS.get(ctype)
            out.append((name, str if enum else _TYPES[ctype], (name,), enum))
    return tuple(out)


def python_fields(kind, d):
    """The library's dict (or columns) `d` of `kind` as a dict of its Python
    fields, in order (pairs joined, enums decoded)."""
    out = {}
    for name, _, c, enum in layout(kind):
        if len(c) == 2:
            out[name] = (d[c[0]], d[c[1]])
        else:
            out[name] = enum[0][d[name]] if enum else d[name]
    return out


def c_result(kind, extras_first=False):
    """Class decorator: the frozen dataclass of the library's result `kind`,
    with the annotations of the class body as extra fields (after the
    library's, or before them with extras_first)."""
    def build(cls):
        own = dict(cls.__dict__.get("__annotations__", {}))
        lib = {name: t for name, t, _, _ in layout(kind)}
        cls.__annotations__ = {**own, **lib} if extras_first else {**lib, **own}
        cls._c_kind = kind
        cls.__doc__ = fields_doc(cls.__doc__, cls.__annotations__)
        return dataclass(frozen=True, repr=False)(cls)
    return build


def fields_doc(doc, names, what="Fields"):
    """`doc` with a paragraph that lists the fields `names`."""
    text = textwrap.fill(f"{what}: {', '.join(names)}.", 76, initial_indent="    ",
                         subsequent_indent="    ")
    return f"{(doc or '').rstrip()}\n\n{text}\n"


def _fmt(v):
    if isinstance(v, float):
        return f"{v:.4g}" if abs(v) < 1e4 else f"{v:.0f}"
    if isinstance(v, tuple):
        return "(" + ", ".join(_fmt(x) for x in v) + ")"
    return repr(v)


_READERS = {}


def reader(cls):
    """The function that turns the library's dict into a `cls` result (see
    _Result._from_c), built once per class from its layout."""
    read = _READERS.get(cls)
    if read is not None:
        return read
    fs = fields(cls)
    names = frozenset(f.name for f in fs)
    kind = getattr(cls, "_c_kind", None)
    lay = layout(kind) if kind else ()
    pairs = tuple((name, c[0], c[1]) for name, _, c, _ in lay if len(c) == 2)
    codes = tuple((name, enum[0]) for name, _, _, enum in lay if enum)
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


def _c_dict(obj):
    """The C struct's fields of the result `obj` (the inverse of reader)."""
    kind = getattr(type(obj), "_c_kind", None)
    if kind is None:                    # a result of results (CESResult)
        return {f.name: _c_dict(v) if isinstance(v, _Result) else v
                for f in fields(obj) for v in (getattr(obj, f.name),)}
    d = {}
    for name, _, c, enum in layout(kind):
        v = getattr(obj, name)
        if len(c) == 2:
            d[c[0]], d[c[1]] = v
        else:
            d[name] = enum[1][v] if enum else v
    return d


def _html_value(v):
    if isinstance(v, _Result):
        return v._html_table()
    return html.escape(_fmt(v))


class _Result:
    """Common behaviour: construction from the library's dict, a short repr,
    an HTML table for notebooks and conversion to a dict."""

    @classmethod
    def _from_c(cls, d, **extra):
        """The result from the library's dict `d` (which it takes over and
        changes) and `extra` fields the dict does not hold."""
        return (_READERS.get(cls) or reader(cls))(d, extra)

    def _to_c(self):
        """The C struct's fields, for the comparisons."""
        return _c_dict(self)

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


def delegate(cls, to, names, what):
    """Read-only properties `names` of `cls` that read them from its field
    `to`."""
    for name in names:
        setattr(cls, name, property(lambda self, n=name: getattr(getattr(self, to), n),
                                    doc=f"`{name}` of {what}."))


@c_result("sample")
class Sample(_Result):
    """Sample sizes: valid answers, missing (NaN) answers, sum of weights
    and Kish effective sample size."""


@c_result("nps_result")
class NPSResult(_Result):
    """Net Promoter Score (−100..100) with standard error and confidence
    interval, the weighted shares (0..1) of promoters, detractors and the
    answers between them, and the interval method."""


@c_result("share_result")
class ShareResult(_Result):
    """Share of answers in the boxes `box` = (lo, hi): `share`, its `se`
    and the Wilson interval `ci` are proportions (0..1); `score` is the
    share in percent (100 × share), for display."""


@c_result("mean_result")
class MeanResult(_Result):
    """A (weighted) mean `score` with standard deviation `sd`, standard
    error `se`, t interval `ci` on `df` degrees of freedom, and the range."""


@dataclass(frozen=True, repr=False)
class CESResult(_Result):
    """Customer Effort Score: the mean effort rating (`effort`) and the
    share of low-effort answers (`low_effort`, a ShareResult in
    proportions). `score`, `se`, `ci`, ... are those of the mean effort."""
    effort: MeanResult
    low_effort: ShareResult


# What every estimate has (the score, its interval, the sample sizes...),
# read from the mean effort.
delegate(CESResult, "effort", [f.name for f in fields(MeanResult)
                               if f.name in ShareResult.__dataclass_fields__],
         "the mean effort")


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

    def _repr_html_(self):
        """The table of the points of the scale (Jupyter): count and share,
        the share as repr shows it."""
        from ._html import block, table
        rows = [(int(v), int(c), f"{s:.3g}")
                for v, c, s in zip(self.values, self.counts, self.shares)]
        return block("Distribution", table(rows, ("value", "count", "share"), left=()),
                     note=f"scale={self.scale}, n={self.n}, n_missing={self.n_missing}")

    def plot(self, *, ax=None):
        """Bar chart of the shares (matplotlib, imported only now; see
        csat.charts.distribution). Returns the Axes."""
        from .charts import distribution
        return distribution(self, ax=ax)


delegate(Distribution, "sample", [f.name for f in fields(Sample)], "the sample")
