"""Weighted NPS, CSAT and mean against the read floor of the same arrays.

Not a test: it prints timings (best of several runs) and their ratios, all
measured in this one run. The floor is numpy's `a.sum() + w.sum()`: one
read of the answers and one of the weights, which any weighted score must
do. Also numpy's weighted point estimates (no standard error, no checks)
for reference. Run inside the build environment:

    meson devenv -C build /usr/bin/python3 "$PWD/tests/bench/bench_weighted.py" \
        [--reps R] [n ...]

Each score is timed in turns with the floor (score, floor, score, ...), so
that both see the same load of a shared machine, and the best of R turns
of each is kept: wall time, and the CPU time of the calling thread (the
scores and the floor run on that thread alone), which a busy machine
disturbs less than the wall clock. Both ratios are printed.
"""
import sys
import time

import numpy as np

import csat


def once(fn):
    """Wall and thread CPU time of one call."""
    c0, t0 = time.thread_time(), time.perf_counter()
    fn()
    return time.perf_counter() - t0, time.thread_time() - c0


def turns(fns, reps):
    """Best wall and CPU time of each function, called in turns."""
    wall = [float("inf")] * len(fns)
    cpu = [float("inf")] * len(fns)
    for _ in range(reps):
        for j, fn in enumerate(fns):
            t, c = once(fn)
            wall[j] = min(wall[j], t)
            cpu[j] = min(cpu[j], c)
    return wall, cpu


def main(args):
    reps = None
    if args[:1] == ["--reps"]:
        reps, args = int(args[1]), args[2:]
    sizes = [int(float(v)) for v in args] or [10**6, 10**7]
    rng = np.random.default_rng(1)
    print(f"{'n':>11} {'measure':<14} {'csat':>10} {'floor':>10} {'csat/floor':>11} "
          f"{'cpu ratio':>10} {'numpy point':>12} {'numpy/csat':>11}")
    for n in sizes:
        a = rng.integers(0, 11, size=n).astype(np.float64)      # 0..10
        s = rng.integers(1, 6, size=n).astype(np.float64)       # 1..5
        w = rng.uniform(0.2, 3.0, size=n)
        r = reps or (7 if n <= 10**7 else 3)
        floor_fn = lambda: a.sum() + w.sum()
        rows = [
            ("NPS", lambda: csat.nps(a, weights=w),
             lambda: 100 * (w[a >= 9].sum() - w[a <= 6].sum()) / w.sum()),
            ("CSAT 4-5/1-5", lambda: csat.csat(s, weights=w, scale=(1, 5), satisfied_min=4),
             lambda: w[s >= 4].sum() / w.sum()),
            ("mean", lambda: csat.mean_score(a, weights=w),
             lambda: np.average(a, weights=w)),
        ]
        # Same numbers both ways: the benchmark compares equal work.
        assert abs(csat.nps(a, weights=w).score - rows[0][2]()) < 1e-9
        assert abs(csat.csat(s, weights=w, scale=(1, 5), satisfied_min=4).share
                   - rows[1][2]()) < 1e-12
        assert abs(csat.mean_score(a, weights=w).score - rows[2][2]()) < 1e-12
        for name, fn, peer in rows:
            (t, floor), (c, cfloor) = turns([fn, floor_fn], r)
            tp = turns([peer], r)[0][0]
            print(f"{n:>11} {name:<14} {1e3 * t:>8.2f}ms {1e3 * floor:>8.2f}ms "
                  f"{t / floor:>10.2f}x {c / cfloor:>9.2f}x {1e3 * tp:>10.2f}ms {tp / t:>10.2f}x")


if __name__ == "__main__":
    main(sys.argv[1:])
