"""csat.nps on a numpy array against the numpy idiom and a plain a.sum().

Not a test: it prints timings (best of several runs) and their ratios, all
measured in this one run. Run inside the build environment:

    meson devenv -C build /usr/bin/python3 "$PWD/tests/bench/bench_nps.py"
"""

import numpy as np

import csat

from timing import best, sizes


def main(sizes):
    rng = np.random.default_rng(1)
    print(f"{'n':>11} {'csat.nps':>10} {'numpy idiom':>12} {'a.sum()':>10} "
          f"{'idiom/csat':>11} {'csat/sum':>9}")
    for n in sizes:
        a = rng.integers(0, 11, size=n).astype(np.float64)
        reps = 7 if n <= 10**7 else 3
        t_csat = best(lambda: csat.nps(a), reps)
        t_idiom = best(lambda: 100 * ((a >= 9).mean() - (a <= 6).mean()), reps)
        t_sum = best(lambda: a.sum(), reps)
        # Same number both ways: the benchmark compares equal work.
        assert abs(csat.nps(a).score - 100 * ((a >= 9).mean() - (a <= 6).mean())) < 1e-9
        print(f"{n:>11} {1e3 * t_csat:>8.2f}ms {1e3 * t_idiom:>10.2f}ms {1e3 * t_sum:>8.2f}ms "
              f"{t_idiom / t_csat:>10.2f}x {t_csat / t_sum:>8.2f}x")


if __name__ == "__main__":
    main(sizes([10**6, 10**7, 10**8]))
