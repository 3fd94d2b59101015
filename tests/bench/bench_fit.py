"""The key-driver fit with full inference beside its peers, in one run:
csat.key_drivers, statsmodels OLS(...).fit() with its summary statistics,
and R's summary(lm(y ~ .)) (tests/bench/bench_fit.R, through Rscript), on
the same generated survey data; n = 10^4 and 10^6 with p = 20 by default.

Not a test; prints the best of a few timings, the ratios peer ÷ libcsat
(above 1: libcsat is faster), the largest coefficient difference from each
peer, the BLAS that numpy and R use in this run and, with --memory, the
fit's peak extra resident memory and what the model keeps, each measured in
a fresh process. Δb/b and Δse/se are the largest relative differences of
libcsat's coefficients and standard errors from the peer's. Run in the build environment:

    meson devenv -C build /usr/bin/python3 "$PWD/tests/bench/bench_fit.py" \
        [n ...] [--p 20] [--repeats 3] [--memory] [--no-r] [--continuous]
"""
import argparse
import ctypes
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np

import csat

from timing import best

HERE = os.path.dirname(os.path.abspath(__file__))


def survey(n, p, seed=7, continuous=False):
    """Ratings 1..10 sharing a common factor; outcome a weighted sum plus
    noise (as bench_drivers.py). continuous: the ratings jittered by up to
    0.001, so that they are doubles that no float holds exactly (libcsat
    then keeps its copy of the rows in doubles)."""
    rng = np.random.default_rng(seed)
    f = rng.random(n)
    x = np.floor(1 + 9 * (0.6 * f[:, None] + 0.4 * rng.random((n, p))))
    if continuous:
        x += 1e-3 * rng.random((n, p))
    y = x @ ((np.arange(p) % 5 + 1) / 5.0) / p + 2 * rng.random(n)
    return x, y


def csat_fit(x, y):
    # key_drivers reads every statistic of the model when it is built.
    m = csat.key_drivers(x, y)
    return m.coef, m.se, m.t, m.p, m.ci, m.r2, m.adj_r2, m.f, m.f_p


def statsmodels_fit(sm, design, y):
    r = sm.OLS(y, design).fit()
    return (r.params, r.bse, r.tvalues, r.pvalues, r.conf_int(), r.rsquared, r.rsquared_adj,
            r.fvalue, r.f_pvalue)


def loaded_blas():
    """The BLAS and LAPACK libraries mapped into this process."""
    libs = set()
    with open("/proc/self/maps") as f:
        for line in f:
            path = line.split()[-1]
            name = os.path.basename(path)
            if name.startswith(("libblas", "liblapack", "libopenblas", "libblis", "libmkl")):
                libs.add(os.path.realpath(path))
    return sorted(libs) or ["none"]


def run_r(x, y, reps):
    """R's best time and its coefficients and SEs, or None without Rscript."""
    if shutil.which("Rscript") is None:
        return None
    n, p = x.shape
    with tempfile.NamedTemporaryFile(suffix=".bin", delete=False) as f:
        path = f.name
        np.hstack([x, y[:, None]]).astype("<f8").tofile(f)
    try:
        out = subprocess.run(["Rscript", os.path.join(HERE, "bench_fit.R"), path, str(n),
                              str(p), str(reps)], capture_output=True, text=True, check=True)
    finally:
        os.unlink(path)
    res = {}
    for line in out.stdout.splitlines():
        key, _, rest = line.partition(" ")
        res[key] = rest.strip()
    return (float(res["seconds"]), np.array(res["coef"].split(), dtype=float),
            np.array(res["se"].split(), dtype=float), res.get("blas", "unknown"))


def rel_diff(a, b):
    return float(np.max(np.abs(np.asarray(a) - np.asarray(b)) / np.maximum(np.abs(b), 1e-300)))


class MallInfo2(ctypes.Structure):
    _fields_ = [(f, ctypes.c_size_t) for f in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
                 "uordblks", "fordblks", "keepcost")]


def memory_child(n, p, continuous):
    """In a fresh process: peak extra resident memory of one fit over the
    resident size with the data in memory, and the bytes the model keeps
    (malloc'd, mmap'd blocks included) while it lives."""
    libc = ctypes.CDLL("libc.so.6")
    libc.mallinfo2.restype = MallInfo2

    def in_use():
        mi = libc.mallinfo2()
        return mi.uordblks + mi.hblkhd

    def status(key):
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) * 1024
        return 0

    x, y = survey(n, p, continuous=bool(continuous))
    csat.key_drivers(x[:1000], y[:1000])  # load everything the fit touches
    data = x.nbytes + y.nbytes
    before_rss = status("VmRSS")
    before_heap = in_use()
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # resets VmHWM to the current resident size
    m = csat.key_drivers(x, y)
    peak = status("VmHWM") - before_rss
    kept = in_use() - before_heap
    del m
    after = in_use() - before_heap
    mib = 1 << 20
    print(f"{n:>9} {p:>3} {data / mib:>9.1f} {peak / mib:>15.1f} {peak / data:>6.2f}x "
          f"{kept / mib:>12.1f} {after / mib:>12.1f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sizes", nargs="*", type=float, default=[1e4, 1e6])
    ap.add_argument("--p", type=int, default=20)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--memory", action="store_true", help="also measure memory")
    ap.add_argument("--no-r", action="store_true", help="leave R out")
    ap.add_argument("--continuous", action="store_true",
                    help="drivers that are not floats exactly (jittered ratings)")
    ap.add_argument("--memory-child", nargs=3, type=int, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.memory_child:
        memory_child(*a.memory_child)
        return
    import statsmodels.api as sm

    p = a.p
    print(f"{'n':>9} {'p':>3} {'csat':>9} {'statsmodels':>11} {'R lm':>9} "
          f"{'sm/csat':>8} {'R/csat':>7} {'Δb/b sm':>9} {'Δb/b R':>9} {'Δse/se R':>9}")
    r_blas = None
    for size in a.sizes:
        n = int(size)
        reps = 10 * a.repeats if n <= 10**5 else a.repeats
        x, y = survey(n, p, continuous=a.continuous)
        design = sm.add_constant(x)  # built outside the timing: the peer's head start
        t_csat = best(lambda: csat_fit(x, y), reps)
        t_sm = best(lambda: statsmodels_fit(sm, design, y), reps)
        m = csat.key_drivers(x, y)
        r = sm.OLS(y, design).fit()
        d_sm = rel_diff(m.coef, r.params)
        del r, design
        rr = None if a.no_r else run_r(x, y, reps)
        if rr is not None:
            t_r, b_r, se_r, r_blas = rr
            r_time, r_ratio = f"{t_r:>8.3f}s", f"{t_r / t_csat:>6.2f}x"
            r_diff = f"{rel_diff(m.coef, b_r):>9.1e} {rel_diff(m.se, se_r):>9.1e}"
        else:
            r_time, r_ratio, r_diff = f"{'n/a':>9}", f"{'':>7}", f"{'':>9} {'':>9}"
        print(f"{n:>9} {p:>3} {t_csat:>8.3f}s {t_sm:>10.3f}s {r_time} "
              f"{t_sm / t_csat:>7.2f}x {r_ratio} {d_sm:>9.1e} {r_diff}", flush=True)
        del m, x, y
    print("numpy/statsmodels BLAS:", ", ".join(loaded_blas()))
    if r_blas is not None:
        print("R BLAS:", r_blas)
    print(f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'unset')}, "
          f"{os.cpu_count()} CPUs; libcsat's fit runs on one thread")
    if a.memory:
        print(f"\n{'n':>9} {'p':>3} {'data MiB':>9} {'peak extra MiB':>15} {'':>7} "
              f"{'kept MiB':>12} {'after free':>12}")
        for size in a.sizes:
            subprocess.run([sys.executable, os.path.abspath(__file__), "--memory-child",
                            str(int(size)), str(p), str(int(a.continuous))], check=True)


if __name__ == "__main__":
    main()
