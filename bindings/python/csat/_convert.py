"""Conversion of user input to the float64 arrays the C library reads.

Contiguous float64 input is passed on without a copy; anything else
(lists, integer or strided arrays, pandas objects) is converted once.
Missing values become NaN, which the library skips and counts: NaN, None,
pd.NA, and the masked entries of a numpy masked array.

Only numbers are read as numbers: integers, floats and booleans (as 0 and
1). Strings (even "9"), bytes, complex numbers, dates and durations raise
TypeError instead of being converted; a duration or date argument that
accepts them says so and converts them itself (as_days, as_durations).

Two pandas inputs that belong together (scores and their weights, the
drivers and the outcome) are matched by index label, never by position:
`aligned` reorders the second to the first's index when both hold the same
labels, and refuses indexes with different labels.
"""

import datetime
import numbers

import numpy as np

from ._errors import describe_row

_FLOAT64 = np.dtype(np.float64)


def pandas_module():
    """The pandas module, or None where pandas is not installed (it is an
    optional dependency)."""
    try:
        import pandas
    except ImportError:
        return None
    return pandas


def _is_pandas(x):
    return type(x).__module__.partition(".")[0] == "pandas"


def _to_numpy(x):
    """Plain numpy version of pandas input (a view when the data are numpy
    numbers); pd.NA and None become NaN."""
    if not (_is_pandas(x) and hasattr(x, "to_numpy")):
        return x
    dtypes = list(x.dtypes) if hasattr(x, "dtypes") and hasattr(x, "columns") else [x.dtype]
    if all(isinstance(d, np.dtype) and d != np.dtype(object) for d in dtypes):
        return x.to_numpy()
    a = x.to_numpy(dtype=object, copy=True)
    a[np.asarray(x.isna())] = np.nan
    return a


# Numbers only -----------------------------------------------------------------

# What numpy would silently turn into a float but is not a number here, by
# numpy dtype kind (an array of one type) and by Python type (an element of
# an object array).
_REFUSED_KINDS = {
    "U": "strings", "S": "bytes", "c": "complex numbers", "M": "dates",
    "m": "durations", "V": "structured records",
}
_REFUSED_TYPES = (
    (str, "a string"), (bytes, "bytes"), (np.datetime64, "a date (datetime64)"),
    (np.timedelta64, "a duration (timedelta64)"), (datetime.date, "a date"),
    (datetime.time, "a time of day"), (datetime.timedelta, "a duration"),
)


def _refused(t):
    """What an element of Python type `t` is if it must not be read as a
    number, else None."""
    for bad, name in _REFUSED_TYPES:
        if issubclass(t, bad):
            return name
    if issubclass(t, numbers.Complex) and not issubclass(t, numbers.Real):
        return "a complex number"
    return None


def _where(original, flat_pos, shape):
    """(text, attributes) locating the flat_pos-th element: its position
    and, when the input was a Series or DataFrame, its index label and
    column name (as csat._errors.locate does for the library's errors)."""
    pandas = _is_pandas(original)
    index = getattr(original, "index", None) if pandas else None
    if len(shape) == 1:
        row, col = flat_pos, None
        where = f"position {row}"
    else:
        row, col = (int(i) for i in np.unravel_index(flat_pos, shape))
        where = f"row {row}"
    label = name = None
    if index is not None and len(index) == shape[0]:
        label = index[row]
        if type(label).__module__ == "numpy" and hasattr(label, "item"):
            label = label.item()
    if col is None:
        if label is not None and not hasattr(original, "columns"):
            name = getattr(original, "name", None)
        if label is not None:
            where += f" ({describe_row(label, name)})"
    else:
        if label is not None:
            where += f" ({describe_row(label)})"
        where += f", column {col}"
        if pandas and hasattr(original, "columns") and len(original.columns) == shape[1]:
            name = original.columns[col]
            where += f" ({name!r})"
    return where, {"index": row, "column": col, "label": label, "column_name": name}


def _objects(a, original, what):
    """A float64 copy of the object array `a` after refusing the elements
    that are not numbers (None stays missing: NaN)."""
    flat = a.ravel()
    kinds = {_refused(t) for t in set(map(type, flat))}
    kinds.discard(None)
    if kinds:
        for i, v in enumerate(flat):
            name = _refused(type(v))
            if name is not None:
                where, attributes = _where(original, i, a.shape)
                e = TypeError(f"{what} must hold numbers, not {name}: {v!r} at {where}")
                for attribute, value in attributes.items():
                    setattr(e, attribute, value)
                raise e
    try:
        return a.astype(_FLOAT64)
    except (TypeError, ValueError) as e:
        raise TypeError(f"{what} must hold numbers: {e}") from None


def _numbers(x, what):
    """`x` (any shape) as a float64 array, not copied when it already is
    one; NaN for missing and masked values; TypeError for what is not a
    number. The checks look at the dtype only, except for object arrays
    (which are converted element by element anyway)."""
    if type(x) is np.ndarray and x.dtype == _FLOAT64:
        return x                        # the common case, in O(1)
    if x is None:
        raise TypeError(f"{what} must be a sequence of numbers, not None")
    original = x
    x = _to_numpy(x)
    mask = None
    if isinstance(x, np.ma.MaskedArray):
        mask = np.ma.getmaskarray(x)
        x = np.ma.getdata(x)
        if not mask.any():
            mask = None
    a = x if isinstance(x, np.ndarray) else np.asarray(x)
    kind = a.dtype.kind
    if kind in _REFUSED_KINDS:
        raise TypeError(f"{what} must hold numbers, not {_REFUSED_KINDS[kind]} "
                        f"(numpy dtype {a.dtype})")
    if kind == "O":
        a = _objects(a, original, what)
    elif a.dtype != _FLOAT64:
        a = a.astype(_FLOAT64)          # integers, booleans, other floats
    if mask is not None:
        a = np.where(mask, np.nan, a)   # a new array: the caller's data stay
    return a


def as_numbers(x, what):
    """`x` as a float64 array of any shape (see _numbers)."""
    return _numbers(x, what)


def as_vector(x, what="values"):
    """Return `x` as a one-dimensional C-contiguous float64 array; masked
    values of a numpy masked array are missing (NaN)."""
    a = _numbers(x, what)
    if a.ndim != 1:
        raise ValueError(f"{what} must be one-dimensional, got {a.ndim} dimensions")
    return np.ascontiguousarray(a)


def as_optional_vector(x, what="weights", like=None, like_what="scores"):
    """Like as_vector, but None stays None. With `like`, pandas input is
    first aligned to it (see aligned)."""
    if x is None:
        return None
    return as_vector(aligned(x, like, what, like_what), what)


def as_weights(x, like=None, what="weights", like_what="scores"):
    """Optional weights as as_optional_vector. A masked weight is refused
    (ValueError): a weight is required for every answer, just as a NaN
    weight is an error; mask the answer instead to leave it out."""
    if x is None:
        return None
    if isinstance(x, np.ma.MaskedArray) and np.ma.getmaskarray(x).any():
        i = int(np.flatnonzero(np.ma.getmaskarray(x))[0])
        raise ValueError(f"{what} must not have masked values (a masked weight at position "
                         f"{i}): mask the answer instead to leave it out")
    return as_optional_vector(x, what, like, like_what)


def aligned(x, like, what, like_what):
    """`x` matched to `like` by index label when both are pandas objects
    with an index: unchanged if the indexes are equal, reordered to
    `like`'s order if they hold the same unique labels in another order;
    ValueError if the labels differ (matching by position would pair the
    wrong rows). Anything else is returned unchanged (matched by
    position)."""
    if not (_is_pandas(x) and _is_pandas(like) and hasattr(x, "index")
            and hasattr(like, "index")):
        return x
    xi, li = x.index, like.index
    if xi.equals(li):
        return x
    if len(xi) == len(li) and xi.is_unique and li.is_unique:
        order = xi.get_indexer(li)
        if (order >= 0).all():
            return x.iloc[order]
    extra = list(li[~li.isin(xi)][:5])
    detail = (f" (labels of {like_what} not in {what}: {extra})" if extra
              else " (repeated labels or different lengths)")
    raise ValueError(f"the index of {what} does not match the index of {like_what}{detail}; "
                     "align them (or pass numpy arrays to match by position)")


def as_matrix(x, what="items"):
    """Return `(matrix, column_names)`: a 2-D C-contiguous float64 array
    (rows are respondents, columns items) and the columns' names if `x`
    is a DataFrame (else None). Masked values are missing (NaN)."""
    columns = list(x.columns) if _is_pandas(x) and hasattr(x, "columns") else None
    a = _numbers(x, what)
    if a.ndim != 2:
        raise ValueError(f"{what} must be two-dimensional (rows × items), got {a.ndim} dimensions")
    return np.ascontiguousarray(a), columns


# Dates ------------------------------------------------------------------------

_EPOCH = np.datetime64("1970-01-01", "D")
_DAY = np.timedelta64(1, "D")
_NAT = np.datetime64("NaT", "ns")


def _one_datetime(v):
    """One date or time object as datetime64[ns] (UTC for aware times);
    None, NaN, NaT and pd.NA as NaT; None for anything else."""
    if v is None or (isinstance(v, float) and v != v) or str(v) in ("NaT", "<NA>"):
        return _NAT
    if isinstance(v, np.datetime64):
        return v.astype("datetime64[ns]")
    if isinstance(v, datetime.datetime):
        if v.tzinfo is not None:
            v = v.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        if hasattr(v, "to_datetime64"):  # a pandas Timestamp keeps its nanoseconds
            return v.to_datetime64().astype("datetime64[ns]")
        return np.datetime64(v, "ns")
    if isinstance(v, datetime.date):
        return np.datetime64(v, "ns")
    return None


def _masked_as_missing(x):
    """A masked array of dates, durations or objects with its masked
    entries as NaT / None (missing); anything else unchanged (as_vector
    reads the mask of numbers)."""
    if isinstance(x, np.ma.MaskedArray) and x.dtype.kind in "mMO":
        missing = None if x.dtype.kind == "O" else np.array("NaT", dtype=x.dtype)
        return np.where(np.ma.getmaskarray(x), missing, np.ma.getdata(x))
    return x


def _datetime_array(x):
    """`x` as a numpy datetime64 array if it holds dates or times (numpy
    datetime64, pandas datetimes with or without a time zone, datetime /
    date / Timestamp objects with None or NaT for missing), else None."""
    if _is_pandas(x) and getattr(getattr(x, "dtype", None), "tz", None) is not None:
        x = x.dt.tz_convert("UTC").dt.tz_localize(None)
    a = np.asarray(_to_numpy(_masked_as_missing(x)))
    if np.issubdtype(a.dtype, np.datetime64):
        return a
    if a.dtype == object and a.size > 0:
        values = [_one_datetime(v) for v in a.ravel()]
        if all(v is not None for v in values) and any(not np.isnat(v) for v in values):
            return np.array(values, dtype="datetime64[ns]").reshape(a.shape)
        if any(v is not None and not np.isnat(v) for v in values):
            raise TypeError("the dates mix date or time objects and other values")
    return None


def as_days(x, what):
    """(values, is_date): dates and times as float days since 1970-01-01
    (a unit conversion only; NaT becomes NaN), anything else as
    as_vector."""
    a = _datetime_array(x)
    if a is None:
        return as_vector(x, what), False
    if a.ndim != 1:
        raise ValueError(f"{what} must be one-dimensional, got {a.ndim} dimensions")
    return np.ascontiguousarray((a - _EPOCH) / _DAY, dtype=_FLOAT64), True


def day(t, what):
    """A date or time scalar (datetime, date, Timestamp, datetime64 or an
    ISO string) as float days since 1970-01-01."""
    if isinstance(t, str):
        try:
            t = np.datetime64(t)
        except ValueError:
            raise ValueError(f"{what} is not a date: {t!r}") from None
    v = _one_datetime(t)
    if v is None or np.isnat(v):
        raise TypeError(f"{what} must be a date or time like the data, not {t!r}")
    return float((v - _EPOCH) / _DAY)


_NAT_TD = np.timedelta64("NaT", "ns")


def _one_timedelta(v):
    """One duration object as timedelta64[ns]; None, NaN, NaT and pd.NA as
    NaT; None for anything else."""
    if v is None or (isinstance(v, float) and v != v) or str(v) in ("NaT", "<NA>"):
        return _NAT_TD
    if isinstance(v, np.timedelta64):
        return v.astype("timedelta64[ns]")
    if isinstance(v, datetime.timedelta):
        value = getattr(v, "value", None)       # a pandas Timedelta keeps nanoseconds
        return np.timedelta64(value, "ns") if value is not None \
            else np.timedelta64(v).astype("timedelta64[ns]")
    return None


def _timedelta_array(x):
    """`x` as a numpy timedelta64 array if it holds durations (numpy
    timedelta64, pandas Timedelta data, datetime.timedelta objects), else
    None."""
    a = np.asarray(_to_numpy(_masked_as_missing(x)))
    if np.issubdtype(a.dtype, np.timedelta64):
        return a
    if a.dtype == object and a.size > 0:
        values = [_one_timedelta(v) for v in a.ravel()]
        if all(v is not None for v in values) and any(not np.isnat(v) for v in values):
            return np.array(values, dtype="timedelta64[ns]").reshape(a.shape)
        if any(v is not None and not np.isnat(v) for v in values):
            raise TypeError("the durations mix timedeltas and other values")
    return None


def as_durations(x, what):
    """(values, is_timedelta): durations (timedelta64, pandas Timedelta) as
    float days (a unit conversion only; NaT becomes NaN), anything else as
    as_vector."""
    a = _timedelta_array(x)
    if a is None:
        return as_vector(x, what), False
    if a.ndim != 1:
        raise ValueError(f"{what} must be one-dimensional, got {a.ndim} dimensions")
    return np.ascontiguousarray(a / _DAY, dtype=_FLOAT64), True


def days(t):
    """A duration scalar (timedelta, pandas Timedelta, timedelta64) as float
    days, or None if `t` is not a duration."""
    if not isinstance(t, (np.timedelta64, datetime.timedelta)):
        return None
    v = _one_timedelta(t)
    if np.isnat(v):
        raise ValueError("a duration must not be NaT")
    return float(v / _DAY)
