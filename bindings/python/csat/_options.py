"""Building the C option structs from keyword arguments.

Each struct starts from the library's documented defaults; only the
arguments given are written. Values are checked for type here (an
integer option must be an integer); their meaning (thresholds within the
scale, level in (0, 1), ...) is checked by the library.
"""

import numbers
import operator

from . import core as _core

METHODS = {"wald": _core.CSAT_NPS_WALD, "adjusted-wald": _core.CSAT_NPS_ADJUSTED_WALD}
METHOD_NAMES = {code: name for name, code in METHODS.items()}


def integer(value, name):
    """`value` as a Python int; TypeError for floats, strings, ..."""
    try:
        return operator.index(value)
    except TypeError:
        raise TypeError(f"{name} must be an integer, not {value!r}") from None


def real(value, name):
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, not {value!r}")
    return float(value)


def scale(value, name="scale"):
    """A scale `(min, max)` as a pair of ints."""
    try:
        lo, hi = value
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a pair (min, max), not {value!r}") from None
    return integer(lo, f"{name}[0]"), integer(hi, f"{name}[1]")


def method(value):
    try:
        return METHODS[value]
    except (KeyError, TypeError):
        raise ValueError(
            f"method must be 'wald' or 'adjusted-wald', not {value!r}") from None


def nps(scale_, promoter_min, detractor_max, level, method_):
    o = _core.nps_options()
    o.scale_min, o.scale_max = scale(scale_)
    o.promoter_min = integer(promoter_min, "promoter_min")
    o.detractor_max = integer(detractor_max, "detractor_max")
    o.level = real(level, "level")
    o.method = method(method_)
    return o


def share(scale_, level):
    o = _core.scale_options()
    o.scale_min, o.scale_max = scale(scale_)
    o.level = real(level, "level")
    return o


def csat(scale_, satisfied_min, level):
    o = _core.csat_options()
    o.scale_min, o.scale_max = scale(scale_)
    o.satisfied_min = integer(satisfied_min, "satisfied_min")
    o.level = real(level, "level")
    return o


def mean(level):
    o = _core.mean_options()
    o.level = real(level, "level")
    return o


def ces(scale_, low_effort_min, level):
    o = _core.ces_options()
    o.scale_min, o.scale_max = scale(scale_)
    o.low_effort_min = integer(low_effort_min, "low_effort_min")
    o.level = real(level, "level")
    return o
