"""What the Python benchmarks share: the fastest of several runs, and the
sizes given on the command line.

A benchmark script imports it from its own folder (`from timing import
best`), which Python puts first on the path of a script it runs.
"""
import sys
import time


def best(fn, reps):
    """Seconds of the fastest of `reps` calls of fn(): the machine may be
    busy, and the fastest run is the one least disturbed."""
    t = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        t = min(t, time.perf_counter() - t0)
    return t


def sizes(default):
    """The sizes given as arguments (1e6 and 1000000 alike), else `default`."""
    return [int(float(v)) for v in sys.argv[1:]] or list(default)
