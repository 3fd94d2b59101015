"""Long computations from Python: Ctrl-C, progress, threads, the cost
before the work, and one computation per question.

- Ctrl-C (SIGINT) stops a long bootstrap, Monte Carlo LMG or dominance
  within 0.5 s with KeyboardInterrupt, with or without a progress bar: the
  library calls the binding's progress function about ten times a second,
  and it runs Python's signal handlers (a child process is interrupted
  while it works).
- progress=True draws a bar (tqdm when installed, a stderr line with the
  time left otherwise); a callable receives (done, total): done starts at
  0, never decreases and ends at total, which is what cost() said.
- What the callable raises stops the computation and is raised from the
  call; the model is unharmed and gives the same numbers afterwards.
- threads = 1, 2, 4 and 0 give the same numbers, bit for bit.
- Work estimated above a minute warns first (csat.LongWorkWarning) with the
  faster alternative; the warning comes before any work.
- importance, importance_se, shares and ipa of one question compute it
  once; the cached values equal a fresh computation.
"""

import os
import selectors
import signal
import subprocess
import sys
import textwrap
import threading
import time
import warnings

import numpy as np
import pytest

import csat
from csat import _progress

INTERRUPT_BOUND = 0.5   # seconds from SIGINT to KeyboardInterrupt, the bound


def model(p=8, n=300, seed=5, labelled=False):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p))
    y = X @ rng.normal(size=p) + rng.normal(size=n)
    if labelled:
        pd = pytest.importorskip("pandas")
        X = pd.DataFrame(X, columns=[f"d{j}" for j in range(p)])
    return csat.key_drivers(X, y)


# Ctrl-C ----------------------------------------------------------------------

CHILD = textwrap.dedent("""
    import sys, warnings
    import numpy as np
    import csat
    warnings.simplefilter("ignore")
    rng = np.random.default_rng(1)
    X = rng.normal(size=(1000, 24))     # 2^24 subsets: seconds even for dominance
    m = csat.key_drivers(X, X @ rng.normal(size=24) + rng.normal(size=1000))
    work = {
        "bootstrap": lambda progress: m.bootstrap("lmg", reps=1000, progress=progress),
        "montecarlo": lambda progress: m.importance("lmg", exact_max=5,
                                                    permutations=10_000_000,
                                                    progress=progress),
        "dominance": lambda progress: m.dominance(progress=progress),
    }[sys.argv[1]]
    progress = {"none": False, "bar": True, "callable": lambda done, total: None}[sys.argv[2]]
    print("ready", flush=True)
    try:
        work(progress)
        print("finished", flush=True)
    except KeyboardInterrupt:
        print("interrupted", flush=True)
""")


def interrupt_child(what, progress, wait=1.0):
    """Seconds from SIGINT to the child's KeyboardInterrupt, and its output."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    child = subprocess.Popen([sys.executable, "-c", CHILD, what, progress],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True, env=env)
    try:
        assert child.stdout.readline().strip() == "ready"
        time.sleep(wait)                     # well inside the computation
        start = time.monotonic()
        child.send_signal(signal.SIGINT)
        sel = selectors.DefaultSelector()
        sel.register(child.stdout, selectors.EVENT_READ)
        line = ""
        if sel.select(timeout=30):
            line = child.stdout.readline().strip()
        elapsed = time.monotonic() - start
        assert child.wait(timeout=30) == 0   # threads joined, exited normally
        return elapsed, line
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


@pytest.mark.parametrize("what,progress", [
    ("bootstrap", "none"), ("bootstrap", "bar"), ("montecarlo", "callable"),
    ("dominance", "none"),
])
def test_ctrl_c_stops_a_long_computation_within_the_bound(what, progress):
    for _ in range(3):
        elapsed, line = interrupt_child(what, progress)
        # Retried: a busy machine can stall a process for a moment.
        if line != "interrupted" or elapsed < INTERRUPT_BOUND:
            break
    assert line == "interrupted"
    assert elapsed < INTERRUPT_BOUND, f"KeyboardInterrupt after {elapsed:.3f} s"


# Progress --------------------------------------------------------------------

@pytest.mark.parametrize("call,method,opts", [
    ("importance", "lmg", {}),
    ("importance", "lmg", {"exact_max": 4, "permutations": 50_000}),
    ("bootstrap", "relative_weights", {"reps": 200}),
    ("bootstrap", "lmg", {"reps": 50}),
])
def test_progress_is_monotone_and_ends_at_the_cost(call, method, opts):
    m = model(p=12)
    seen = []
    getattr(m, call)(method, progress=lambda d, t: seen.append((d, t)), **opts)
    cost = m.cost(method, bootstrap=call == "bootstrap", **opts)
    done = [d for d, _ in seen]
    assert seen and done[0] == 0
    assert all(a <= b for a, b in zip(done, done[1:]))
    assert {t for _, t in seen} == {cost["units"]}
    assert done[-1] == cost["units"]
    # A bounded number of calls: at most one per 1/1024 of the work plus
    # about ten a second (these computations take well under a second).
    assert len(seen) <= 1024 + 2 + 50


def test_dominance_progress_counts_subsets_and_comparisons():
    m = model(p=10)
    seen = []
    d = m.dominance(progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (2 * 2**10, 2 * 2**10)
    assert np.array_equal(np.asarray(d.general), m.importance("lmg"))


def test_progress_bar_without_tqdm_is_a_stderr_line_with_the_time_left(monkeypatch, capsys):
    monkeypatch.setattr(_progress, "_tqdm_auto", None)
    times = iter(np.arange(0.0, 100.0, 0.5))
    monkeypatch.setattr(_progress.time, "monotonic", lambda: float(next(times)))
    m = model(p=14)
    m.importance("lmg", progress=True)
    err = capsys.readouterr().err
    lines = err.split("\r")
    assert err.endswith("\n")
    assert "importance lmg" in err and "%" in err
    assert any("left" in line for line in lines)
    assert lines[-1].strip().startswith("importance lmg: 100.0 %")


def test_progress_bar_with_tqdm(capsys):
    pytest.importorskip("tqdm")
    m = model(p=14)
    m.bootstrap("relative_weights", reps=300, progress=True)
    err = capsys.readouterr().err
    assert "bootstrap relative_weights" in err and "100%" in err


def test_progress_must_be_a_flag_or_callable():
    m = model()
    with pytest.raises(TypeError, match="progress must be"):
        m.importance("lmg", progress="yes")
    with pytest.raises(TypeError, match="progress must be"):
        m.bootstrap("lmg", reps=10, progress=3)


def test_an_error_raised_by_progress_stops_and_leaves_the_model_unharmed():
    m = model(p=12)
    before = m.bootstrap("lmg", reps=40, seed=9)

    class Stop(Exception):
        pass

    calls = []

    def stop_halfway(done, total):
        calls.append(done)
        if done >= total // 2:
            raise Stop(done)

    with pytest.raises(Stop):
        m.bootstrap("lmg", reps=40, seed=9, progress=stop_halfway)
    assert calls[-1] < 40 * 2**12            # stopped before the end
    with pytest.raises(Stop):
        m.dominance(progress=stop_halfway)
    with pytest.raises(Stop):
        m.importance("lmg", exact_max=3, permutations=100_000, seed=4,
                     progress=stop_halfway)
    # Nothing was cached by the cancelled call, and the next one is whole.
    after = m.bootstrap("lmg", reps=40, seed=9)
    assert np.array_equal(before.lower, after.lower)
    assert np.array_equal(before.upper, after.upper)
    mc = m.importance("lmg", exact_max=3, permutations=100_000, seed=4)
    assert np.isclose(mc.sum(), m.r2, rtol=1e-12)


# Threads ---------------------------------------------------------------------

def test_the_gil_is_released_while_the_library_works():
    # The main thread spins while a worker computes a Monte Carlo LMG. Had
    # the call kept the GIL, the main thread could not run until it ended,
    # and would see the worker's progress list only empty and then full;
    # released, it sees it grow report by report.
    m = model(p=18)
    seen = []
    worker = threading.Thread(target=lambda: m.importance(
        "lmg", exact_max=3, permutations=300_000, threads=1,
        progress=lambda done, total: seen.append(done)))
    worker.start()
    observed = set()
    while worker.is_alive():
        observed.add(len(seen))
    worker.join()
    assert len(seen) > 10
    assert len(observed) >= 5, f"the main thread saw {sorted(observed)}"


def test_every_thread_count_gives_the_same_numbers():
    m = model(p=15)
    ref_i = model(p=15).importance("lmg", threads=1)
    ref_mc = model(p=15).importance("lmg", exact_max=3, permutations=30_000, threads=1)
    ref_b = m.bootstrap("lmg", reps=30, threads=1)
    ref_d = m.dominance(threads=1)
    for threads in (2, 4, 0):
        fresh = model(p=15)             # no cache between the counts
        assert np.array_equal(fresh.importance("lmg", threads=threads), ref_i)
        assert np.array_equal(
            fresh.importance("lmg", exact_max=3, permutations=30_000, threads=threads), ref_mc)
        b = m.bootstrap("lmg", reps=30, threads=threads)
        assert np.array_equal(b.lower, ref_b.lower) and np.array_equal(b.upper, ref_b.upper)
        d = m.dominance(threads=threads)
        assert np.array_equal(d.conditional, ref_d.conditional)
        assert np.array_equal(d.complete, ref_d.complete)


def test_threads_must_be_a_count():
    m = model()
    with pytest.raises(ValueError, match="threads"):
        m.importance("lmg", threads=-1)
    with pytest.raises(ValueError, match="threads"):
        m.bootstrap("lmg", reps=10, threads=2**32)
    with pytest.raises(TypeError):
        m.dominance(threads=1.5)


# The cost before the work ------------------------------------------------------

def test_cost_counts_the_work_units():
    m = model(p=12)
    exact = m.cost("lmg")
    assert exact["units"] == 2**12 and exact["exact"]
    # Per subset: one sweep step of the 13 × 13 matrix and 12 sums (work.h's
    # count, 2p(p + 1) + p).
    assert exact["flops"] == 2**12 * (2 * 12 * 13 + 12)
    assert exact["unit_flops"] == 2 * 12 * 13 + 12
    mc = m.cost("lmg", exact_max=4, permutations=1000)
    assert mc["units"] == 1000 and not mc["exact"]
    boot = m.cost("lmg", bootstrap=True, reps=200)
    assert boot["units"] == 200 * 2**12
    assert m.cost("pratt")["units"] == 1
    assert boot["seconds"] > exact["seconds"] > 0
    assert m.cost("lmg", threads=1)["seconds"] >= m.cost("lmg", threads=2)["seconds"]
    with pytest.raises(ValueError, match="exact_max"):
        m.cost("lmg", exact_max=31)
    with pytest.raises(ValueError, match="reps"):
        m.cost("lmg", bootstrap=True, reps=1)


def test_work_above_a_minute_warns_before_it_starts():
    # An exact LMG of 28 drivers on one thread: 2^28 subsets of 2p(p + 1) + p
    # = 1652 operations, 4.4e11, about 90 s at 5 GFLOP/s.
    m = model(p=28, n=200)
    with warnings.catch_warnings():
        warnings.simplefilter("error", csat.LongWorkWarning)
        start = time.monotonic()
        with pytest.raises(csat.LongWorkWarning) as info:
            m.importance("lmg", exact_max=28, threads=1)
        assert time.monotonic() - start < 5  # raised before the 2^28 subsets
        text = str(info.value)
        assert "exact_max=27" in text and "Monte Carlo" in text and "importance_se" in text
        # 1000 replicates of an exact LMG of 20 drivers: 2^20 · 860 each, 9e11.
        with pytest.raises(csat.LongWorkWarning, match="bootstrap"):
            model(p=20, n=200).bootstrap("lmg", reps=1000, threads=1)
        model(p=10).importance("lmg")   # short work: no warning
        model(p=10).bootstrap("lmg", reps=100)


def test_the_warning_points_at_the_callers_line():
    m = model(p=28, n=200)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        with pytest.raises(KeyboardInterrupt):
            m.importance("lmg", exact_max=28, threads=1,
                         progress=lambda d, t: (_ for _ in ()).throw(KeyboardInterrupt))
    assert seen and seen[0].filename == __file__


# One computation per question ---------------------------------------------------

def test_importance_is_cached_across_methods_and_equals_a_fresh_computation():
    m = model(p=14, labelled=True)
    calls = []
    v = m.importance("lmg", progress=lambda d, t: calls.append(d))
    n_calls = len(calls)
    m.importance_se("lmg", progress=lambda d, t: calls.append(d))
    m.shares("lmg", threads=1, progress=lambda d, t: calls.append(d))
    m.ipa("lmg", progress=lambda d, t: calls.append(d))
    assert len(calls) == n_calls           # nothing computed again
    fresh = model(p=14, labelled=True).importance("lmg", threads=1)
    assert np.array_equal(np.asarray(v), np.asarray(fresh))
