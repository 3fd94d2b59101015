"""Conversion of user input to the float64 arrays the C library reads.

Contiguous float64 input is passed on without a copy; anything else
(lists, integer or strided arrays, pandas objects) is converted once.
Missing values become NaN, which the library skips and counts.
"""

import datetime

import numpy as np

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


def as_vector(x, what="values"):
    """Return `x` as a one-dimensional C-contiguous float64 array."""
    if x is None:
        raise TypeError(f"{what} must be a sequence of numbers, not None")
    a = np.asarray(_to_numpy(x), dtype=_FLOAT64)
    if a.ndim != 1:
        raise ValueError(f"{what} must be one-dimensional, got {a.ndim} dimensions")
    return np.ascontiguousarray(a)


def as_optional_vector(x, what="weights"):
    """Like as_vector, but None stays None (no weights)."""
    return None if x is None else as_vector(x, what)


def as_matrix(x, what="items"):
    """Return `(matrix, column_names)`: a 2-D C-contiguous float64 array
    (rows are respondents, columns items) and the columns' names if `x`
    is a DataFrame (else None)."""
    columns = list(x.columns) if _is_pandas(x) and hasattr(x, "columns") else None
    a = np.asarray(_to_numpy(x), dtype=_FLOAT64)
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


def _datetime_array(x):
    """`x` as a numpy datetime64 array if it holds dates or times (numpy
    datetime64, pandas datetimes with or without a time zone, datetime /
    date / Timestamp objects with None or NaT for missing), else None."""
    if _is_pandas(x) and getattr(getattr(x, "dtype", None), "tz", None) is not None:
        x = x.dt.tz_convert("UTC").dt.tz_localize(None)
    a = np.asarray(_to_numpy(x))
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
    a = np.asarray(_to_numpy(x))
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
