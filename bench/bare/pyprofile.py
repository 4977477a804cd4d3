"""Runs the generated FastAPI app (`python -m app`, cwd = the project), or the
bare app (a script path as second argument), under
cProfile and writes a JSON summary when it stops (SIGTERM). The profiler is
switched on by SIGUSR1, once the app is up, so start-up does not count.

cProfile sees only the thread it is enabled in, and FastAPI runs plain `def`
handlers and dependencies in a pool of worker threads: every thread gets a
profiler of its own, switched on by its first call after SIGUSR1, and the
rows of all of them are added up."""

import cProfile
import json
import os
import runpy
import signal
import sys
import threading

out = sys.argv[1]
script = sys.argv[2] if len(sys.argv) > 2 else None
sys.argv = [script or sys.argv[0]]
sys.path.insert(0, os.getcwd())
profiler = cProfile.Profile()
profilers = [profiler]
switched_on = threading.Event()


def profile_this_thread(*_):
    # Until SIGUSR1, this hook only returns; after it, its first call in a
    # thread replaces it there with that thread's own cProfile profiler.
    if switched_on.is_set():
        thread_profiler = cProfile.Profile()
        profilers.append(thread_profiler)
        thread_profiler.enable()


def switch_on(*_):
    switched_on.set()
    profiler.enable()


# Every thread started from here on, which is all of them: the app and its
# worker pool start below.
threading.setprofile(profile_this_thread)
signal.signal(signal.SIGUSR1, switch_on)
try:
    if script:
        runpy.run_path(script, run_name="__main__")
    else:
        runpy.run_module("app", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
finally:
    profiler.disable()
    totals = {}
    for each in profilers:
        # snapshot_stats reads a profiler without disabling it: disable() acts
        # on the calling thread, not on the thread the profiler belongs to.
        each.snapshot_stats()
        for where, (cc, nc, tt, ct, callers) in each.stats.items():
            calls, tottime, cumtime = totals.get(where, (0, 0.0, 0.0))
            totals[where] = (calls + nc, tottime + tt, cumtime + ct)
    rows = []
    for (filename, line, func), (nc, tt, ct) in totals.items():
        rows.append({"file": filename, "line": line, "func": func, "calls": nc, "tottime": tt, "cumtime": ct})
    with open(out, "w") as handle:
        json.dump({"cwd": os.getcwd(), "rows": rows}, handle)
