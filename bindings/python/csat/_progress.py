"""Long computations: what they cost, a progress bar while they run, and
Ctrl-C.

Exact LMG and dominance over many drivers and every bootstrap take seconds
to hours. The library calls a progress function of the binding's about
ten times a second from the calling thread (doc/methods.md, "Long
computations: progress, cancellation and threads"); that function runs
Python's signal handlers, so Ctrl-C stops the computation with
KeyboardInterrupt within a fraction of a second, and then the caller's
progress display:

- `progress=False` (the default): nothing shown; Ctrl-C still works;
- `progress=True`: a bar with the time left: tqdm's (its notebook form in
  Jupyter, through tqdm.auto) when tqdm is installed, else one line on
  stderr rewritten in place;
- a callable `progress(done, total)`: called with the work units done and
  their total; whatever it raises stops the computation and is raised
  from the call.

Before an exact LMG, a dominance analysis or a bootstrap that would take
more than a minute, a LongWorkWarning says how long and what is faster
(the Monte Carlo LMG with its standard errors, fewer replicates).
"""

import os
import sys
import time

try:  # optional: the bar falls back to a plain stderr line
    from tqdm import auto as _tqdm_auto
    from tqdm import std as _tqdm_std
except ImportError:  # pragma: no cover - depends on the installation
    _tqdm_auto = _tqdm_std = None

# Sustained floating-point rate of one core in the LMG sweeps (the
# library's figure: 5–6 GFLOP/s on x86-64), for the time estimates.
FLOPS_PER_CORE = 5e9

# Work estimated above this many seconds is warned about before it starts.
WARN_SECONDS = 60.0


class LongWorkWarning(UserWarning):
    """A computation about to start is estimated to take more than a minute."""


def cores(threads):
    """The threads the library will use for `threads` (None or 0: every core)."""
    if threads:
        return int(threads)
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def duration(seconds):
    """A readable duration: "40 s", "3.5 min", "2.1 h", "4 days"."""
    if seconds < 90:
        return f"{seconds:.2g} s" if seconds < 10 else f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.2g} min"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.2g} h"
    return f"{seconds / 86400:.0f} days"


class _Line:
    """A progress line on stderr, rewritten in place at most five times a
    second, with the time left estimated from the rate so far."""

    def __init__(self, what, total, stream=None):
        self.what = what
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.start = time.monotonic()
        self.shown = -1.0
        self.width = 0

    def update(self, done):
        now = time.monotonic()
        if done < self.total and now - self.shown < 0.2:
            return
        self.shown = now
        elapsed = now - self.start
        text = f"{self.what}: {100.0 * done / self.total:5.1f} % ({done:,}/{self.total:,})"
        text += f", {duration(elapsed)} elapsed"
        if 0 < done < self.total and elapsed > 0:
            text += f", ~{duration(elapsed * (self.total - done) / done)} left"
        pad = max(0, self.width - len(text))
        self.width = len(text)
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()

    def close(self):
        if self.shown >= 0:
            self.stream.write("\n")
            self.stream.flush()


def _widgets_draw_tqdm():
    """Whether ipywidgets can draw tqdm's notebook bar: tqdm sets the bar's
    style, which ipywidgets has from version 7 on (Debian 12 ships 6: the
    widget would fail half-built)."""
    try:
        import ipywidgets
        return int(str(ipywidgets.__version__).split(".")[0]) >= 7
    except (ImportError, ValueError):
        return False


def _tqdm_bar(what, total):
    """tqdm's bar (the notebook widget in Jupyter), or its text bar where
    the widget cannot be drawn (no ipywidgets, or one older than 7)."""
    if not _widgets_draw_tqdm():
        return _tqdm_std.tqdm(total=total, desc=what, unit=" units", unit_scale=True,
                              leave=True)
    try:
        return _tqdm_auto.tqdm(total=total, desc=what, unit=" units", unit_scale=True,
                               leave=True)
    except ImportError:
        return _tqdm_std.tqdm(total=total, desc=what, unit=" units", unit_scale=True,
                              leave=True)


class _Bar:
    """progress=True: created with the library's first report (which
    gives the total), closed when the call returns."""

    def __init__(self, what):
        self.what = what
        self.bar = None

    def __call__(self, done, total):
        if self.bar is None:
            total = max(int(total), 1)
            if _tqdm_auto is not None:
                self.bar = _tqdm_bar(self.what, total)
            else:
                self.bar = _Line(self.what, total)
        if _tqdm_auto is not None and not isinstance(self.bar, _Line):
            if done > self.bar.n:
                self.bar.update(done - self.bar.n)
        else:
            self.bar.update(done)

    def close(self):
        if self.bar is not None:
            self.bar.close()
            self.bar = None


class watching:
    """`with watching(progress, what) as fn:` the callable to hand to the
    library's watch (None: signals only), closed afterwards."""

    def __init__(self, progress, what):
        self.bar = None
        if progress is None or progress is False:
            self.fn = None
        elif progress is True:
            self.bar = self.fn = _Bar(what)
        elif callable(progress):
            self.fn = progress
        else:
            raise TypeError("progress must be True, False or a callable (done, total), "
                            f"not {type(progress).__name__}")

    def __enter__(self):
        return self.fn

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.close()
        return False
