"""The GIL is released around C calls: threads run in parallel and get the
same answers as one thread."""

import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np

import csat
from conftest import assert_results_equal

BIG = np.tile(np.arange(11.0), 200_000)


def test_threads_get_the_single_thread_answer():
    ref = csat.nps(BIG)
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: csat.nps(BIG), range(32)))
    for r in results:
        assert_results_equal(r, ref)


def test_tallies_filled_in_threads_merge_to_one_pass():
    chunks = np.array_split(BIG, 8)
    with ThreadPoolExecutor(8) as pool:
        tallies = list(pool.map(lambda c: csat.Tally().add(c), chunks))
    assert sum(tallies) == csat.Tally().add(BIG)


def test_other_threads_run_during_a_call():
    # With a switch interval of 1000 s a thread keeps the GIL unless it
    # releases it itself. The main thread, waiting for the GIL, gets it back
    # while the worker is inside its first C call only if that call releases
    # the GIL; otherwise only when the worker has finished all its calls.
    progress = []

    # Enough calls (about 0.1 s) that a main thread descheduled on a busy
    # machine still wakes while the worker is inside one of them.
    def worker():
        for k in range(200):
            progress.append(k)
            csat.nps(BIG)
        progress.append("done")

    old = sys.getswitchinterval()
    sys.setswitchinterval(1000)
    try:
        t = threading.Thread(target=worker)
        t.start()
        while not progress:
            time.sleep(0)
        time.sleep(0)
        seen = list(progress)
    finally:
        sys.setswitchinterval(old)
    t.join()
    assert "done" not in seen, seen
