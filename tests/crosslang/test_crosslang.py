"""C, Python and Lua give bit-identical numbers on the same data.

Runs the C program and the Lua script (paths as arguments), computes the
same scores through the Python package and compares every value exactly.
An optional last argument, a key-driver data file (drivers.txt), adds a
key-driver model: coefficients, statistics, importance, dominance,
bootstrap, IPA and the fit from a merged accumulator.
"""
import math
import pathlib
import subprocess
import sys

import numpy as np

import csat


def parse(text):
    out = {}
    for line in text.splitlines():
        name, value = line.split()
        out[name] = float.fromhex(value)
    return out


def python_scores(x, w):
    out = {}
    r = csat.nps(x)
    out.update({"nps.score": r.score, "nps.se": r.se, "nps.lo": r.ci[0], "nps.hi": r.ci[1]})
    r = csat.nps(x, w)
    out.update({"npsw.score": r.score, "npsw.se": r.se, "npsw.lo": r.ci[0], "npsw.hi": r.ci[1]})
    r = csat.nps(x, w, method="adjusted-wald")
    out.update({"npsa.se": r.se, "npsa.lo": r.ci[0], "npsa.hi": r.ci[1]})
    r = csat.csat(x, w, scale=(0, 10), satisfied_min=9, level=0.9)
    out.update({"csat.score": r.score, "csat.se": r.se, "csat.lo": r.ci[0], "csat.hi": r.ci[1]})
    r = csat.top_box(x, 2, scale=(0, 10))
    out.update({"top2.score": r.score, "top2.lo": r.ci[0], "top2.hi": r.ci[1]})
    r = csat.mean_score(x, w)
    out.update({"mean.score": r.score, "mean.sd": r.sd, "mean.se": r.se,
                "mean.lo": r.ci[0], "mean.hi": r.ci[1]})
    r = csat.ces(x, scale=(0, 10), low_effort_min=7)
    out.update({"ces.mean": r.effort.score, "ces.se": r.effort.se,
                "ces.low": r.low_effort.score})
    return out


QUADRANT_CODES = {"concentrate here": 0, "keep up the good work": 1, "low priority": 2,
                  "possible overkill": 3}


def python_drivers(path):
    data = np.loadtxt(path, comments="#")
    x, y, w = np.ascontiguousarray(data[:, :4]), data[:, 4], data[:, 5]
    out = {}

    def outs(name, values):
        out.update({f"{name}{j}": float(v) for j, v in enumerate(values)})

    m = csat.key_drivers(x, y, w)
    for name in ("r2", "adj_r2", "sigma", "f", "f_p", "condition", "n_effective"):
        out[f"kd.{name}"] = getattr(m, name)
    outs("kd.coef", m.coef), outs("kd.se", m.se), outs("kd.t", m.t), outs("kd.p", m.p)
    outs("kd.lo", m.ci[:, 0]), outs("kd.hi", m.ci[:, 1])
    outs("kd.beta", m.beta), outs("kd.vif", m.vif), outs("kd.r", m.r)
    outs("kd.mean", m.means), outs("kd.sd", m.sds)
    for method, name in (("first", "first"), ("last", "last"), ("beta2", "beta2"),
                         ("pratt", "pratt"), ("lmg", "lmg"), ("relative_weights", "rw")):
        outs(f"kd.{name}", m.importance(method))
    outs("kd.mc", m.importance("lmg", exact_max=2, permutations=2000, seed=9))
    outs("kd.mc_se", m.importance_se("lmg", exact_max=2, permutations=2000, seed=9))
    d = m.dominance()
    outs("kd.cond", d.conditional.ravel()), outs("kd.comp", d.complete.ravel())
    lo, hi = m.bootstrap("lmg", reps=200, level=0.9, seed=3)
    outs("kd.boot_lo", lo), outs("kd.boot_hi", hi)
    ipa = m.ipa("lmg")
    quadrants = ipa["quadrant"] if isinstance(ipa, dict) else list(ipa["quadrant"])
    outs("kd.ipa", [QUADRANT_CODES[q] for q in quadrants])
    half = len(y) // 2
    acc = csat.XProd(4).add(x[:half], y[:half], w[:half])
    acc.merge(csat.XProd(4).add(x[half:], y[half:], w[half:]))
    mx = csat.key_drivers_from(acc)
    outs("kd.xprod_coef", mx.coef), outs("kd.xprod_lmg", mx.importance("lmg"))
    return out


def main(c_program, lua, lua_script, data, drivers=None):
    rows = [line.split() for line in pathlib.Path(data).read_text().splitlines()
            if line and not line.startswith("#")]
    x = np.array([float(a) for a, _ in rows])
    w = np.array([float(b) for _, b in rows])
    py = python_scores(x, w)
    extra = [drivers] if drivers else []
    if drivers:
        py.update(python_drivers(drivers))
    c = parse(subprocess.run([c_program, data] + extra, check=True, capture_output=True,
                             text=True).stdout)
    lu = parse(subprocess.run([lua, lua_script, data] + extra, check=True,
                              capture_output=True, text=True).stdout)
    failed = 0
    for name, value in py.items():
        for lang, other in (("C", c), ("Lua", lu)):
            if name not in other or not (other[name] == value or
                                         (math.isnan(value) and math.isnan(other[name]))):
                print(f"{name}: Python {value!r} != {lang} {other.get(name)!r}")
                failed += 1
    assert set(c) == set(py) == set(lu), "the three programs report different values"
    if not failed:
        print(f"{len(py)} values identical in C, Python and Lua")
    print(f"{0 if failed else 1} passed, {1 if failed else 0} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
