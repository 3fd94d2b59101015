"""Charts of results with matplotlib, which is imported only when a chart is
drawn: the library itself does not need it.

    csat.distribution(x, scale=(1, 7)).plot()      # Distribution.plot
    csat.nps(x, by=segment).plot()                 # GroupedResult.plot
    csat.survival(months, churned).plot()          # Survival.plot
    from csat import charts
    charts.gaps(csat.gap(expected, perceived))     # expectation-perception gaps
    charts.ipa(model.ipa("lmg"))                   # importance-performance quadrants
    charts.importance(model.bootstrap("lmg"))      # importance with its intervals

Every function draws on `ax` (a matplotlib Axes; None: a new figure) and
returns the Axes, so that a caller can add to it or save its figure. The
numbers drawn are those of the result or table given; nothing is computed
here but the positions of the marks.
"""

import math

import numpy as np

from .groups import _pyplot

QUADRANT_COLOURS = {"concentrate here": "tab:red", "keep up the good work": "tab:green",
                    "low priority": "tab:gray", "possible overkill": "tab:blue"}


def _axes(ax, what, size):
    plt = _pyplot(what)
    if ax is None:
        _, ax = plt.subplots(figsize=size)
    return ax


def _column(table, name):
    """A column of a DataFrame (or of the dict a function gives without
    pandas) as a float array."""
    return np.asarray(table[name], dtype=float)


def _labels(table, key):
    """The row labels of a DataFrame (its index) or of a dict (its `key` column)."""
    if hasattr(table, "index"):
        return [str(v) for v in table.index]
    return [str(v) for v in table[key]]


def distribution(d, *, ax=None):
    """Bars of the share (in %) of every point of the scale of the
    Distribution `d`, each with its percentage above it."""
    ax = _axes(ax, "Distribution.plot()", (6, 3.5))
    values = np.asarray(d.values)
    shares = 100 * np.asarray(d.shares, dtype=float)
    bars = ax.bar(values, shares, color="tab:blue", alpha=0.8, zorder=2)
    for bar, share in zip(bars, shares):
        ax.annotate(f"{share:.1f}%", (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                    textcoords="offset points", xytext=(0, 2), ha="center", fontsize=8)
    ax.set_xticks(values)
    ax.set_xlabel(f"answer ({d.scale[0]}-{d.scale[1]})")
    ax.set_ylabel("share of answers (%)")
    ax.set_title(f"Distribution of the answers (n = {d.n})")
    ax.margins(y=0.12)
    ax.grid(True, axis="y", linewidth=0.3)
    return ax


def survival(curve, *, ax=None, label=None, median=True):
    """The Kaplan–Meier curve of the Survival `curve`: the share still
    retained (%) against time as steps, its pointwise interval as a band
    and, with median=True, a dashed line at the median lifetime when the
    curve reaches one half. `label` names the curve in the legend (several
    curves may share `ax`)."""
    ax = _axes(ax, "Survival.plot()", (7, 4))
    t = np.concatenate([[0.0], np.asarray(curve.time, dtype=float)])
    s = 100 * np.concatenate([[1.0], np.asarray(curve.survival, dtype=float)])
    lo = 100 * np.concatenate([[1.0], np.asarray(curve.ci[0], dtype=float)])
    hi = 100 * np.concatenate([[1.0], np.asarray(curve.ci[1], dtype=float)])
    # A step with no interval (S = 0, or a single customer) has NaN limits.
    lo, hi = np.where(np.isnan(lo), s, lo), np.where(np.isnan(hi), s, hi)
    line, = ax.step(t, s, where="post", label=label)
    ax.fill_between(t, lo, hi, step="post", alpha=0.2, color=line.get_color())
    if median and not math.isnan(curve.median):
        ax.axvline(curve.median, color=line.get_color(), linestyle="--", linewidth=0.8)
        ax.annotate(f"median {curve.median:g}", (curve.median, 50), textcoords="offset points",
                    xytext=(4, 4), fontsize=8, color=line.get_color())
    ax.axhline(50, color="gray", linewidth=0.5)
    ax.set_ylim(0, 102)
    ax.set_xlim(left=0)
    ax.set_xlabel("time")
    ax.set_ylabel("still a customer (%)")
    ax.set_title(f"Retention curve (Kaplan–Meier, {100 * curve.level:g}% interval)")
    if label is not None:
        ax.legend(loc="best")
    ax.grid(True, linewidth=0.3)
    return ax


def gaps(table, *, ax=None):
    """The expectation-perception gaps of csat.gap's table (columns gap,
    ci_lower, ci_upper; rows the attributes) as horizontal bars with their
    intervals, the largest shortfall on top: red below zero (perceived
    below expected), green above."""
    names = _labels(table, "attribute")
    gap, lower, upper = (_column(table, c) for c in ("gap", "ci_lower", "ci_upper"))
    order = sorted(range(len(names)), key=lambda j: (gap[j], j))
    names = [names[j] for j in order]
    gap, lower, upper = gap[order], lower[order], upper[order]
    ax = _axes(ax, "charts.gaps()", (7, max(3.0, 0.3 * len(names) + 1)))
    y = np.arange(len(names))
    ax.barh(y, gap, color=["tab:red" if v < 0 else "tab:green" for v in gap], alpha=0.7,
            zorder=2)
    ax.errorbar(gap, y, xerr=[gap - lower, upper - gap], fmt="none", ecolor="black",
                elinewidth=1, capsize=3, zorder=3)
    ax.set_yticks(y)
    ax.set_yticklabels(names)
    ax.invert_yaxis()
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel("gap: perceived minus expected, with its interval")
    ax.set_title("Expectations vs perceptions")
    ax.grid(True, axis="x", linewidth=0.3)
    return ax


def ipa(table, *, ax=None, importance_cross=None, performance_cross=None):
    """The importance-performance chart of KeyDriverModel.ipa's table
    (columns importance, performance, quadrant; rows the drivers): one point
    per driver coloured by quadrant, the crosshairs at the values the
    quadrants used (None: the means over the drivers, the library's
    default)."""
    names = _labels(table, "driver")
    imp, perf = _column(table, "importance"), _column(table, "performance")
    quadrant = list(table["quadrant"])
    ax = _axes(ax, "charts.ipa()", (7, 5))
    for name, colour in QUADRANT_COLOURS.items():
        idx = [j for j, q in enumerate(quadrant) if q == name]
        if idx:
            ax.scatter(perf[idx], imp[idx], color=colour, label=name, zorder=3)
    for j, label in enumerate(names):
        ax.annotate(label, (perf[j], imp[j]), textcoords="offset points", xytext=(4, 3),
                    fontsize=8)
    ax.axvline(perf.mean() if performance_cross is None else performance_cross,
               color="black", linewidth=0.8, linestyle="--")
    ax.axhline(imp.mean() if importance_cross is None else importance_cross,
               color="black", linewidth=0.8, linestyle="--")
    ax.set_xlabel("performance")
    ax.set_ylabel("importance")
    ax.set_title("Importance-performance analysis")
    ax.legend(loc="best", fontsize=8, title="quadrant", title_fontsize=8)
    ax.grid(True, linewidth=0.3)
    return ax


def importance(table, *, ax=None):
    """Relative importance of each driver as horizontal bars, largest on
    top, with bootstrap intervals: KeyDriverModel.bootstrap's DataFrame
    (columns estimate, lower, upper), or a Series / dict of importances
    alone (no intervals)."""
    if hasattr(table, "columns"):
        names = [str(v) for v in table.index]
        est, lower, upper = (_column(table, c) for c in ("estimate", "lower", "upper"))
    else:
        names = ([str(v) for v in table.index] if hasattr(table, "index")
                 else [str(v) for v in table])
        est = np.asarray(table.values if hasattr(table, "index") else list(table.values()),
                         dtype=float)
        lower = upper = None
    order = sorted(range(len(names)), key=lambda j: (-est[j], j))
    y = np.arange(len(names))
    ax = _axes(ax, "charts.importance()", (7, max(3.0, 0.3 * len(names) + 1)))
    ax.barh(y, est[order], color="tab:blue", alpha=0.7, zorder=2)
    if lower is not None:
        ax.errorbar(est[order], y, xerr=[est[order] - lower[order], upper[order] - est[order]],
                    fmt="none", ecolor="black", elinewidth=1, capsize=3, zorder=3)
    ax.set_yticks(y)
    ax.set_yticklabels([names[j] for j in order])
    ax.invert_yaxis()
    attrs = getattr(table, "attrs", {}) or {}
    what = attrs.get("method", "importance")
    if lower is not None and "level" in attrs and "reps" in attrs:
        what += (f", with its {100 * attrs['level']:g}% bootstrap interval "
                 f"({attrs['reps']} replicates)")
    elif lower is not None:
        what += ", with its bootstrap interval"
    ax.set_xlabel(what)
    ax.set_title("Relative importance of the drivers")
    ax.grid(True, axis="x", linewidth=0.3)
    return ax


__all__ = ["distribution", "survival", "gaps", "ipa", "importance"]
