"""Building the C option structs from keyword arguments.

Each struct starts from the library's documented defaults (the proxy's
constructor copies the C initialiser); only the arguments given are
written, and an argument of None is not given: no default of a C option is
typed in Python. Values are checked for type here (an integer option must
be an integer); their meaning (thresholds within the scale, level in
(0, 1), ...) is checked by the library.

The score functions are called often on small arrays, so a struct is built
once per distinct set of checked values and then shared: the library only
reads it (a const pointer) and nothing here writes to a struct after
building it.
"""

import numbers
import operator

import numpy as np

from . import core as _core

METHODS = {"wald": _core.CSAT_NPS_WALD, "adjusted-wald": _core.CSAT_NPS_ADJUSTED_WALD}
METHOD_NAMES = {code: name for name, code in METHODS.items()}


_CACHE = {}
_CACHE_MAX = 256


def _struct(kind, names, values, level=None):
    """The option struct `kind()` with the fields `names` set to the checked
    `values` (None: left at the C default), shared with earlier calls that
    gave the same values (of the same types: the checks make them ints and
    floats). A `level` of 0.0 or -0.0 (equal keys, but the library's
    message prints the sign) or NaN (never an equal key) gets a new struct
    each time."""
    key = (kind, values)
    shared = level is None or level == level != 0.0
    o = _CACHE.get(key) if shared else None
    if o is None:
        o = kind()
        for name, v in zip(names, values):
            if v is not None:
                setattr(o, name, v)
        if shared:
            if len(_CACHE) >= _CACHE_MAX:
                _CACHE.clear()
            _CACHE[key] = o
    return o


def integer(value, name):
    """`value` as a Python int; TypeError for floats, strings, ..."""
    if type(value) is int:
        return value
    try:
        return operator.index(value)
    except TypeError:
        raise TypeError(f"{name} must be an integer, not {value!r}") from None


def real(value, name):
    """`value` as a float; TypeError for booleans, strings, ..."""
    if type(value) is float:
        return value
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, not {value!r}")
    return float(value)


def optional(check, value, name):
    """check(value, name), or None (the C default) for None."""
    return None if value is None else check(value, name)


def scale(value, name="scale"):
    """A scale `(min, max)` as a pair of ints."""
    if type(value) is tuple and len(value) == 2 and type(value[0]) is int \
            and type(value[1]) is int:
        return value
    try:
        lo, hi = value
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a pair (min, max), not {value!r}") from None
    return integer(lo, f"{name}[0]"), integer(hi, f"{name}[1]")


def method(value):
    if value is None:
        return None
    try:
        return METHODS[value]
    except (KeyError, TypeError):
        raise ValueError(
            f"method must be 'wald' or 'adjusted-wald', not {value!r}") from None


# Field names of the structs, in the order the builders give the values.
_NPS = ("scale_min", "scale_max", "promoter_min", "detractor_max", "level", "method")
_SHARE = ("scale_min", "scale_max", "level")
_CSAT = ("scale_min", "scale_max", "satisfied_min", "level")
_MEAN = ("level",)
_CES = ("scale_min", "scale_max", "low_effort_min", "level")
_LEVEL = ("level",)


def _scale(value):
    """(min, max), or (None, None) to keep the C default scale."""
    return (None, None) if value is None else scale(value)


def nps(scale_, promoter_min, detractor_max, level, method_):
    lo, hi = _scale(scale_)
    level = optional(real, level, "level")
    values = (lo, hi, optional(integer, promoter_min, "promoter_min"),
              optional(integer, detractor_max, "detractor_max"), level, method(method_))
    return _struct(_core.nps_options, _NPS, values, level)


def share(scale_, level):
    lo, hi = _scale(scale_)
    level = optional(real, level, "level")
    return _struct(_core.scale_options, _SHARE, (lo, hi, level), level)


def csat(scale_, satisfied_min, level):
    lo, hi = _scale(scale_)
    level = optional(real, level, "level")
    values = (lo, hi, optional(integer, satisfied_min, "satisfied_min"), level)
    return _struct(_core.csat_options, _CSAT, values, level)


def mean(level):
    level = optional(real, level, "level")
    return _struct(_core.mean_options, _MEAN, (level,), level)


def ces(scale_, low_effort_min, level):
    lo, hi = _scale(scale_)
    level = optional(real, level, "level")
    values = (lo, hi, optional(integer, low_effort_min, "low_effort_min"), level)
    return _struct(_core.ces_options, _CES, values, level)


def compare(level):
    """Comparison options: the C defaults with `level` set (if not None)."""
    level = optional(real, level, "level")
    return _struct(_core.compare_options, _LEVEL, (level,), level)


def adjust(code):
    """Comparison options: the C defaults with the adjustment `code` set (if
    not None; a new struct each time: its key would equal a level's)."""
    o = _core.compare_options()
    if code is not None:
        o.adjust = code
    return o


def business(**fields):
    """Business options: the C defaults with `fields` (checked values) set,
    those that are not None."""
    o = _core.business_options()
    for name, value in fields.items():
        if value is not None:
            setattr(o, name, value)
    return o


def min_n(value):
    """`min_n` as a non-negative int, or None (the C default)."""
    if value is None:
        return None
    v = integer(value, "min_n")
    if v < 0:
        raise ValueError(f"min_n must not be negative, not {v}")
    return v


_GROUP = ("min_n", "complement")


def group(min_n_, complement=False):
    """Group options: the C defaults (CSAT_GROUP_OPTIONS_DEFAULT) with
    `min_n` (checked by min_n) and `complement` set when given."""
    return _struct(_core.group_options, _GROUP, (min_n_, 1 if complement else None))


def group_min_n():
    """The library's default `min_n` (read from CSAT_GROUP_OPTIONS_DEFAULT)."""
    return _core.group_options().min_n


def compare_adjusted(level, code):
    """Comparison options with `level` and the adjustment `code` set (each
    when not None); a new struct each time."""
    o = _core.compare_options()
    if level is not None:
        o.level = real(level, "level")
    if code is not None:
        o.adjust = code
    return o


# Survey designs and raking ----------------------------------------------------------

LONELY = {"fail": _core.CSAT_LONELY_FAIL, "remove": _core.CSAT_LONELY_REMOVE,
          "certainty": _core.CSAT_LONELY_CERTAINTY, "adjust": _core.CSAT_LONELY_ADJUST,
          "average": _core.CSAT_LONELY_AVERAGE}
LONELY_NAMES = {code: name for name, code in LONELY.items()}


def flag(value, name):
    """A boolean option as 0 or 1; TypeError for anything but a bool, 0 or 1."""
    if isinstance(value, (bool, np.bool_)) or (type(value) is int and value in (0, 1)):
        return 1 if value else 0
    raise TypeError(f"{name} must be True or False, not {value!r}")


def design(lonely_psu, nest):
    """Design options: the C defaults (CSAT_DESIGN_OPTIONS_DEFAULT) with the
    lonely-PSU rule (a name of LONELY) and `nest` set when given."""
    o = _core.design_options()
    if lonely_psu is not None:
        try:
            o.lonely_psu = LONELY[lonely_psu]
        except (KeyError, TypeError):
            raise ValueError(f"lonely_psu must be one of {', '.join(map(repr, LONELY))}, "
                             f"not {lonely_psu!r}") from None
    if nest is not None:
        o.nest = flag(nest, "nest")
    return o


def rake(max_iter, epsilon, lower, upper):
    """Raking options: the C defaults (CSAT_RAKE_OPTIONS_DEFAULT) with the
    arguments that are not None (checked for type; their values by the
    library)."""
    o = _core.rake_options()
    if max_iter is not None:
        o.max_iter = integer(max_iter, "max_iter")
    if epsilon is not None:
        o.epsilon = real(epsilon, "epsilon")
    if lower is not None:
        o.lower = real(lower, "lower")
    if upper is not None:
        o.upper = real(upper, "upper")
    return o
