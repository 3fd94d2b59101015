"""The cross-product accumulator (csat.XProd.add: weighted means and
centred co-moments of the drivers and the outcome) against OpenBLAS
`Z.T @ Z` on the same data, centred beforehand (numpy computes no means and
no centring in the timed part, and is free to use every core).

Not a test: it prints timings (best of several runs) and their ratio, all
measured in this one run; GFLOP/s count 2·n·k² for k = p + 1 columns, the
work of the full product. Run inside the build environment:

    meson devenv -C build /usr/bin/python3 "$PWD/tests/bench/bench_xprod.py" [n] [p ...]

Which BLAS numpy uses: `update-alternatives --display
libblas.so.3-x86_64-linux-gnu`; OPENBLAS_NUM_THREADS=1 limits it to one
core as the accumulator is.
"""
import sys

import numpy as np

import csat

from timing import best


def main(n, ps):
    rng = np.random.default_rng(1)
    print(f"{'n':>9} {'p':>3} {'csat':>9} {'Z.T@Z':>9} {'csat GF/s':>10} {'BLAS GF/s':>10} "
          f"{'BLAS/csat':>10}")
    for p in ps:
        k = p + 1
        X = rng.integers(1, 11, size=(n, p)).astype(np.float64) + rng.normal(size=(n, p))
        y = X @ rng.uniform(0, 1, size=p) + rng.normal(size=n)
        w = rng.uniform(0.5, 2.0, size=n)
        Z = np.column_stack([X, y])
        Z -= Z.mean(axis=0)
        reps = 5

        def acc():
            return csat.XProd(p).add(X, y)

        t_csat = best(acc, reps)
        t_blas = best(lambda: Z.T @ Z, reps)
        t_w = best(lambda: csat.XProd(p).add(X, y, weights=w), reps)
        flops = 2.0 * n * k * k
        print(f"{n:>9} {p:>3} {1e3 * t_csat:>7.1f}ms {1e3 * t_blas:>7.1f}ms "
              f"{flops / t_csat / 1e9:>10.2f} {flops / t_blas / 1e9:>10.2f} "
              f"{t_blas / t_csat:>9.2f}x   (weighted: {1e3 * t_w:.1f} ms, "
              f"{t_blas / t_w:.2f}x)")


if __name__ == "__main__":
    args = [int(float(v)) for v in sys.argv[1:]]
    main(args[0] if args else 10**6, args[1:] or [5, 10, 20])
