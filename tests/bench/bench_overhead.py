"""Per-call time of csat.nps on small arrays, beside the numpy idiom.

At n = 10, 100 and 1000 answers the C work is well under a microsecond,
so this measures what a call costs in Python: converting the arguments,
the option struct, the wrapper and the result object. The numpy idiom
100*((a>=9).mean()-(a<=6).mean()) computes the same score (without the
standard error, interval and sample sizes) and sets the scale.

Not a test: it prints a table of the best per-call times over several
rounds (timeit, the two measured in turn so that both see the same load on
a shared machine), and whether csat.nps at n = 100 stays within the budget
of 4 µs per call. Run inside the build environment:

    meson devenv -C build /usr/bin/python3 "$PWD/tests/bench/bench_overhead.py" [rounds]
"""
import sys
import timeit

import numpy as np

import csat

SIZES = (10, 100, 1000)
IDIOM = "100 * ((a >= 9).mean() - (a <= 6).mean())"
BUDGET = 4.0    # µs per call of csat.nps at n = 100 that the bindings must not exceed


def per_call(stmt, a, number=2000, repeat=3):
    """Best time of one call in µs over `repeat` runs of `number` calls."""
    t = timeit.repeat(stmt, globals={"csat": csat, "a": a}, number=number, repeat=repeat)
    return 1e6 * min(t) / number


def main(rounds=20):
    rng = np.random.default_rng(1)
    arrays = {n: rng.integers(0, 11, size=n).astype(np.float64) for n in SIZES}
    for n, a in arrays.items():
        # Same number both ways: the table compares equal work.
        assert abs(csat.nps(a).score - eval(IDIOM)) < 1e-9
    best = {}
    for _ in range(rounds):
        for n, a in arrays.items():
            for name, stmt in (("csat", "csat.nps(a)"), ("idiom", IDIOM)):
                t = per_call(stmt, a)
                best[name, n] = min(best.get((name, n), float("inf")), t)
    print(f"csat.nps per call (best of {rounds} rounds), Python {sys.version.split()[0]}, "
          f"numpy {np.__version__}")
    print(f"{'n':>6} {'csat.nps':>11} {'numpy idiom':>13} {'idiom/csat':>11}")
    for n in SIZES:
        c, i = best["csat", n], best["idiom", n]
        print(f"{n:>6} {c:>8.2f} µs {i:>10.2f} µs {i / c:>10.2f}x")
    c = best["csat", 100]
    print(f"budget: csat.nps at n = 100 takes {c:.2f} µs per call, "
          f"{'within' if c <= BUDGET else 'OVER'} the {BUDGET:g} µs allowed")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
