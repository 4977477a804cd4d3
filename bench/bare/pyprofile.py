"""Runs the generated FastAPI app (`python -m app`, cwd = the project), or the
bare app (a script path as second argument), under
cProfile and writes a JSON summary when it stops (SIGTERM). The profiler is
switched on by SIGUSR1, once the app is up, so start-up does not count."""

import cProfile
import json
import os
import runpy
import signal
import sys

out = sys.argv[1]
script = sys.argv[2] if len(sys.argv) > 2 else None
sys.argv = [script or sys.argv[0]]
sys.path.insert(0, os.getcwd())
profiler = cProfile.Profile()
signal.signal(signal.SIGUSR1, lambda *_: profiler.enable())
try:
    if script:
        runpy.run_path(script, run_name="__main__")
    else:
        runpy.run_module("app", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
finally:
    profiler.disable()
    profiler.create_stats()
    rows = []
    for (filename, line, func), (cc, nc, tt, ct, callers) in profiler.stats.items():
        rows.append({"file": filename, "line": line, "func": func, "calls": nc, "tottime": tt, "cumtime": ct})
    with open(out, "w") as handle:
        json.dump({"cwd": os.getcwd(), "rows": rows}, handle)
