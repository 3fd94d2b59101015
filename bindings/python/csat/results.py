"""Result objects. Every number in them comes from the C library as is."""

from dataclasses import dataclass, fields, asdict

import numpy as np

from ._options import METHOD_NAMES, METHODS


def _fmt(v):
    if isinstance(v, float):
        return f"{v:.4g}" if abs(v) < 1e4 else f"{v:.0f}"
    if isinstance(v, tuple):
        return "(" + ", ".join(_fmt(x) for x in v) + ")"
    return repr(v)


class _Result:
    """Common behaviour: a short repr and conversion to a dict."""

    def to_dict(self):
        """The fields as a dict (nested results as dicts)."""
        return asdict(self)

    def __repr__(self):
        body = ", ".join(f"{f.name}={_fmt(getattr(self, f.name))}" for f in fields(self))
        return f"{type(self).__name__}({body})"


def _c_common(r):
    """The C fields every estimate has, from a result object (the inverse of
    _common: the numbers are the library's, copied back unchanged)."""
    return {
        "score": r.score, "se": r.se, "ci_lower": r.ci[0], "ci_upper": r.ci[1],
        "level": r.level, "n": r.n, "n_missing": r.n_missing, "n_weighted": r.n_weighted,
        "n_effective": r.n_effective,
    }


def _common(d):
    return {
        "score": d["score"], "ci": (d["ci_lower"], d["ci_upper"]), "se": d["se"],
        "level": d["level"], "n": d["n"], "n_weighted": d["n_weighted"],
        "n_effective": d["n_effective"], "n_missing": d["n_missing"],
    }


@dataclass(frozen=True, repr=False)
class Sample(_Result):
    """Sample sizes: valid answers, missing (NaN) answers, sum of weights
    and Kish effective sample size."""
    n: int
    n_missing: int
    n_weighted: float
    n_effective: float

    @classmethod
    def _from_c(cls, d):
        return cls(d["n"], d["n_missing"], d["n_weighted"], d["n_effective"])


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

    @classmethod
    def _from_c(cls, d):
        return cls(**_common(d), promoters=d["promoters"], passives=d["passives"],
                   detractors=d["detractors"], method=METHOD_NAMES[d["method"]])

    def _to_c(self):
        """The C struct's fields, for the comparisons."""
        return {**_c_common(self), "promoters": self.promoters, "passives": self.passives,
                "detractors": self.detractors, "method": METHODS[self.method]}


@dataclass(frozen=True, repr=False)
class ShareResult(_Estimate):
    """Share of answers in the boxes `box` = (lo, hi): `share` is 0..1;
    `score`, `se` and the Wilson interval `ci` are in percent."""
    share: float
    box: tuple

    @classmethod
    def _from_c(cls, d):
        return cls(**_common(d), share=d["share"], box=(d["box_min"], d["box_max"]))

    def _to_c(self):
        """The C struct's fields, for the comparisons."""
        return {**_c_common(self), "share": self.share, "box_min": self.box[0],
                "box_max": self.box[1]}


@dataclass(frozen=True, repr=False)
class MeanResult(_Estimate):
    """A (weighted) mean `score` with standard deviation `sd`, standard
    error `se`, t interval `ci` on `df` degrees of freedom, and the range."""
    sd: float
    df: float
    min: float
    max: float

    @classmethod
    def _from_c(cls, d):
        return cls(**_common(d), sd=d["sd"], df=d["df"], min=d["min"], max=d["max"])

    def _to_c(self):
        """The C struct's fields, for the comparisons."""
        return {**_c_common(self), "sd": self.sd, "df": self.df, "min": self.min,
                "max": self.max}


@dataclass(frozen=True, repr=False)
class CESResult(_Result):
    """Customer Effort Score: the mean effort rating (`effort`) and the
    share of low-effort answers (`low_effort`). `score`, `se`, `ci`, ...
    are those of the mean effort."""
    effort: MeanResult
    low_effort: ShareResult

    @classmethod
    def _from_c(cls, d):
        return cls(MeanResult._from_c(d["effort"]), ShareResult._from_c(d["low_effort"]))

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
