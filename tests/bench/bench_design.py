"""csat.nps with a survey design against the numpy idiom of the same
linearisation.

Not a test: it prints timings (best of several runs) and their ratios, all
measured in this one run, for n answers (0..10) with weights, P PSUs
nested in H strata:

    d = csat.Design(weights=w, strata=st, clusters=cl)   once per design
    csat.nps(x, design=d)                                 the designed NPS
    numpy: y = 100 (x >= 9) - 100 (x <= 6); ybar = Σwy/Σw;
           z = bincount(cl, w (y - ybar)) / Σw per PSU; centred within strata
           by bincount; var = Σ_h n_h/(n_h - 1) Σ (z - z̄_h)²

and, for reference, the unweighted csat.nps(x, by=cl) pass over the same
answers by PSU. The two give the same SE (checked). Run inside the build
environment:

    meson devenv -C build /usr/bin/python3 "$PWD/tests/bench/bench_design.py" [n ...]
"""
import argparse

import numpy as np

import csat

from timing import best


def numpy_nps(x, w, cl, st_of_psu, psus, strata):
    y = 100.0 * (x >= 9) - 100.0 * (x <= 6)
    W = w.sum()
    ybar = (w * y).sum() / W
    z = np.bincount(cl, weights=w * (y - ybar), minlength=psus) / W
    nh = np.bincount(st_of_psu, minlength=strata)
    zbar = np.bincount(st_of_psu, weights=z, minlength=strata) / nh
    dev = z - zbar[st_of_psu]
    ss = np.bincount(st_of_psu, weights=dev * dev, minlength=strata)
    return ybar, np.sqrt((nh / (nh - 1) * ss).sum())


def main(sizes, psus, strata):
    rng = np.random.default_rng(1)
    print(f"{psus} PSUs in {strata} strata; times are the best of several runs")
    print(f"{'n':>10} {'Design()':>9} {'csat design':>12} {'numpy idiom':>12} "
          f"{'idiom/csat':>11} {'csat by PSU':>12} {'design/by':>10}")
    for n in sizes:
        x = rng.integers(0, 11, size=n).astype(np.float64)
        cl = rng.integers(0, psus, size=n).astype(np.int32)
        st_of_psu = (np.arange(psus) % strata).astype(np.int32)
        st = st_of_psu[cl]
        w = 0.5 + rng.integers(0, 8, size=n) / 4
        reps = 5

        t_create = best(lambda: csat.Design(weights=w, strata=st, clusters=cl), 3)
        d = csat.Design(weights=w, strata=st, clusters=cl)
        r = csat.nps(x, design=d)
        est, se = numpy_nps(x, w, cl, st_of_psu, psus, strata)
        assert abs(r.score - est) < 1e-9 and abs(r.se - se) < 1e-9 * se

        t_csat = best(lambda: csat.nps(x, design=d), reps)
        t_np = best(lambda: numpy_nps(x, w, cl, st_of_psu, psus, strata), reps)
        t_by = best(lambda: csat.nps(x, by=cl), reps)
        print(f"{n:>10} {t_create * 1e3:>7.1f}ms {t_csat * 1e3:>10.1f}ms {t_np * 1e3:>10.1f}ms "
              f"{t_np / t_csat:>10.1f}x {t_by * 1e3:>10.1f}ms {t_csat / t_by:>9.2f}x")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=float, default=[1e6, 1e7])
    ap.add_argument("--psus", type=int, default=10000)
    ap.add_argument("--strata", type=int, default=100)
    a = ap.parse_args()
    main([int(s) for s in a.sizes], a.psus, a.strata)
