"""Conversion of user input to the float64 arrays the C library reads.

Contiguous float64 input is passed on without a copy; anything else
(lists, integer or strided arrays, pandas objects) is converted once.
Missing values become NaN, which the library skips and counts.
"""

import numpy as np

_FLOAT64 = np.dtype(np.float64)


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
