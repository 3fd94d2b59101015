"""Key drivers in Python: csat.key_drivers against statsmodels OLS on the
same data, and exact LMG for p = 10, 15, 18, 20, 22, in one run.

Not a test; prints timings (best of a few runs) and their ratios. Run in the
build environment:

    meson devenv -C build /usr/bin/python3 "$PWD/tests/bench/bench_drivers.py" [n ...]
"""

import numpy as np

import csat

from timing import best, sizes


def survey(n, p, seed=7):
    """Ratings 1..10 sharing a common factor; outcome a weighted sum plus noise."""
    rng = np.random.default_rng(seed)
    f = rng.random(n)
    x = np.floor(1 + 9 * (0.6 * f[:, None] + 0.4 * rng.random((n, p))))
    y = x @ ((np.arange(p) % 5 + 1) / 5.0) / p + 2 * rng.random(n)
    return x, y


def main(sizes):
    try:
        import statsmodels.api as sm
    except ImportError:
        sm = None
    print(f"{'n':>9} {'p':>3} {'csat fit':>10} {'statsmodels':>12} {'ratio':>7} "
          f"{'exact LMG':>10} {'max |coef diff|':>16}")
    for n in sizes:
        for p in (10, 15, 18, 20, 22):
            x, y = survey(n, p)
            reps = 3 if n <= 10**5 else 1
            t_csat = best(lambda: csat.key_drivers(x, y), reps)
            m = csat.key_drivers(x, y)
            t_lmg = best(lambda: m.importance("lmg"), 1)
            if sm is not None:
                design = sm.add_constant(x)
                t_sm = best(lambda: sm.OLS(y, design).fit(), reps)
                diff = np.max(np.abs(sm.OLS(y, design).fit().params - m.coef))
                print(f"{n:>9} {p:>3} {1e3 * t_csat:>8.1f}ms {1e3 * t_sm:>10.1f}ms "
                      f"{t_sm / t_csat:>6.2f}x {t_lmg:>9.3f}s {diff:>16.2e}")
            else:
                print(f"{n:>9} {p:>3} {1e3 * t_csat:>8.1f}ms {'n/a':>12} {'':>7} "
                      f"{t_lmg:>9.3f}s")


if __name__ == "__main__":
    main(sizes([2000, 10**6]))
