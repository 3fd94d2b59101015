"""csat.nps by group against the vectorised pandas idiom.

Not a test: it prints timings (best of several runs) and their ratios, all
measured in this one run, for n answers (0..10) in G integer groups:

    csat.nps(s, by=codes)                       s a float64 Series, codes int64
    df.assign(p=(s >= 9), d=(s <= 6)).groupby(codes)[["p", "d"]].mean()
        -> 100 * (p - d)                        the pandas idiom, df = s.to_frame()

and, for reference, csat.nps with int32 codes (used in place), with a
categorical of the codes, the ungrouped csat.nps, and the cost of the
first compare("rest") beyond a second one: the complement ("rest")
results, computed once, lazily, from the grouped accumulator (computing
them with every grouped score instead would add that to every call).
Both ways give the same scores (checked). Run inside the build environment:

    meson devenv -C build /usr/bin/python3 "$PWD/tests/bench/bench_groups.py" [n ...] [--groups G]
"""
import argparse
import time

import numpy as np
import pandas as pd

import csat

from timing import best


def main(sizes, groups):
    rng = np.random.default_rng(1)
    print(f"G = {groups} integer groups; times are the best of several runs")
    print(f"{'n':>10} {'csat int64':>11} {'csat int32':>11} {'csat categ.':>12} "
          f"{'pandas idiom':>13} {'idiom/csat':>11} {'ungrouped':>10} {'rest':>7} "
          f"{'compare':>8}")
    for n in sizes:
        s = pd.Series(rng.integers(0, 11, size=n).astype(np.float64))
        codes = rng.integers(0, groups, size=n)            # int64, numpy's default
        codes32 = codes.astype(np.int32)
        categorical = pd.Categorical.from_codes(codes32, categories=np.arange(groups))
        df = s.to_frame("s")
        reps = 7 if n <= 10**6 else 5

        def idiom():
            m = df.assign(p=(s >= 9), d=(s <= 6)).groupby(codes)[["p", "d"]].mean()
            return 100 * (m["p"] - m["d"])

        # Same numbers both ways: the benchmark compares equal work.
        ours = csat.nps(s, by=codes).to_frame()["score"].to_numpy()
        theirs = idiom().to_numpy()
        assert ours.shape == theirs.shape and np.allclose(ours, theirs, rtol=0, atol=1e-9)

        t_csat = best(lambda: csat.nps(s, by=codes), reps)
        t_csat32 = best(lambda: csat.nps(s, by=codes32), reps)
        t_cat = best(lambda: csat.nps(s, by=categorical), reps)
        t_idiom = best(idiom, reps)
        t_plain = best(lambda: csat.nps(s), reps)
        t_rest = t_compare = float("inf")
        for _ in range(reps):
            g = csat.nps(s, by=codes32)
            t0 = time.perf_counter()
            g.compare("rest")                   # the complement results, then the tests
            t1 = time.perf_counter()
            g.compare("rest")                   # the tests only
            t2 = time.perf_counter()
            t_rest = min(t_rest, (t1 - t0) - (t2 - t1))
            t_compare = min(t_compare, t2 - t1)
        print(f"{n:>10} {1e3 * t_csat:>9.1f}ms {1e3 * t_csat32:>9.1f}ms {1e3 * t_cat:>10.1f}ms "
              f"{1e3 * t_idiom:>11.1f}ms {t_idiom / t_csat:>10.1f}x {1e3 * t_plain:>8.1f}ms "
              f"{1e3 * t_rest:>5.1f}ms {1e3 * t_compare:>6.1f}ms")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=lambda v: int(float(v)),
                        default=[10**6, 10**7])
    parser.add_argument("--groups", type=int, default=1000)
    args = parser.parse_args()
    main(args.sizes, args.groups)
