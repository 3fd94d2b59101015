"""Kaplan–Meier at continuous times: csat.survival against statsmodels'
SurvfuncRight on the same durations, in one run.

Not a test: it prints timings (best of several runs) and their ratios. Three
csat figures: the fit alone as the C library does it (the extension's
survival_fit call: sorting, the curve, its intervals; the durations are
passed without a copy), the whole csat.survival call (the fit and the
curve's conversion to numpy arrays), and statsmodels' fit. Run inside the
build environment:

    meson devenv -C build /usr/bin/python3 "$PWD/tests/bench/bench_survival.py" [n ...]
"""

import numpy as np
from statsmodels.duration.survfunc import SurvfuncRight

import csat
from csat import _core

from timing import best, sizes


def main(sizes):
    rng = np.random.default_rng(1)
    print(f"{'n':>9} {'C fit':>9} {'csat.survival':>14} {'statsmodels':>12} "
          f"{'sm/C fit':>9} {'sm/python':>10}")
    for n in sizes:
        t = rng.exponential(30.0, size=n)           # continuous: every time distinct
        e = (rng.uniform(size=n) < 0.7).astype(np.float64)
        reps = 5
        opt = csat._options.business(level=None)
        # The same curve both ways: the benchmark compares equal work.
        sm = SurvfuncRight(t, e)
        s = csat.survival(t, e)
        assert len(s.time) == len(sm.surv_times)
        assert np.allclose(s.survival, sm.surv_prob, rtol=1e-12, atol=0)
        t_c = best(lambda: _core.survival_fit(t, e, opt), reps)
        t_py = best(lambda: csat.survival(t, e), reps)
        t_sm = best(lambda: SurvfuncRight(t, e), reps)
        print(f"{n:>9} {1e3 * t_c:>7.1f}ms {1e3 * t_py:>12.1f}ms {1e3 * t_sm:>10.1f}ms "
              f"{t_sm / t_c:>8.2f}x {t_sm / t_py:>9.2f}x")


if __name__ == "__main__":
    main(sizes([10**5, 10**6]))
