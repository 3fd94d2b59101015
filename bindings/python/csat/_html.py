"""HTML tables of results, for notebooks (Jupyter and IPython call an
object's `_repr_html_` to show it).

The tables show the numbers of the object's `repr`, formatted the same way
(results._fmt), so that what a notebook shows and what a script prints
agree; a model or a table may add its rows. Every label is escaped: a
driver, group or category named "<b>" or "R&D" is shown as written.
"""

import html

import numpy as np

from .results import _fmt

# A table never shows more rows than this; the rest is an ellipsis row.
ROWS_MAX = 60

_LEFT = "text-align:left"
_RIGHT = "text-align:right"


class Markup(str):
    """Text that is already HTML (a nested table): table() does not escape it."""


def text(v):
    """`v` as escaped HTML text: a number as repr shows it, anything else as str."""
    if isinstance(v, Markup):
        return v
    if isinstance(v, (float, np.floating)):
        return html.escape(_fmt(float(v)))
    if isinstance(v, tuple):
        return html.escape(_fmt(tuple(float(x) if isinstance(x, np.floating) else x for x in v)))
    if isinstance(v, (bool, np.bool_)):
        return html.escape(str(bool(v)))
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    return html.escape(str(v))


def table(rows, head=None, *, left=(0,)):
    """An HTML table of `rows` (sequences of cells; a row None is an
    ellipsis row), with the header `head`; the columns in `left` are
    left-aligned (labels), the others right-aligned (numbers)."""
    rows = list(rows)
    width = len(head) if head else max((len(r) for r in rows if r is not None), default=1)
    out = ["<table>"]
    if head:
        out.append("<thead><tr>" + "".join(
            f"<th style=\"{_LEFT if j in left else _RIGHT}\">{text(h)}</th>"
            for j, h in enumerate(head)) + "</tr></thead>")
    out.append("<tbody>")
    for r in rows:
        if r is None:
            out.append(f"<tr><td colspan=\"{width}\">…</td></tr>")
            continue
        out.append("<tr>" + "".join(
            f"<td style=\"{_LEFT if j in left else _RIGHT}\">{text(c)}</td>"
            for j, c in enumerate(r)) + "</tr>")
    out.append("</tbody></table>")
    return Markup("".join(out))


def limited(rows, limit=ROWS_MAX):
    """The rows, cut to `limit` with an ellipsis row (None) before the last."""
    rows = list(rows)
    if len(rows) <= limit:
        return rows
    return rows[:limit - 1] + [None, rows[-1]]


def fields(pairs):
    """A two-column table name | value of the (name, value) pairs."""
    return Markup("<table><tbody>" + "".join(
        f"<tr><th style=\"{_LEFT}\">{text(k)}</th><td style=\"{_LEFT}\">{text(v)}</td></tr>"
        for k, v in pairs) + "</tbody></table>")


def block(name, *parts, note=None):
    """The object's HTML: its class name in bold, an optional note, then the
    tables `parts`."""
    head = f"<strong>{html.escape(name)}</strong>"
    if note:
        head += f": {html.escape(note)}"
    return "<div>" + head + "".join(parts) + "</div>"


# Objects whose module is being edited elsewhere keep only a one-line
# `_repr_html_` that calls one of these.

def key_driver_model(m):
    """A KeyDriverModel: the numbers of its repr, then its coefficient table
    as summary() shows it (beta and VIF blank for the intercept)."""
    s = m._s
    head = fields([("n", s["n"]), ("n_missing", s["n_missing"]), ("drivers", s["p"]),
                   ("r2", f"{s['r2']:.4g}"), ("adj_r2", f"{s['adj_r2']:.4g}"),
                   ("f", f"{s['f']:.4g}"), ("f_p", f"{s['f_p']:.3g}"),
                   ("intercept", m.intercept)])
    cols = m._columns()
    lo = 100 * (1 - s["level"]) / 2

    def num(v, spec):
        return "" if np.isnan(v) else format(v, spec)
    rows = [(str(term), num(cols["coef"][i], ".4g"), num(cols["se"][i], ".4g"),
             num(cols["t"][i], ".3f"), num(cols["p"][i], ".3g"),
             num(cols["ci_lower"][i], ".4g"), num(cols["ci_upper"][i], ".4g"),
             num(cols["beta"][i], ".3f"), num(cols["vif"][i], ".3g"))
            for i, term in enumerate(m.terms)]
    coef = table(limited(rows), ("term", "coef", "se", "t", "p", f"[{lo:g}%",
                                 f"{100 - lo:g}%]", "beta", "vif"))
    what = ("survey-weighted least squares" if m.design is not None else
            "weighted least squares" if m._weighted else "ordinary least squares")
    if m.outcome is not None:
        what += f" of {m.outcome}"
    return block("KeyDriverModel", head, coef, note=what)


def dominance(d):
    """Dominance: the general dominance weight of each driver (its repr's
    numbers), labelled by driver when the model's names are known."""
    g = d.general
    names = list(g.index) if hasattr(g, "index") else [f"x{j + 1}" for j in range(len(g))]
    values = np.asarray(g, dtype=float)
    rows = [(str(n), f"{v:.4g}") for n, v in zip(names, values)]
    return block("Dominance", table(limited(rows), ("driver", "general")),
                 note="general dominance weights (sum to R²)")


def xprod(a):
    """An XProd accumulator: the numbers of its repr."""
    s = a.sample
    return block("XProd", fields([("p", a.p), ("n", s.n), ("n_missing", s.n_missing)]))
