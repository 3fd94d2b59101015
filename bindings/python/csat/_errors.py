"""Errors in the caller's terms.

The library locates a bad value by its 0-based position: `index` (the row
or element) and `column` on the exception. When the data came as a pandas
Series or DataFrame, `locate` adds what the caller knows them by:
`label`, the index label of that row, and `column_name`, the name of the
column (a DataFrame's column, a driver's name, or the name of the Series
the value is in). Both are also written into the message, next to the
position the library gave:

    value 11 at index 1 (index label 871 in 'recommend') is outside the scale 0..10
    value inf at row 6 (index label 412), driver 1 ('price') is infinite ...

`label` and `column_name` are None when there is nothing to name (numpy
or list input, or no row or column in the error); the message then gives
the position only. The exception keeps its class, `code`, `index` and
`column`.
"""

import re

from . import core as _core

# What the library raises (OverflowError and csat.SingularError are
# ArithmeticErrors).
LIBRARY_ERRORS = (ValueError, ArithmeticError)

_WEIGHT = _core.CSAT_ERR_WEIGHT

# Words the library's messages put before a row or element position, and
# before a column position.
_ROW_WORDS = "index|row|customer|wave"
_COLUMN_WORDS = "driver|item|attribute|column"


def _pandas_rows(x):
    """`x` if it is a pandas object with row labels, else None."""
    if type(x).__module__.partition(".")[0] == "pandas" and hasattr(x, "index"):
        return x
    return None


def _series_name(x):
    """The name of a pandas Series (None for anything else, or unnamed)."""
    if _pandas_rows(x) is not None and not hasattr(x, "columns"):
        return getattr(x, "name", None)
    return None


def _after(message, words, position, text):
    """`message` with " (text)" after the first "<word> <position>", or None
    if the message has no such phrase."""
    m = re.search(rf"\b(?:{words}) {position}\b", message)
    if m is None:
        return None
    return f"{message[:m.end()]} ({text}){message[m.end():]}"


def describe_row(label, name=None):
    """ "index label 871", with " in 'name'" for a named Series."""
    text = f"index label {label!r}"
    return text if name is None else f"{text} in {name!r}"


def locate(e, data, weights=None, *, also=(), columns=None, outcome=None, kind="column"):
    """Add `label` and `column_name` to the library's exception `e` (in
    place; returns it) and name them in its message.

    `data`: the main input (a Series or DataFrame gives the row labels);
    `weights`: the weights as given (their Series name is named for a
    weight error); `also`: further inputs matched to the same rows (the
    first pandas object among data, also and weights labels the rows; with
    them, a 1-D error names no Series, since it may be in any of them).
    `columns`: the names of the columns of 2-D data (or of the drivers);
    column == len(columns) is the `outcome` when one is named. `kind`: the
    word for a column when the message has no phrase to attach the name to.
    """
    index = getattr(e, "index", None)
    column = getattr(e, "column", None)
    label = name = None
    rows = None
    for x in (data, *also, weights):
        rows = _pandas_rows(x)
        if rows is not None:
            break
    if rows is not None and index is not None and 0 <= index < len(rows.index):
        label = rows.index[index]
        if hasattr(label, "item") and type(label).__module__ == "numpy":
            label = label.item()        # a numpy scalar label reads as the Python value
    if column is not None:
        if columns is not None and 0 <= column < len(columns):
            name = columns[column]
        elif columns is not None and column == len(columns) and outcome is not None:
            name = outcome
    elif label is not None:
        # The Series the value is in, when that is known: the weights for a
        # weight error, else the data when nothing else was given with it.
        if getattr(e, "code", None) == _WEIGHT:
            name = _series_name(weights)
        elif not also:
            name = _series_name(data)
    e.label = label
    e.column_name = name
    if label is None and name is None:
        return e
    message = str(e)
    if label is not None:
        row_text = describe_row(label, name if column is None else None)
        message = (_after(message, _ROW_WORDS, index, row_text)
                   or f"{message} ({row_text})")
    if name is not None and column is not None:
        if column == len(columns or ()) and outcome is not None:
            message = f"{message} (outcome {outcome!r})"
        else:
            message = (_after(message, _COLUMN_WORDS, column, repr(name))
                       or f"{message} ({kind} {column}, {name!r})")
    e.args = (message,)
    return e
